//! The measurements on one database: what the pages call, and the store calls inside them.

use amity_core::coverage::{self, CoverageFilter};
use amity_core::health;
use amity_core::partnership::{self, PartnershipFilter};
use amity_core::store::prelude::*;
use amity_core::{Actor, Paging, Result, activity, agreement, contact, field, gift, programme, unit};
use amity_store::Db;
use chrono::{Days, Months, NaiveDate};

use super::{Timing, time};
use crate::generate::TODAY;

/// What the measured calls returned, to show the work was real.
#[derive(Debug, Default, Clone)]
pub struct Sizes {
    pub matrix_rows: usize,
    pub matrix_cells: usize,
    pub matrix_total: i64,
    pub dormant: usize,
    pub quiet: usize,
    pub overdue: usize,
    pub partner_id: i64,
    pub partner_activities: i64,
    /// Items of the one-year calendar, and size of the private feed.
    pub calendar_items: usize,
    pub feed_events: usize,
    pub feed_bytes: usize,
}

/// The protocol calendar of the year from TODAY, every source (what `/calendar?view=agenda` computes).
async fn calendar_year(db: &Db) -> Result<Vec<amity_core::calendar::CalendarItem>> {
    let to = TODAY.checked_add_days(Days::new(365)).unwrap_or(TODAY);
    amity_core::calendar::compute(db, &Actor::System, TODAY, to, &Default::default()).await
}

/// The full private iCalendar feed (a year back, two ahead), written as `/calendar/feed/{secret}` serves it.
async fn private_feed(db: &Db) -> Result<(usize, usize)> {
    let from = TODAY.checked_sub_days(Days::new(365)).unwrap_or(TODAY);
    let to = TODAY.checked_add_days(Days::new(730)).unwrap_or(TODAY);
    let items = amity_core::calendar::compute(db, &Actor::System, from, to, &Default::default()).await?;
    let text = amity_web::ical::feed(amity_web::i18n::Locale::En, "Amity", &items, chrono_tz::Asia::Shanghai, crate::generate::now());
    Ok((text.matches("BEGIN:VEVENT").count(), text.len()))
}

/// The 365 days before TODAY, TODAY included at the end (as `/coverage` defaults to).
pub fn coverage_period() -> (NaiveDate, NaiveDate) {
    (TODAY.checked_sub_days(Days::new(365)).unwrap_or(TODAY), TODAY)
}

fn months_before(months: u32) -> NaiveDate {
    TODAY.checked_sub_months(Months::new(months)).unwrap_or(TODAY)
}

fn all_partners() -> CoverageFilter {
    let (from, to) = coverage_period();
    CoverageFilter { from, to, kind: None, status: None, continent: None, unit: None, group: None, sort: Default::default() }
}

/// The partnership in the middle of the name-ordered list: a typical record page.
async fn typical_partner(db: &Db) -> Result<i64> {
    let mut tx = db.read().await?;
    let (_, total) = tx.list_partnerships(&PartnershipFilter { paging: Paging::new(Some(1), Some(1)), ..Default::default() }).await?;
    let middle = u32::try_from(total / 2 + 1).unwrap_or(1);
    let (items, _) = tx.list_partnerships(&PartnershipFilter { paging: Paging::new(Some(middle), Some(1)), ..Default::default() }).await?;
    items.first().map(|p| p.id).ok_or_else(|| amity_core::Error::not_found("partnership", "any"))
}

/// What `GET /partnerships/{id}` loads today (crates/amity-web/src/html/partnerships/show.rs,
/// lifecycle.rs, cooperation.rs, html/gifts `of_partnership`): the record, units, fields, status
/// history, approvals, its health, the first page of its activities, contacts, the home city,
/// agreements and the latest ten gifts. Rendering is not included.
async fn partner_page(db: &Db, id: i64) -> Result<i64> {
    let a = Actor::System;
    let p = partnership::get(db, &a, id).await?;
    unit::list(db, &a).await?;
    field::list(db, &a).await?;
    partnership::history(db, &a, p.id).await?;
    partnership::approvals(db, &a, p.id).await?;
    health::of(db, &a, &p, TODAY).await?;
    let filter = activity::ActivityFilter { partnership: Some(p.id), paging: Paging::new(Some(1), None), ..Default::default() };
    let total = activity::list(db, &a, &filter).await?.total;
    contact::list(db, &a, p.id).await?;
    programme::home_city(db, &a).await?;
    agreement::list(db, &a, p.id).await?;
    let gifts = gift::GiftFilter { partnership: Some(p.id), paging: Paging::new(Some(1), Some(10)), ..Default::default() };
    gift::list(db, &a, &gifts).await?;
    Ok(total)
}

/// The coverage matrix once, on a pool just opened (the caller opens it): the cold figure to set
/// beside the shell's first run.
pub async fn cold_matrix(db: &Db, backend: &str) -> Result<Timing> {
    let (a, filter) = (Actor::System, all_partners());
    let samples = time(1, || coverage::matrix(db, &a, &filter)).await?;
    Ok(Timing { backend: backend.to_string(), name: "coverage matrix, cold (first run after opening)".into(), samples })
}

/// One partnership's health, as the partner page gets it (`health::of`: its figures only).
async fn partner_health(db: &Db, id: i64) -> Result<health::Health> {
    let a = Actor::System;
    let p = partnership::get(db, &a, id).await?;
    health::of(db, &a, &p, TODAY).await
}

/// Every partnership, 500 a page, as `coverage::matrix` and `health::all` read them.
async fn partnership_pages(db: &Db) -> Result<usize> {
    let mut tx = db.read().await?;
    let (items, _) = tx.list_partnerships(&PartnershipFilter { paging: Paging::everything(), ..Default::default() }).await?;
    Ok(items.len())
}

/// Times every measurement `iterations` times on `db`, labelled `backend`.
pub async fn run(db: &Db, backend: &str, iterations: usize) -> Result<(Vec<Timing>, Sizes)> {
    let a = Actor::System;
    let (from, to) = coverage_period();
    let filter = all_partners();
    let mut out = Vec::new();
    let mut push = |name: &str, samples| out.push(Timing { backend: backend.to_string(), name: name.to_string(), samples });

    push("coverage matrix, 365 days (coverage::matrix)", time(iterations, || coverage::matrix(db, &a, &filter)).await?);
    push(
        "  of which coverage_counts (the aggregate)",
        time(iterations, || async {
            let mut tx = db.read().await?;
            let ids: Vec<i64> = tx.list_fields().await?.into_iter().map(|f| f.id).collect();
            tx.coverage_counts(from, to, &ids).await
        })
        .await?,
    );
    push("  of which partnerships, all in one read", time(iterations, || partnership_pages(db)).await?);
    push("needs attention (health::attention)", time(iterations, || health::attention(db, &a, TODAY)).await?);
    push(
        "  of which activity_figures",
        time(iterations, || async { db.read().await?.activity_figures(TODAY, months_before(12), months_before(24), None).await }).await?,
    );
    push("  of which overdue_commitments", time(iterations, || async { db.read().await?.overdue_commitments(TODAY).await }).await?);
    push("  of which health_basis (every partnership)", time(iterations, || async { db.read().await?.health_basis().await }).await?);
    let id = typical_partner(db).await?;
    push("partner page (every call show.rs makes)", time(iterations, || partner_page(db, id)).await?);
    push("  of which its health (health::of)", time(iterations, || partner_health(db, id)).await?);

    push("protocol calendar, one year, all sources (calendar::compute)", time(iterations, || calendar_year(db)).await?);
    push("private iCalendar feed, 3 years (compute + write)", time(iterations, || private_feed(db)).await?);

    let m = coverage::matrix(db, &a, &filter).await?;
    let (feed_events, feed_bytes) = private_feed(db).await?;
    let att = health::attention(db, &a, TODAY).await?;
    let sizes = Sizes {
        matrix_rows: m.rows.len(),
        matrix_cells: m.rows.len() * m.fields.len(),
        matrix_total: m.total,
        dormant: att.dormant.len(),
        quiet: att.quiet.len(),
        overdue: att.overdue_commitments.len(),
        partner_id: id,
        partner_activities: partner_page(db, id).await?,
        calendar_items: calendar_year(db).await?.len(),
        feed_events,
        feed_bytes,
    };
    Ok((out, sizes))
}
