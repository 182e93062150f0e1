//! `GET /`: what Amity holds, in figures, with links on.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::{Chrome, HtmlError};
use crate::i18n::number;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::{field, partnership, programme, setup, unit};

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    c: Chrome,
    partnerships: String,
    sister: String,
    friendly: String,
    countries: String,
    units: String,
    fields: String,
    declared: Option<String>,
    /// Occasions within the lead time, those with nothing planned first.
    reminders: Vec<super::calendar::view::ReminderRow>,
    /// The database holds no records and the reader is an admin: offer the demo or the sample office.
    offer_data: bool,
    /// Why loading a data set was refused (the database holds records).
    refusal: Option<String>,
}

/// The home page; auditors, who read nothing else, go to the audit log.
pub async fn show(State(s): State<AppState>, ctx: Ctx) -> Result<axum::response::Response, HtmlError> {
    use axum::response::IntoResponse;
    if ctx.actor.require_read().is_err() {
        return Ok(axum::response::Redirect::to("/audit").into_response());
    }
    Ok(page(&s, &ctx, None).await?.into_response())
}

/// The home page, with `refusal` when loading a data set was refused.
pub(super) async fn page(s: &AppState, ctx: &Ctx, refusal: Option<String>) -> Result<HomePage, HtmlError> {
    let offer_data = ctx.actor.require_admin().is_ok() && setup::is_empty(&s.db).await?;
    let stats = partnership::stats(&s.db, &ctx.actor).await?;
    let units = unit::list(&s.db, &ctx.actor).await?.len();
    let fields = field::list(&s.db, &ctx.actor).await?.len();
    let declared = programme::declared(&s.db, &ctx.actor)
        .await?
        .map(|d| ctx.locale.t_with("partnerships.declared", &[("loaded", number(stats.partnerships)), ("declared", number(d.partners))]));
    let mut upcoming = amity_core::calendar::upcoming(&s.db, &ctx.actor, s.settings.today()).await?;
    upcoming.sort_by_key(|r| (r.prepared, r.days_until));
    let reminders =
        upcoming.iter().take(8).map(|r| super::calendar::view::ReminderRow::new(ctx.locale, s.settings.office_tz(), r)).collect();
    Ok(HomePage {
        reminders,
        c: Chrome::new(ctx, "home", ctx.locale.t("home.title")),
        partnerships: number(stats.partnerships),
        sister: number(stats.sister_cities),
        friendly: number(stats.friendly_cooperation),
        countries: number(stats.countries),
        units: number(units as i64),
        fields: number(fields as i64),
        declared,
        offer_data,
        refusal,
    })
}
