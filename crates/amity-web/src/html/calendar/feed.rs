//! iCalendar feeds: `/calendar/feeds` (the reader's private link: make, replace, revoke),
//! `/calendar/feed/{token}` (the private feed: everything its owner may see, a year back to two
//! years ahead) and `/p/calendar.ics` (public events, for anyone).

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use serde::Deserialize;

use crate::html::{Chrome, FormErrors, HtmlError};
use crate::i18n::Locale;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::calendar::DigestSubscription;
use amity_core::calendar::digest;
use amity_core::calendar::{self, feed};
use amity_core::{Actor, Error};

/// How far back and ahead a feed reaches.
const BACK_DAYS: i64 = 365;
const AHEAD_DAYS: i64 = 730;

#[derive(Template, WebTemplate)]
#[template(path = "calendar/feeds.html")]
pub struct FeedsPage {
    c: Chrome,
    has_feed: bool,
    /// The new private link, shown once just after it was made.
    new_link: Option<String>,
    public_link: String,
    digest: Option<DigestSubscription>,
    digest_active: String,
    locales: Vec<Opt>,
    f: DigestForm,
    errors: FormErrors,
}

/// The digest form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DigestForm {
    pub email: String,
    pub locale: String,
}

/// The address readers reach this server at, for links they paste into a calendar program (display only:
/// a forged header changes nothing but the text shown to the one who forged it).
fn origin(headers: &HeaderMap) -> String {
    let text = |name: &str| headers.get(name).and_then(|h| h.to_str().ok());
    let host = text("host").filter(|h| h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))).unwrap_or("localhost");
    let scheme = if text("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https")) { "https" } else { "http" };
    format!("{scheme}://{host}")
}

async fn page(s: &AppState, ctx: &Ctx, headers: &HeaderMap, new_link: Option<String>) -> Result<FeedsPage, HtmlError> {
    render(s, ctx, headers, new_link, None, FormErrors::default()).await
}

async fn render(
    s: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    new_link: Option<String>,
    posted: Option<DigestForm>,
    errors: FormErrors,
) -> Result<FeedsPage, HtmlError> {
    let l = ctx.locale;
    let sub = digest::subscription(&s.db, &ctx.actor).await?;
    let f = posted.unwrap_or_else(|| match &sub {
        Some(d) => DigestForm { email: d.email.clone(), locale: d.locale.clone() },
        None => DigestForm { email: String::new(), locale: l.code().to_string() },
    });
    let locales = digest::LOCALES
        .iter()
        .filter_map(|code| Locale::parse(code).map(|loc| (code, loc)))
        .map(|(code, loc)| Opt { selected: f.locale == *code, value: (*code).to_string(), label: loc.native_name().to_string() })
        .collect();
    Ok(FeedsPage {
        c: Chrome::new(ctx, "calendar", l.t("calendar.feeds_title")),
        has_feed: feed::exists(&s.db, &ctx.actor).await?,
        public_link: format!("{}/p/calendar.ics?lang={}", origin(headers), l.code()),
        digest_active: sub.as_ref().map(|d| l.t_with("calendar.digest_active", &[("email", d.email.clone())])).unwrap_or_default(),
        digest: sub,
        new_link,
        locales,
        f,
        errors,
    })
}

/// `POST /calendar/digest`: subscribes the reader to the weekly digest, or changes address or language.
pub async fn subscribe(State(s): State<AppState>, ctx: Ctx, headers: HeaderMap, body: Bytes) -> Result<Response, HtmlError> {
    let f: DigestForm = crate::html::form::read(&body)?;
    let result = digest::subscribe(&s.db, &ctx.actor, &f.email, &f.locale).await;
    let again = |errors| render(&s, &ctx, &headers, None, Some(f), errors);
    crate::html::form::answer(ctx.locale, result, |_| "/calendar/feeds".into(), again).await
}

/// `POST /calendar/digest/delete`: stops the reader's digest.
pub async fn unsubscribe(State(s): State<AppState>, ctx: Ctx) -> Result<axum::response::Redirect, HtmlError> {
    digest::unsubscribe(&s.db, &ctx.actor).await?;
    Ok(axum::response::Redirect::to("/calendar/feeds"))
}

/// `GET /calendar/feeds`.
pub async fn show(State(s): State<AppState>, ctx: Ctx, headers: HeaderMap) -> Result<FeedsPage, HtmlError> {
    page(&s, &ctx, &headers, None).await
}

/// `POST /calendar/feeds`: makes a new private link (the old one stops working) and shows it once.
pub async fn create(State(s): State<AppState>, ctx: Ctx, headers: HeaderMap) -> Result<Response, HtmlError> {
    let secret = feed::create(&s.db, &ctx.actor).await?;
    let link = format!("{}/calendar/feed/{secret}.ics?lang={}", origin(&headers), ctx.locale.code());
    let mut r = page(&s, &ctx, &headers, Some(link)).await?.into_response();
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// `POST /calendar/feeds/revoke`.
pub async fn revoke(State(s): State<AppState>, ctx: Ctx) -> Result<axum::response::Redirect, HtmlError> {
    feed::revoke(&s.db, &ctx.actor).await?;
    Ok(axum::response::Redirect::to("/calendar/feeds"))
}

/// `GET /calendar/feed/{token}`: the private feed; an unknown or revoked link is 404.
pub async fn private(State(s): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Result<Response, HtmlError> {
    let secret = token.strip_suffix(".ics").unwrap_or(&token);
    let Some(principal) = feed::principal(&s.db, secret).await? else { return Err(Error::not_found("calendar_feed", "link").into()) };
    let actor = Actor::User(principal);
    let today = s.settings.today();
    let items =
        calendar::compute(&s.db, &actor, today - Duration::days(BACK_DAYS), today + Duration::days(AHEAD_DAYS), &Default::default())
            .await?;
    Ok(ics(ctx.locale, &ctx.locale.t("calendar.feed_private_name"), &items, &s, "private, no-store"))
}

/// `GET /p/calendar.ics`: public events, for anyone.
pub async fn public(State(s): State<AppState>, ctx: Ctx) -> Result<Response, HtmlError> {
    let today = s.settings.today();
    let items = calendar::public_items(&s.db, today - Duration::days(BACK_DAYS), today + Duration::days(AHEAD_DAYS)).await?;
    Ok(ics(ctx.locale, &ctx.locale.t("calendar.feed_public_name"), &items, &s, "public, max-age=300"))
}

fn ics(l: Locale, name: &str, items: &[calendar::CalendarItem], s: &AppState, cache: &'static str) -> Response {
    let body = crate::ical::feed(l, name, items, s.settings.office_tz(), Utc::now());
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (header::CONTENT_DISPOSITION, HeaderValue::from_static("inline; filename=\"amity.ics\"")),
        ],
        body,
    )
        .into_response()
}
