//! The effective configuration: defaults in code, then `amity.toml`, then `AMITY_*` variables
//! (and `DATABASE_URL`), then command-line flags.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

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
    /// Reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// Minutes of inactivity after which a session ends.
    pub session_idle_minutes: i64,
    /// Hours after sign-in at which a session ends however active.
    pub session_max_hours: i64,
    /// The address readers reach Amity at (links in e-mails); default `http://<listen>`.
    pub public_url: Option<String>,
    /// SMTP server for the weekly digest; none: no digest is sent.
    pub smtp_host: Option<String>,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: Option<String>,
    /// Also from `AMITY_SMTP_PASSWORD`, which keeps it out of the file.
    pub smtp_password: Option<String>,
    /// The digest's sender, e.g. `"Amity <amity@example.org>"`.
    pub smtp_from: String,
    /// Day and hour (office time) the weekly digest goes out.
    pub digest_weekday: chrono::Weekday,
    pub digest_hour: u32,
    /// How often a server checks whether the digest is due.
    pub digest_check_seconds: u64,
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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
        }
    }
}

/// The optional file's keys (all optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    database_url: Option<String>,
    demo: Option<bool>,
    office_time_zone: Option<String>,
    show_map: Option<bool>,
    trusted_proxies: Option<Vec<String>>,
    session_idle_minutes: Option<i64>,
    session_max_hours: Option<i64>,
    public_url: Option<String>,
    smtp_host: Option<String>,
    smtp_port: Option<u16>,
    smtp_tls: Option<SmtpTls>,
    smtp_username: Option<String>,
    smtp_password: Option<String>,
    smtp_from: Option<String>,
    digest_weekday: Option<String>,
    digest_hour: Option<u32>,
    digest_check_seconds: Option<u64>,
}

/// Values from the environment and flags (clap merges those two: a flag beats its variable).
#[derive(Debug, Default)]
pub struct Overrides {
    pub listen: Option<String>,
    pub database_url: Option<String>,
    pub no_demo: bool,
}

impl Config {
    /// Builds the configuration from its layers. A missing default file is fine; a named one must exist.
    pub fn load(file: Option<&Path>, over: &Overrides) -> Result<Self> {
        let mut c = Config::default();
        let (path, required) = match file {
            Some(p) => (p.to_path_buf(), true),
            None => (Path::new("amity.toml").to_path_buf(), false),
        };
        if path.exists() || required {
            let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read the configuration file {}", path.display()))?;
            let f: FileConfig = toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message()))?;
            c.apply_file(f)?;
        }
        if let Some(l) = &over.listen {
            c.listen = parse_listen(l)?;
        }
        if let Some(u) = &over.database_url {
            c.database_url = u.clone();
        }
        if over.no_demo {
            c.demo = false;
        }
        if let Ok(p) = std::env::var("AMITY_SMTP_PASSWORD")
            && !p.is_empty()
        {
            c.smtp_password = Some(p);
        }
        c.check()?;
        Ok(c)
    }

    fn apply_file(&mut self, f: FileConfig) -> Result<()> {
        if let Some(l) = f.listen {
            self.listen = parse_listen(&l)?;
        }
        if let Some(u) = f.database_url {
            self.database_url = u;
        }
        if let Some(d) = f.demo {
            self.demo = d;
        }
        if let Some(z) = f.office_time_zone {
            self.office_time_zone = z;
        }
        if let Some(m) = f.show_map {
            self.show_map = m;
        }
        if let Some(list) = f.trusted_proxies {
            self.trusted_proxies = list
                .iter()
                .map(|s| s.trim().parse::<IpAddr>().map_err(|_| anyhow::anyhow!("trusted_proxies: {s:?} is not an IP address")))
                .collect::<Result<_>>()?;
        }
        if let Some(m) = f.session_idle_minutes {
            self.session_idle_minutes = m;
        }
        if let Some(h) = f.session_max_hours {
            self.session_max_hours = h;
        }
        self.public_url = f.public_url.or(self.public_url.take());
        self.smtp_host = f.smtp_host.filter(|h| !h.trim().is_empty()).or(self.smtp_host.take());
        self.smtp_port = f.smtp_port.unwrap_or(self.smtp_port);
        self.smtp_tls = f.smtp_tls.unwrap_or(self.smtp_tls);
        self.smtp_username = f.smtp_username.or(self.smtp_username.take());
        self.smtp_password = f.smtp_password.or(self.smtp_password.take());
        self.smtp_from = f.smtp_from.unwrap_or(std::mem::take(&mut self.smtp_from));
        if let Some(d) = f.digest_weekday {
            self.digest_weekday = d.trim().parse().map_err(|_| anyhow::anyhow!("digest_weekday: {d:?} is not a weekday (mon … sun)"))?;
        }
        self.digest_hour = f.digest_hour.unwrap_or(self.digest_hour);
        self.digest_check_seconds = f.digest_check_seconds.unwrap_or(self.digest_check_seconds);
        Ok(())
    }

    fn check(&self) -> Result<()> {
        if !(1..=24 * 60).contains(&self.session_idle_minutes) {
            bail!("session_idle_minutes must be between 1 and 1440");
        }
        if !(1..=24 * 30).contains(&self.session_max_hours) {
            bail!("session_max_hours must be between 1 and 720");
        }
        if self.digest_hour > 23 {
            bail!("digest_hour must be between 0 and 23");
        }
        if !(1..=86_400).contains(&self.digest_check_seconds) {
            bail!("digest_check_seconds must be between 1 and 86400");
        }
        Ok(())
    }

    /// The configuration as `amity config` prints it, with the database password hidden.
    pub fn describe(&self) -> String {
        format!(
            "listen = \"{}\"\ndatabase_url = \"{}\"\ndemo = {}\noffice_time_zone = \"{}\"\nshow_map = {}\ntrusted_proxies = [{}]\nsession_idle_minutes = {}\nsession_max_hours = {}\n{}",
            self.listen,
            hide_password(&self.database_url),
            self.demo,
            self.office_time_zone,
            self.show_map,
            self.trusted_proxies.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", "),
            self.session_idle_minutes,
            self.session_max_hours,
            self.describe_digest(),
        )
    }

    fn describe_digest(&self) -> String {
        let opt = |v: &Option<String>| v.as_ref().map(|s| format!("\"{s}\"")).unwrap_or_else(|| "\"\"".into());
        format!(
            "public_url = {}\nsmtp_host = {}\nsmtp_port = {}\nsmtp_tls = \"{}\"\nsmtp_username = {}\nsmtp_password = \"{}\"\nsmtp_from = \"{}\"\ndigest_weekday = \"{}\"\ndigest_hour = {}\ndigest_check_seconds = {}\n",
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
        )
    }
}

fn parse_listen(s: &str) -> Result<SocketAddr> {
    let s = s.trim();
    s.parse::<SocketAddr>()
        .or_else(|_| format!("127.0.0.1:{s}").parse::<SocketAddr>())
        .map_err(|_| anyhow::anyhow!("listen address {s:?} is not of the form 127.0.0.1:8080"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_listen_on_loopback_8080_with_amity_db() {
        let c = Config::load(Some(Path::new("/nonexistent/amity.toml")), &Overrides::default());
        assert!(c.is_err(), "a named configuration file must exist");
        let c = Config::default();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.database_url, "sqlite:amity.db");
    }

    #[test]
    fn flags_override_the_file() {
        let over = Overrides { listen: Some("9090".into()), no_demo: true, ..Default::default() };
        let c = Config::load(Some(Path::new("/dev/null")), &over).expect("valid");
        assert_eq!(c.listen.port(), 9090);
        assert!(!c.demo);
    }

    #[test]
    fn passwords_are_hidden_when_printed() {
        assert_eq!(hide_password("postgres://amity:s3cret@db:5432/amity"), "postgres://amity:***@db:5432/amity");
        assert_eq!(hide_password("sqlite:amity.db"), "sqlite:amity.db");
    }
}
