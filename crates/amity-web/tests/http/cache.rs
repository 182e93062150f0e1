//! The response cache: a write through any server is seen by the next read on every server, ETags
//! revalidate, answers are never shared between languages or callers, and a hit answers the same
//! bytes and headers as the miss that filled it. On SQLite and PostgreSQL.

use amity_core::Actor;
use amity_store::Db;
use amity_store::testing::BackendGuard;
use amity_web::cache::ResponseCache;
use amity_web::{AppState, WebSettings, app};
use axum::body::Body;
use axum::http::{Request, header};
use serde_json::json;

use super::browser::with_settings;
use super::support::{Resp, TestApp, apps};

/// The same database behind another router with its own cache of `bytes` (another server).
fn server(t: &TestApp, bytes: usize) -> (TestApp, ResponseCache) {
    let cache = ResponseCache::new(bytes);
    (with_settings(t, WebSettings { response_cache: cache.clone(), ..WebSettings::default() }), cache)
}

/// The truth: the same database read without any cache.
fn uncached(t: &TestApp) -> TestApp {
    server(t, 0).0
}

fn names(r: &Resp) -> Vec<String> {
    r.json()["items"].as_array().expect("items").iter().filter_map(|g| g["code"].as_str().map(str::to_string)).collect()
}

fn without_request_id(r: &Resp) -> Vec<(String, String)> {
    let mut h: Vec<(String, String)> = r
        .headers
        .iter()
        .filter(|(k, _)| k.as_str() != "x-request-id")
        .map(|(k, v)| (k.to_string(), String::from_utf8_lossy(v.as_bytes()).to_string()))
        .collect();
    h.sort();
    h
}

async fn create_group(app: &TestApp, code: &str, members: &[&str]) -> i64 {
    let body = json!({ "code": code, "name_en": code, "name_zh": "组", "members": members });
    let r = app.json("POST", "/api/v1/country-groups", &body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
    r.json()["id"].as_i64().expect("id")
}

#[tokio::test]
async fn a_cached_list_shows_the_row_created_after_it_and_a_hit_answers_the_same_bytes_and_headers() {
    for base in apps(false).await {
        let (app, cache) = server(&base, 1 << 20);
        let miss = app.get("/api/v1/country-groups").await;
        let hit = app.get("/api/v1/country-groups").await;
        assert_eq!(miss.status, 200, "{}", app.name);
        assert!(!cache.is_empty(), "{}: the list was not kept", app.name);
        assert_eq!((hit.status, &hit.body), (miss.status, &miss.body), "{}", app.name);
        assert_eq!(without_request_id(&hit), without_request_id(&miss), "{}", app.name);

        create_group(&app, "nordic", &["NO", "SE"]).await;
        let after = app.get("/api/v1/country-groups").await;
        assert!(names(&after).contains(&"nordic".to_string()), "{}: {}", app.name, after.body);
        assert_eq!(after.body, uncached(&base).get("/api/v1/country-groups").await.body, "{}", app.name);
    }
}

#[tokio::test]
async fn a_cached_aggregate_and_page_follow_a_write() {
    for base in apps(true).await {
        let (app, _) = server(&base, 8 << 20);
        let id = create_group(&app, "japan", &["JP"]).await;
        let uri = format!("/api/v1/coverage?group={id}");
        let page = format!("/coverage?group={id}");
        let (before, before_page) = (app.get(&uri).await, app.get(&page).await);
        assert_eq!((before.status.as_u16(), before_page.status.as_u16()), (200, 200), "{}: {}", app.name, before.body);
        let group = app.get(&format!("/api/v1/country-groups/{id}")).await.json();
        let put = json!({ "code": "japan", "name_en": "Japan and more", "name_zh": "日本等", "members": ["JP", "US", "DE", "FR", "KR"],
            "version": group["version"] });
        let r = app.json("PUT", &format!("/api/v1/country-groups/{id}"), &put).await;
        assert_eq!(r.status, 200, "{}: {}", app.name, r.body);
        let (after, after_page) = (app.get(&uri).await, app.get(&page).await);
        let truth = uncached(&base);
        assert_eq!(after.body, truth.get(&uri).await.body, "{}: the aggregate is stale", app.name);
        assert_ne!(after.body, before.body, "{}: the write changed nothing the aggregate shows", app.name);
        // Pages carry the request's CSRF-free public parts only for the same token: compare with the truth.
        assert_eq!(after_page.body, truth.get(&page).await.body, "{}: the page is stale", app.name);
        assert_ne!(after_page.body, before_page.body, "{}", app.name);
    }
}

/// A second server on the same database through a pool of its own: a SQLite file opened twice, or
/// the PostgreSQL test database opened again.
async fn second_pool(base: &TestApp) -> Option<Db> {
    match &*base.db {
        BackendGuard::Postgres(pg) => Some(Db::open(pg.url()).await.expect("second pool")),
        BackendGuard::Sqlite(_) => None,
    }
}

async fn two_servers_see_each_others_writes(a: &TestApp, b: &TestApp) {
    let list = "/api/v1/country-groups";
    let before = a.get(list).await;
    assert_eq!(a.get(list).await.body, before.body, "{}: cached read", a.name);
    create_group(b, "baltic", &["EE", "LV", "LT"]).await;
    let after = a.get(list).await;
    assert!(names(&after).contains(&"baltic".to_string()), "{}: server A did not see B's write: {}", a.name, after.body);
    // The ETag A hands out changes with B's write, and A answers 304 to its own current one.
    let tag = after.headers.get(header::ETAG).expect("etag").clone();
    assert_ne!(Some(&tag), before.headers.get(header::ETAG), "{}", a.name);
    let again = a.send(Request::get(list).header(header::IF_NONE_MATCH, tag.clone()).body(Body::empty()).expect("req")).await;
    assert_eq!((again.status.as_u16(), again.body.as_str()), (304, ""), "{}", a.name);
    create_group(b, "benelux", &["BE", "NL", "LU"]).await;
    let changed = a.send(Request::get(list).header(header::IF_NONE_MATCH, tag).body(Body::empty()).expect("req")).await;
    assert_eq!(changed.status, 200, "{}: a stale ETag must get the new list", a.name);
    assert!(names(&changed).contains(&"benelux".to_string()), "{}", a.name);
}

#[tokio::test]
async fn two_servers_on_one_postgresql_database_see_each_others_writes() {
    for base in apps(false).await {
        let Some(db) = second_pool(&base).await else { continue };
        let (a, _) = server(&base, 1 << 20);
        let b = TestApp {
            name: base.name,
            router: app(AppState { db: db.clone(), settings: WebSettings::default() }),
            db: base.db.clone(),
            token: base.token.clone(),
        };
        two_servers_see_each_others_writes(&a, &b).await;
        db.close().await;
    }
}

#[tokio::test]
async fn two_servers_on_one_sqlite_file_see_each_others_writes() {
    let dir = std::env::temp_dir().join(format!("amity-cache-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let url = format!("sqlite:{}", dir.join("two.db").display());
    let (one, two) = (Db::open(&url).await.expect("open"), Db::open(&url).await.expect("open again"));
    let user = amity_core::auth::UserInput {
        username: "root".into(),
        role: "admin".into(),
        password: "a long test password".into(),
        ..Default::default()
    };
    let created = amity_core::auth::service::create(&one, &Actor::System, user).await.expect("user");
    let token = amity_core::auth::tokens::create(&one, &Actor::System, created.user.id, "tests").await.expect("token").1;
    let guard = std::sync::Arc::new(BackendGuard::Sqlite(one.clone()));
    let make = |db: &Db| TestApp {
        name: "sqlite file",
        router: app(AppState { db: db.clone(), settings: WebSettings::default() }),
        db: guard.clone(),
        token: Some(token.clone()),
    };
    two_servers_see_each_others_writes(&make(&one), &make(&two)).await;
    one.close().await;
    two.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn languages_and_callers_never_share_an_entry() {
    for base in apps(true).await {
        let home = base.home_unit().await;
        let (app, _) = server(&base, 8 << 20);
        let en = app.get_lang("/p/events", "en").await;
        let zh = app.get_lang("/p/events", "zh-CN").await;
        assert_eq!((en.status.as_u16(), zh.status.as_u16()), (200, 200), "{}", app.name);
        assert_ne!(en.body, zh.body, "{}: one language's page served for the other", app.name);
        assert_ne!(en.headers.get(header::ETAG), zh.headers.get(header::ETAG), "{}", app.name);

        let editor = app.with_token(Some(base.user_token("cache-editor", "unit_editor", Some(home)).await));
        let (admin_me, editor_me) = (app.get("/api/v1/me").await, editor.get("/api/v1/me").await);
        assert!(admin_me.body.contains("\"root\""), "{}: {}", app.name, admin_me.body);
        assert!(editor_me.body.contains("cache-editor"), "{}: the admin's answer served to the editor: {}", app.name, editor_me.body);
        let (admin_list, editor_list) = (app.get("/api/v1/partnerships").await, editor.get("/api/v1/partnerships").await);
        let truth = uncached(&base).with_token(editor.token.clone()).get("/api/v1/partnerships").await;
        assert_eq!(editor_list.body, truth.body, "{}: the editor got another caller's list", app.name);
        assert_ne!(admin_list.headers.get(header::ETAG), editor_list.headers.get(header::ETAG), "{}", app.name);
        let anonymous = app.with_token(None).get("/api/v1/partnerships").await;
        assert_eq!(anonymous.status, 401, "{}: the public got a signed-in caller's list", app.name);
    }
}

#[tokio::test]
async fn the_cache_stays_within_its_bound_with_many_keys() {
    for base in apps(true).await {
        let cap = 64 * 1024;
        let (app, cache) = server(&base, cap);
        for page in 1..=60 {
            let r = app.get(&format!("/api/v1/partnerships?per_page=5&page={page}")).await;
            assert_eq!(r.status, 200, "{}", app.name);
            assert!(cache.bytes() <= cap, "{}: {} bytes held, bound {cap}", app.name, cache.bytes());
        }
        assert!(!cache.is_empty(), "{}", app.name);
    }
}

#[tokio::test]
async fn a_revoked_token_is_refused_even_when_its_answer_is_cached() {
    for base in apps(false).await {
        let (app, _) = server(&base, 1 << 20);
        let viewer = app.with_token(Some(base.user_token("cache-viewer", "viewer", None).await));
        assert_eq!(viewer.get("/api/v1/country-groups").await.status, 200, "{}", app.name);
        let tokens = viewer.get("/api/v1/me/tokens").await.json();
        let id = tokens["items"][0]["id"].as_i64().or_else(|| tokens[0]["id"].as_i64()).expect("token id");
        let r = viewer.send(Request::delete(format!("/api/v1/me/tokens/{id}")).body(Body::empty()).expect("req")).await;
        assert!(r.status.is_success(), "{}: {} {}", app.name, r.status, r.body);
        assert_eq!(viewer.get("/api/v1/country-groups").await.status, 401, "{}", app.name);
    }
}
