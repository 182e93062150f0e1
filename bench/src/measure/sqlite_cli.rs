//! The yardstick: the coverage matrix's aggregate SQL (the text `coverage_counts` runs in
//! crates/amity-store/src/activities/figures.rs, with its bind values written in) timed by the
//! `sqlite3` command-line shell on the same file, `.timer on`, output to /dev/null.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::NaiveDate;

/// Exactly the aggregate `Tx::coverage` runs (from the store's own text), with the period
/// written in, so the shell and Amity run the same SQL.
pub fn coverage_sql(from: NaiveDate, to: NaiveDate, field_ids: &[i64]) -> String {
    let day = |d: NaiveDate| format!("'{}'", d.format("%Y-%m-%d"));
    format!("{};", amity_store::Tx::coverage_sql(field_ids).replace("$1", &day(from)).replace("$2", &day(to)))
}

/// The shell's version line when `bin` runs, else `None`.
pub fn version(bin: &str) -> Option<String> {
    let out = Command::new(bin).arg("--version").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap_or("").to_string())
}

/// Runs `sql` `iterations + 1` times in one `sqlite3` process on `file` and returns the "real"
/// time of each run but the first (which warms the shell's page cache, as the pool's warm-up does).
pub fn time(bin: &str, file: &Path, sql: &str, iterations: usize) -> Result<Vec<Duration>, String> {
    let mut script = String::from(".timer on\n.output /dev/null\n");
    for _ in 0..=iterations {
        script.push_str(sql);
        script.push('\n');
    }
    let mut child = Command::new(bin)
        .arg("-readonly")
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {bin}: {e}"))?;
    child.stdin.take().ok_or("no stdin")?.write_all(script.as_bytes()).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("{bin} failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    let times = parse(&String::from_utf8_lossy(&out.stdout));
    if times.len() != iterations + 1 {
        return Err(format!("expected {} timer lines from {bin}, got {}", iterations + 1, times.len()));
    }
    Ok(times.into_iter().skip(1).collect())
}

/// The "real" seconds of each `Run Time:` line.
fn parse(stdout: &str) -> Vec<Duration> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("Run Time: real "))
        .filter_map(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
        .map(Duration::from_secs_f64)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timer_lines_are_read() {
        let out = "Run Time: real 0.123 user 0.100000 sys 0.010000\nnoise\nRun Time: real 0.004 user 0 sys 0\n";
        assert_eq!(parse(out), vec![Duration::from_millis(123), Duration::from_millis(4)]);
    }

    #[test]
    fn the_period_is_written_into_the_sql() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
        let sql = coverage_sql(day("2025-06-30"), day("2026-06-30"), &[1, 2]);
        // Partial dates count by overlap: the period's first day is cut to each date's precision.
        assert!(sql.contains("a.start_day <= '2026-06-30' AND COALESCE(a.end_on, a.start_on) >= SUBSTR('2025-06-30', 1,"), "{sql}");
    }
}
