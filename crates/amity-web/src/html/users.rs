//! `/admin/users`: accounts, for admins — list, create, change role/unit/disabled, reset password.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::{Chrome, FormErrors, HtmlError};
use crate::extract::Query;
use crate::form_fields::number;
use crate::i18n::in_zone;
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::auth::{Role, User, UserInput, service};
use amity_core::error::Problems;
use amity_core::{Error, unit};

/// One account, ready to print.
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit: String,
    pub disabled: bool,
    /// "Sign-in locked until …" while a lock is in force.
    pub locked: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "users/list.html")]
pub struct ListPage {
    c: Chrome,
    rows: Vec<UserRow>,
    pager: crate::query::paging::Pager,
    /// A password just set, shown once: (heading naming the user, password).
    shown: Option<(String, String)>,
    /// A message about what was just done.
    notice: Option<String>,
    /// A warning that a reverse proxy is not in `trusted_proxies`.
    proxy_warning: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "users/form.html")]
pub struct FormPage {
    c: Chrome,
    id: Option<i64>,
    f: UserForm,
    errors: FormErrors,
    roles: Vec<Opt>,
    units: Vec<Opt>,
}

/// The account form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_id: String,
    pub disabled: String,
    pub password: String,
    pub version: String,
}

impl UserForm {
    fn to_input(&self) -> Result<UserInput, Error> {
        let mut p = Problems::default();
        let unit_id = p.take(number("unit_id", &self.unit_id)).flatten();
        let version = p.take(number("version", &self.version)).flatten();
        p.finish()?;
        Ok(UserInput {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role.clone(),
            unit_id,
            disabled: !self.disabled.is_empty(),
            password: self.password.clone(),
            version,
        })
    }

    fn from_user(u: &User) -> Self {
        Self {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role.as_str().into(),
            unit_id: u.unit_id.map(|x| x.to_string()).unwrap_or_default(),
            disabled: if u.disabled { "on".into() } else { String::new() },
            password: String::new(),
            version: u.version.to_string(),
        }
    }
}

async fn list_page(s: &AppState, ctx: &Ctx, paging: amity_core::Paging, shown: Option<(String, String)>) -> Result<ListPage, HtmlError> {
    let l = ctx.locale;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let locks = service::sign_in_locks(&s.db, &ctx.actor).await?;
    let locked = |name: &str| {
        let until = locks.iter().find(|(n, _)| n == name)?.1;
        Some(l.t_with("users.locked_until", &[("until", in_zone(l, until, s.settings.office_tz()))]))
    };
    let page = service::page(&s.db, &ctx.actor, paging).await?;
    let pager = crate::query::paging::Pager::of("/admin/users", &page);
    let rows = page
        .items
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            unit: u.unit_id.and_then(|id| units.iter().find(|x| x.id == id)).map(|x| x.name(l.is_zh()).to_string()).unwrap_or_default(),
            role: l.t(&format!("role.{}", u.role)),
            locked: locked(&u.username),
            username: u.username,
            display_name: u.display_name,
            disabled: u.disabled,
        })
        .collect();
    let shown = shown.map(|(user, pw)| (l.t_with("users.password_for", &[("user", user)]), pw));
    let proxy_warning = s.settings.proxy_notice.untrusted().map(|addr| l.t_with("users.proxy_warning", &[("addr", addr)]));
    Ok(ListPage { c: Chrome::new(ctx, "users", l.t("users.title")), rows, pager, shown, notice: None, proxy_warning })
}

async fn form_page(s: &AppState, ctx: &Ctx, id: Option<i64>, f: UserForm, errors: FormErrors) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let units = unit::list(&s.db, &ctx.actor).await?;
    let roles = Role::ALL
        .iter()
        .map(|r| Opt { selected: r.as_str() == f.role, value: r.as_str().into(), label: l.t(&format!("role.{r}")) })
        .collect();
    let units = units
        .iter()
        .filter(|u| u.offered(&[&f.unit_id]))
        .map(|u| Opt { selected: u.id.to_string() == f.unit_id, value: u.id.to_string(), label: u.name(l.is_zh()).to_string() })
        .collect();
    let title = l.t(if id.is_some() { "users.edit_title" } else { "users.new_title" });
    Ok(FormPage { c: Chrome::new(ctx, "users", title), id, f, errors, roles, units })
}

/// `GET /admin/users`.
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<crate::query::paging::PageQuery>) -> Result<ListPage, HtmlError> {
    list_page(&s, &ctx, q.paging(), None).await
}

/// `GET /admin/users/new`.
pub async fn new_form(State(s): State<AppState>, ctx: Ctx) -> Result<FormPage, HtmlError> {
    form_page(&s, &ctx, None, UserForm { role: "viewer".into(), ..Default::default() }, FormErrors::default()).await
}

/// `GET /admin/users/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<FormPage, HtmlError> {
    let u = service::get(&s.db, &ctx.actor, id).await?;
    form_page(&s, &ctx, Some(id), UserForm::from_user(&u), FormErrors::default()).await
}

/// `POST /admin/users`: creates the account and shows a generated password once.
pub async fn create(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let f: UserForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Ok(input) => service::create(&s.db, &ctx.actor, input).await,
        Err(e) => Err(e),
    };
    let done = |created: service::Created| {
        let shown = created.generated_password.map(|p| (created.user.username.clone(), p));
        list_page(&s, &ctx, amity_core::Paging::default(), shown)
    };
    crate::html::form::answer_with(ctx.locale, result, done, |errors| form_page(&s, &ctx, None, f, errors)).await
}

/// `POST /admin/users/{id}`.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: UserForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Ok(input) => service::update(&s.db, &ctx.actor, id, input).await,
        Err(e) => Err(e),
    };
    crate::html::form::answer(ctx.locale, result, |_| "/admin/users".into(), |errors| form_page(&s, &ctx, Some(id), f, errors)).await
}

/// `POST /admin/users/{id}/password`: sets a generated password, shown once; the user's sessions end.
pub async fn reset_password(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<ListPage, HtmlError> {
    let user = service::get(&s.db, &ctx.actor, id).await?;
    let password = service::reset_password(&s.db, &ctx.actor, id, None).await?.unwrap_or_default();
    list_page(&s, &ctx, amity_core::Paging::default(), Some((user.username, password))).await
}

/// `POST /admin/users/{id}/unlock`: lifts the account's sign-in locks; back to the list, which says so.
pub async fn unlock(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<ListPage, HtmlError> {
    let user = service::get(&s.db, &ctx.actor, id).await?;
    service::unlock(&s.db, &ctx.actor, id).await?;
    let mut page = list_page(&s, &ctx, amity_core::Paging::default(), None).await?;
    page.notice = Some(ctx.locale.t_with("users.unlocked", &[("user", user.username)]));
    Ok(page)
}

/// `POST /admin/users/{id}/erase`: erasure on request; back to the list, which says what was done.
pub async fn erase(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, HtmlError> {
    let r = amity_core::auth::erase::erase_user(&s.db, &ctx.actor, id).await;
    let (s, ctx) = (&s, &ctx);
    let done = |done: amity_core::auth::erase::Erased| async move {
        let mut page = list_page(s, ctx, amity_core::Paging::default(), None).await?;
        page.notice = Some(ctx.locale.t_with("users.erased", &[("count", done.redacted_entries.to_string())]));
        Ok::<_, HtmlError>(page)
    };
    // Refused (the last admin): the user's form again, with the reason.
    let again = |errors| async move {
        let u = service::get(&s.db, &ctx.actor, id).await?;
        form_page(s, ctx, Some(id), UserForm::from_user(&u), errors).await
    };
    crate::html::form::answer_with(ctx.locale, r, done, again).await
}
