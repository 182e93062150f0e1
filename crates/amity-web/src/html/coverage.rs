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
use amity_core::coverage::{self, Coverage, CoverageSort};
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
    sorts: Vec<Opt>,
    export: String,
    summary: String,
}

/// The query as read (a parameter that does not read, e.g. one given twice, is an error naming it).
fn query(raw: Option<&str>) -> Result<CoverageQuery, amity_core::Error> {
    crate::extract::query(raw.unwrap_or(""))
}

async fn compute(s: &AppState, ctx: &Ctx, q: &CoverageQuery) -> Result<Result<Coverage, amity_core::Error>, HtmlError> {
    let mut filter = match q.filter(s.settings.today()) {
        Ok(f) => f,
        Err(e) => return Ok(Err(e)),
    };
    // Chinese readers get names in pinyin order, not in the order of the English names.
    if ctx.locale.is_zh() && filter.sort == CoverageSort::Name {
        filter.sort = CoverageSort::NameZh;
    }
    match coverage::matrix(&s.db, &ctx.actor, &filter).await {
        Err(e @ amity_core::Error::Validation(_)) => Ok(Err(e)),
        other => Ok(Ok(other?)),
    }
}

/// The sort select: by name, by a figure, or by any field column; the chosen one selected.
fn sorts(l: Locale, fields: &[amity_core::field::CooperationField], current: &str) -> Vec<Opt> {
    let current = match current.trim() {
        "" | "name_zh" => "name",
        c => c,
    };
    let mut v: Vec<(String, String)> =
        ["name", "total", "gaps", "no_field"].iter().map(|k| (k.to_string(), l.t(&format!("coverage.sort_{k}")))).collect();
    v.extend(
        fields.iter().map(|f| (format!("field:{}", f.code), l.t_with("coverage.sort_field", &[("field", f.name(l.is_zh()).to_string())]))),
    );
    v.into_iter().map(|(value, label)| Opt { selected: value == current, value, label }).collect()
}

/// `GET /coverage`: the matrix, or — when a filter does not read — the form with the error naming
/// it above an empty matrix (422).
pub async fn show(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let l = ctx.locale;
    let zh = l.is_zh();
    let (q, computed) = match query(raw.as_deref()) {
        Ok(q) => {
            let m = compute(&s, &ctx, &q).await?;
            (q, m)
        }
        Err(e) => (CoverageQuery::default(), Err(e)),
    };
    let raw = raw.unwrap_or_default();
    let (m, errors) = match computed {
        Ok(m) => (Some(m), FormErrors::default()),
        Err(e) => (None, FormErrors::from_error(l, &e).unwrap_or_default()),
    };
    let units = unit::list(&s.db, &ctx.actor).await?;
    let all_fields = amity_core::field::list(&s.db, &ctx.actor).await?;
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
                    ("pairs", number(m.pairs)),
                    ("partners", number(m.rows.len() as i64)),
                    ("gaps", number(m.empty_cells)),
                ],
            )
        })
        .unwrap_or_default();
    let status = errors.status();
    let page = CoveragePage {
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
        sorts: sorts(l, &all_fields, &q.sort),
        export: raw.split('&').filter(|kv| !kv.is_empty() && !kv.starts_with("lang=")).collect::<Vec<_>>().join("&"),
        names,
        heads,
        summary,
        errors,
        m,
        q,
    };
    Ok((status, page).into_response())
}

fn table(l: Locale, m: &Coverage) -> (Vec<String>, Vec<Vec<String>>) {
    let zh = l.is_zh();
    let mut head = vec![l.t("partnerships.col_city"), l.t("partnerships.col_country")];
    head.extend(m.fields.iter().map(|f| f.name(zh).to_string()));
    head.extend([l.t("coverage.no_field"), l.t("coverage.activities"), l.t("coverage.pairs")]);
    let mut rows: Vec<Vec<String>> = m
        .rows
        .iter()
        .map(|r| {
            let mut v = vec![r.partnership.city.name(zh).to_string(), crate::view::country_name(l, &r.partnership.city.country)];
            v.extend(r.counts.iter().map(ToString::to_string));
            v.extend([r.no_field.to_string(), r.total.to_string(), r.pairs.to_string()]);
            v
        })
        .collect();
    let mut totals = vec![l.t("coverage.total_row"), String::new()];
    totals.extend(m.field_totals.iter().map(ToString::to_string));
    totals.extend([m.no_field_total.to_string(), m.total.to_string(), m.pairs.to_string()]);
    rows.push(totals);
    (head, rows)
}

/// `GET /coverage.csv`: exactly the matrix shown.
pub async fn export_csv(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let m = compute(&s, &ctx, &query(raw.as_deref())?).await??;
    let (head, rows) = table(ctx.locale, &m);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    Ok(crate::export::csv_response(&format!("amity-coverage-{}-{}.csv", m.from, m.to), &head, rows))
}

/// `GET /coverage.xlsx`: the same as a spreadsheet (numbers as numbers).
pub async fn export_xlsx(State(s): State<AppState>, ctx: Ctx, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let m = compute(&s, &ctx, &query(raw.as_deref())?).await??;
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
