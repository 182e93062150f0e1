//! Tests of the real binary: it starts, answers /healthz, loads the demo into a new database,
//! and refuses bad start-up conditions with one line and exit code 2, leaving files untouched.

mod common;

use std::net::TcpListener;

use common::{amity, get, request, serve, token};

#[test]
fn serve_on_a_free_port_answers_healthz_and_holds_the_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = serve(dir.path(), &[]);
    assert!(server.preamble.contains("sign in as \"admin\" with the password"), "{}", server.preamble);
    let (status, body) = get(&format!("{}/healthz", server.base), &[]);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"database\":\"ok\""), "{body}");
    let (status, _) = get(&format!("{}/api/v1/partnerships", server.base), &[]);
    assert_eq!(status, 401, "the API needs a token");
    let auth = format!("Bearer {}", token(amity(dir.path()), "admin"));
    let (status, body) = get(&format!("{}/api/v1/partnerships?per_page=100", server.base), &[("Authorization", &auth)]);
    assert_eq!(status, 200);
    assert!(body.contains("\"total\":15"), "the demo's 15 partnerships: {body}");
    assert!(dir.path().join("amity.db").exists(), "amity.db is created in the working directory");
}

#[test]
fn no_demo_starts_an_empty_database_and_a_restart_keeps_it_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let server = serve(dir.path(), &["--no-demo"]);
        let auth = format!("Bearer {}", token(amity(dir.path()), "admin"));
        let (_, body) = get(&format!("{}/api/v1/partnerships", server.base), &[("Authorization", &auth)]);
        assert!(body.contains("\"total\":0"), "{body}");
    }
    let server = serve(dir.path(), &[]);
    assert!(server.preamble.is_empty(), "no new admin password on a second start: {}", server.preamble);
    let auth = format!("Bearer {}", token(amity(dir.path()), "admin"));
    let (_, body) = get(&format!("{}/api/v1/partnerships", server.base), &[("Authorization", &auth)]);
    assert!(body.contains("\"total\":0"), "the database is no longer new, so no demo: {body}");
}

#[test]
fn a_malformed_database_url_fails_with_one_line_and_exit_code_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out =
        amity(dir.path()).args(["--database", "mysql://nobody@127.0.0.1/x", "serve", "--listen", "127.0.0.1:0"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn a_port_in_use_fails_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let out = amity(dir.path()).args(["serve", "--listen", &addr]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&addr), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn a_busy_port_on_a_first_start_touches_no_database_so_the_next_start_still_shows_the_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    // At the default log level, as a person starts it.
    let out = amity(dir.path()).env_remove("AMITY_LOG").args(["serve", "--listen", &addr]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "exactly one line: {err}");
    assert!(err.contains(&addr), "{err}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!said.contains("password"), "no password is shown for a server that never ran: {said}");
    assert!(!dir.path().join("amity.db").exists(), "the port is checked before the database is created");
    drop(taken);
    let server = serve(dir.path(), &[]);
    assert!(server.preamble.contains("sign in as \"admin\" with the password"), "{}", server.preamble);
}

#[test]
fn a_corrupt_sqlite_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("amity.db");
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &junk).expect("write");
    let out = amity(dir.path()).args(["serve", "--listen", "127.0.0.1:0"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim().lines().count(), 1);
    assert_eq!(std::fs::read(&path).expect("read"), junk, "the file is left byte for byte as it was");
    assert!(!dir.path().join("amity.db-wal").exists());
}

#[test]
fn accounts_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = serve(dir.path(), &["--no-demo"]);
    let add = amity(dir.path()).args(["user", "add", "wang.fang", "--role", "coordinator"]).output().expect("run");
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let printed = String::from_utf8_lossy(&add.stdout).to_string();
    assert!(printed.contains("Password: "), "{printed}");
    let dup = amity(dir.path()).args(["user", "add", "Wang.Fang", "--role", "viewer"]).output().expect("run");
    assert_eq!(dup.status.code(), Some(2), "usernames are unique whatever their case");
    let bad = amity(dir.path()).args(["user", "add", "x", "--role", "emperor"]).output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("role"));
    let list = amity(dir.path()).args(["user", "list"]).output().expect("run");
    let list = String::from_utf8_lossy(&list.stdout).to_string();
    assert!(list.contains("admin") && list.contains("wang.fang\tcoordinator"), "{list}");
    let auth = format!("Bearer {}", token(amity(dir.path()), "wang.fang"));
    let (status, _) = get(&format!("{}/api/v1/partnerships", server.base), &[("Authorization", &auth)]);
    assert_eq!(status, 200);
    let off = amity(dir.path()).args(["user", "disable", "wang.fang"]).output().expect("run");
    assert!(off.status.success());
    let (status, _) = get(&format!("{}/api/v1/partnerships", server.base), &[("Authorization", &auth)]);
    assert_eq!(status, 401, "a disabled user's token stops working at once");
    let mut passwd = amity(dir.path());
    passwd.args(["user", "passwd", "admin", "--password-stdin"]).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped());
    let mut child = passwd.spawn().expect("spawn");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(b"a brand new admin password\n").expect("write");
    assert!(child.wait().expect("wait").success());
    let body = "_csrf=x&username=admin&password=a+brand+new+admin+password";
    let (status, _) = request("POST", &format!("{}/login", server.base), &[("Content-Type", "application/x-www-form-urlencoded")], body);
    assert_eq!(status, 400, "the sign-in form without its cookie token is refused as expired");
}

#[test]
fn the_first_admin_password_can_be_given_in_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmd = amity(dir.path());
    cmd.env("AMITY_ADMIN_PASSWORD", "an office-chosen password");
    let server = common::start(cmd, &["--no-demo"]);
    assert!(server.preamble.contains("AMITY_ADMIN_PASSWORD"), "{}", server.preamble);
    assert!(!server.preamble.contains("an office-chosen password"), "the password is not echoed");
}

#[test]
fn demo_refuses_a_database_that_holds_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = amity(dir.path()).arg("demo").output().expect("run");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("15 partnerships"));
    let again = amity(dir.path()).arg("demo").output().expect("run");
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn config_prints_the_effective_settings_with_the_password_hidden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = amity(dir.path()).args(["--database", "postgres://amity:s3cret@127.0.0.1/amity", "config"]).output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("amity:***@"), "{text}");
    assert!(!text.contains("s3cret"));
}
