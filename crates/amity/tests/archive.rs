//! The whole database through the real binary: export from SQLite, import into PostgreSQL and
//! back, identical; a backup taken while the server runs restores into a new database that works.

mod common;

use std::path::Path;

use common::{amity, get, start, token};

fn run(cmd: &mut std::process::Command) -> std::process::Output {
    let out = cmd.output().expect("run amity");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn without_time(path: &Path) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).expect("read export")).expect("json");
    v["exported_at"] = serde_json::Value::Null;
    let (_, v) = without_loads(v);
    v
}

/// The export without the audit entries of whole-database loads (which only a loaded database
/// has; its audit sequence moved back by as many), and those entries' `after` documents.
fn without_loads(mut v: serde_json::Value) -> (Vec<serde_json::Value>, serde_json::Value) {
    let columns = v["tables"]["audit_log"]["columns"].as_array().cloned().unwrap_or_default();
    let at = |name: &str| columns.iter().position(|c| c == name).expect("audit_log column");
    let (action, after) = (at("action"), at("after_json"));
    let rows = v["tables"]["audit_log"]["rows"].as_array_mut().expect("audit rows");
    let loads: Vec<serde_json::Value> = rows
        .iter()
        .filter(|r| matches!(r[action].as_str(), Some("import_all" | "restore")))
        .map(|r| serde_json::from_str(r[after].as_str().unwrap_or("null")).expect("json"))
        .collect();
    rows.retain(|r| !matches!(r[action].as_str(), Some("import_all" | "restore")));
    if let Some(n) = v["sequences"]["audit_log"].as_i64() {
        v["sequences"]["audit_log"] = serde_json::Value::from(n - loads.len() as i64);
    }
    (loads, v)
}

#[tokio::test]
async fn an_export_moves_between_sqlite_and_postgresql_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let mut first = amity(d);
    first.env("AMITY_ADMIN_PASSWORD", "archive test password");
    drop(start(first, &[]));
    run(amity(d).args(["export", "--all", "a.json"]));
    let exported = without_time(&d.join("a.json"));
    assert_eq!(exported["tables"]["partnerships"]["rows"].as_array().map(Vec::len), Some(15));

    run(amity(d).args(["--database", "sqlite:b.db", "import-all", "a.json"]));
    let again = amity(d).args(["--database", "sqlite:b.db", "import-all", "a.json"]).output().expect("run");
    assert_eq!(again.status.code(), Some(2), "a database with records is refused");
    run(amity(d).args(["--database", "sqlite:b.db", "export", "--all", "b.json"]));
    assert_eq!(without_time(&d.join("b.json")), exported, "SQLite to SQLite");
    let b: serde_json::Value = serde_json::from_slice(&std::fs::read(d.join("b.json")).expect("read")).expect("json");
    let (loads, _) = without_loads(b);
    assert_eq!(loads.len(), 1, "the import is in the loaded database's audit log");
    assert_eq!(loads[0]["file"], "a.json");
    assert_eq!(loads[0]["sha256"].as_str().map(str::len), Some(64));
    let vacuumed = run(amity(d).args(["--database", "sqlite:b.db", "vacuum"]));
    assert!(String::from_utf8_lossy(&vacuumed.stderr).contains("vacuumed the sqlite database"));

    let Some(pg) = amity_store::testing::postgres().await else { return };
    run(amity(d).args(["--database", pg.url(), "import-all", "b.json"]));
    run(amity(d).args(["--database", pg.url(), "export", "--all", "c.json"]));
    assert_eq!(without_time(&d.join("c.json")), exported, "SQLite to PostgreSQL and back out");
    run(amity(d).args(["--database", "sqlite:d.db", "import-all", "c.json"]));
    run(amity(d).args(["--database", "sqlite:d.db", "export", "--all", "d.json"]));
    assert_eq!(without_time(&d.join("d.json")), exported, "PostgreSQL to SQLite");
    pg.cleanup().await;
}

#[test]
fn a_backup_taken_while_serving_restores_into_a_working_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let mut first = amity(d);
    first.env("AMITY_ADMIN_PASSWORD", "archive test password");
    let server = start(first, &[]);
    run(amity(d).args(["backup", "backup.db"]));
    let twice = amity(d).args(["backup", "backup.db"]).output().expect("run");
    assert_eq!(twice.status.code(), Some(2), "a backup never overwrites a file");
    drop(server);

    let restored = d.join("restored");
    std::fs::create_dir(&restored).expect("dir");
    run(amity(&restored).args(["restore", "../backup.db"]));
    let server = start(amity(&restored), &[]);
    assert!(server.preamble.is_empty(), "a restored database is not new: no second admin, no demo");
    let auth = format!("Bearer {}", token(amity(&restored), "admin"));
    let (status, body) = get(&format!("{}/api/v1/partnerships", server.base), &[("Authorization", &auth)]);
    assert_eq!(status, 200);
    assert!(body.contains("\"total\":15"), "{body}");
}
