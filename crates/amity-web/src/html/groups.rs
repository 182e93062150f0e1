//! Country group pages: the list with members, and the create/edit form with countries chosen by continent.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{Redirect, Response};
use serde::Deserialize;

use super::{Chrome, FormErrors, HtmlError};
use crate::extract::Query;
use crate::form_fields::number_field;
use crate::i18n::{Locale, number};
use crate::path_id::Id;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use crate::view::country_name;
use amity_core::Error;
use amity_core::group::{self, CountryGroup, CountryGroupInput};
use amity_core::validate::sort_key;

/// Continents in the order the form shows them (codes of the reference data).
const CONTINENTS: [&str; 7] = ["AS", "EU", "AF", "NA", "SA", "OC", "AN"];

/// One group, ready to print.
pub struct GroupRow {
    pub id: i64,
    pub name: String,
    pub other_name: String,
    pub code: String,
    pub count: String,
    /// Member countries' names in the reader's language, joined.
    pub members: String,
    pub source_note: String,
}

/// The countries of one continent, as checkboxes.
pub struct ContinentChoice {
    pub code: String,
    pub name: String,
    /// How many of its countries are chosen.
    pub chosen: usize,
    /// The same, as a phrase.
    pub chosen_label: String,
    pub countries: Vec<Opt>,
}

#[derive(Template, WebTemplate)]
#[template(path = "groups/list.html")]
pub struct ListPage {
    c: Chrome,
    rows: Vec<GroupRow>,
    pager: crate::query::paging::Pager,
}

#[derive(Template, WebTemplate)]
#[template(path = "groups/form.html")]
pub struct FormPage {
    c: Chrome,
    id: Option<i64>,
    f: GroupForm,
    errors: FormErrors,
    continents: Vec<ContinentChoice>,
}

/// The group form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GroupForm {
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
    pub source_note: String,
    pub members: Vec<String>,
    /// "on" when the members' national days show on the calendar.
    pub on_calendar: String,
    pub version: String,
}

impl GroupForm {
    fn from_group(g: CountryGroup) -> Self {
        Self {
            code: g.code,
            name_en: g.name_en,
            name_zh: g.name_zh,
            source_note: g.source_note.unwrap_or_default(),
            members: g.members,
            on_calendar: if g.on_calendar { "on".into() } else { String::new() },
            version: g.version.to_string(),
        }
    }

    fn to_input(&self) -> Result<CountryGroupInput, Error> {
        Ok(CountryGroupInput {
            code: self.code.clone(),
            name_en: self.name_en.clone(),
            name_zh: self.name_zh.clone(),
            source_note: self.source_note.clone(),
            members: self.members.clone(),
            on_calendar: !self.on_calendar.is_empty(),
            version: number_field("version", &self.version)?,
        })
    }
}

/// Country names in the reader's language, sorted by how that language sorts them, joined.
pub fn member_names(l: Locale, members: &[String]) -> String {
    let mut names: Vec<String> = members.iter().map(|m| country_name(l, m)).collect();
    names.sort_by_key(|n| sort_key(n));
    names.join(&l.t("list.sep"))
}

/// `GET /groups`.
pub async fn list(State(s): State<AppState>, ctx: Ctx, Query(q): Query<crate::query::paging::PageQuery>) -> Result<ListPage, HtmlError> {
    let l = ctx.locale;
    let page = group::page(&s.db, &ctx.actor, q.paging()).await?;
    let pager = crate::query::paging::Pager::of("/groups", &page);
    let groups = page.items;
    let rows = groups
        .iter()
        .map(|g| GroupRow {
            id: g.id,
            name: g.name(l.is_zh()).to_string(),
            other_name: g.name(!l.is_zh()).to_string(),
            code: g.code.clone(),
            count: l.t_with("groups.member_count", &[("count", number(i64::try_from(g.members.len()).unwrap_or(i64::MAX)))]),
            members: member_names(l, &g.members),
            source_note: g.source_note.clone().unwrap_or_default(),
        })
        .collect();
    Ok(ListPage { c: Chrome::new(&ctx, "groups", l.t("groups.title")), rows, pager })
}

fn continents(l: Locale, chosen: &[String]) -> Vec<ContinentChoice> {
    CONTINENTS
        .iter()
        .map(|code| {
            let mut countries: Vec<Opt> = amity_refdata::countries()
                .iter()
                .filter(|c| c.continent == *code)
                .map(|c| Opt {
                    selected: chosen.iter().any(|m| m.trim().eq_ignore_ascii_case(&c.iso2)),
                    value: c.iso2.clone(),
                    label: if l.is_zh() { c.name_zh.clone() } else { c.name_en.clone() },
                })
                .collect();
            countries.sort_by_key(|o| sort_key(&o.label));
            let chosen = countries.iter().filter(|o| o.selected).count();
            ContinentChoice {
                code: code.to_ascii_lowercase(),
                name: l.t(&format!("continent.{}", code.to_ascii_lowercase())),
                chosen,
                chosen_label: l.t_with("groups.chosen", &[("count", chosen.to_string())]),
                countries,
            }
        })
        .collect()
}

fn render(ctx: &Ctx, id: Option<i64>, f: GroupForm, errors: FormErrors) -> FormPage {
    let l = ctx.locale;
    let title = l.t(if id.is_some() { "groups.edit_title" } else { "groups.new_title" });
    FormPage { c: Chrome::new(ctx, "groups", title), continents: continents(l, &f.members), id, f, errors }
}

/// `GET /groups/new`.
pub async fn new_form(ctx: Ctx) -> FormPage {
    render(&ctx, None, GroupForm::default(), FormErrors::default())
}

/// `GET /groups/{id}/edit`.
pub async fn edit_form(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<FormPage, HtmlError> {
    let g = group::get(&s.db, &ctx.actor, id).await?;
    Ok(render(&ctx, Some(id), GroupForm::from_group(g), FormErrors::default()))
}

/// `POST /groups`.
pub async fn create(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, None, body).await
}

/// `POST /groups/{id}`.
pub async fn update(State(s): State<AppState>, ctx: Ctx, Id(id): Id, body: Bytes) -> Result<Response, HtmlError> {
    save(&s, &ctx, Some(id), body).await
}

async fn save(s: &AppState, ctx: &Ctx, id: Option<i64>, body: Bytes) -> Result<Response, HtmlError> {
    let f: GroupForm = crate::html::form::read(&body)?;
    let result = match (f.to_input(), id) {
        (Err(e), _) => Err(e),
        (Ok(input), None) => group::create(&s.db, &ctx.actor, input).await,
        (Ok(input), Some(id)) => group::update(&s.db, &ctx.actor, id, input).await,
    };
    crate::html::form::answer(
        ctx.locale,
        result,
        |_| "/groups".into(),
        |errors| std::future::ready(Ok::<_, HtmlError>(render(ctx, id, f, errors))),
    )
    .await
}

/// `POST /groups/{id}/delete`.
pub async fn delete(State(s): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Redirect, HtmlError> {
    group::delete(&s.db, &ctx.actor, id).await?;
    Ok(Redirect::to("/groups"))
}
