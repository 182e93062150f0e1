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
        Ok(())
    }

    fn check(&self) -> Result<()> {
        if !(1..=24 * 60).contains(&self.session_idle_minutes) {
            bail!("session_idle_minutes must be between 1 and 1440");
        }
        if !(1..=24 * 30).contains(&self.session_max_hours) {
            bail!("session_max_hours must be between 1 and 720");
        }
        Ok(())
    }

    /// The configuration as `amity config` prints it, with the database password hidden.
    pub fn describe(&self) -> String {
        format!(
            "listen = \"{}\"\ndatabase_url = \"{}\"\ndemo = {}\noffice_time_zone = \"{}\"\nshow_map = {}\ntrusted_proxies = [{}]\nsession_idle_minutes = {}\nsession_max_hours = {}\n",
            self.listen,
            hide_password(&self.database_url),
            self.demo,
            self.office_time_zone,
            self.show_map,
            self.trusted_proxies.iter().map(|p| format!("\"{p}\"")).collect::<Vec<_>>().join(", "),
            self.session_idle_minutes,
            self.session_max_hours,
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
