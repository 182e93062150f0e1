//! `/account`: one's own password and API tokens.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{Redirect, Response};
use serde::Deserialize;

use super::{Chrome, FormErrors, HtmlError};
use crate::i18n::date_long;
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Error;
use amity_core::auth::{service, tokens};

/// A token as listed.
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created: String,
    pub last_used: String,
    pub revoked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
pub struct AccountPage {
    c: Chrome,
    username: String,
    role: String,
    tokens: Vec<TokenRow>,
    errors: FormErrors,
    /// A token just created, shown this once.
    new_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    new_password: String,
    /// The checkbox "also revoke my API tokens".
    revoke_tokens: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TokenForm {
    name: String,
}

async fn render(s: &AppState, ctx: &Ctx, errors: FormErrors, new_token: Option<String>) -> Result<AccountPage, HtmlError> {
    let l = ctx.locale;
    let p = ctx.identity.principal.clone().ok_or(Error::Forbidden)?;
    let rows = tokens::list(&s.db, &ctx.actor)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            prefix: t.prefix,
            created: date_long(l, t.created_at.date_naive()),
            last_used: t.last_used_at.map(|d| date_long(l, d.date_naive())).unwrap_or_else(|| l.t("account.never")),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    Ok(AccountPage {
        c: Chrome::new(ctx, "account", l.t("account.title")),
        username: p.username,
        role: l.t(&format!("role.{}", p.role)),
        tokens: rows,
        errors,
        new_token,
    })
}

/// `GET /account`.
pub async fn show(State(s): State<AppState>, ctx: Ctx) -> Result<AccountPage, HtmlError> {
    render(&s, &ctx, FormErrors::default(), None).await
}

/// `POST /account/password`: all sessions end, so the user signs in again with the new password.
pub async fn change_password(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let f: PasswordForm = super::form::read(&body)?;
    let r = service::change_own_password(&s.db, &ctx.actor, &f.current_password, &f.new_password, !f.revoke_tokens.is_empty()).await;
    super::form::answer(ctx.locale, r, |_| "/login?next=/account".into(), |errors| render(&s, &ctx, errors, None)).await
}

/// `POST /account/tokens`: creates a token and shows it once.
pub async fn create_token(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let f: TokenForm = super::form::read(&body)?;
    let user = ctx.actor.user_id().ok_or(Error::Forbidden)?;
    let r = tokens::create(&s.db, &ctx.actor, user, &f.name).await;
    let shown = |(_, secret)| render(&s, &ctx, FormErrors::default(), Some(secret));
    super::form::answer_with(ctx.locale, r, shown, |errors| render(&s, &ctx, errors, None)).await
}

/// `POST /account/tokens/{id}/revoke`.
pub async fn revoke_token(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Redirect, HtmlError> {
    tokens::revoke(&s.db, &ctx.actor, id).await?;
    Ok(Redirect::to("/account"))
}
