//! `generate --database URL [--scale 1.0] [--seed N]`: fills an empty database with the
//! national-scale data set (see amity_bench::generate); refuses one that holds records.

use std::process::ExitCode;

use amity_bench::args::Args;
use amity_bench::generate::{self, Config, Report, SEED, TODAY};
use amity_store::Db;

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
    let args = Args::from_env();
    let Some(url) = args.value("database") else {
        eprintln!("usage: generate --database sqlite:PATH|postgres://… [--scale 1.0] [--seed N]");
        return ExitCode::from(2);
    };
    let config = match (args.parsed("scale", 1.0), args.parsed("seed", SEED)) {
        (Ok(scale), Ok(seed)) if scale > 0.0 => Config { scale, seed },
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("generate: {e}");
            return ExitCode::from(2);
        }
        _ => {
            eprintln!("generate: --scale must be positive");
            return ExitCode::from(2);
        }
    };
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
