//! Two `amity serve` processes on one PostgreSQL database, started together: both serve,
//! exactly one loads the demo, and what one writes the other reads.

mod common;

use common::{amity, get, request, start};

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
    for s in [&a, &b] {
        let (status, body) = get(&format!("{}/healthz", s.base), &[]);
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("postgres"), "{body}");
    }
    let (_, body) = get(&format!("{}/api/v1/partnerships", b.base), &[]);
    assert!(body.contains("\"total\":15"), "the demo is loaded exactly once: {body}");
    let (_, units) = get(&format!("{}/api/v1/units", a.base), &[]);
    assert!(units.contains("\"total\":7"), "{units}");
    let json = r#"{"parent_id": null, "kind": "bureau", "name_en": "Shared bureau"}"#;
    let (status, created) = request("POST", &format!("{}/api/v1/units", a.base), &[("Content-Type", "application/json")], json);
    assert_eq!(status, 201, "{created}");
    let (_, seen) = get(&format!("{}/api/v1/units", b.base), &[]);
    assert!(seen.contains("Shared bureau"), "what one server writes the other reads: {seen}");
    drop((a, b));
    pg.cleanup().await;
}
