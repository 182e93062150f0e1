//! Participant exports of an event (personal data): the list by country as CSV and XLSX, a
//! printable participant list by country with a signature column (grant reports need signed
//! lists), and printable bilingual name badges. Participants are the registrations holding seats.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::both_titles;
use crate::html::{Chrome, HtmlError};
use crate::i18n::{Locale, event_when};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::names_of;
use amity_core::event::{self, Event, Registration, registrations as regs};

/// A country's participants, for the signature list.
pub struct CountryGroup {
    pub country: String,
    pub people: Vec<Registration>,
}

fn country_name(l: Locale, code: Option<&str>) -> String {
    match code.and_then(amity_refdata::country) {
        Some(c) if l.is_zh() => c.name_zh.clone(),
        Some(c) => c.name_en.clone(),
        None => l.t("events.country_unknown"),
    }
}

/// The event and its participants (holding seats), by country name then person.
async fn participants(s: &AppState, ctx: &Ctx, id: i64) -> Result<(Event, Vec<(String, Registration)>), HtmlError> {
    let e = event::get(&s.db, &ctx.actor, id).await?;
    let mut rows: Vec<(String, Registration)> = regs::list(&s.db, &ctx.actor, id)
        .await?
        .into_iter()
        .filter(|r| r.status.has_seat())
        .map(|r| (country_name(ctx.locale, r.country_code.as_deref()), r))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((e, rows))
}

async fn table(s: &AppState, ctx: &Ctx, id: i64) -> Result<(Event, Vec<String>, Vec<Vec<String>>), HtmlError> {
    let l = ctx.locale;
    let (e, rows) = participants(s, ctx, id).await?;
    let names = names_of(s, ctx, rows.iter().filter_map(|(_, r)| r.partnership_id)).await?;
    let head = [
        "filter.country",
        "registrations.name_latin",
        "registrations.name_zh",
        "registrations.organisation",
        "registrations.role",
        "events.partner",
        "registrations.party",
        "filter.status",
        "registrations.checked_in",
        "registrations.arrival",
        "registrations.departure",
        "registrations.accommodation",
        "registrations.dietary",
        "registrations.interpreter",
        "registrations.language",
        "registrations.email",
        "registrations.phone",
        "registrations.reference",
    ]
    .iter()
    .map(|k| l.t(k))
    .collect();
    let yes = |b: bool| if b { l.t("registrations.yes") } else { String::new() };
    let body = rows
        .into_iter()
        .map(|(country, r)| {
            vec![
                country,
                r.name.clone(),
                r.name_zh.clone(),
                r.organisation.clone().unwrap_or_default(),
                r.role.clone().unwrap_or_default(),
                r.partnership_id.and_then(|p| names.get(&p).cloned()).unwrap_or_default(),
                r.party_size.to_string(),
                l.t(&format!("registration_status.{}", r.status)),
                yes(r.checked_in_at.is_some()),
                r.arrival.clone().unwrap_or_default(),
                r.departure.clone().unwrap_or_default(),
                r.accommodation.clone().unwrap_or_default(),
                r.dietary.clone().unwrap_or_default(),
                yes(r.interpreter_needed),
                r.language.clone().unwrap_or_default(),
                r.email.clone().unwrap_or_default(),
                r.phone.clone().unwrap_or_default(),
                r.reference.clone(),
            ]
        })
        .collect();
    Ok((e, head, body))
}

/// `GET /events/{id}/participants.csv`.
pub async fn participants_csv(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, HtmlError> {
    let (e, head, rows) = table(&s, &ctx, id).await?;
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    Ok(crate::export::csv_response(&format!("amity-event-{}-participants.csv", e.id), &head, rows))
}

/// `GET /events/{id}/participants.xlsx`.
pub async fn participants_xlsx(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, HtmlError> {
    let (e, head, rows) = table(&s, &ctx, id).await?;
    let bytes = crate::export::xlsx(&ctx.locale.t("registrations.participants"), &head, &rows)
        .map_err(|x| amity_core::Error::Internal(x.to_string()))?;
    let disposition = format!("attachment; filename=\"amity-event-{}-participants.xlsx\"", e.id);
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "events/sign_sheet.html")]
pub struct SignSheet {
    c: Chrome,
    e: Event,
    title: String,
    when: String,
    groups: Vec<CountryGroup>,
}

/// `GET /events/{id}/sign-sheet`: the participant list by country with a signature column, for print.
pub async fn sign_sheet(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<SignSheet, HtmlError> {
    let l = ctx.locale;
    let (e, rows) = participants(&s, &ctx, id).await?;
    let mut groups: Vec<CountryGroup> = Vec::new();
    for (country, r) in rows {
        match groups.last_mut() {
            Some(g) if g.country == country => g.people.push(r),
            _ => groups.push(CountryGroup { country, people: vec![r] }),
        }
    }
    Ok(SignSheet {
        c: Chrome::new(&ctx, "events", l.t("registrations.sign_sheet")),
        title: both_titles(l, &e),
        when: event_when(l, &e),
        groups,
        e,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "events/badges.html")]
pub struct Badges {
    c: Chrome,
    e: Event,
    title: String,
    people: Vec<(Registration, String)>,
}

/// `GET /events/{id}/badges`: one bilingual badge per participant, for print.
pub async fn badges(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Badges, HtmlError> {
    let l = ctx.locale;
    let (e, rows) = participants(&s, &ctx, id).await?;
    Ok(Badges {
        c: Chrome::new(&ctx, "events", l.t("registrations.badges")),
        title: both_titles(l, &e),
        people: rows.into_iter().map(|(country, r)| (r, country)).collect(),
        e,
    })
}
