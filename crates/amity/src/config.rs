//! The effective configuration: defaults in code, then `amity.toml`, then `AMITY_*` variables
//! (and `DATABASE_URL`), then command-line flags.

use std::net::SocketAddr;
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
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: "sqlite:amity.db".into(),
            demo: true,
            office_time_zone: "Asia/Shanghai".into(),
            show_map: true,
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
        Ok(())
    }

    /// Until accounts exist, Amity serves only this machine: a wider address is refused.
    fn check(&self) -> Result<()> {
        if !self.listen.ip().is_loopback() {
            bail!(
                "listen address {} is not a loopback address; until user accounts exist Amity only listens on 127.0.0.1 or ::1",
                self.listen
            );
        }
        Ok(())
    }

    /// The configuration as `amity config` prints it, with the database password hidden.
    pub fn describe(&self) -> String {
        format!(
            "listen = \"{}\"\ndatabase_url = \"{}\"\ndemo = {}\noffice_time_zone = \"{}\"\nshow_map = {}\n",
            self.listen,
            hide_password(&self.database_url),
            self.demo,
            self.office_time_zone,
            self.show_map
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
    fn flags_override_and_wide_addresses_are_refused() {
        let over = Overrides { listen: Some("0.0.0.0:80".into()), ..Default::default() };
        let e = Config::load(Some(Path::new("/dev/null")), &over).expect_err("refused");
        assert!(e.to_string().contains("loopback"));
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
