//! The PostgreSQL yardstick: the coverage matrix's aggregate SQL (the text `coverage_counts` runs,
//! with its bind values written in — the same text the `sqlite3` shell gets) timed by `psql` on
//! the same database, `\timing on`, output to /dev/null.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::sqlite_cli::ShellRuns;

/// The client's version (`15.20` of `psql (PostgreSQL) 15.20 (Debian …)`) when `bin` runs, else `None`.
pub fn version(bin: &str) -> Option<String> {
    let out = Command::new(bin).arg("--version").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).split_whitespace().nth(2).unwrap_or("").to_string())
}

/// Runs `sql` `iterations + 1` times in one `psql` session on `url` and returns the time of the
/// first run (cold: a new session) and of the others (warm).
pub fn time(bin: &str, url: &str, sql: &str, iterations: usize) -> Result<ShellRuns, String> {
    let mut script = String::from("\\set ON_ERROR_STOP on\n\\timing on\n\\o /dev/null\n");
    for _ in 0..=iterations {
        script.push_str(sql);
        script.push('\n');
    }
    let mut child = Command::new(bin)
        .args(["-X", "-q", "-d", url])
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
        return Err(format!("expected {} timing lines from {bin}, got {}", iterations + 1, times.len()));
    }
    let mut times = times.into_iter();
    let cold = times.next().unwrap_or_default();
    Ok(ShellRuns { cold, warm: times.collect() })
}

/// The milliseconds of each `Time:` line (`Time: 1234.567 ms (00:01.235)` past a second).
fn parse(stdout: &str) -> Vec<Duration> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("Time: "))
        .filter_map(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
        .map(|ms| Duration::from_secs_f64(ms / 1e3))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timing_lines_are_read() {
        let out = "Time: 65.096 ms\nnoise\nTime: 1234.500 ms (00:01.235)\n";
        assert_eq!(parse(out), vec![Duration::from_micros(65_096), Duration::from_micros(1_234_500)]);
    }
}
