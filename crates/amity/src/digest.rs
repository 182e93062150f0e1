//! The weekly digest's delivery: an SMTP mailer from the configuration, one run (claim the week, write
//! each subscriber's digest, send, record the outcome), and the scheduler `amity serve` starts. The
//! week is claimed in the database first, so with several servers on one PostgreSQL exactly one sends.

use std::time::Duration as StdDuration;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveTime, TimeZone, Utc};
use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{Config, SmtpTls};
use amity_core::calendar::digest;
use amity_core::store::Store as _;
use amity_store::Db;

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Another server has this week's run, or it ran already.
    NotMine,
    /// Sent `sent` of `of` digests.
    Sent { sent: usize, of: usize },
}

/// The SMTP side: transport and sender.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// The mailer the configuration describes, or `None` when no SMTP host is set (digests are then off).
    pub fn from_config(c: &Config) -> Result<Option<Self>> {
        let Some(host) = c.smtp_host.as_deref() else { return Ok(None) };
        let builder = match c.smtp_tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).context("smtp_host")?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host).context("smtp_host")?,
        };
        let mut builder = builder.port(c.smtp_port).timeout(Some(StdDuration::from_secs(30)));
        if let (Some(user), Some(password)) = (&c.smtp_username, &c.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let from: Mailbox = c.smtp_from.parse().with_context(|| format!("smtp_from {:?} is not an e-mail address", c.smtp_from))?;
        Ok(Some(Self { transport: builder.build(), from }))
    }

    async fn send(&self, to: &str, subject: &str, body: String) -> Result<()> {
        let to: Mailbox = to.parse().with_context(|| format!("{to:?} is not an e-mail address"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .context("cannot build the message")?;
        self.transport.send(message).await.context("the SMTP server refused the message")?;
        Ok(())
    }
}

/// Runs this week's digest if no other server has: claims the week, sends every subscriber's digest and
/// records how many went. A failed message is logged and counted, not retried (the week is done).
pub async fn run_once(db: &Db, mailer: &Mailer, config: &Config, holder: &str) -> Result<Outcome> {
    let tz = db.clock().office_tz();
    let now = db.now();
    let today = now.office_today;
    let Some((lease, digests)) = digest::claim(db, holder, today, now.instant).await? else { return Ok(Outcome::NotMine) };
    let base = config.public_url.clone().unwrap_or_else(|| format!("http://{}", config.listen));
    let mut sent = 0;
    for d in &digests {
        let (subject, body) = amity_web::digest::compose(d, today, tz, base.trim_end_matches('/'));
        match mailer.send(&d.subscription.email, &subject, body).await {
            Ok(()) => sent += 1,
            Err(e) => tracing::warn!("digest to user {}: {e:#}", d.subscription.user_id),
        }
    }
    let outcome = Outcome::Sent { sent, of: digests.len() };
    lease.finish(db, &format!("sent {sent} of {}", digests.len()), Utc::now()).await?;
    tracing::info!("weekly digest {}: sent {sent} of {}", lease.period, digests.len());
    Ok(outcome)
}

/// Whether this week's sending moment (the configured weekday and hour, office time) has come.
pub fn due(config: &Config, now: chrono::DateTime<Utc>) -> Result<bool> {
    let tz = crate::serve::office_tz(config)?;
    let local = now.with_timezone(&tz);
    let monday = local.date_naive() - chrono::Duration::days(i64::from(local.weekday().num_days_from_monday()));
    let day = monday + chrono::Duration::days(i64::from(config.digest_weekday.num_days_from_monday()));
    let at = NaiveTime::from_hms_opt(config.digest_hour, 0, 0).unwrap_or(NaiveTime::MIN);
    let moment = tz.from_local_datetime(&day.and_time(at)).earliest().map(|m| m.with_timezone(&Utc));
    Ok(moment.is_some_and(|m| now >= m))
}

/// Checks every `digest_check_seconds` whether this week's digest is due and, if so, runs it.
pub fn spawn_scheduler(db: Db, mailer: Mailer, config: Config) {
    let holder = format!("{}-{}", std::process::id(), Utc::now().timestamp_micros());
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(StdDuration::from_secs(config.digest_check_seconds));
        loop {
            tick.tick().await;
            match due(&config, Utc::now()) {
                Ok(true) => {
                    if let Err(e) = run_once(&db, &mailer, &config, &holder).await {
                        tracing::warn!("weekly digest: {e:#}");
                    }
                }
                Ok(false) => {}
                Err(e) => tracing::warn!("weekly digest: {e:#}"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_due_from_the_configured_weekday_and_hour_in_office_time() {
        let c = Config { digest_weekday: chrono::Weekday::Mon, digest_hour: 8, ..Config::default() };
        // Monday 30 November 2026, 07:59 and 08:00 in Shanghai (UTC+8).
        let before = Utc.with_ymd_and_hms(2026, 11, 29, 23, 59, 0).single().expect("instant");
        let at = Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).single().expect("instant");
        assert!(!due(&c, before).expect("due"));
        assert!(due(&c, at).expect("due"));
        // Later in the week it is still due (a server started on Wednesday catches up).
        assert!(due(&c, at + chrono::Duration::days(2)).expect("due"));
    }
}
