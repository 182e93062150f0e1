//! `amity user add|list|passwd|unlock|disable|erase|token`: accounts from the command line (acting as the system).

use std::io::BufRead;

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use amity_core::auth::{UserInput, erase, service, tokens};
use amity_core::{Actor, Error};
use amity_store::Db;

/// What to do with accounts.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; prints a generated password unless --password-stdin is given.
    Add {
        username: String,
        /// admin, coordinator, unit_editor, viewer or auditor.
        #[arg(long)]
        role: String,
        /// The unit a unit editor works for (its id).
        #[arg(long)]
        unit: Option<i64>,
        /// Display name (defaults to the username).
        #[arg(long)]
        name: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
    /// Set a new password; prints a generated one unless --password-stdin is given. Ends the user's sessions.
    Passwd {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Lift the account's sign-in locks (after too many failed sign-ins) and forget its failures.
    Unlock { username: String },
    /// Disable an account and end its sessions.
    Disable { username: String },
    /// Erase a person's data on request: the account is anonymised and disabled, and the name and
    /// address are redacted in the audit log (the erasure itself is audited).
    Erase { username: String },
    /// Create an API token for a user and print it (shown only this once).
    Token {
        username: String,
        /// What the token is for.
        #[arg(long, default_value = "command line")]
        name: String,
    },
}

fn stdin_password() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
    let p = line.trim_end_matches(['\n', '\r']).to_string();
    if p.is_empty() {
        bail!("no password on standard input");
    }
    Ok(p)
}

fn explain(e: Error) -> anyhow::Error {
    match e {
        Error::Validation(fields) => {
            let parts: Vec<String> = fields.iter().map(|f| format!("{} ({})", f.field, f.code)).collect();
            anyhow::anyhow!("invalid: {}", parts.join(", "))
        }
        Error::Conflict { field, code } => anyhow::anyhow!("{field}: {code}"),
        Error::NotFound { entity, id } => anyhow::anyhow!("no {entity} {id}"),
        other => anyhow::anyhow!(other.to_string()),
    }
}

/// Runs one user command against the database.
pub async fn run(db: &Db, cmd: UserCommand) -> Result<()> {
    let system = Actor::System;
    match cmd {
        UserCommand::Add { username, role, unit, name, password_stdin } => {
            let password = if password_stdin { stdin_password()? } else { String::new() };
            let input = UserInput { username, display_name: name.unwrap_or_default(), role, unit_id: unit, password, ..Default::default() };
            let created = service::create(db, &system, input).await.map_err(explain)?;
            match created.generated_password {
                Some(p) => println!("Created {} ({}). Password: {p}", created.user.username, created.user.role),
                None => println!("Created {} ({}).", created.user.username, created.user.role),
            }
        }
        UserCommand::List => {
            for u in service::list(db, &system).await.map_err(explain)? {
                let state = if u.disabled { "disabled" } else { "enabled" };
                let unit = u.unit_id.map(|x| format!(" unit {x}")).unwrap_or_default();
                println!("{}\t{}\t{}{}\t{}", u.id, u.username, u.role, unit, state);
            }
        }
        UserCommand::Passwd { username, password_stdin } => {
            let user = service::find(db, &system, &username).await.map_err(explain)?;
            let given = if password_stdin { Some(stdin_password()?) } else { None };
            match service::reset_password(db, &system, user.id, given.as_deref()).await.map_err(explain)? {
                Some(p) => println!("New password for {}: {p}", user.username),
                None => println!("Password of {} changed.", user.username),
            }
        }
        UserCommand::Unlock { username } => {
            let user = service::find(db, &system, &username).await.map_err(explain)?;
            match service::unlock(db, &system, user.id).await.map_err(explain)? {
                0 => println!("{} was not locked; its failed sign-ins are forgotten.", user.username),
                n => println!("Unlocked {} ({n} lock(s) lifted).", user.username),
            }
        }
        UserCommand::Disable { username } => {
            let user = service::find(db, &system, &username).await.map_err(explain)?;
            let input = UserInput {
                username: user.username.clone(),
                display_name: user.display_name.clone(),
                role: user.role.as_str().into(),
                unit_id: user.unit_id,
                disabled: true,
                version: Some(user.version),
                ..Default::default()
            };
            service::update(db, &system, user.id, input).await.map_err(explain)?;
            println!("Disabled {}.", user.username);
        }
        UserCommand::Erase { username } => {
            let user = service::find(db, &system, &username).await.map_err(explain)?;
            let done = erase::erase_user(db, &system, user.id).await.map_err(explain)?;
            println!("Erased user {} (now erased-{}); redacted {} audit entries.", user.username, user.id, done.redacted_entries);
        }
        UserCommand::Token { username, name } => {
            let user = service::find(db, &system, &username).await.map_err(explain)?;
            let (_, secret) = tokens::create(db, &system, user.id, &name).await.map_err(explain)?;
            println!("{secret}");
        }
    }
    Ok(())
}
