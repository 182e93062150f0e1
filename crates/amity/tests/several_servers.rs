//! Two `amity serve` processes on one PostgreSQL database, started together: both serve,
//! exactly one loads the demo, and what one writes the other reads.

mod common;

use common::{amity, get, request, start, token};

#[tokio::test]
async fn two_servers_share_one_postgresql_database() {
    let Some(pg) = amity_store::testing::postgres().await else { return };
    let url = pg.url().to_string();
    // The test's own pool must not hold the database while the servers migrate it.
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = std::thread::scope(|s| {
        let one = s.spawn(|| {
            start(
                {
                    let mut c = amity(dir.path());
                    c.env("DATABASE_URL", &url);
                    c
                },
                &[],
            )
        });
        let two = s.spawn(|| {
            start(
                {
                    let mut c = amity(dir.path());
                    c.env("DATABASE_URL", &url);
                    c
                },
                &[],
            )
        });
        (one.join().expect("first server"), two.join().expect("second server"))
    });
    let auth = format!(
        "Bearer {}",
        token(
            {
                let mut c = amity(dir.path());
                c.env("DATABASE_URL", &url);
                c
            },
            "admin"
        )
    );
    let auth = [("Authorization", auth.as_str())];
    assert_eq!(
        usize::from(a.preamble.contains("password")) + usize::from(b.preamble.contains("password")),
        1,
        "exactly one server created the first admin"
    );
    for s in [&a, &b] {
        let (status, body) = get(&format!("{}/healthz", s.base), &[]);
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("postgres"), "{body}");
    }
    let (_, body) = get(&format!("{}/api/v1/partnerships", b.base), &auth);
    assert!(body.contains("\"total\":15"), "the demo is loaded exactly once: {body}");
    let (_, units) = get(&format!("{}/api/v1/units", a.base), &auth);
    assert!(units.contains("\"total\":7"), "{units}");
    let json = r#"{"parent_id": null, "kind": "bureau", "name_en": "Shared bureau"}"#;
    let headers = [("Content-Type", "application/json"), auth[0]];
    let (status, created) = request("POST", &format!("{}/api/v1/units", a.base), &headers, json);
    assert_eq!(status, 201, "{created}");
    let (_, seen) = get(&format!("{}/api/v1/units", b.base), &auth);
    assert!(seen.contains("Shared bureau"), "what one server writes the other reads: {seen}");
    drop((a, b));
    pg.cleanup().await;
}
