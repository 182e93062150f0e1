//! Starting the real `amity` binary for tests, and a tiny HTTP/1.1 client (no network beyond loopback).
//! Each test binary uses a different part of this module.
#![allow(dead_code, reason = "each test binary uses a different part of this module")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `amity serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The command for the built binary, run in `dir`.
pub fn amity(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_amity"));
    c.current_dir(dir).env_remove("DATABASE_URL").env_remove("AMITY_LISTEN").env("AMITY_LOG", "warn");
    c
}

/// Starts `amity serve --listen 127.0.0.1:0` in `dir` and waits for the URL it prints.
pub fn serve(dir: &Path, extra: &[&str]) -> Server {
    start(amity(dir), extra)
}

/// Starts a prepared `amity` command as a server and waits for the URL it prints.
pub fn start(mut cmd: Command, extra: &[&str]) -> Server {
    let mut child = cmd
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start amity");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("read the startup line");
    let start = line.find("http://").unwrap_or_else(|| panic!("no URL in {line:?}"));
    let base = line[start..].split_whitespace().next().expect("url").trim_end_matches('/').to_string();
    Server { child, base }
}

/// GET a URL on the test server; returns (status, body).
pub fn get(url: &str, headers: &[(&str, &str)]) -> (u16, String) {
    request("GET", url, headers, "")
}

/// Sends a request with a body; returns (status, body).
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://").expect("http url");
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let mut s = TcpStream::connect(host).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).expect("write");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).to_string();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).expect("status");
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}
