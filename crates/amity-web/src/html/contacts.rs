//! Contact pages: a partnership's contacts with a form to add one, and the edit form. Personal data:
//! the routes admit only roles that see it, and no public page links here.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{Redirect, Response};
use serde::Deserialize;

use super::{Chrome, FormErrors, HtmlError};
use crate::form_fields::number_field;
use crate::i18n::Locale;
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::contact::{self, Contact, ContactInput, ContactSide};
use amity_core::{Error, Partnership, partnership};

/// One contact, ready to print.
pub struct ContactRow {
    pub id: i64,
    pub name_romanised: String,
    pub name_native: String,
    pub side: String,
    pub title: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub languages: String,
    pub notes: String,
}

impl ContactRow {
    pub(crate) fn new(l: Locale, c: Contact) -> Self {
        Self {
            id: c.id,
            name_romanised: c.name_romanised.unwrap_or_default(),
            name_native: c.name_native.unwrap_or_default(),
            side: l.t(&format!("contact_side.{}", c.side)),
            title: c.title.unwrap_or_default(),
            organisation: c.organisation.unwrap_or_default(),
            email: c.email.unwrap_or_default(),
            phone: c.phone.unwrap_or_default(),
            languages: c.languages.join(&l.t("list.sep")),
            notes: c.notes.unwrap_or_default(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts/list.html")]
pub struct ListPage {
    c: Chrome,
    partnership_id: i64,
    partner: String,
    rows: Vec<ContactRow>,
    /// Whether the reader may change this partnership's contacts.
    can_write: bool,
    f: ContactForm,
    errors: FormErrors,
    sides: Vec<Opt>,
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts/form.html")]
pub struct FormPage {
    c: Chrome,
    id: i64,
    partnership_id: i64,
    partner: String,
    f: ContactForm,
    errors: FormErrors,
    sides: Vec<Opt>,
}

/// The contact form as posted. Languages are one text field, separated by commas.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContactForm {
    pub side: String,
    pub name_native: String,
    pub name_romanised: String,
    pub title: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub languages: String,
    pub notes: String,
    pub version: String,
}

impl ContactForm {
    fn from_contact(c: Contact) -> Self {
        Self {
            side: c.side.as_str().into(),
            name_native: c.name_native.unwrap_or_default(),
            name_romanised: c.name_romanised.unwrap_or_default(),
            title: c.title.unwrap_or_default(),
            organisation: c.organisation.unwrap_or_default(),
            email: c.email.unwrap_or_default(),
            phone: c.phone.unwrap_or_default(),
            languages: c.languages.join(", "),
            notes: c.notes.unwrap_or_default(),
            version: c.version.to_string(),
        }
    }

    fn to_input(&self) -> Result<ContactInput, Error> {
        // Chinese writers separate with ， or 、 as naturally as others with a comma.
        let languages = self.languages.split([',', '，', '、', ';', '；']).map(str::to_string).collect();
        Ok(ContactInput {
            side: self.side.clone(),
            name_native: self.name_native.clone(),
            name_romanised: self.name_romanised.clone(),
            title: self.title.clone(),
            organisation: self.organisation.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            languages,
            notes: self.notes.clone(),
            version: number_field("version", &self.version)?,
        })
    }
}

fn sides(l: Locale, current: &str) -> Vec<Opt> {
    ContactSide::ALL
        .iter()
        .map(|s| Opt { selected: s.as_str() == current, value: s.as_str().into(), label: l.t(&format!("contact_side.{s}")) })
        .collect()
}

fn partner_name(l: Locale, p: &Partnership) -> String {
    p.city.name(l.is_zh()).to_string()
}

async fn render_list(s: &AppState, ctx: &Ctx, partnership_id: i64, f: ContactForm, errors: FormErrors) -> Result<ListPage, HtmlError> {
    let l = ctx.locale;
    let contacts = contact::list(&s.db, &ctx.actor, partnership_id).await?;
    let p = partnership::get(&s.db, &ctx.actor, partnership_id).await?;
    let partner = partner_name(l, &p);
    Ok(ListPage {
        c: Chrome::new(ctx, "partners", l.t_with("contacts.title_for", &[("partner", partner.clone())])),
        can_write: ctx.actor.require_write_unit(p.home_unit_id).is_ok(),
        rows: contacts.into_iter().map(|c| ContactRow::new(l, c)).collect(),
        sides: sides(l, &f.side),
        partnership_id,
        partner,
        f,
        errors,
    })
}

async fn render_form(
    s: &AppState,
    ctx: &Ctx,
    id: i64,
    partnership_id: i64,
    f: ContactForm,
    errors: FormErrors,
) -> Result<FormPage, HtmlError> {
    let l = ctx.locale;
    let p = partnership::get(&s.db, &ctx.actor, partnership_id).await?;
    Ok(FormPage {
        c: Chrome::new(ctx, "partners", l.t("contacts.edit_title")),
        partner: partner_name(l, &p),
        sides: sides(l, &f.side),
        id,
        partnership_id,
        f,
        errors,
    })
}

/// `GET /partnerships/{id}/contacts`.
pub async fn list(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<ListPage, HtmlError> {
    render_list(&s, &ctx, id, ContactForm { side: "partner".into(), ..Default::default() }, FormErrors::default()).await
}

/// `POST /partnerships/{id}/contacts`: adds a contact, or shows the list again with the form's errors.
pub async fn create(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let f: ContactForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Ok(input) => contact::create(&s.db, &ctx.actor, id, input).await,
        Err(e) => Err(e),
    };
    crate::html::form::answer(ctx.locale, result, |_| format!("/partnerships/{id}/contacts"), |errors| render_list(&s, &ctx, id, f, errors))
        .await
}

/// `GET /contacts/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(contact_id): Id) -> Result<FormPage, HtmlError> {
    let id = contact_id;
    let c = contact::get(&s.db, &ctx.actor, id).await?;
    let partnership_id = c.partnership_id;
    ctx.actor.require_write_unit(amity_core::partnership::get(&s.db, &ctx.actor, partnership_id).await?.home_unit_id)?;
    render_form(&s, &ctx, id, partnership_id, ContactForm::from_contact(c), FormErrors::default()).await
}

/// `POST /contacts/{id}`.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(contact_id): Id, body: Bytes) -> Result<Response, HtmlError> {
    let id = contact_id;
    let f: ContactForm = crate::html::form::read(&body)?;
    let result = match f.to_input() {
        Ok(input) => contact::update(&s.db, &ctx.actor, id, input).await,
        Err(e) => Err(e),
    };
    let (s, ctx) = (&s, &ctx);
    let again = |errors| async move {
        let partnership_id = contact::get(&s.db, &ctx.actor, id).await?.partnership_id;
        render_form(s, ctx, id, partnership_id, f, errors).await
    };
    crate::html::form::answer(ctx.locale, result, |c| format!("/partnerships/{}/contacts", c.partnership_id), again).await
}

/// `POST /contacts/{id}/delete`.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(contact_id): Id) -> Result<Redirect, HtmlError> {
    let id = contact_id;
    let partnership_id = contact::get(&s.db, &ctx.actor, id).await?.partnership_id;
    contact::delete(&s.db, &ctx.actor, id).await?;
    Ok(Redirect::to(&format!("/partnerships/{partnership_id}/contacts")))
}
