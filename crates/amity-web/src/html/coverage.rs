//! `/coverage`: partnerships × cooperation fields over a period, sortable, with its CSV and XLSX.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{Chrome, FormErrors, HtmlError};
use crate::i18n::{Locale, number};
use crate::query::activity::CoverageQuery;
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::Opt;
use amity_core::coverage::{self, Coverage};
use amity_core::partnership::{PartnershipKind, PartnershipStatus};
use amity_core::unit;

const CONTINENTS: [&str; 7] = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"];

#[derive(Template, WebTemplate)]
#[template(path = "coverage.html")]
pub struct CoveragePage {
    c: Chrome,
    q: CoverageQuery,
    m: Option<Coverage>,
    names: Vec<String>,
    heads: Vec<String>,
    errors: FormErrors,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    continents: Vec<Opt>,
    units: Vec<Opt>,
    groups: Vec<Opt>,
    export: String,
    summary: String,
}

fn query(raw: Option<&str>) -> (CoverageQuery, String) {
    let q: CoverageQuery = serde_html_form::from_str(raw.unwrap_or("")).unwrap_or_default();
    (q, raw.unwrap_or("").to_string())
}

fn sort_rows(m: &mut Coverage, by: &str, zh: bool) {
    match by {
        "total" => m.rows.sort_by(|a, b| b.total.cmp(&a.total).then(a.partnership.id.cmp(&b.partnership.id))),
        "gaps" => m.rows.sort_by_key(|r| (std::cmp::Reverse(r.counts.iter().filter(|n| **n == 0).count()), r.partnership.id)),
        _ => m.rows.sort_by_key(|r| {
            if zh {
                amity_core::validate::sort_key_zh(r.partnership.city.name(true))
            } else {
                amity_core::validate::sort_key(r.partnership.city.name(false))
            }
        }),
    }
}

async fn compute(s: &AppState, ctx: &Ctx, q: &CoverageQuery, sort: &str) -> Result<Result<Coverage, amity_core::Error>, HtmlError> {
    let filter = match q.filter(s.settings.today()) {
        Ok(f) => f,
        Err(e) => return Ok(Err(e)),
    };
    let mut m = coverage::matrix(&s.db, &ctx.actor, &filter).await?;
    sort_rows(&mut m, sort, ctx.locale.is_zh());
    Ok(Ok(m))
}

fn sort_param(raw: &str) -> String {
    raw.split('&').find_map(|kv| kv.strip_prefix("sort=")).unwrap_or("").to_string()
}

/// `GET /coverage`.
pub async fn show(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<CoveragePage, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let (q, raw) = query(raw.as_deref());
    let (m, errors) = match compute(&s, &ctx, &q, &sort_param(&raw)).await? {
        Ok(m) => (Some(m), FormErrors::default()),
        Err(e) => (None, FormErrors::from_error(l, &e).unwrap_or_default()),
    };
    let units = unit::list(&s.db, &ctx.actor).await?;
    let groups = amity_core::group::list(&s.db, &ctx.actor).await?;
    let sel = |v: &str, cur: &str| v.eq_ignore_ascii_case(cur.trim());
    let names = m.as_ref().map(|m| m.rows.iter().map(|r| r.partnership.city.name(zh).to_string()).collect()).unwrap_or_default();
    let heads = m.as_ref().map(|m| m.fields.iter().map(|f| f.name(zh).to_string()).collect()).unwrap_or_default();
    let summary = m
        .as_ref()
        .map(|m| {
            l.t_with(
                "coverage.summary",
                &[
                    ("from", crate::i18n::date_long(l, m.from)),
                    ("to", crate::i18n::date_long(l, m.to)),
                    ("total", number(m.total)),
                    ("partners", number(m.rows.len() as i64)),
                    ("gaps", number(m.empty_cells)),
                ],
            )
        })
        .unwrap_or_default();
    Ok(CoveragePage {
        c: Chrome::new(&ctx, "coverage", l.t("coverage.title")),
        kinds: PartnershipKind::ALL
            .iter()
            .map(|k| Opt { selected: sel(k.as_str(), &q.kind), value: k.as_str().into(), label: l.t(&format!("kind.{k}")) })
            .collect(),
        statuses: PartnershipStatus::ALL
            .iter()
            .map(|k| Opt { selected: sel(k.as_str(), &q.status), value: k.as_str().into(), label: l.t(&format!("status.{k}")) })
            .collect(),
        continents: CONTINENTS
            .iter()
            .map(|c| Opt { selected: sel(c, &q.continent), value: (*c).into(), label: l.t(&format!("continent.{c}")) })
            .collect(),
        units: units
            .iter()
            .filter(|u| u.offered(&[&q.unit]))
            .map(|u| Opt { selected: sel(&u.id.to_string(), &q.unit), value: u.id.to_string(), label: u.name(zh).to_string() })
            .collect(),
        groups: groups
            .iter()
            .map(|g| Opt {
                selected: sel(&g.id.to_string(), &q.group),
                value: g.id.to_string(),
                label: if zh { g.name_zh.clone() } else { g.name_en.clone() },
            })
            .collect(),
        export: raw.split('&').filter(|kv| !kv.is_empty() && !kv.starts_with("lang=")).collect::<Vec<_>>().join("&"),
        names,
        heads,
        summary,
        errors,
        m,
        q,
    })
}

fn table(l: Locale, m: &Coverage) -> (Vec<String>, Vec<Vec<String>>) {
    let zh = l.is_zh();
    let mut head = vec![l.t("partnerships.col_city"), l.t("partnerships.col_country")];
    head.extend(m.fields.iter().map(|f| f.name(zh).to_string()));
    head.push(l.t("coverage.total"));
    let mut rows: Vec<Vec<String>> = m
        .rows
        .iter()
        .map(|r| {
            let mut v = vec![r.partnership.city.name(zh).to_string(), crate::view::country_name(l, &r.partnership.city.country)];
            v.extend(r.counts.iter().map(ToString::to_string));
            v.push(r.total.to_string());
            v
        })
        .collect();
    let mut totals = vec![l.t("coverage.total"), String::new()];
    totals.extend(m.field_totals.iter().map(ToString::to_string));
    totals.push(m.total.to_string());
    rows.push(totals);
    (head, rows)
}

/// `GET /coverage.csv`: exactly the matrix shown.
pub async fn export_csv(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (q, raw) = query(raw.as_deref());
    let m = compute(&s, &ctx, &q, &sort_param(&raw)).await??;
    let (head, rows) = table(ctx.locale, &m);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    Ok(crate::export::csv_response(&format!("amity-coverage-{}-{}.csv", m.from, m.to), &head, rows))
}

/// `GET /coverage.xlsx`: the same as a spreadsheet (numbers as numbers).
pub async fn export_xlsx(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (q, raw) = query(raw.as_deref());
    let m = compute(&s, &ctx, &q, &sort_param(&raw)).await??;
    let (head, rows) = table(ctx.locale, &m);
    let bytes =
        crate::export::xlsx(&ctx.locale.t("coverage.title"), &head, &rows).map_err(|e| amity_core::Error::Internal(e.to_string()))?;
    let disposition = format!("attachment; filename=\"amity-coverage-{}-{}.xlsx\"", m.from, m.to);
    Ok((
        [
            (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
