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

/// What one database gave: its timings, the matrix's first run after opening (cold) and the engine's version.
struct Measured {
    timings: Vec<Timing>,
    cold: Timing,
    version: String,
}

/// Opens the database, generating the data set into it when empty, and measures it: first the
/// matrix once on a freshly opened pool (cold), then everything `iterations` times (warm).
async fn measure_db(url: &str, backend: &str, o: &Options) -> Result<Measured, String> {
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
        db.close().await;
    }
    // A new pool: its connections' page caches are empty, as the shell's are on its first run.
    let db = Db::open(url).await.map_err(|e| e.to_string())?;
    let version = db.engine_version().await.map_err(|e| e.to_string())?;
    let cold = measure::cold_matrix(&db, backend).await.map_err(|e| e.to_string())?;
    let measured = measure::run(&db, backend, o.iterations).await.map_err(|e| e.to_string());
    db.close().await;
    let (timings, sizes) = measured?;
    println!("{backend}: Amity runs {version}");
    print_sizes(backend, &sizes);
    Ok(Measured { timings, cold, version })
}

fn print_sizes(backend: &str, sizes: &Sizes) {
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
}

/// A shell's runs of the aggregate as two timings: cold (its first run) and warm (the others).
fn shell_timings(backend: &str, name: &str, runs: sqlite_cli::ShellRuns) -> (Timing, Timing) {
    let cold = Timing { backend: backend.into(), name: format!("{name}, cold (first run)"), samples: vec![runs.cold] };
    let warm = Timing { backend: backend.into(), name: format!("{name}, warm"), samples: runs.warm };
    (cold, warm)
}

/// The shell's times for the matrix's aggregate (with Amity's pragmas), or why there are none.
fn shell_timing(o: &Options, file: &Path, field_ids: &[i64]) -> Result<(Timing, Timing), String> {
    let version =
        sqlite_cli::version(&o.sqlite3).ok_or_else(|| format!("{} not found: the sqlite3 CLI comparison is SKIPPED", o.sqlite3))?;
    println!("sqlite: the shell runs SQLite {version}, with Amity's pragmas: {}", sqlite_cli::pragmas().replace('\n', " ").trim());
    let (from, to) = measure::coverage_period();
    let runs = sqlite_cli::time(&o.sqlite3, file, &sqlite_cli::coverage_sql(from, to, field_ids), o.iterations)?;
    Ok(shell_timings("sqlite3 CLI", &format!("coverage aggregate SQL (SQLite {version})"), runs))
}

/// `psql`'s times for the same aggregate on the PostgreSQL database, or why there are none.
fn psql_timing(o: &Options, url: &str, field_ids: &[i64]) -> Result<(Timing, Timing), String> {
    let version = psql_cli::version(&o.psql).ok_or_else(|| format!("{} not found: the psql comparison is SKIPPED", o.psql))?;
    let (from, to) = measure::coverage_period();
    let runs = psql_cli::time(&o.psql, url, &sqlite_cli::coverage_sql(from, to, field_ids), o.iterations)?;
    Ok(shell_timings("psql", &format!("coverage aggregate SQL (psql {version})"), runs))
}

/// The matrix's median over the shell's, or `None` when the shell's is under its timer's
/// resolution (a small data set).
fn ratio(matrix: &Timing, shell: &Timing) -> Option<f64> {
    (!shell.median().is_zero()).then(|| matrix.median().as_secs_f64() / shell.median().as_secs_f64())
}

/// One database's comparison: Amity's cold and warm matrix against its shell's cold and warm aggregate.
struct Pair {
    shell: &'static str,
    versions: String,
    cold: (Timing, Timing),
    warm: (Timing, Timing),
}

/// Prints the cold and warm ratios; true when the warm one (the target's) is met or cannot be told.
fn report(p: &Pair) -> bool {
    println!("{}: {}", p.warm.0.backend, p.versions);
    let mut met = true;
    for (label, (matrix, shell)) in [("cold", &p.cold), ("warm", &p.warm)] {
        // The shells' timers count whole milliseconds: a small data set gives no ratio.
        let Some(r) = ratio(matrix, shell) else {
            println!("{}: {label}: the aggregate ran in under {}'s timer resolution: no ratio", matrix.backend, p.shell);
            continue;
        };
        let verdict = if label == "cold" {
            "(for information)".to_string()
        } else {
            met = r <= MAX_RATIO;
            format!("— target ≤ {MAX_RATIO}×: {}", if met { "met" } else { "NOT met" })
        };
        println!(
            "{}: {label}: coverage matrix / {} aggregate (medians): {} / {} = {r:.2}× {verdict}",
            matrix.backend,
            p.shell,
            human(matrix.median()),
            human(shell.median()),
        );
    }
    met
}

async fn run(o: &Options) -> Result<bool, String> {
    let mut timings = Vec::new();
    let mut pairs: Vec<Pair> = Vec::new();
    if let Some(url) = &o.sqlite {
        let m = measure_db(url, "sqlite", o).await?;
        let matrix = m.timings[0].clone();
        timings.push(m.cold.clone());
        timings.extend(m.timings);
        if let Some(file) = sqlite_file(url) {
            println!("sqlite: file {} is {}", file.display(), file_size(&file));
            match shell_timing(o, &file, &measure::field_ids(url).await?) {
                Ok((cold, warm)) => {
                    timings.extend([cold.clone(), warm.clone()]);
                    let versions = format!("Amity {}; {}", m.version, warm.name);
                    pairs.push(Pair { shell: "sqlite3 CLI", versions, cold: (m.cold, cold), warm: (matrix, warm) });
                }
                Err(e) => println!("sqlite: {e}"),
            }
        }
    }
    if let Some(url) = &o.postgres {
        let m = measure_db(url, "postgres", o).await?;
        let matrix = m.timings[0].clone();
        timings.push(m.cold.clone());
        timings.extend(m.timings);
        match psql_timing(o, url, &measure::field_ids(url).await?) {
            Ok((cold, warm)) => {
                timings.extend([cold.clone(), warm.clone()]);
                let versions = format!("Amity on {}; {}", m.version, warm.name);
                pairs.push(Pair { shell: "psql", versions, cold: (m.cold, cold), warm: (matrix, warm) });
            }
            Err(e) => println!("postgres: {e}"),
        }
    }
    println!("\n{}", measure::table(&timings));
    let mut met = true;
    for p in &pairs {
        met &= report(p);
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
