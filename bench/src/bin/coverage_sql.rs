//! `coverage-sql --database sqlite:PATH --from YYYY-MM-DD --to YYYY-MM-DD`: prints the coverage
//! matrix's aggregate SQL exactly as Amity runs it for that period on that database (its fields,
//! the period written in), so another tool (bench/http's Datasette) can be asked the same question.

use std::process::ExitCode;

use amity_bench::measure::sqlite_cli;
use chrono::NaiveDate;
use clap::Parser;

/// Prints the coverage matrix's aggregate SQL for a period, as Amity runs it.
#[derive(Debug, Parser)]
#[command(name = "coverage-sql")]
struct Options {
    /// The database whose cooperation fields the matrix has: `sqlite:PATH` or `postgres://…`.
    #[arg(long)]
    database: String,
    /// The period's first day.
    #[arg(long)]
    from: NaiveDate,
    /// The period's last day.
    #[arg(long)]
    to: NaiveDate,
}

#[tokio::main]
async fn main() -> ExitCode {
    let o = Options::parse();
    match amity_bench::measure::field_ids(&o.database).await {
        Ok(ids) => {
            println!("{}", sqlite_cli::coverage_sql(o.from, o.to, &ids));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("coverage-sql: {e}");
            ExitCode::FAILURE
        }
    }
}
