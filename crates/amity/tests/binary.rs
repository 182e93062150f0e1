//! Tests of the real binary: it starts, answers /healthz, loads the demo into a new database,
//! and refuses bad start-up conditions with one line and exit code 2, leaving files untouched.

mod common;

use std::net::TcpListener;

use common::{amity, get, request, serve, start, token};

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
fn the_sample_office_loads_only_into_an_empty_database_and_never_beside_the_demo() {
    let (sample, demo) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let first = amity(sample.path()).args(["demo", "--sample"]).output().expect("run");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(String::from_utf8_lossy(&first.stdout).contains("sample office (invented data, marked as such): 80 partnerships"));
    for args in [&["demo", "--sample"][..], &["demo"][..]] {
        let again = amity(sample.path()).args(args).output().expect("run");
        assert_eq!(again.status.code(), Some(2), "{args:?} on the sample office");
    }
    assert!(amity(demo.path()).arg("demo").output().expect("run").status.success());
    let mixed = amity(demo.path()).args(["demo", "--sample"]).output().expect("run");
    assert_eq!(mixed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("nothing was written"), "{}", String::from_utf8_lossy(&mixed.stderr));
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

#[test]
fn a_locked_account_is_unlocked_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(
        {
            let mut c = amity(dir.path());
            c.env("AMITY_ADMIN_PASSWORD", "the admin's long password");
            c
        },
        &["--no-demo"],
    );
    // The sign-in form's double-submit pair: any token of 32 characters or more, in cookie and field.
    let pre = "p".repeat(40);
    let cookie = format!("amity_pre={pre}");
    let headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie.as_str())];
    let attempt = |password: &str| {
        let body = format!("_csrf={pre}&username=admin&password={}", password.replace(' ', "+"));
        request("POST", &format!("{}/login", server.base), &headers, &body).0
    };
    for _ in 0..5 {
        assert_eq!(attempt("not the password at all"), 401);
    }
    assert_eq!(attempt("the admin's long password"), 429, "locked after five failures");
    let out = amity(dir.path()).args(["user", "unlock", "admin"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Unlocked admin"), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(attempt("the admin's long password"), 303, "unlocked");
}

#[test]
fn graceful_shutdown_finishes_a_request_in_flight() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut server = serve(dir.path(), &["--no-demo"]);
    let host = server.base.trim_start_matches("http://").to_string();
    let mut s = std::net::TcpStream::connect(&host).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20))).expect("timeout");
    let body = "username=admin&password=whatever+it+is";
    let head = format!(
        "POST /login HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).expect("head");
    s.write_all(&body.as_bytes()[..10]).expect("half the body");
    s.flush().expect("flush");
    std::thread::sleep(std::time::Duration::from_millis(300));
    // SIGTERM to the server this test started, while its request is half read.
    let term = std::process::Command::new("kill").args(["-TERM", &server.child.id().to_string()]).status().expect("kill");
    assert!(term.success());
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.write_all(&body.as_bytes()[10..]).expect("the rest of the body");
    let mut answer = String::new();
    s.read_to_string(&mut answer).expect("the answer");
    assert!(answer.starts_with("HTTP/1.1 400"), "the request in flight is answered: {answer:.200}");
    let status = server.child.wait().expect("wait");
    assert!(status.success(), "the server stops cleanly after answering: {status}");
}
