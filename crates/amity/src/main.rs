//! The `amity` command: serve (the default), demo, config, routes and the rest. Wiring only: the work is in the library crates.
#![forbid(unsafe_code)]

mod archive;
mod config;
mod digest;
mod serve;
mod sweep;
mod user;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use config::{Config, Overrides};

/// Amity runs a city's sister-city programme. With no command it serves the web interface.
#[derive(Debug, Parser)]
#[command(name = "amity", version, about)]
struct Cli {
    /// Configuration file (default: ./amity.toml when present).
    #[arg(long, global = true, env = "AMITY_CONFIG")]
    config: Option<PathBuf>,
    /// Database: an SQLite file (`sqlite:amity.db`) or a `postgres://` URL (beats `DATABASE_URL`).
    #[arg(long = "database", global = true)]
    database: Option<String>,
    /// Any setting of the configuration, e.g. `--set office_time_zone=Europe/Berlin` (beats the
    /// file and the environment; repeatable).
    #[arg(long = "set", global = true, value_name = "KEY=VALUE")]
    set: Vec<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web interface and the API (the default).
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080 (behind a TLS proxy for other machines; beats `AMITY_LISTEN`).
        #[arg(long)]
        listen: Option<String>,
        /// Do not load the demo into a new database.
        #[arg(long)]
        no_demo: bool,
    },
    /// Load the Jinan 2023 demo (sourced facts) into an empty database.
    Demo {
        /// Load the sample office instead: an invented office with ~80 partnerships and a few years
        /// of records up to today, every record marked as sample data. Only into an empty database.
        #[arg(long)]
        sample: bool,
    },
    /// Write the whole database, files included, as one JSON document (`-` for standard output).
    Export {
        /// Export everything (required: other exports come with their lists).
        #[arg(long, required = true)]
        all: bool,
        file: PathBuf,
    },
    /// Load a whole-database export into a new, empty database (`-` for standard input).
    ImportAll { file: PathBuf },
    /// Take a consistent copy of the database while it runs (SQLite file, or JSON on PostgreSQL).
    Backup { file: PathBuf },
    /// Restore a backup (SQLite file or JSON export) into a new, empty database.
    Restore { file: PathBuf },
    /// Rewrite the database so deleted and erased data leaves its files (SQLite VACUUM, PostgreSQL VACUUM FULL).
    Vacuum,
    /// Manage accounts: add, list, passwd, disable, token.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Print the effective configuration (secrets hidden).
    Config,
    /// Send this week's digest now, unless a server already has (needs smtp_host).
    Digest,
    /// Print every route: method, path, permission, kind (page or api), in the order registered.
    Routes {
        /// Print the markdown of docs/ROUTES.md instead of an aligned text table.
        #[arg(long)]
        markdown: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The route table needs neither configuration nor database.
    if let Some(Command::Routes { markdown }) = cli.command {
        let table = amity_web::route_table::table();
        let out = if markdown { amity_web::route_table::markdown(&table) } else { amity_web::route_table::text(&table) };
        print!("{out}");
        return ExitCode::SUCCESS;
    }
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("AMITY_LOG").unwrap_or_else(|_| "amity=info,tower_http=warn".into()))
        .with_writer(std::io::stderr)
        // Colour only for a person at a terminal: a file, a pipe or a journal gets plain text.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let (listen, no_demo) = match &cli.command {
        Some(Command::Serve { listen, no_demo }) => (listen.clone(), *no_demo),
        _ => (None, false),
    };
    let over = Overrides { listen, database_url: cli.database.clone(), no_demo, set: cli.set.clone() };
    let config = match Config::load(cli.config.as_deref(), &over) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => return fail(&anyhow::anyhow!("cannot start the runtime: {e}")),
    };
    let result = runtime.block_on(async {
        match cli.command {
            None | Some(Command::Serve { .. }) => serve::run(config).await,
            Some(Command::Demo { sample: false }) => serve::demo(config).await,
            Some(Command::Demo { sample: true }) => serve::sample(config).await,
            Some(Command::User(cmd)) => with_db(&config, |db| Box::pin(async move { user::run(db, cmd).await })).await,
            Some(Command::Export { file, .. }) => {
                with_db(&config, |db| Box::pin(async move { archive::export_all(db, &file).await })).await
            }
            Some(Command::ImportAll { file }) => with_db(&config, |db| Box::pin(async move { archive::import_all(db, &file).await })).await,
            Some(Command::Backup { file }) => with_db(&config, |db| Box::pin(async move { archive::backup(db, &file).await })).await,
            Some(Command::Restore { file }) => with_db(&config, |db| Box::pin(async move { archive::restore(db, &file).await })).await,
            Some(Command::Vacuum) => with_db(&config, |db| Box::pin(async move { archive::vacuum(db).await })).await,
            Some(Command::Config) => {
                print!("{}", config.describe());
                Ok(())
            }
            Some(Command::Digest) => {
                let c = config.clone();
                with_db(&config, |db| Box::pin(async move { send_digest(db, &c).await })).await
            }
            Some(Command::Routes { .. }) => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// `amity digest`: this week's digest, now.
async fn send_digest(db: &amity_store::Db, config: &Config) -> anyhow::Result<()> {
    let Some(mailer) = digest::Mailer::from_config(config)? else { anyhow::bail!("no smtp_host is configured: the digest cannot be sent") };
    match digest::run_once(db, &mailer, config, &format!("cli-{}", std::process::id())).await? {
        digest::Outcome::NotMine => println!("This week's digest has already been sent (or is being sent by a server)."),
        digest::Outcome::Sent { sent, of } => println!("Sent {sent} of {of} digests."),
    }
    Ok(())
}

/// Opens (and migrates) the database, runs a command on it, and closes it.
async fn with_db<F>(config: &Config, f: F) -> anyhow::Result<()>
where
    F: for<'a> FnOnce(&'a amity_store::Db) -> std::pin::Pin<Box<dyn std::future::Future<Output = anyhow::Result<()>> + 'a>>,
{
    let db = crate::serve::open_db(config).await?;
    let result = f(&db).await;
    db.close().await;
    result
}

/// One line on standard error and exit code 2.
fn fail(e: &anyhow::Error) -> ExitCode {
    let causes: Vec<String> = e.chain().map(ToString::to_string).collect();
    eprintln!("amity: {}", causes.join(": "));
    ExitCode::from(2)
}
