//! `/calendar`: the protocol calendar as a month grid or an agenda, with filters, the coming
//! reminders, the office's countries of interest, and the reader's iCalendar feeds; `/calendar/relations`: the office's calendar data.

pub mod feed;
pub mod interest;
pub mod relations;
pub mod view;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use chrono::{Datelike, Duration, NaiveDate};

use super::{Chrome, FormErrors, HtmlError};
use crate::query::calendar::{self as query, CalendarQuery};
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::calendar::{self, CalendarFilter, ItemKind};
use amity_core::unit;
use view::{DayCell, ItemRow, ReminderRow};

#[derive(Template, WebTemplate)]
#[template(path = "calendar/show.html")]
pub struct CalendarPage {
    c: Chrome,
    q: CalendarQuery,
    errors: FormErrors,
    heading: String,
    weekdays: Vec<String>,
    weeks: Vec<Vec<DayCell>>,
    undated: Vec<ItemRow>,
    agenda: Vec<(String, Vec<ItemRow>)>,
    reminders: Vec<ReminderRow>,
    prev: String,
    next: String,
    kinds: Vec<Opt>,
    units: Vec<Opt>,
    countries: Vec<Opt>,
    groups: Vec<Opt>,
    /// The query string without `view`, for the view switch.
    base: String,
    count_text: String,
    /// The office's list of countries of interest, and the countries that may be added to it.
    listed: Vec<interest::ListedRow>,
    interest_options: Vec<Opt>,
}

fn shift_month(d: NaiveDate, months: i32) -> NaiveDate {
    let m = d.year() * 12 + d.month0() as i32 + months;
    NaiveDate::from_ymd_opt(m.div_euclid(12), m.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

/// `GET /calendar`.
pub async fn show(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<CalendarPage, HtmlError> {
    render(&s, &ctx, raw, FormErrors::default()).await
}

/// The calendar page for the query string `raw`, with `form_errors` of a refused form on it.
pub async fn render(s: &AppState, ctx: &Ctx, raw: Option<String>, form_errors: FormErrors) -> Result<CalendarPage, HtmlError> {
    let l = ctx.locale;
    let office = s.settings.office_tz();
    let today = s.settings.today();
    let q: CalendarQuery = serde_html_form::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let mut errors = form_errors;
    let filter = q.filter().unwrap_or_else(|e| {
        errors = FormErrors::from_error(l, &e).unwrap_or_default();
        CalendarFilter::default()
    });
    let month = q.month_start(today).unwrap_or_else(|e| {
        errors = FormErrors::from_error(l, &e).unwrap_or_default();
        today.with_day(1).unwrap_or(today)
    });
    let (from, to) = if q.agenda() {
        q.period(today).unwrap_or_else(|e| {
            errors = FormErrors::from_error(l, &e).unwrap_or_default();
            (today, today + Duration::days(query::AGENDA_DAYS))
        })
    } else {
        (shift_month(month, 0) - Duration::days(6), shift_month(month, 1) + Duration::days(6))
    };
    let items = match FormErrors::listed(l, calendar::compute(&s.db, &ctx.actor, from, to, &filter).await)? {
        (Some(items), _) => items,
        (None, refused) => {
            errors = refused;
            Vec::new()
        }
    };
    let (weeks, undated, agenda) = if q.agenda() {
        (Vec::new(), Vec::new(), view::agenda(l, office, &items))
    } else {
        let (w, u) = view::month_grid(l, office, month, today, &items);
        (w, u, Vec::new())
    };
    let reminders = calendar::upcoming(&s.db, &ctx.actor, today).await?.iter().map(|r| ReminderRow::new(l, office, r)).collect();
    let heading = if q.agenda() {
        l.t_with("calendar.agenda_heading", &[("from", crate::i18n::date_long(l, from)), ("to", crate::i18n::date_long(l, to))])
    } else {
        crate::i18n::month_name(l, month.year(), month.month())
    };
    let keep = |key: &str, v: &str| if v.trim().is_empty() { String::new() } else { format!("&{key}={}", super::chrome::encode(v.trim())) };
    let filters = format!("{}{}{}{}", keep("kind", &q.kind), keep("unit", &q.unit), keep("country", &q.country), keep("group", &q.group));
    let step = |months: i32| format!("?month={}{filters}", shift_month(month, months).format("%Y-%m"));
    let units = unit::list(&s.db, &ctx.actor).await?;
    let zh = l.is_zh();
    let listed = calendar::interest::listed(&s.db, &ctx.actor).await?;
    Ok(CalendarPage {
        c: Chrome::new(ctx, "calendar", l.t("calendar.title")),
        interest_options: interest::options(l, &listed),
        listed: listed.iter().map(|c| interest::ListedRow::new(l, office, c)).collect(),
        weekdays: (1..=7).map(|i| l.t(&format!("calendar.weekday_{i}"))).collect(),
        kinds: ItemKind::ALL
            .iter()
            .map(|k| Opt { selected: q.kind == k.as_str(), value: k.as_str().into(), label: l.t(&format!("calendar.kind_{k}")) })
            .collect(),
        units: units
            .iter()
            .filter(|u| u.offered(&[&q.unit]))
            .map(|u| Opt { selected: q.unit == u.id.to_string(), value: u.id.to_string(), label: u.name(zh).to_string() })
            .collect(),
        countries: countries_shown(s, ctx, &q.country).await?,
        groups: crate::view::group_options(s, ctx, &q.group).await?,
        count_text: l.t_with("calendar.count", &[("count", items.len().to_string())]),
        base: filters.clone(),
        prev: step(-1),
        next: step(1),
        heading,
        weeks,
        undated,
        agenda,
        reminders,
        errors,
        q,
    })
}

/// The countries whose national days the calendar shows, for the country filter, sorted by name in the reader's language.
async fn countries_shown(s: &AppState, ctx: &Ctx, selected: &str) -> Result<Vec<Opt>, HtmlError> {
    let l = ctx.locale;
    let mut codes = calendar::interest::countries_shown(&s.db, &ctx.actor).await?;
    codes.sort_by_key(|c| {
        let name = crate::view::country_name(l, c);
        if l.is_zh() { amity_core::validate::sort_key_zh(&name) } else { name }
    });
    Ok(codes
        .into_iter()
        .map(|c| Opt { selected: selected.eq_ignore_ascii_case(&c), label: crate::view::country_name(l, &c), value: c })
        .collect())
}
