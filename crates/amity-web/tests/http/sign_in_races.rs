//! Sign-in limits hold under concurrency (issue 11, item 14): parallel attempts are counted and
//! decided one at a time, so no more passwords are checked than a limit allows. A checked
//! attempt answers 401 (wrong) or 303 (right); one refused unchecked answers 429.

use std::sync::Arc;

use tokio::task::JoinSet;

use super::browser::{login_form, post_sign_in};
use super::support::{TestApp, apps};

/// Fires the sign-ins at once from one address; returns their statuses.
async fn at_once(app: &TestApp, attempts: Vec<(String, &'static str)>) -> Vec<u16> {
    let pre = Arc::new(login_form(app).await);
    let mut set = JoinSet::new();
    for (i, (user, password)) in attempts.into_iter().enumerate() {
        let (app, pre) = (app.with_token(None), pre.clone());
        let peer = format!("198.51.100.7:{}", 4000 + i);
        set.spawn(async move { post_sign_in(&app, &pre, &user, password, Some(&peer)).await.status.as_u16() });
    }
    let mut statuses = Vec::new();
    while let Some(s) = set.join_next().await {
        statuses.push(s.expect("the attempt ran"));
    }
    statuses
}

fn checked(statuses: &[u16]) -> usize {
    statuses.iter().filter(|s| matches!(s, 401 | 303)).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_parallel_sign_ins_on_one_account_check_at_most_five_passwords() {
    for admin in apps(false).await {
        admin.user_token("lily", "viewer", None).await;
        let app = admin.with_token(None);
        let mut attempts: Vec<(String, &'static str)> = (0..29).map(|_| ("lily".to_string(), "not the password")).collect();
        attempts.push(("lily".to_string(), "a long test password"));
        let statuses = at_once(&app, attempts).await;
        assert!(checked(&statuses) <= 5, "{}: {statuses:?}", admin.name);
        assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 30 - checked(&statuses), "{}: {statuses:?}", admin.name);
        let failed = admin.get("/api/v1/audit?action=sign_in_failed&per_page=100").await.json();
        let wrong = failed["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|e| e["after"].as_str().is_some_and(|a| a.contains("wrong_password")))
            .count();
        assert!(wrong <= 5, "passwords checked per the audit log on {}: {wrong}", admin.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_parallel_sign_ins_from_one_address_check_at_most_twenty_passwords() {
    for admin in apps(false).await {
        let app = admin.with_token(None);
        let attempts = (0..100).map(|i| (format!("guess{i}"), "not the password")).collect();
        let statuses = at_once(&app, attempts).await;
        assert!(checked(&statuses) <= 20, "{}: {} checked", admin.name, checked(&statuses));
        assert!(statuses.iter().filter(|s| **s == 429).count() >= 80, "{}: {statuses:?}", admin.name);
    }
}
