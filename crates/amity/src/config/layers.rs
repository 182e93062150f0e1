//! The layers, merged by figment in one order for every setting: defaults → `amity.toml` →
//! `AMITY_<NAME>` (and `DATABASE_URL`) → flags (`--listen`, `--database`, `--no-demo`, `--set`);
//! then each value is checked, and an error names the setting and where its value came from.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use figment::providers::{Format, Serialized, Toml};
use figment::value::{Dict, Map, Value};
use figment::{Figment, Metadata, Profile, Provider};
use serde::{Deserialize, Serialize};

use super::explain::explain;
use super::{Config, Overrides, SmtpTls};

/// Every setting's name: its key in `amity.toml`, `AMITY_<NAME>` upper-cased, `--set NAME=…`.
pub(super) const KEYS: [&str; 23] = [
    "listen",
    "database_url",
    "demo",
    "office_time_zone",
    "show_map",
    "trusted_proxies",
    "session_idle_minutes",
    "session_max_hours",
    "sign_in_lock_minutes",
    "sign_in_failures_per_address_and_account",
    "sign_in_failures_per_account",
    "sign_in_failures_per_address",
    "public_url",
    "smtp_host",
    "smtp_port",
    "smtp_tls",
    "smtp_username",
    "smtp_password",
    "smtp_from",
    "digest_weekday",
    "digest_hour",
    "digest_check_seconds",
    "cache_megabytes",
];

/// Settings whose text from the environment or a flag is taken as it is, never read as a number
/// or a list (a password `007` stays `007`; `trusted_proxies` is split on commas when checked).
const TEXT_KEYS: [&str; 11] = [
    "listen",
    "database_url",
    "office_time_zone",
    "trusted_proxies",
    "public_url",
    "smtp_host",
    "smtp_tls",
    "smtp_username",
    "smtp_password",
    "smtp_from",
    "digest_weekday",
];

/// The settings as the layers give them, before they are checked.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    listen: String,
    database_url: String,
    demo: bool,
    office_time_zone: String,
    show_map: bool,
    trusted_proxies: Proxies,
    session_idle_minutes: i64,
    session_max_hours: i64,
    sign_in_lock_minutes: i64,
    sign_in_failures_per_address_and_account: i64,
    sign_in_failures_per_account: i64,
    sign_in_failures_per_address: i64,
    public_url: Option<String>,
    smtp_host: Option<String>,
    smtp_port: u16,
    smtp_tls: SmtpTls,
    smtp_username: Option<String>,
    smtp_password: Option<String>,
    smtp_from: String,
    digest_weekday: String,
    digest_hour: u32,
    digest_check_seconds: u64,
    cache_megabytes: u64,
}

/// A list in `amity.toml`; comma-separated text (brackets and quotes allowed) in the environment or a flag.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Proxies {
    List(Vec<String>),
    Text(String),
}

impl From<&Config> for Raw {
    fn from(c: &Config) -> Self {
        Raw {
            listen: c.listen.to_string(),
            database_url: c.database_url.clone(),
            demo: c.demo,
            office_time_zone: c.office_time_zone.clone(),
            show_map: c.show_map,
            trusted_proxies: Proxies::List(c.trusted_proxies.iter().map(ToString::to_string).collect()),
            session_idle_minutes: c.session_idle_minutes,
            session_max_hours: c.session_max_hours,
            sign_in_lock_minutes: c.sign_in_lock_minutes,
            sign_in_failures_per_address_and_account: c.sign_in_failures_per_address_and_account,
            sign_in_failures_per_account: c.sign_in_failures_per_account,
            sign_in_failures_per_address: c.sign_in_failures_per_address,
            public_url: c.public_url.clone(),
            smtp_host: c.smtp_host.clone(),
            smtp_port: c.smtp_port,
            smtp_tls: c.smtp_tls,
            smtp_username: c.smtp_username.clone(),
            smtp_password: c.smtp_password.clone(),
            smtp_from: c.smtp_from.clone(),
            digest_weekday: c.digest_weekday.to_string().to_lowercase(),
            digest_hour: c.digest_hour,
            digest_check_seconds: c.digest_check_seconds,
            cache_megabytes: c.cache_megabytes,
        }
    }
}

/// Merges the layers and checks the result.
pub(super) fn load(file: Option<&Path>, env: impl IntoIterator<Item = (String, String)>, over: &Overrides) -> Result<Config> {
    let mut figment = Figment::new().merge(Serialized::defaults(Raw::from(&Config::default())));
    match file {
        Some(path) => {
            std::fs::metadata(path).with_context(|| format!("cannot read the configuration file {}", path.display()))?;
            figment = figment.merge(Toml::file_exact(path));
        }
        None if Path::new("amity.toml").is_file() => figment = figment.merge(Toml::file_exact("amity.toml")),
        None => {}
    }
    let raw: Raw = figment.merge(environment(env)).merge(flags(over)?).extract().map_err(explain)?;
    raw.check()
}

/// `AMITY_<NAME>` for every setting, and `DATABASE_URL` (which `AMITY_DATABASE_URL` beats). Empty
/// variables count as unset; other `AMITY_*` variables (`AMITY_LOG`, `AMITY_CONFIG` …) are not settings.
fn environment(env: impl IntoIterator<Item = (String, String)>) -> Layer {
    let mut values = Dict::new();
    let mut database_url = None;
    for (name, text) in env {
        if text.is_empty() {
            continue;
        }
        if name == "DATABASE_URL" {
            database_url = Some(text);
        } else if let Some(key) = name.strip_prefix("AMITY_").map(str::to_ascii_lowercase)
            && KEYS.contains(&key.as_str())
        {
            values.insert(key.clone(), value(&key, text));
        }
    }
    if let Some(url) = database_url {
        values.entry("database_url".into()).or_insert_with(|| Value::from(url));
    }
    Layer { name: "the environment", values, source: |key| format!("AMITY_{}", key.to_ascii_uppercase()) }
}

/// The command line's flags: `--set KEY=VALUE` for any setting, then the named flags.
fn flags(over: &Overrides) -> Result<Layer> {
    let mut values = Dict::new();
    for pair in &over.set {
        let Some((key, text)) = pair.split_once('=') else { bail!("--set {pair}: give KEY=VALUE") };
        let key = key.trim().to_ascii_lowercase();
        super::office::refuse_flag(&key)?;
        if !KEYS.contains(&key.as_str()) {
            bail!("--set {key}: no such setting (settings: {})", KEYS.join(", "));
        }
        values.insert(key.clone(), value(&key, text.to_string()));
    }
    if let Some(listen) = &over.listen {
        values.insert("listen".into(), Value::from(listen.clone()));
    }
    if let Some(url) = &over.database_url {
        values.insert("database_url".into(), Value::from(url.clone()));
    }
    if over.no_demo {
        values.insert("demo".into(), Value::from(false));
    }
    Ok(Layer { name: "the command line", values, source: |key| format!("--set {key}") })
}

/// A setting's value from text: as written for text settings, else read as figment reads
/// environment values (`true`, `25`, …).
fn value(key: &str, text: String) -> Value {
    if TEXT_KEYS.contains(&key) {
        return Value::from(text);
    }
    let Ok(v) = text.parse::<Value>();
    v
}

/// Values from text (the environment or flags), named for error messages.
struct Layer {
    name: &'static str,
    values: Dict,
    source: fn(&str) -> String,
}

impl Provider for Layer {
    fn metadata(&self) -> Metadata {
        let source = self.source;
        Metadata::named(self.name).interpolater(move |_: &Profile, keys: &[&str]| source(&keys.join(".")))
    }

    fn data(&self) -> figment::Result<Map<Profile, Dict>> {
        Ok(Profile::Default.collect(self.values.clone()))
    }
}

impl Raw {
    /// Reads and checks every value; an error names the setting.
    fn check(self) -> Result<Config> {
        let office_time_zone = self.office_time_zone.trim().to_string();
        office_time_zone
            .parse::<chrono_tz::Tz>()
            .map_err(|_| anyhow!("office_time_zone: {office_time_zone:?} is not an IANA time zone (such as Asia/Shanghai)"))?;
        let proxies = match self.trusted_proxies {
            Proxies::List(list) => list,
            // `10.0.0.1, ::1`, or written as in the file: `["10.0.0.1", "::1"]`.
            Proxies::Text(text) => text.trim().trim_start_matches('[').trim_end_matches(']').split(',').map(str::to_string).collect(),
        };
        let trusted_proxies = proxies
            .iter()
            .map(|s| s.trim().trim_matches('"'))
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<amity_web::auth::IpRange>().map_err(|e| anyhow!("trusted_proxies: {e}")))
            .collect::<Result<_>>()?;
        let weekday = self.digest_weekday.trim();
        let digest_weekday = weekday.parse().map_err(|_| anyhow!("digest_weekday: {weekday:?} is not a weekday (mon … sun)"))?;
        let c = Config {
            listen: parse_listen(&self.listen)?,
            database_url: self.database_url,
            demo: self.demo,
            office_time_zone,
            show_map: self.show_map,
            trusted_proxies,
            session_idle_minutes: self.session_idle_minutes,
            session_max_hours: self.session_max_hours,
            sign_in_lock_minutes: self.sign_in_lock_minutes,
            sign_in_failures_per_address_and_account: self.sign_in_failures_per_address_and_account,
            sign_in_failures_per_account: self.sign_in_failures_per_account,
            sign_in_failures_per_address: self.sign_in_failures_per_address,
            public_url: given(self.public_url),
            smtp_host: given(self.smtp_host),
            smtp_port: self.smtp_port,
            smtp_tls: self.smtp_tls,
            smtp_username: given(self.smtp_username),
            smtp_password: given(self.smtp_password),
            smtp_from: self.smtp_from,
            digest_weekday,
            digest_hour: self.digest_hour,
            digest_check_seconds: self.digest_check_seconds,
            cache_megabytes: self.cache_megabytes,
        };
        super::ranges::check(&c)?;
        Ok(c)
    }
}

/// An empty text is no value (`smtp_host = ""` turns the digest off).
fn given(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.trim().is_empty())
}

/// `127.0.0.1:8080`, `[::1]:8080`, or a bare port on the loopback address.
pub(super) fn parse_listen(s: &str) -> Result<SocketAddr> {
    let s = s.trim();
    s.parse::<SocketAddr>()
        .or_else(|_| format!("127.0.0.1:{s}").parse::<SocketAddr>())
        .map_err(|_| anyhow!("listen: {s:?} is not an address of the form 127.0.0.1:8080"))
}
