//! A minimal WebDriver client (the W3C protocol, spoken to chromedriver over loopback HTTP):
//! just enough for journeys — open a page, type, click, read the page, run a script, resize the
//! window, take a screenshot.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

use super::request;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A running chromedriver, killed when dropped.
pub struct Driver {
    child: Child,
    base: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn call(method: &str, url: &str, body: &Value) -> Value {
    let text = if method == "GET" || method == "DELETE" { String::new() } else { body.to_string() };
    let (status, resp) = request(method, url, &[("Content-Type", "application/json")], &text);
    let v: Value = serde_json::from_str(&resp).unwrap_or_else(|e| panic!("webdriver answered {status} with non-JSON ({e}): {resp}"));
    assert!(status < 400, "webdriver {method} {url} failed with {status}: {v}");
    v["value"].clone()
}

impl Driver {
    /// Starts chromedriver on a free loopback port.
    pub fn start(chromedriver: &Path) -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, base }
    }

    /// A new headless browser whose preferred language is `lang`.
    pub fn session(&self, chromium: &Path, profile: &Path, lang: &str) -> Session {
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--window-size=1280,900",
        ];
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.push(format!("--lang={lang}"));
        args.push(format!("--accept-lang={lang}"));
        let caps = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium.display().to_string(), "args": args, "prefs": { "intl.accept_languages": lang } } } } });
        let v = call("POST", &format!("{}/session", self.base), &caps);
        let id = v["sessionId"].as_str().expect("session id").to_string();
        Session { url: format!("{}/session/{id}", self.base) }
    }
}

/// One browser window.
pub struct Session {
    url: String,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = request("DELETE", &self.url, &[], "");
    }
}

impl Session {
    pub fn open(&self, url: &str) {
        call("POST", &format!("{}/url", self.url), &json!({ "url": url }));
    }

    pub fn current_url(&self) -> String {
        call("GET", &format!("{}/url", self.url), &Value::Null).as_str().unwrap_or("").to_string()
    }

    /// The current URL once it no longer contains `needle` (a click's navigation may still be
    /// under way), polling for up to ten seconds; the last URL otherwise.
    pub fn url_without(&self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let url = self.current_url();
            if !url.contains(needle) || std::time::Instant::now() > deadline {
                return url;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    pub fn source(&self) -> String {
        call("GET", &format!("{}/source", self.url), &Value::Null).as_str().unwrap_or("").to_string()
    }

    /// The page source once it contains `needle` (a form's answer may still be loading after a
    /// click), polling for up to ten seconds; the last source otherwise.
    pub fn source_with(&self, needle: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            let page = self.source();
            if page.contains(needle) || std::time::Instant::now() > deadline {
                return page;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    fn find(&self, css: &str) -> String {
        let v = call("POST", &format!("{}/element", self.url), &json!({ "using": "css selector", "value": css }));
        v[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}")).to_string()
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        call("POST", &format!("{}/element/{e}/value", self.url), &json!({ "text": text }));
    }

    pub fn click(&self, css: &str) {
        let e = self.find(css);
        call("POST", &format!("{}/element/{e}/click", self.url), &json!({}));
    }

    /// Sets the window's outer size (a phone's 390 px, a desktop's 1280 px).
    pub fn resize(&self, width: u32, height: u32) {
        call("POST", &format!("{}/window/rect", self.url), &json!({ "width": width, "height": height }));
    }

    /// Runs `script` as the body of an asynchronous function whose last argument is the callback,
    /// and returns what it passed back (scripts may run for up to two minutes).
    pub fn execute_async(&self, script: &str) -> Value {
        call("POST", &format!("{}/timeouts", self.url), &json!({ "script": 120_000 }));
        call("POST", &format!("{}/execute/async", self.url), &json!({ "script": script, "args": [] }))
    }

    /// Runs `script` as the body of a function and returns its value.
    pub fn execute(&self, script: &str) -> Value {
        call("POST", &format!("{}/execute/sync", self.url), &json!({ "script": script, "args": [] }))
    }

    /// The value of the cookie `name`, if the browser holds it.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let all = call("GET", &format!("{}/cookie", self.url), &Value::Null);
        all.as_array()?.iter().find(|c| c["name"] == name).and_then(|c| c["value"].as_str()).map(str::to_string)
    }

    /// Saves a PNG of the window; returns its size in bytes.
    pub fn screenshot(&self, file: &Path) -> usize {
        let b64 = call("GET", &format!("{}/screenshot", self.url), &Value::Null);
        let png = base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap_or("")).expect("base64 screenshot");
        std::fs::write(file, &png).expect("write screenshot");
        png.len()
    }
}
