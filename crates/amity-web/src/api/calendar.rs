//! `/api/v1/calendar…`: the protocol calendar (computed items of a period, the coming reminders), the
//! office's calendar data (dates of diplomatic relations, this year's date of movable national days),
//! and the caller's private iCalendar link.

use crate::extract::Query;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::query::calendar::CalendarQuery;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::calendar::{
    self, CalendarItem, DigestSubscription, DiplomaticRelation, DiplomaticRelationInput, NationalDayDate, Reminder, digest, feed,
};

/// A calendar item with its title and date written out in the request's language.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ItemOut {
    #[serde(flatten)]
    pub item: CalendarItem,
    pub title: String,
    pub when_text: String,
}

/// The calendar of a period.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CalendarOut {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub items: Vec<ItemOut>,
}

/// A reminder with its title written out.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReminderOut {
    #[serde(flatten)]
    pub reminder: Reminder,
    pub title: String,
    pub when_text: String,
    /// When it comes, as the page says it: "in 14 days", or "in 2028" for an occasion known only by its year.
    pub due_text: String,
}

fn out(s: &AppState, ctx: &Ctx, item: CalendarItem) -> ItemOut {
    let l = ctx.locale;
    ItemOut {
        title: crate::calendar_text::title(l, &item),
        when_text: crate::i18n::calendar_when(l, &item.when, s.settings.office_tz()),
        item,
    }
}

/// Every item of `from`..`to` (default: today and the next 90 days; at most about three years), filtered
/// by `kind`, `unit`, `country` and `group` (an unknown group id is a 422 naming `group`), ordered by first day. Items known only to a month or a year say so
/// in `when.precision` and are never given an invented day.
#[utoipa::path(get, operation_id = "calendar_list", path = "/api/v1/calendar", tag = "calendar", params(CalendarQuery),
    responses((status = 200, body = CalendarOut), (status = 422, body = crate::api::ErrorBody)))]
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<CalendarQuery>) -> Result<Json<CalendarOut>, ApiError> {
    let (from, to) = q.period(s.settings.today())?;
    let filter = q.filter()?;
    let items = calendar::compute(&s.db, &ctx.actor, from, to, &filter).await?;
    Ok(Json(CalendarOut { from, to, items: items.into_iter().map(|i| out(&s, &ctx, i)).collect() }))
}

/// National days and round anniversaries within the office's lead time, soonest first, each marked
/// `prepared` when an activity or event is planned or done around it.
#[utoipa::path(get, operation_id = "calendar_reminders", path = "/api/v1/calendar/reminders", tag = "calendar", responses((status = 200, body = Vec<ReminderOut>)))]
pub async fn reminders(State(s): State<AppState>, ctx: Ctx) -> Result<Json<Vec<ReminderOut>>, ApiError> {
    let l = ctx.locale;
    let list = calendar::upcoming(&s.db, &ctx.actor, s.settings.today()).await?;
    Ok(Json(
        list.into_iter()
            .map(|r| ReminderOut {
                title: crate::calendar_text::title(l, &r.item),
                when_text: crate::i18n::calendar_when(l, &r.item.when, s.settings.office_tz()),
                due_text: crate::calendar_text::due(l, &r),
                reminder: r,
            })
            .collect(),
    ))
}

/// The dates of diplomatic relations the office entered.
#[utoipa::path(get, operation_id = "calendar_relations", path = "/api/v1/calendar/relations", tag = "calendar", responses((status = 200, body = Vec<DiplomaticRelation>)))]
pub async fn relations(State(s): State<AppState>, ctx: Ctx) -> Result<Json<Vec<DiplomaticRelation>>, ApiError> {
    Ok(Json(calendar::relations(&s.db, &ctx.actor).await?))
}

/// A diplomatic relation's date as the API takes it (the country is in the path).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RelationBody {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub established: String,
    pub basis: Option<String>,
    pub source_url: Option<String>,
}

/// Enters or corrects the date diplomatic relations with `iso2` were established (coordinators and admins).
#[utoipa::path(put, operation_id = "calendar_set_relation", path = "/api/v1/calendar/relations/{iso2}", tag = "calendar", params(("iso2" = String, Path)), request_body = RelationBody,
    responses((status = 200, body = DiplomaticRelation), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_relation(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(iso2): Path<String>,
    crate::extract::JsonBody(body): crate::extract::JsonBody<RelationBody>,
) -> Result<Json<DiplomaticRelation>, ApiError> {
    let input = DiplomaticRelationInput { country: iso2, established: body.established, basis: body.basis, source_url: body.source_url };
    Ok(Json(calendar::set_relation(&s.db, &ctx.actor, &input, s.settings.today()).await?))
}

/// Removes the date of diplomatic relations with `iso2`.
#[utoipa::path(delete, operation_id = "calendar_delete_relation", path = "/api/v1/calendar/relations/{iso2}", tag = "calendar", params(("iso2" = String, Path)),
    responses((status = 204), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn delete_relation(State(s): State<AppState>, ctx: Ctx, Path(iso2): Path<String>) -> Result<StatusCode, ApiError> {
    calendar::delete_relation(&s.db, &ctx.actor, &iso2).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// This year's date of a movable national day.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NationalDayBody {
    /// `YYYY-MM-DD`.
    pub day: String,
}

/// Sets the date of `iso2`'s national day for the year of `day` (only countries whose day moves: GB, IL, NP).
#[utoipa::path(put, operation_id = "calendar_set_national_day", path = "/api/v1/calendar/national-days/{iso2}", tag = "calendar", params(("iso2" = String, Path)), request_body = NationalDayBody,
    responses((status = 200, body = NationalDayDate), (status = 403, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn set_national_day(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(iso2): Path<String>,
    crate::extract::JsonBody(body): crate::extract::JsonBody<NationalDayBody>,
) -> Result<Json<NationalDayDate>, ApiError> {
    Ok(Json(calendar::set_national_day(&s.db, &ctx.actor, &iso2, &body.day).await?))
}

/// A new private feed link: `path` (append it to the server's address) carries the secret, shown only now.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FeedOut {
    pub path: String,
}

/// Makes the caller a new private iCalendar link (the previous one stops working).
#[utoipa::path(post, operation_id = "calendar_create_feed", path = "/api/v1/calendar/feed", tag = "calendar", responses((status = 201, body = FeedOut), (status = 403, body = crate::api::ErrorBody)))]
pub async fn create_feed(State(s): State<AppState>, ctx: Ctx) -> Result<(StatusCode, Json<FeedOut>), ApiError> {
    let secret = feed::create(&s.db, &ctx.actor).await?;
    Ok((StatusCode::CREATED, Json(FeedOut { path: format!("/calendar/feed/{secret}.ics") })))
}

/// Revokes the caller's private iCalendar link.
#[utoipa::path(delete, operation_id = "calendar_revoke_feed", path = "/api/v1/calendar/feed", tag = "calendar", responses((status = 204), (status = 404, body = crate::api::ErrorBody)))]
pub async fn revoke_feed(State(s): State<AppState>, ctx: Ctx) -> Result<StatusCode, ApiError> {
    if feed::revoke(&s.db, &ctx.actor).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(amity_core::Error::not_found("calendar_feed", "link").into())
    }
}

/// The caller's subscription to the weekly digest.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DigestBody {
    pub email: String,
    /// `en` or `zh-CN`.
    pub locale: String,
}

/// The caller's weekly-digest subscription (404 when there is none).
#[utoipa::path(get, operation_id = "calendar_digest", path = "/api/v1/me/digest", tag = "calendar", responses((status = 200, body = DigestSubscription), (status = 404, body = crate::api::ErrorBody)))]
pub async fn digest(State(s): State<AppState>, ctx: Ctx) -> Result<Json<DigestSubscription>, ApiError> {
    let sub = digest::subscription(&s.db, &ctx.actor).await?;
    Ok(Json(sub.ok_or_else(|| amity_core::Error::not_found("digest_subscription", "me"))?))
}

/// Subscribes the caller to the weekly digest at `email`, in `locale`.
#[utoipa::path(put, operation_id = "calendar_subscribe", path = "/api/v1/me/digest", tag = "calendar", request_body = DigestBody,
    responses((status = 200, body = DigestSubscription), (status = 422, body = crate::api::ErrorBody)))]
pub async fn subscribe(
    State(s): State<AppState>,
    ctx: Ctx,
    crate::extract::JsonBody(body): crate::extract::JsonBody<DigestBody>,
) -> Result<Json<DigestSubscription>, ApiError> {
    Ok(Json(digest::subscribe(&s.db, &ctx.actor, &body.email, &body.locale).await?))
}

/// Stops the caller's weekly digest.
#[utoipa::path(delete, operation_id = "calendar_unsubscribe", path = "/api/v1/me/digest", tag = "calendar", responses((status = 204), (status = 404, body = crate::api::ErrorBody)))]
pub async fn unsubscribe(State(s): State<AppState>, ctx: Ctx) -> Result<StatusCode, ApiError> {
    if digest::unsubscribe(&s.db, &ctx.actor).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(amity_core::Error::not_found("digest_subscription", "me").into())
    }
}
