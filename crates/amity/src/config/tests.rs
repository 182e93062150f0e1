//! The layers' order, setting by setting, and the errors that name a bad setting. Every test gives
//! its environment explicitly, so none reads or changes the process's.

use std::path::{Path, PathBuf};

use super::layers::KEYS;
use super::*;

/// A configuration file with `text` in a fresh directory (kept alive by the returned guard).
fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("amity.toml");
    std::fs::write(&path, text).expect("write amity.toml");
    (dir, path)
}

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn load(path: &Path, vars: &[(&str, &str)], over: &Overrides) -> anyhow::Result<Config> {
    Config::load_from(Some(path), env(vars), over)
}

fn error(path: &Path, vars: &[(&str, &str)], over: &Overrides) -> String {
    format!("{:#}", load(path, vars, over).expect_err("must be refused"))
}

/// Every setting, with a value unlike its default, as (setting, text in the environment or a flag).
const EVERY_SETTING: [(&str, &str); 23] = [
    ("listen", "0.0.0.0:9000"),
    ("database_url", "postgres://amity:s3cret@db/amity"),
    ("demo", "false"),
    ("office_time_zone", "Europe/Berlin"),
    ("show_map", "false"),
    ("trusted_proxies", "10.0.0.1, ::1, 172.16.0.0/12"),
    ("session_idle_minutes", "45"),
    ("session_max_hours", "24"),
    ("sign_in_lock_minutes", "30"),
    ("sign_in_failures_per_address_and_account", "3"),
    ("sign_in_failures_per_account", "50"),
    ("sign_in_failures_per_address", "40"),
    ("public_url", "https://amity.example.org"),
    ("smtp_host", "mail.example.org"),
    ("smtp_port", "465"),
    ("smtp_tls", "tls"),
    ("smtp_username", "amity"),
    ("smtp_password", "007"),
    ("smtp_from", "Amity <amity@example.org>"),
    ("digest_weekday", "fri"),
    ("digest_hour", "17"),
    ("digest_check_seconds", "60"),
    ("cache_megabytes", "0"),
];

/// Asserts that `c` holds every value of [`EVERY_SETTING`]. The destructuring stops compiling when
/// `Config` gains a field, so a new setting cannot escape this test.
fn assert_every_setting_landed(c: &Config) {
    let Config {
        listen,
        database_url,
        demo,
        office_time_zone,
        show_map,
        trusted_proxies,
        session_idle_minutes,
        session_max_hours,
        sign_in_lock_minutes,
        sign_in_failures_per_address_and_account,
        sign_in_failures_per_account,
        sign_in_failures_per_address,
        public_url,
        smtp_host,
        smtp_port,
        smtp_tls,
        smtp_username,
        smtp_password,
        smtp_from,
        digest_weekday,
        digest_hour,
        digest_check_seconds,
        cache_megabytes,
    } = c;
    assert_eq!(listen.to_string(), "0.0.0.0:9000");
    assert_eq!(database_url, "postgres://amity:s3cret@db/amity");
    assert!(!demo && !show_map);
    assert_eq!(office_time_zone, "Europe/Berlin");
    assert_eq!(trusted_proxies.iter().map(ToString::to_string).collect::<Vec<_>>(), ["10.0.0.1", "::1", "172.16.0.0/12"]);
    assert_eq!((*session_idle_minutes, *session_max_hours), (45, 24));
    let limits = (*sign_in_failures_per_address_and_account, *sign_in_failures_per_account, *sign_in_failures_per_address);
    assert_eq!((*sign_in_lock_minutes, limits), (30, (3, 50, 40)));
    assert_eq!(public_url.as_deref(), Some("https://amity.example.org"));
    assert_eq!(smtp_host.as_deref(), Some("mail.example.org"));
    assert_eq!((*smtp_port, *smtp_tls), (465, SmtpTls::Tls));
    assert_eq!(smtp_username.as_deref(), Some("amity"));
    assert_eq!(smtp_password.as_deref(), Some("007"), "a password that looks like a number stays text");
    assert_eq!(smtp_from, "Amity <amity@example.org>");
    assert_eq!((*digest_weekday, *digest_hour, *digest_check_seconds), (chrono::Weekday::Fri, 17, 60));
    assert_eq!((*cache_megabytes, c.cache_bytes()), (0, 0), "0 turns the response cache off");
    // And `amity config` shows every one of them changed.
    for (set, default) in c.describe().lines().zip(Config::default().describe().lines()) {
        assert_ne!(set, default, "a setting kept its default");
    }
}

#[test]
fn defaults_apply_when_no_layer_sets_anything() {
    let (_dir, path) = file("");
    assert_eq!(load(&path, &[], &Overrides::default()).expect("valid"), Config::default());
    let c = Config::default();
    assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(c.database_url, "sqlite:amity.db");
}

#[test]
fn a_named_configuration_file_must_exist() {
    let e = error(Path::new("/nonexistent/amity.toml"), &[], &Overrides::default());
    assert!(e.contains("cannot read the configuration file /nonexistent/amity.toml"), "{e}");
}

#[test]
fn the_file_overrides_the_defaults() {
    let (_dir, path) =
        file("listen = \"127.0.0.1:7000\"\noffice_time_zone = \"Europe/Paris\"\ntrusted_proxies = [\"127.0.0.1\"]\nsmtp_host = \"\"\n");
    let c = load(&path, &[], &Overrides::default()).expect("valid");
    assert_eq!(c.listen.port(), 7000);
    assert_eq!(c.office_time_zone, "Europe/Paris");
    assert_eq!(c.trusted_proxies, vec![amity_web::auth::IpRange::from(std::net::IpAddr::from([127, 0, 0, 1]))]);
    assert_eq!(c.smtp_host, None, "an empty smtp_host turns the digest off");
    assert_eq!(c.session_idle_minutes, 30, "what the file leaves out keeps its default");
}

#[test]
fn the_environment_overrides_the_file() {
    let (_dir, path) = file("listen = \"127.0.0.1:7000\"\ndatabase_url = \"sqlite:file.db\"\nsmtp_port = 2525\n");
    let c = load(&path, &[("AMITY_LISTEN", "7001"), ("DATABASE_URL", "sqlite:env.db"), ("AMITY_SMTP_PORT", "")], &Overrides::default())
        .expect("valid");
    assert_eq!(c.listen.to_string(), "127.0.0.1:7001");
    assert_eq!(c.database_url, "sqlite:env.db");
    assert_eq!(c.smtp_port, 2525, "an empty variable counts as unset");
    let c = load(&path, &[("DATABASE_URL", "sqlite:env.db"), ("AMITY_DATABASE_URL", "sqlite:amity-env.db")], &Overrides::default())
        .expect("valid");
    assert_eq!(c.database_url, "sqlite:amity-env.db", "AMITY_DATABASE_URL beats DATABASE_URL");
}

#[test]
fn flags_override_the_environment() {
    let (_dir, path) = file("demo = true\n");
    let vars = [("AMITY_LISTEN", "7001"), ("DATABASE_URL", "sqlite:env.db"), ("AMITY_DEMO", "true"), ("AMITY_SHOW_MAP", "true")];
    let over = Overrides {
        listen: Some("9090".into()),
        database_url: Some("sqlite:flag.db".into()),
        no_demo: true,
        set: vec!["show_map=false".into()],
    };
    let c = load(&path, &vars, &over).expect("valid");
    assert_eq!(c.listen.port(), 9090);
    assert_eq!(c.database_url, "sqlite:flag.db");
    assert!(!c.demo && !c.show_map);
}

#[test]
fn every_setting_can_be_set_from_the_environment() {
    let (_dir, path) = file("");
    let vars: Vec<(String, String)> =
        EVERY_SETTING.iter().map(|(k, v)| (format!("AMITY_{}", k.to_ascii_uppercase()), v.to_string())).collect();
    assert_eq!(EVERY_SETTING.map(|(k, _)| k), KEYS, "the test covers every setting, in order");
    let c = Config::load_from(Some(&path), vars, &Overrides::default()).expect("valid");
    assert_every_setting_landed(&c);
}

#[test]
fn every_setting_can_be_set_with_a_flag() {
    let (_dir, path) = file("");
    let set = EVERY_SETTING.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let c = load(&path, &[], &Overrides { set, ..Default::default() }).expect("valid");
    assert_every_setting_landed(&c);
}

#[test]
fn other_amity_variables_are_not_settings() {
    let (_dir, path) = file("");
    let vars = [("AMITY_LOG", "debug"), ("AMITY_CONFIG", "x.toml"), ("AMITY_ADMIN_PASSWORD", "pw"), ("AMITY_NO_SUCH", "1")];
    assert_eq!(load(&path, &vars, &Overrides::default()).expect("valid"), Config::default());
}

#[test]
fn bad_values_are_refused_with_the_setting_named() {
    let (_dir, empty) = file("");
    let none = Overrides::default();
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[("AMITY_OFFICE_TIME_ZONE", "Mars/Olympus")], "office_time_zone: \"Mars/Olympus\" is not an IANA time zone"),
        (&[("AMITY_LISTEN", "localhost:http")], "listen: \"localhost:http\" is not an address"),
        (&[("AMITY_TRUSTED_PROXIES", "10.0.0.1, proxy.local")], "trusted_proxies: \"proxy.local\" is not an IP address or CIDR range"),
        (&[("AMITY_DIGEST_WEEKDAY", "someday")], "digest_weekday: \"someday\" is not a weekday"),
        (
            &[("AMITY_SMTP_PORT", "smtp")],
            "smtp_port: invalid type: found string \"smtp\", expected u16 (from AMITY_SMTP_PORT in the environment)",
        ),
        (&[("AMITY_SESSION_IDLE_MINUTES", "0")], "session_idle_minutes must be between 1 and 1440"),
    ];
    for (vars, expected) in cases {
        let e = error(&empty, vars, &none);
        assert!(e.contains(expected), "{vars:?}: {e}");
    }
    let (_dir, path) = file("smtp_tls = \"ssl\"\n");
    let e = error(&path, &[], &none);
    assert!(e.contains("smtp_tls: unknown variant: found `ssl`") && e.contains("amity.toml"), "{e}");
    let (_dir, path) = file("lisen = \"127.0.0.1:80\"\n");
    assert!(error(&path, &[], &none).contains("unknown field: found `lisen`"));
    let e = error(&empty, &[], &Overrides { set: vec!["time_zone=UTC".into()], ..Default::default() });
    assert!(e.contains("--set time_zone: no such setting"), "{e}");
}

#[test]
fn the_office_settings_are_not_server_settings_and_say_where_they_are_changed() {
    let none = Overrides::default();
    let (_empty_dir, empty) = file("");
    let e = error(&empty, &[], &Overrides { set: vec!["quiet_months=6".into()], ..Default::default() });
    assert!(e.contains("--set quiet_months: an office setting") && e.contains("/admin/settings"), "{e}");
    let (_dir, path) = file("dormant_months = 36\n");
    let e = error(&path, &[], &none);
    assert!(e.contains("dormant_months: an office setting") && e.contains("PUT /api/v1/settings"), "{e}");
}

#[test]
fn passwords_are_hidden_when_printed() {
    assert_eq!(hide_password("postgres://amity:s3cret@db:5432/amity"), "postgres://amity:***@db:5432/amity");
    assert_eq!(hide_password("sqlite:amity.db"), "sqlite:amity.db");
    let c = Config { smtp_password: Some("s3cret".into()), ..Config::default() };
    assert!(c.describe().contains("smtp_password = \"***\"") && !c.describe().contains("s3cret"));
}
