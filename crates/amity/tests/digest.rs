//! The weekly digest: two `amity serve` processes on one PostgreSQL database, both checking every
//! second whether the digest is due, send each subscriber exactly one message, in their language.

mod common;

use std::time::{Duration, Instant};

use amity_core::Actor;
use amity_core::auth::{UserInput, service};
use amity_core::calendar::DigestSubscription;
use amity_core::store::{CalendarStore, Store, Tx as _};
use common::{amity, smtp_sink, start};

async fn subscriber(db: &amity_store::Db, username: &str, role: &str, email: &str, locale: &str) {
    let input = UserInput { username: username.into(), role: role.into(), password: "a long test password".into(), ..Default::default() };
    let user = service::create(db, &Actor::System, input).await.expect("user").user;
    let mut tx = db.begin().await.expect("begin");
    let sub = DigestSubscription { user_id: user.id, email: email.into(), locale: locale.into() };
    tx.set_digest_subscription(&sub, chrono::Utc::now()).await.expect("subscribe");
    tx.commit().await.expect("commit");
}

/// The decoded text body of a received message (base64 or quoted-printable, as the sender chose).
fn body(data: &str) -> String {
    use base64::Engine as _;
    let (head, raw) = data.split_once("\n\n").unwrap_or((data, ""));
    let head = head.to_ascii_lowercase();
    if head.contains("content-transfer-encoding: base64") {
        let joined: String = raw.lines().map(str::trim).collect();
        let bytes = base64::engine::general_purpose::STANDARD.decode(joined).unwrap_or_default();
        return String::from_utf8_lossy(&bytes).to_string();
    }
    if head.contains("content-transfer-encoding: quoted-printable") {
        let joined = raw.replace("=\n", "");
        let mut out = Vec::new();
        let b = joined.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'='
                && i + 2 < b.len()
                && let Ok(v) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
            {
                out.push(v);
                i += 3;
                continue;
            }
            out.push(b[i]);
            i += 1;
        }
        return String::from_utf8_lossy(&out).to_string();
    }
    raw.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_send_each_subscriber_one_digest_a_week() {
    let Some(pg) = amity_store::testing::postgres().await else { return };
    let url = pg.url().to_string();
    let sink = smtp_sink::start().await;
    {
        let db = amity_store::Db::open(&url).await.expect("open");
        subscriber(&db, "mei", "coordinator", "mei@example.org", "zh-CN").await;
        subscriber(&db, "tom", "viewer", "tom@example.org", "en").await;
        subscriber(&db, "audra", "auditor", "audra@example.org", "en").await;
        db.close().await;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("amity.toml"),
        format!(
            "smtp_host = \"127.0.0.1\"\nsmtp_port = {}\nsmtp_tls = \"none\"\nsmtp_from = \"Amity <amity@example.org>\"\n\
             digest_weekday = \"mon\"\ndigest_hour = 0\ndigest_check_seconds = 1\npublic_url = \"https://amity.example.org\"\n",
            sink.port
        ),
    )
    .expect("config");
    let with_url = || {
        let mut c = amity(dir.path());
        c.env("DATABASE_URL", &url);
        c
    };
    let (a, b) = std::thread::scope(|s| {
        let one = s.spawn(|| start(with_url(), &[]));
        let two = s.spawn(|| start(with_url(), &[]));
        (one.join().expect("first server"), two.join().expect("second server"))
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while sink.messages().len() < 2 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Both servers keep checking every second: give them time to (wrongly) send again.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let messages = sink.messages();
    let mut to: Vec<String> = messages.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["mei@example.org", "tom@example.org"], "one digest each; the auditor, who reads no records, gets none");
    let mei = messages.iter().find(|m| m.to == ["mei@example.org"]).expect("mei's digest");
    assert!(mei.data.to_ascii_lowercase().contains("subject: =?utf-8?"), "a Chinese subject is encoded: {}", mei.data);
    assert!(body(&mei.data).contains("起一周的外事日历"), "mei reads Chinese: {}", body(&mei.data));
    let tom = messages.iter().find(|m| m.to == ["tom@example.org"]).expect("tom's digest");
    assert!(tom.data.contains("Subject: Amity: the protocol calendar for the week of"), "{}", tom.data);
    assert!(body(&tom.data).contains("https://amity.example.org/calendar"), "links use public_url: {}", body(&tom.data));

    // The command line finds the week done, too.
    let out = with_url().arg("digest").output().expect("amity digest");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("already been sent"), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(sink.messages().len(), 2);
    drop((a, b));
    pg.cleanup().await;
}
