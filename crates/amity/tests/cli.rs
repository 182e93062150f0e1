//! Tests of the binary's output that need no server: the route table, and logs without colour codes
//! when standard error is not a terminal.

mod common;

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
