//! `GET /events/{id}`: one event — both titles, the status bar, when in the venue's, the office's
//! and each invited partner city's time zone, organisers, seats, the report, the activities it
//! logged, its budget and its history; the status, report and budget forms.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use chrono_tz::Tz;

use super::both_titles;
use crate::html::budget::{self, BudgetRow};
use crate::html::sections::{Part, Sections};
use crate::html::{Chrome, HtmlError, Refused};
use crate::i18n::{Locale, event_when, in_zone, utc_offset};
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::budget::{BudgetSubject, subject};
use amity_core::event::{self, CoOrganiser, Event, EventStatus, Seats};
use amity_core::transition::next_statuses;

use crate::html::status_history::{self, HistoryEntry};
use crate::path_id::Id;
use amity_core::{partnership, unit};

/// One step of the status bar.
pub struct Step {
    pub label: String,
    pub current: bool,
}

/// An invited partnership and the event's start in its city's time zone.
pub struct PartnerTime {
    pub id: i64,
    pub name: String,
    /// The start there, or empty when the city's time zone is not known.
    pub start: String,
    pub zone: String,
}

/// A status the user may move the event to.
pub struct Next {
    pub code: &'static str,
    pub label: String,
}

/// A partnership on the "held" step's checklist.
pub struct TookPartRow {
    pub id: i64,
    pub name: String,
    pub ticked: bool,
    pub people: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/show.html")]
pub struct ShowPage {
    c: Chrome,
    e: Event,
    title: String,
    when: String,
    kind: String,
    status: String,
    steps: Vec<Step>,
    venue_time: String,
    office_time: String,
    utc_time: String,
    partners: Vec<PartnerTime>,
    organiser: String,
    co_organisers: Vec<String>,
    series: String,
    seats: Seats,
    can_write: bool,
    personal: bool,
    next: Vec<Next>,
    by_country: Vec<(String, i64)>,
    logged: Vec<(i64, String)>,
    history: Vec<HistoryEntry>,
    took_part: Vec<TookPartRow>,
    budget: Vec<BudgetRow>,
    totals: Vec<(String, String, String)>,
    categories: Vec<Opt>,
    /// The refused action form, if any: "status", "report" or "budget".
    x: Refused,
    sections: Sections,
}

fn country_name(l: Locale, code: &str) -> String {
    match amity_refdata::country(code) {
        Some(c) if l.is_zh() => c.name_zh.clone(),
        Some(c) => c.name_en.clone(),
        None if code.is_empty() => l.t("events.country_unknown"),
        None => code.to_string(),
    }
}

/// Renders the page, with the refused action form (if any) shown again with its errors.
pub(super) async fn render(s: &AppState, ctx: &Ctx, id: i64, x: Refused) -> Result<ShowPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let e = event::get(&s.db, &ctx.actor, id).await?;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let unit_name = |id: i64| units.iter().find(|u| u.id == id).map(|u| u.name(zh).to_string()).unwrap_or_default();
    let mut wanted: Vec<i64> = e.invited_partnership_ids.clone();
    wanted.extend(e.co_organiser_partnerships());
    let origins = event::logged_activities(&s.db, &ctx.actor, id).await?;
    wanted.extend(origins.iter().map(|o| o.partnership_id));
    let can_write = ctx.actor.require_write_unit(e.organiser_unit_id).is_ok();
    let asks_took_part = can_write && next_statuses(e.status).contains(&EventStatus::Held);
    let choices = if asks_took_part { event::took_part_choices(&s.db, &ctx.actor, id).await? } else { Vec::new() };
    wanted.extend(choices.iter().map(|c| c.partnership_id));
    let partnerships = partnership::get_many(&s.db, &ctx.actor, &wanted).await?;
    let p_name =
        |id: i64| partnerships.iter().find(|p| p.id == id).map(|p| p.city.name(zh).to_string()).unwrap_or_else(|| format!("#{id}"));
    let tz: Option<Tz> = e.time_zone.parse().ok();
    let office = s.settings.office_tz();
    let (venue_time, office_time, utc_time) = match (e.starts_at, tz) {
        (Some(t), Some(tz)) => (
            format!("{} · {}", in_zone(l, t, tz), e.time_zone),
            if office != tz { format!("{} · {}", in_zone(l, t, office), office.name()) } else { String::new() },
            t.format("%Y-%m-%d %H:%M UTC").to_string(),
        ),
        _ => (String::new(), String::new(), String::new()),
    };
    let partners = e
        .invited_partnership_ids
        .iter()
        .map(|pid| {
            let ptz: Option<Tz> =
                partnerships.iter().find(|p| p.id == *pid).and_then(|p| p.city.timezone.as_deref()).and_then(|z| z.parse().ok());
            let (start, zone) = match (e.starts_at, ptz) {
                (Some(t), Some(z)) => (in_zone(l, t, z), z.name().to_string()),
                (Some(t), None) => {
                    (String::new(), tz.map(|v| l.t_with("events.zone_unknown", &[("offset", utc_offset(v, t))])).unwrap_or_default())
                }
                _ => (String::new(), String::new()),
            };
            PartnerTime { id: *pid, name: p_name(*pid), start, zone }
        })
        .collect();
    let co_organisers = e
        .co_organisers
        .iter()
        .map(|c| match c {
            CoOrganiser::Unit(u) => unit_name(*u),
            CoOrganiser::Partnership(p) => p_name(*p),
            CoOrganiser::Name(n) => n.clone(),
        })
        .collect();
    let series = match e.series_id {
        Some(sid) => {
            let x = event::get_series(&s.db, &ctx.actor, sid).await?;
            match e.edition {
                Some(n) => l.t_with("events.edition_of", &[("n", n.to_string()), ("series", x.name(zh).to_string())]),
                None => x.name(zh).to_string(),
            }
        }
        None => String::new(),
    };
    let seats = event::seats(&s.db, &ctx.actor, id).await?;
    let by_country: Vec<(String, i64)> = event::participants_by_country(&s.db, &ctx.actor, id)
        .await?
        .into_iter()
        .map(|c| (country_name(l, &c.country_code), c.people))
        .collect();
    let history = event::history(&s.db, &ctx.actor, id).await?;
    let history = status_history::entries(s, ctx, "event_status", &history).await;
    let flow = [EventStatus::Idea, EventStatus::Planned, EventStatus::Confirmed, EventStatus::Held, EventStatus::Reported];
    let steps = if e.status == EventStatus::Cancelled {
        vec![Step { label: l.t("event_status.cancelled"), current: true }]
    } else {
        flow.iter().map(|st| Step { label: l.t(&format!("event_status.{st}")), current: *st == e.status }).collect()
    };
    // The held step's boxes as the user ticked them when that form was refused, else as pre-ticked.
    let ticked: Option<Vec<&str>> = (!x.value("status", "took_part_asked").is_empty()).then(|| x.values("status", "took_part").collect());
    let took_part = choices
        .iter()
        .map(|c| TookPartRow {
            id: c.partnership_id,
            name: p_name(c.partnership_id),
            ticked: ticked.as_ref().map_or(c.pre_ticked, |t| t.contains(&c.partnership_id.to_string().as_str())),
            people: c.people,
        })
        .collect();
    let (lines, totals) = subject::list(&s.db, &ctx.actor, BudgetSubject::Event, id).await?;
    let reported = e.report_outcomes.is_some() || e.report_notes.is_some() || !by_country.is_empty();
    let sections = Sections::split(
        l,
        vec![
            Part::new("report", "events.report", reported || (can_write && e.status.took_place())),
            Part::new("budget", "delegations.budget", !lines.is_empty()).with_errors(x.errors("budget").any()),
            Part::new("logged", "events.logged", origins.iter().any(|o| o.activity_id.is_some())),
        ],
    );
    Ok(ShowPage {
        c: Chrome::new(ctx, "events", both_titles(l, &e)),
        title: both_titles(l, &e),
        when: event_when(l, &e),
        kind: l.t(&format!("event_kind.{}", e.kind)),
        status: l.t(&format!("event_status.{}", e.status)),
        next: next_statuses(e.status).into_iter().map(|n| Next { code: n.as_str(), label: l.t(&format!("event_status.{n}")) }).collect(),
        logged: origins.iter().filter_map(|o| o.activity_id.map(|a| (a, p_name(o.partnership_id)))).collect(),
        organiser: unit_name(e.organiser_unit_id),
        personal: ctx.actor.require_personal().is_ok(),
        steps,
        venue_time,
        office_time,
        utc_time,
        partners,
        co_organisers,
        series,
        seats,
        can_write,
        by_country,
        history,
        took_part,
        budget: budget::rows(l, &lines),
        totals: budget::totals(totals),
        categories: budget::categories(l, &x.value("budget", "category")),
        x,
        sections,
        e,
    })
}

/// `GET /events/{id}`.
pub async fn show(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<ShowPage, HtmlError> {
    render(&s, &ctx, id, Refused::default()).await
}
