//! Starting the real `amity` binary for tests, and a tiny HTTP/1.1 client (no network beyond loopback).
//! Each test binary uses a different part of this module.
#![allow(dead_code, reason = "each test binary uses a different part of this module")]

pub mod smtp_sink;
pub mod webdriver;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `amity serve`, killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// What the server printed before its URL (the first admin's password on a new database).
    pub preamble: String,
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
    let child = cmd
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start amity");
    // From here on the server is killed and reaped on every path, panics included.
    let mut server = Server { child, base: String::new(), preamble: String::new() };
    let mut reader = BufReader::new(server.child.stdout.take().expect("stdout"));
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).expect("read the startup output");
        assert!(n > 0, "the server stopped before printing its URL: {}", server.preamble);
        if let Some(start) = line.find("http://") {
            server.base = line[start..].split_whitespace().next().expect("url").trim_end_matches('/').to_string();
            // Keep reading stdout so the server never blocks on a full pipe.
            std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
            return server;
        }
        server.preamble.push_str(&line);
    }
}

/// An API token for `user`, created with `amity user token` on the database the command points at.
pub fn token(mut cmd: Command, user: &str) -> String {
    let out = cmd.args(["user", "token", user]).output().expect("run amity user token");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// GET a URL on the test server; returns (status, body).
pub fn get(url: &str, headers: &[(&str, &str)]) -> (u16, String) {
    request("GET", url, headers, "")
}

/// Sends a request with a body; returns (status, body).
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    try_request(method, url, headers, body).unwrap_or_else(|e| panic!("{method} {url}: {e}"))
}

/// Like [`request`], but a connection that fails or breaks is an error, not a panic.
pub fn try_request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> std::io::Result<(u16, String)> {
    let rest = url.strip_prefix("http://").expect("http url");
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let mut s = TcpStream::connect(host)?;
    s.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes())?;
    let (head, body) = read_response(&mut s)?;
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).ok_or_else(|| std::io::Error::other("no status"))?;
    Ok((status, body))
}

/// Reads one response: the head, then exactly `Content-Length` bytes (or to the end without one);
/// some servers keep the connection open despite `Connection: close`.
fn read_response(s: &mut TcpStream) -> std::io::Result<(String, String)> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::other("connection closed before the response head"));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_string();
    let length = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case("content-length").then(|| v.trim().parse::<usize>().ok()).flatten()
    });
    let mut body = raw[head_end..].to_vec();
    match length {
        Some(n) => {
            while body.len() < n {
                let got = s.read(&mut buf)?;
                if got == 0 {
                    return Err(std::io::Error::other("connection closed before the whole body"));
                }
                body.extend_from_slice(&buf[..got]);
            }
            body.truncate(n);
        }
        None => {
            s.read_to_end(&mut body)?;
        }
    }
    Ok((head, String::from_utf8_lossy(&body).to_string()))
}
