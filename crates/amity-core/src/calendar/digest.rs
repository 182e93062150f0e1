//! The weekly digest: each subscriber's coming reminders and the week's calendar, sent by exactly one
//! server per week even when several share a database (the week is claimed as a job run first).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use super::model::CalendarItem;
use super::reminders::{Reminder, upcoming_in};
use super::service::compute_in;
use super::store_types::DigestSubscription;
use crate::auth::{Principal, sign_in};
use crate::error::{Error, Result};
use crate::store::{CalendarStore, Store, Tx};
use crate::{Actor, audit, job};

/// The job's name in `job_runs`.
pub const JOB: &str = "weekly_digest";
/// The languages a digest can be written in.
pub const LOCALES: [&str; 2] = ["en", "zh-CN"];

/// What one subscriber's digest holds.
#[derive(Debug, Clone)]
pub struct DigestContent {
    pub subscription: DigestSubscription,
    pub reminders: Vec<Reminder>,
    /// The calendar of the seven days from `today`.
    pub week: Vec<CalendarItem>,
}

/// The period a digest run covers: the ISO week of `today`, e.g. `2026-W49`.
pub fn period(today: NaiveDate) -> String {
    let w = today.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The acting user's subscription, if any.
pub async fn subscription<S: Store>(store: &S, actor: &Actor) -> Result<Option<DigestSubscription>> {
    let user_id = actor.user_id().ok_or(Error::Forbidden)?;
    store.read().await?.get_digest_subscription(user_id).await
}

/// Subscribes the acting user to the weekly digest (or changes the address or language).
pub async fn subscribe<S: Store>(store: &S, actor: &Actor, email: &str, locale: &str) -> Result<DigestSubscription> {
    actor.require_read()?;
    let user_id = actor.user_id().ok_or(Error::Forbidden)?;
    let mut problems = crate::error::Problems::default();
    let email = problems.take(crate::validate::optional_email("email", email)).flatten();
    if email.is_none() && !problems.has_any() {
        problems.push(crate::FieldError::new("email", "required"));
    }
    if !LOCALES.contains(&locale) {
        problems.push(crate::FieldError::new("locale", "invalid_choice").with("allowed", LOCALES.join(", ")));
    }
    problems.finish()?;
    let sub = DigestSubscription { user_id, email: email.unwrap_or_default(), locale: locale.to_string() };
    let mut tx = store.begin().await?;
    let before = tx.get_digest_subscription(user_id).await?;
    tx.set_digest_subscription(&sub, tx.now().instant).await?;
    audit::record(&mut tx, actor, "update", "digest_subscription", Some(user_id.to_string()), before.as_ref(), Some(&sub)).await?;
    tx.commit().await?;
    Ok(sub)
}

/// Ends the acting user's subscription; `false` when there was none.
pub async fn unsubscribe<S: Store>(store: &S, actor: &Actor) -> Result<bool> {
    let user_id = actor.user_id().ok_or(Error::Forbidden)?;
    let mut tx = store.begin().await?;
    let before = tx.get_digest_subscription(user_id).await?;
    let gone = tx.delete_digest_subscription(user_id).await?;
    if gone {
        audit::record(
            &mut tx,
            actor,
            "delete",
            "digest_subscription",
            Some(user_id.to_string()),
            before.as_ref(),
            None::<&DigestSubscription>,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(gone)
}

/// Claims this week's run for `holder` (a [`job`] lease). `None` when another server has it (or it ran
/// already); else the lease and every subscriber's digest (users who may not read records get none).
/// The caller sends them and then calls [`job::Lease::finish`].
pub async fn claim<S: Store>(
    store: &S,
    holder: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<(job::Lease, Vec<DigestContent>)>> {
    let Some(lease) = job::claim(store, JOB, period(today), holder, now).await? else { return Ok(None) };
    let mut tx = store.read().await?;
    let reminders = upcoming_in(&mut tx, today).await?;
    let week = compute_in(&mut tx, today, today + Duration::days(6)).await?;
    let mut out = Vec::new();
    for sub in tx.list_digest_subscriptions().await? {
        let Some(principal) = reader(&mut tx, sub.user_id).await? else { continue };
        let actor = Actor::User(principal);
        if actor.require_read().is_err() {
            continue;
        }
        out.push(DigestContent { subscription: sub, reminders: reminders.clone(), week: week.clone() });
    }
    Ok(Some((lease, out)))
}

async fn reader<T: Tx>(tx: &mut T, user_id: i64) -> Result<Option<Principal>> {
    let Some(user) = tx.get_user(user_id).await?.filter(|u| !u.disabled) else { return Ok(None) };
    sign_in::principal(tx, &user, None).await.map(Some)
}
