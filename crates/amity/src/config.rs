//! The effective configuration: defaults in code, then `amity.toml`, then `AMITY_*` variables
//! (and `DATABASE_URL`), then command-line flags — the same order for every setting (`layers`).

mod explain;
mod layers;
mod office;
mod ranges;
#[cfg(test)]
mod tests;

use std::net::SocketAddr;
use std::path::Path;

use anyhow::Result;
use serde::{Deserialize, Serialize};

/// Settings Amity runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// `sqlite:PATH` or `postgres://…`.
    pub database_url: String,
    /// Load the demo into a new database.
    pub demo: bool,
    /// IANA zone in which "today" and "overdue" are computed.
    pub office_time_zone: String,
    /// Whether pages may show the world map.
    pub show_map: bool,
    /// Reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed.
    pub trusted_proxies: Vec<amity_web::auth::IpRange>,
    /// Minutes of inactivity after which a session ends.
    pub session_idle_minutes: i64,
    /// Hours after sign-in at which a session ends however active.
    pub session_max_hours: i64,
    /// How long a sign-in lock lasts, and how far back failed sign-ins count (minutes).
    pub sign_in_lock_minutes: i64,
    /// Failed sign-ins on one account from one address that lock that address out of it.
    pub sign_in_failures_per_address_and_account: i64,
    /// Failed sign-ins on one account from all addresses together that lock it for everyone.
    pub sign_in_failures_per_account: i64,
    /// Failed sign-ins from one address (any accounts) before it is throttled.
    pub sign_in_failures_per_address: i64,
    /// The address readers reach Amity at (links in e-mails); default `http://<listen>`.
    pub public_url: Option<String>,
    /// SMTP server for the weekly digest; none: no digest is sent.
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: Option<String>,
    /// Best given as `AMITY_SMTP_PASSWORD`, which keeps it out of the file.
    pub smtp_password: Option<String>,
    /// The digest's sender, e.g. `"Amity <amity@example.org>"`.
    pub smtp_from: String,
    /// Day and hour (office time) the weekly digest goes out.
    pub digest_weekday: chrono::Weekday,
    pub digest_hour: u32,
    /// How often a server checks whether the digest is due.
    pub digest_check_seconds: u64,
    /// Memory for the response cache, in MiB (0: no cache). Answers are checked against the
    /// database's change counter, so several servers may each keep one.
    pub cache_megabytes: u64,
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain SMTP (a relay on the same host or network only).
    None,
    /// STARTTLS on the submission port (587).
    Starttls,
    /// TLS from the start (465).
    Tls,
}

impl SmtpTls {
    fn as_str(self) -> &'static str {
        match self {
            SmtpTls::None => "none",
            SmtpTls::Starttls => "starttls",
            SmtpTls::Tls => "tls",
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: "sqlite:amity.db".into(),
            demo: true,
            office_time_zone: "Asia/Shanghai".into(),
            show_map: true,
            trusted_proxies: Vec::new(),
            session_idle_minutes: 30,
            session_max_hours: 12,
            sign_in_lock_minutes: 15,
            sign_in_failures_per_address_and_account: 5,
            sign_in_failures_per_account: 20,
            sign_in_failures_per_address: 20,
            public_url: None,
            smtp_host: None,
            smtp_port: 587,
            smtp_tls: SmtpTls::Starttls,
            smtp_username: None,
            smtp_password: None,
            smtp_from: "Amity <amity@localhost>".into(),
            digest_weekday: chrono::Weekday::Mon,
            digest_hour: 8,
            digest_check_seconds: 300,
            cache_megabytes: 64,
        }
    }
}

/// What the command line says: its flags, the highest layer.
#[derive(Debug, Default)]
pub struct Overrides {
    /// `--listen`.
    pub listen: Option<String>,
    /// `--database`.
    pub database_url: Option<String>,
    /// `--no-demo`.
    pub no_demo: bool,
    /// `--set KEY=VALUE`, for any setting.
    pub set: Vec<String>,
}

impl Config {
    /// Builds the configuration from its layers and the process's environment. A missing default
    /// file is fine; a named one must exist.
    pub fn load(file: Option<&Path>, over: &Overrides) -> Result<Self> {
        Self::load_from(file, std::env::vars(), over)
    }

    /// Like [`Config::load`] with the environment given (tests pass their own, so they never race).
    pub fn load_from(file: Option<&Path>, env: impl IntoIterator<Item = (String, String)>, over: &Overrides) -> Result<Self> {
        layers::load(file, env, over)
    }

    /// The configuration as `amity config` prints it, with the database password hidden.
    pub fn describe(&self) -> String {
        format!(
            "listen = \"{}\"\ndatabase_url = \"{}\"\ndemo = {}\noffice_time_zone = \"{}\"\nshow_map = {}\ntrusted_proxies = [{}]\nsession_idle_minutes = {}\nsession_max_hours = {}\n{}{}",
            self.listen,
            hide_password(&self.database_url),
            self.demo,
            self.office_time_zone,
            self.show_map,
            self.trusted_proxies.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", "),
            self.session_idle_minutes,
            self.session_max_hours,
            self.describe_sign_in(),
            self.describe_digest(),
        )
    }

    fn describe_sign_in(&self) -> String {
        format!(
            "sign_in_lock_minutes = {}\nsign_in_failures_per_address_and_account = {}\nsign_in_failures_per_account = {}\nsign_in_failures_per_address = {}\n",
            self.sign_in_lock_minutes,
            self.sign_in_failures_per_address_and_account,
            self.sign_in_failures_per_account,
            self.sign_in_failures_per_address,
        )
    }

    /// The session and sign-in limits the web layer enforces.
    pub fn policy(&self) -> amity_core::auth::sign_in::Policy {
        let lock = chrono::Duration::minutes(self.sign_in_lock_minutes);
        amity_core::auth::sign_in::Policy {
            idle: chrono::Duration::minutes(self.session_idle_minutes),
            absolute: chrono::Duration::hours(self.session_max_hours),
            address_account_failures: self.sign_in_failures_per_address_and_account,
            account_failures: self.sign_in_failures_per_account,
            address_failures: self.sign_in_failures_per_address,
            window: lock,
            lock,
        }
    }

    fn describe_digest(&self) -> String {
        let opt = |v: &Option<String>| v.as_ref().map(|s| format!("\"{s}\"")).unwrap_or_else(|| "\"\"".into());
        format!(
            "public_url = {}\nsmtp_host = {}\nsmtp_port = {}\nsmtp_tls = \"{}\"\nsmtp_username = {}\nsmtp_password = \"{}\"\nsmtp_from = \"{}\"\ndigest_weekday = \"{}\"\ndigest_hour = {}\ndigest_check_seconds = {}\ncache_megabytes = {}\n",
            opt(&self.public_url),
            opt(&self.smtp_host),
            self.smtp_port,
            self.smtp_tls.as_str(),
            opt(&self.smtp_username),
            if self.smtp_password.is_some() { "***" } else { "" },
            self.smtp_from,
            self.digest_weekday.to_string().to_lowercase(),
            self.digest_hour,
            self.digest_check_seconds,
            self.cache_megabytes,
        )
    }

    /// The response cache's bound in bytes.
    pub fn cache_bytes(&self) -> usize {
        usize::try_from(self.cache_megabytes.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX)
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn hide_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let Some((creds, host)) = rest.rsplit_once('@') else { return url.to_string() };
    match creds.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}
