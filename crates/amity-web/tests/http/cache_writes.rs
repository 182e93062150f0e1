//! Every route of the route table, walked: a write that succeeds raises the change counter (so no
//! cache anywhere keeps showing what it changed), and a read raises nothing (no GET writes). The
//! walk reads the route table, so a new route is checked without being listed here.

use axum::http::Method;

use super::matrix_live::{call, concrete};
use super::support::apps;
use amity_web::routes::build;

#[tokio::test]
async fn every_route_that_writes_raises_the_change_counter_and_no_read_does() {
    for app in apps(true).await {
        let (_, _, table) = build();
        let (mut writes, mut refused) = (0, Vec::new());
        for (i, route) in table.iter().enumerate() {
            let path = concrete(&route.path);
            // A token of its own for each call: the walk signs out and revokes tokens on its way.
            let caller = app.with_token(Some(app.user_token(&format!("walker-{i}"), "admin", None).await));
            let before = app.db.read_counter().await.expect("counter");
            let r = call(&caller, &route.method, &path).await;
            let after = app.db.read_counter().await.expect("counter");
            let location = r.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("");
            let done = r.status.is_success() || (r.status == 303 && !location.starts_with("/login"));
            if route.method == Method::GET {
                assert_eq!(after, before, "GET {path} on {} wrote something ({})", app.name, r.status);
            } else if done {
                assert!(
                    after > before,
                    "{} {path} on {} succeeded ({}) without raising the change counter",
                    route.method,
                    app.name,
                    r.status
                );
                writes += 1;
            } else {
                refused.push(format!("{} {path} {}", route.method, r.status));
            }
        }
        eprintln!("{}: {writes} writes succeeded and raised the counter; refused as sent: {}", app.name, refused.join(", "));
        assert!(writes > 0, "{}: no write route succeeded, so the walk checked nothing", app.name);
    }
}
