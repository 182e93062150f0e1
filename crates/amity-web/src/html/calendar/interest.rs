//! The calendar page's list of countries of interest: countries whose national days the calendar shows
//! although the office has no partner there (`POST /calendar/countries`, `…/{iso2}/delete`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Redirect, Response};
use serde::Deserialize;

use crate::html::HtmlError;
use crate::html::form::answer;
use crate::i18n::Locale;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::{Opt, country_name};
use amity_core::calendar::{ListedCountry, interest};

/// A listed country, ready to print.
pub struct ListedRow {
    pub country: String,
    pub name: String,
    /// "19 Apr 2023, Li Ming".
    pub added: String,
}

impl ListedRow {
    pub fn new(l: Locale, office: chrono_tz::Tz, c: &ListedCountry) -> Self {
        let day = crate::i18n::date_long(l, c.added_at.with_timezone(&office).date_naive());
        let added = match &c.added_by_name {
            Some(who) => format!("{day}{}{who}", l.t("list.sep")),
            None => day,
        };
        Self { country: c.country.clone(), name: country_name(l, &c.country), added }
    }
}

/// Countries that may be listed (a national day of their own, not China or its regions, not listed yet),
/// by name in the reader's language.
pub fn options(l: Locale, listed: &[ListedCountry]) -> Vec<Opt> {
    let mut v: Vec<Opt> = amity_refdata::countries()
        .iter()
        .filter(|c| c.national_day.is_some() && !["CN", "HK", "MO", "TW"].contains(&c.iso2.as_str()))
        .filter(|c| !listed.iter().any(|x| x.country == c.iso2))
        .map(|c| Opt { selected: false, label: country_name(l, &c.iso2), value: c.iso2.clone() })
        .collect();
    v.sort_by_key(|o| if l.is_zh() { amity_core::validate::sort_key_zh(&o.label) } else { o.label.clone() });
    v
}

/// The form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CountryForm {
    pub country: String,
}

/// `POST /calendar/countries`: lists a country on the calendar; a bad one re-renders the calendar (422).
pub async fn add(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let f: CountryForm = crate::html::form::read(&body)?;
    let result = interest::add(&s.db, &ctx.actor, &f.country).await;
    answer(ctx.locale, result, |_| "/calendar#interest".to_string(), |errors| super::render(&s, &ctx, None, errors)).await
}

/// `POST /calendar/countries/{iso2}/delete`: takes a country off the list.
pub async fn remove(State(s): State<AppState>, ctx: Ctx, Path(iso2): Path<String>) -> Result<Redirect, HtmlError> {
    interest::remove(&s.db, &ctx.actor, &iso2).await?;
    Ok(Redirect::to("/calendar#interest"))
}
