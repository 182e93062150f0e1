//! Tests of the binary's output that need no server: the route table, and logs without colour codes
//! when standard error is not a terminal.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;

use common::amity;

#[test]
fn routes_prints_one_aligned_line_per_route_without_a_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = amity(dir.path()).args(["routes"]).output().expect("amity routes");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("METHOD") && lines[0].ends_with("KIND"), "{}", lines[0]);
    assert!(lines.iter().any(|l| l.split_whitespace().eq(["GET", "/healthz", "public", "page"])), "{text}");
    assert!(lines.iter().any(|l| l.split_whitespace().eq(["GET", "/api/v1/partnerships", "read", "api"])), "{text}");
    assert!(!dir.path().join("amity.db").exists(), "printing the routes opens no database");
}

#[test]
fn routes_markdown_is_docs_routes_md() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = amity(dir.path()).args(["routes", "--markdown"]).output().expect("amity routes --markdown");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/ROUTES.md")).unwrap_or_default();
    assert!(
        String::from_utf8_lossy(&out.stdout) == docs,
        "docs/ROUTES.md is stale: regenerate it with `cargo run -p amity -- routes --markdown > docs/ROUTES.md`"
    );
}

#[test]
fn logs_to_a_pipe_carry_no_colour_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = amity(dir.path())
        .env("AMITY_LOG", "amity=info")
        .env_remove("NO_COLOR")
        .args(["serve", "--listen", "127.0.0.1:0", "--no-demo"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start amity");
    // The server logs "new database" before it prints its URL; once the URL is out, stop it.
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let started = stdout.lines().map_while(Result::ok).any(|line| line.contains("http://"));
    let _ = child.kill();
    let _ = child.wait();
    let mut logs = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut logs).expect("read the logs");
    assert!(started, "the server did not start: {logs}");
    assert!(logs.contains("new database"), "an info line is logged: {logs}");
    assert!(!logs.contains('\u{1b}'), "no ANSI escape codes when standard error is not a terminal: {logs:?}");
}
