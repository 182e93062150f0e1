//! Crash safety: 32 writers at once through the API; the SQLite server is killed with SIGKILL
//! mid-stream and restarted, and every write acknowledged with 2xx must be there and the file
//! must pass `PRAGMA integrity_check`. On PostgreSQL, two servers share the writers (no kill).

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Server, amity, get, serve, start, token, try_request};

const WRITERS: usize = 32;

/// Runs `WRITERS` threads that create units through the servers (round robin) until `stop`;
/// returns the names acknowledged with 201.
fn writers(bases: Vec<String>, auth: String, stop: Arc<AtomicBool>, budget: usize) -> std::thread::JoinHandle<BTreeSet<String>> {
    std::thread::spawn(move || {
        let acked = Arc::new(Mutex::new(BTreeSet::new()));
        let handles: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (bases, auth, stop, acked) = (bases.clone(), auth.clone(), stop.clone(), acked.clone());
                std::thread::spawn(move || {
                    for i in 0..budget {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let name = format!("crash-{w}-{i}");
                        let body = format!("{{\"kind\": \"bureau\", \"name_en\": \"{name}\"}}");
                        let base = &bases[(w + i) % bases.len()];
                        let headers = [("Content-Type", "application/json"), ("Authorization", auth.as_str())];
                        if let Ok((201, _)) = try_request("POST", &format!("{base}/api/v1/units"), &headers, &body) {
                            acked.lock().expect("lock").insert(name);
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            let _ = h.join();
        }
        std::mem::take(&mut *acked.lock().expect("lock"))
    })
}

/// Every unit's name, read a page of 500 at a time (the list is paged).
fn stored_names(base: &str, auth: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for page in 1.. {
        let (status, body) = get(&format!("{base}/api/v1/units?per_page=500&page={page}"), &[("Authorization", auth)]);
        assert_eq!(status, 200, "{body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        let items = v["items"].as_array().expect("items");
        names.extend(items.iter().filter_map(|u| u["name_en"].as_str().map(String::from)));
        if items.is_empty() || i64::try_from(names.len()).unwrap_or(i64::MAX) >= v["total"].as_i64().expect("total") {
            break;
        }
    }
    names
}

#[test]
fn acknowledged_writes_survive_sigkill_on_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut server: Server = serve(dir.path(), &["--no-demo"]);
    let auth = format!("Bearer {}", token(amity(dir.path()), "admin"));
    let stop = Arc::new(AtomicBool::new(false));
    let run = writers(vec![server.base.clone()], auth.clone(), stop.clone(), 10_000);
    let started = Instant::now();
    // Kill mid-stream: after some writes have been acknowledged, while writers are still busy.
    std::thread::sleep(Duration::from_millis(1500));
    server.child.kill().expect("SIGKILL");
    server.child.wait().expect("reaped");
    stop.store(true, Ordering::Relaxed);
    let acked = run.join().expect("writers");
    assert!(acked.len() >= 50, "only {} writes were acknowledged in {:?}", acked.len(), started.elapsed());

    let restarted = serve(dir.path(), &["--no-demo"]);
    let stored = stored_names(&restarted.base, &auth);
    let missing: Vec<_> = acked.difference(&stored).collect();
    eprintln!(
        "crash test (SQLite): {} writes acknowledged before SIGKILL, {} found after restart, {} missing",
        acked.len(),
        acked.intersection(&stored).count(),
        missing.len()
    );
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let check = rt.block_on(async {
        let db = amity_store::Db::open(&format!("sqlite:{}", dir.path().join("amity.db").display())).await.expect("open");
        let r = db.integrity_check().await.expect("integrity_check");
        db.close().await;
        r
    });
    assert_eq!(check, "ok");
}

#[tokio::test]
async fn acknowledged_writes_are_all_stored_by_two_servers_on_postgresql() {
    let Some(pg) = amity_store::testing::postgres().await else { return };
    let url = pg.url().to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let with_url = || {
        let mut c = amity(dir.path());
        c.env("DATABASE_URL", &url);
        c
    };
    let a = start(with_url(), &["--no-demo"]);
    let b = start(with_url(), &["--no-demo"]);
    let auth = format!("Bearer {}", token(with_url(), "admin"));
    let stop = Arc::new(AtomicBool::new(false));
    let acked = tokio::task::spawn_blocking({
        let (bases, auth, stop) = (vec![a.base.clone(), b.base.clone()], auth.clone(), stop.clone());
        move || writers(bases, auth, stop, 25).join().expect("writers")
    })
    .await
    .expect("join");
    let stored = stored_names(&b.base, &auth);
    let missing: Vec<_> = acked.difference(&stored).collect();
    eprintln!("crash test (PostgreSQL, two servers): {} writes acknowledged, {} found", acked.len(), acked.intersection(&stored).count());
    assert_eq!(acked.len(), WRITERS * 25, "every write is acknowledged");
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");
    drop((a, b));
    pg.cleanup().await;
}
