//! `GET /search?q=`: partnerships, activities and contacts matching a name in any language.

use crate::extract::Query;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

use super::{Chrome, HtmlError};
use crate::i18n::activity_when;
use crate::query::search::SearchQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::{country_name, names_of};
use amity_core::{Error, search};

/// A found record, ready to print.
pub struct Hit {
    pub href: String,
    pub title: String,
    pub detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "search.html")]
pub struct SearchPage {
    c: Chrome,
    q: String,
    searched: bool,
    partnerships: Vec<Hit>,
    partnerships_total: i64,
    activities: Vec<Hit>,
    activities_total: i64,
    contacts: Option<Vec<Hit>>,
}

/// The search page (an empty query shows just the form).
pub async fn show(State(s): State<AppState>, ctx: Ctx, Query(q): Query<SearchQuery>) -> Result<SearchPage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let c = Chrome::new(&ctx, "search", l.t("search.title"));
    let mut page = SearchPage {
        c,
        q: q.q.clone(),
        searched: false,
        partnerships: vec![],
        partnerships_total: 0,
        activities: vec![],
        activities_total: 0,
        contacts: None,
    };
    if q.q.trim().is_empty() {
        return Ok(page);
    }
    let found = match search::all(&s.db, &ctx.actor, &q.q).await {
        Ok(f) => f,
        Err(Error::Validation(_)) => return Ok(page),
        Err(e) => return Err(e.into()),
    };
    let linked = found.activities.iter().flat_map(|a| a.partnership_ids.iter().copied());
    let names = names_of(&s, &ctx, linked.chain(found.contacts.iter().flatten().map(|k| k.partnership_id))).await?;
    page.searched = true;
    page.partnerships = found
        .partnerships
        .iter()
        .map(|p| Hit {
            href: format!("/partnerships/{}", p.id),
            title: p.city.name(zh).to_string(),
            detail: country_name(l, &p.city.country),
        })
        .collect();
    page.partnerships_total = found.partnerships_total;
    page.activities = found
        .activities
        .iter()
        .map(|a| Hit {
            href: format!("/activities/{}", a.id),
            title: a.title_in(zh).to_string(),
            detail: format!(
                "{} · {}",
                activity_when(l, a),
                a.partnership_ids.iter().filter_map(|id| names.get(id).cloned()).collect::<Vec<_>>().join(&l.t("list.sep"))
            ),
        })
        .collect();
    page.activities_total = found.activities_total;
    page.contacts = found.contacts.map(|list| {
        list.iter()
            .map(|k| Hit {
                href: format!("/contacts/{}/edit", k.id),
                title: k.display_name(true).to_string(),
                detail: names.get(&k.partnership_id).cloned().unwrap_or_default(),
            })
            .collect()
    });
    Ok(page)
}
