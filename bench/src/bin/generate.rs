//! `generate --database URL [--scale 1.0] [--seed N]`: fills an empty database with the
//! national-scale data set (see amity_bench::generate); refuses one that holds records.

use std::process::ExitCode;

use amity_bench::generate::{self, Config, Report, SEED, TODAY};
use amity_store::Db;
use clap::Parser;

/// Fills an empty database with the national-scale data set; refuses one that holds records.
#[derive(Debug, Parser)]
#[command(name = "generate")]
struct Cli {
    /// The database: `sqlite:PATH` or `postgres://…`.
    #[arg(long)]
    database: String,
    /// 1.0 is the national scale (3,000 partnerships, 300,000 activities); 0.01 the smoke run.
    #[arg(long, default_value_t = 1.0, value_parser = amity_bench::cli::scale)]
    scale: f64,
    /// The random generator's seed (the same seed gives the same data set).
    #[arg(long, default_value_t = SEED)]
    seed: u64,
}

fn print(r: &Report, config: &Config) {
    println!("generated (scale {}, seed {:#x}, today {TODAY}) in {:.1} s:", config.scale, config.seed, r.elapsed.as_secs_f64());
    println!("  units                  {:>8}", r.units);
    println!("  partnerships           {:>8}  (cities in {} countries)", r.partnerships, r.countries);
    println!("  activities             {:>8}  ({} planned)", r.activities, r.planned_activities);
    println!("  activity_partnerships  {:>8}", r.partnership_links);
    println!("  activity_fields        {:>8}", r.field_links);
    println!("  commitments            {:>8}  ({} open and overdue)", r.commitments, r.overdue_commitments);
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = Config { scale: cli.scale, seed: cli.seed };
    let url = cli.database;
    let db = match Db::open(&url).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("generate: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = generate::generate(&db, &config).await;
    db.close().await;
    match result {
        Ok(r) => {
            print(&r, &config);
            ExitCode::SUCCESS
        }
        Err(amity_core::Error::Conflict { .. }) => {
            eprintln!("generate: refusing to write into {url}: it already holds units or partnerships");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("generate: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::{Cli, SEED};

    #[test]
    fn the_database_is_required_and_scale_and_seed_default() {
        Cli::command().debug_assert();
        assert!(Cli::try_parse_from(["generate"]).is_err());
        let c = Cli::try_parse_from(["generate", "--database", "sqlite:x.db"]).expect("defaults");
        assert_eq!((c.scale, c.seed), (1.0, SEED));
        let c = Cli::try_parse_from(["generate", "--database=sqlite:x.db", "--scale", "0.5", "--seed", "7"]).expect("given");
        assert_eq!((c.database.as_str(), c.scale, c.seed), ("sqlite:x.db", 0.5, 7));
        assert!(Cli::try_parse_from(["generate", "--database", "sqlite:x.db", "--scale", "0"]).is_err());
    }
}
