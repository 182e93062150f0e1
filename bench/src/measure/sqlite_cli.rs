//! The yardstick: the coverage matrix's aggregate SQL (the text `coverage_counts` runs in
//! crates/amity-store/src/activities/figures.rs, with its bind values written in) timed by the
//! `sqlite3` command-line shell on the same file, `.timer on`, output to /dev/null — with the
//! same page cache and memory map Amity's connections use (`amity_store::SQLITE_CACHE_SIZE`,
//! `SQLITE_MMAP_SIZE`), so that the comparison is of equals.

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

/// The shell's times: the first run after opening the file (cold: its page cache empty) and the
/// runs after it (warm).
#[derive(Debug, Clone)]
pub struct ShellRuns {
    pub cold: Duration,
    pub warm: Vec<Duration>,
}

/// The settings Amity's SQLite connections open with, for the shell (before its timer starts).
pub fn pragmas() -> String {
    format!("PRAGMA cache_size = {};\nPRAGMA mmap_size = {};\n", amity_store::SQLITE_CACHE_SIZE, amity_store::SQLITE_MMAP_SIZE)
}

/// Runs `sql` `iterations + 1` times in one `sqlite3` process on `file`, with Amity's pragmas, and
/// returns the "real" time of the first run (cold) and of the others (warm).
pub fn time(bin: &str, file: &Path, sql: &str, iterations: usize) -> Result<ShellRuns, String> {
    let mut script = String::from(".output /dev/null\n");
    script.push_str(&pragmas());
    script.push_str(".timer on\n");
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
    let mut times = times.into_iter();
    let cold = times.next().unwrap_or_default();
    Ok(ShellRuns { cold, warm: times.collect() })
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
    fn the_shell_gets_amitys_cache_and_memory_map() {
        assert_eq!(pragmas(), "PRAGMA cache_size = -65536;\nPRAGMA mmap_size = 268435456;\n");
    }

    #[test]
    fn the_period_is_written_into_the_sql() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
        let sql = coverage_sql(day("2025-06-30"), day("2026-06-30"), &[1, 2]);
        // Activities count by overlap: started by the period's end, ended by its start.
        assert!(sql.contains("a.start_day <= '2026-06-30' AND a.end_day >= '2025-06-30'"), "{sql}");
    }
}
