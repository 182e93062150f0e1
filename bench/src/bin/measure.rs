//! `measure [--database sqlite:PATH] [--postgres URL] [--iterations 10] [--scale 1.0] [--enforce]
//! [--sqlite3 BIN] [--psql BIN]`: times the coverage matrix, the needs-attention list and the
//! partner page on the national data set (generating it first into an empty database), compares
//! the matrix with the same aggregate SQL in the database's own shell (`sqlite3`, `psql`), and
//! prints a table. With `--enforce` it fails when the matrix takes more than 1.5 times the
//! shell's time on either database.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use amity_bench::generate::{self, Config, SEED};
use amity_bench::measure::{self, Sizes, Timing, human, psql_cli, sqlite_cli};
use amity_store::Db;
use clap::Parser;

/// The target: the matrix within 1.5 × the shell's time for the same aggregate.
const MAX_RATIO: f64 = 1.5;

/// Times the coverage matrix, the needs-attention list, the partner page, the calendar and the
/// private feed on the national data set (generated first into an empty database), and compares
/// the matrix with the same aggregate SQL in the database's own shell.
#[derive(Debug, Parser)]
#[command(name = "measure")]
#[command(group = clap::ArgGroup::new("databases").required(true).multiple(true).args(["sqlite", "postgres"]))]
struct Options {
    /// The SQLite database: `sqlite:PATH`.
    #[arg(long = "database", value_name = "URL")]
    sqlite: Option<String>,
    /// A PostgreSQL database: `postgres://…`.
    #[arg(long, value_name = "URL")]
    postgres: Option<String>,
    /// Runs of each measurement (the table shows their median).
    #[arg(long, default_value_t = 10, value_parser = amity_bench::cli::iterations)]
    iterations: usize,
    /// The data set's scale when it has to be generated (1.0: national; 0.01: smoke).
    #[arg(long, default_value_t = 1.0, value_parser = amity_bench::cli::scale)]
    scale: f64,
    /// Fail when the matrix takes more than 1.5 times the shell's time on either database.
    #[arg(long)]
    enforce: bool,
    /// The sqlite3 shell to compare with.
    #[arg(long, default_value = "sqlite3", value_name = "BIN")]
    sqlite3: String,
    /// The psql shell to compare with.
    #[arg(long, default_value = "psql", value_name = "BIN")]
    psql: String,
}

/// The file of a `sqlite:` URL (none for an in-memory database or PostgreSQL).
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    (!url.starts_with("postgres") && !path.is_empty() && !path.starts_with(':')).then(|| PathBuf::from(path))
}

fn file_size(path: &Path) -> String {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let wal = size(&PathBuf::from(format!("{}-wal", path.display())));
    format!("{:.1} MiB (+ {:.1} MiB WAL)", size(path) as f64 / 1048576.0, wal as f64 / 1048576.0)
}

/// Opens the database, generating the data set into it when empty, and measures it.
async fn measure_db(url: &str, backend: &str, o: &Options) -> Result<(Vec<Timing>, Sizes), String> {
    let db = Db::open(url).await.map_err(|e| e.to_string())?;
    if generate::is_empty(&db).await.map_err(|e| e.to_string())? {
        println!("{backend}: empty database, generating at scale {} …", o.scale);
        let r = generate::generate(&db, &Config { scale: o.scale, seed: SEED }).await.map_err(|e| e.to_string())?;
        println!(
            "{backend}: generated {} partnerships, {} activities, {} commitments, {} events, {} delegations, {} agreements in {:.1} s",
            r.partnerships,
            r.activities,
            r.commitments,
            r.events,
            r.delegations,
            r.agreements,
            r.elapsed.as_secs_f64()
        );
    }
    let measured = measure::run(&db, backend, o.iterations).await.map_err(|e| e.to_string());
    db.close().await;
    let (timings, sizes) = measured?;
    println!(
        "{backend}: matrix {} rows × 12 fields = {} cells, {} done activity-links counted; attention: {} dormant, {} quiet, {} overdue \
         commitments; partner page #{} names {} activities",
        sizes.matrix_rows,
        sizes.matrix_cells,
        sizes.matrix_total,
        sizes.dormant,
        sizes.quiet,
        sizes.overdue,
        sizes.partner_id,
        sizes.partner_activities
    );
    println!(
        "{backend}: calendar of one year: {} items; private feed: {} events, {:.1} KiB",
        sizes.calendar_items,
        sizes.feed_events,
        sizes.feed_bytes as f64 / 1024.0
    );
    Ok((timings, sizes))
}

/// The shell's time for the matrix's aggregate, or why there is none.
fn shell_timing(o: &Options, file: &Path, field_ids: &[i64]) -> Result<Timing, String> {
    let version =
        sqlite_cli::version(&o.sqlite3).ok_or_else(|| format!("{} not found: the sqlite3 CLI comparison is SKIPPED", o.sqlite3))?;
    let (from, to) = measure::coverage_period();
    let samples = sqlite_cli::time(&o.sqlite3, file, &sqlite_cli::coverage_sql(from, to, field_ids), o.iterations)?;
    Ok(Timing { backend: "sqlite3 CLI".into(), name: format!("coverage aggregate SQL (sqlite3 {version})"), samples })
}

/// `psql`'s time for the same aggregate on the PostgreSQL database, or why there is none.
fn psql_timing(o: &Options, url: &str, field_ids: &[i64]) -> Result<Timing, String> {
    let version = psql_cli::version(&o.psql).ok_or_else(|| format!("{} not found: the psql comparison is SKIPPED", o.psql))?;
    let (from, to) = measure::coverage_period();
    let samples = psql_cli::time(&o.psql, url, &sqlite_cli::coverage_sql(from, to, field_ids), o.iterations)?;
    Ok(Timing { backend: "psql".into(), name: format!("coverage aggregate SQL (psql {version})"), samples })
}

/// The matrix's median over the shell's, or `None` when the shell's is under its timer's
/// resolution (a small data set).
fn ratio(matrix: &Timing, shell: &Timing) -> Option<f64> {
    (!shell.median().is_zero()).then(|| matrix.median().as_secs_f64() / shell.median().as_secs_f64())
}

async fn run(o: &Options) -> Result<bool, String> {
    let mut timings = Vec::new();
    // (backend, matrix, shell) for each database whose shell could be timed.
    let mut pairs: Vec<(&str, Timing, Timing)> = Vec::new();
    if let Some(url) = &o.sqlite {
        let (t, _) = measure_db(url, "sqlite", o).await?;
        let matrix = t[0].clone();
        timings.extend(t);
        if let Some(file) = sqlite_file(url) {
            println!("sqlite: file {} is {}", file.display(), file_size(&file));
            match shell_timing(o, &file, &measure::field_ids(url).await?) {
                Ok(shell) => {
                    timings.push(shell.clone());
                    pairs.push(("sqlite3 CLI", matrix, shell));
                }
                Err(e) => println!("sqlite: {e}"),
            }
        }
    }
    if let Some(url) = &o.postgres {
        let (t, _) = measure_db(url, "postgres", o).await?;
        let matrix = t[0].clone();
        timings.extend(t);
        match psql_timing(o, url, &measure::field_ids(url).await?) {
            Ok(shell) => {
                timings.push(shell.clone());
                pairs.push(("psql", matrix, shell));
            }
            Err(e) => println!("postgres: {e}"),
        }
    }
    println!("\n{}", measure::table(&timings));
    let mut met = true;
    for (shell_name, matrix, shell) in &pairs {
        // The shells' timers count whole milliseconds: a small data set gives no ratio.
        let Some(r) = ratio(matrix, shell) else {
            println!("{}: the aggregate ran in under {shell_name}'s timer resolution: no ratio", matrix.backend);
            continue;
        };
        met &= r <= MAX_RATIO;
        println!(
            "{}: coverage matrix / {shell_name} aggregate (medians): {} / {} = {r:.2}× — target ≤ {MAX_RATIO}×: {}",
            matrix.backend,
            human(matrix.median()),
            human(shell.median()),
            if r <= MAX_RATIO { "met" } else { "NOT met" }
        );
    }
    Ok(met || !o.enforce)
}

#[tokio::main]
async fn main() -> ExitCode {
    let o = Options::parse();
    match run(&o).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("measure: the coverage matrix is slower than {MAX_RATIO}× the database's shell (--enforce)");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("measure: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::Options;

    #[test]
    fn the_flags_bench_run_passes_are_read_and_the_rest_default() {
        Options::command().debug_assert();
        let o = Options::try_parse_from(["measure", "--database", "sqlite:x.db", "--scale", "0.01", "--iterations=1", "--enforce"])
            .expect("bench/run's flags");
        assert_eq!((o.sqlite.as_deref(), o.postgres.as_deref()), (Some("sqlite:x.db"), None));
        assert_eq!((o.scale, o.iterations, o.enforce), (0.01, 1, true));
        assert_eq!((o.sqlite3.as_str(), o.psql.as_str()), ("sqlite3", "psql"));
        let o = Options::try_parse_from(["measure", "--postgres", "postgres://h/db"]).expect("PostgreSQL alone");
        assert_eq!((o.scale, o.iterations, o.enforce), (1.0, 10, false));
    }

    #[test]
    fn a_database_is_required_and_counts_must_be_positive() {
        assert!(Options::try_parse_from(["measure"]).is_err());
        assert!(Options::try_parse_from(["measure", "--database", "sqlite:x.db", "--iterations", "0"]).is_err());
        assert!(Options::try_parse_from(["measure", "--database", "sqlite:x.db", "--scale", "-1"]).is_err());
    }
}
