//! The coverage matrix says what it counts, on both backends: year- and month-only activities count
//! where their span overlaps the period; activities with no field have their own column; a row's
//! total is activities, each once, with the activity × field pairs beside it; the bottom line counts
//! a shared activity once; rows sort by any field column and the select keeps the choice; the group
//! filter; the page explains all this in both languages; the exports carry the same figures.

use serde_json::{Value, json};

use super::support::{TestApp, apps};

async fn partner(app: &TestApp, q: &str) -> i64 {
    app.get(&format!("/api/v1/partnerships?q={q}")).await.json()["items"][0]["id"].as_i64().expect("partnership")
}

async fn log(app: &TestApp, partners: &[i64], start: &str, fields: &[&str]) {
    let body = json!({ "kind": "meeting", "title": format!("Meeting {start}"), "start_on": start, "status": "done",
        "owner_unit_id": app.home_unit().await, "partnership_ids": partners, "fields": fields });
    let r = app.json("POST", "/api/v1/activities", &body).await;
    assert_eq!(r.status, 201, "{}: {}", app.name, r.body);
}

/// Wakayama: "2019" (culture) and 2019-03-10 shared with Sacramento (culture, trade). Sacramento also:
/// "2019-05" with no field and 2019-05-20 (education). Returns (wakayama, sacramento).
async fn setup(app: &TestApp) -> (i64, i64) {
    let (wak, sac) = (partner(app, "wakayama").await, partner(app, "sacramento").await);
    log(app, &[wak], "2019", &["culture"]).await;
    log(app, &[wak, sac], "2019-03-10", &["culture", "trade"]).await;
    log(app, &[sac], "2019-05", &[]).await;
    log(app, &[sac], "2019-05-20", &["education"]).await;
    (wak, sac)
}

/// The row of `partnership`: its field counts by code, `no_field`, `total` and `pairs`.
fn row(m: &Value, partnership: i64) -> (Vec<(String, i64)>, i64, i64, i64) {
    let codes: Vec<String> = m["fields"].as_array().expect("fields").iter().map(|f| f["code"].as_str().unwrap_or("").to_string()).collect();
    let r = m["rows"].as_array().expect("rows").iter().find(|r| r["partnership_id"] == partnership).expect("row");
    let counts = codes.iter().zip(r["counts"].as_array().expect("counts")).filter(|(_, n)| n.as_i64() != Some(0));
    let counts = counts.map(|(c, n)| (c.clone(), n.as_i64().unwrap_or(0))).collect();
    (counts, r["no_field"].as_i64().unwrap_or(-1), r["total"].as_i64().unwrap_or(-1), r["pairs"].as_i64().unwrap_or(-1))
}

fn pairs(v: &[(&str, i64)]) -> Vec<(String, i64)> {
    v.iter().map(|(c, n)| (c.to_string(), *n)).collect()
}

/// The English name of a row's partner city, looked up by the row's `partnership_id`.
fn city<'a>(m: &'a Value, r: &Value) -> &'a str {
    m["partnerships"][r["partnership_id"].to_string()]["city"]["name_en"].as_str().unwrap_or("")
}

fn order(m: &Value) -> Vec<String> {
    m["rows"].as_array().expect("rows").iter().take(2).map(|r| city(m, r).to_string()).collect()
}

#[tokio::test]
async fn rows_count_activities_once_with_no_field_and_partial_dates_by_overlap() {
    for app in apps(true).await {
        let (wak, sac) = setup(&app).await;
        let m = app.get("/api/v1/coverage?from=2019-01-01&to=2019-12-31").await.json();
        assert_eq!(row(&m, wak), (pairs(&[("trade", 1), ("culture", 2)]), 0, 2, 3), "{}: {m}", app.name);
        assert_eq!(row(&m, sac), (pairs(&[("trade", 1), ("culture", 1), ("education", 1)]), 1, 3, 3), "{}", app.name);
        // The shared meeting counts once in the bottom line: four activities, two of them in culture.
        assert_eq!((m["total"].as_i64(), m["pairs"].as_i64(), m["no_field_total"].as_i64()), (Some(4), Some(6), Some(1)), "{}", app.name);
        let culture = m["fields"].as_array().expect("fields").iter().position(|f| f["code"] == "culture").expect("culture");
        assert_eq!(m["field_totals"][culture], 2);

        // "2019" overlaps June to December; March, "2019-05" and 20 May do not.
        let late = app.get("/api/v1/coverage?from=2019-06-01&to=2019-12-31").await.json();
        assert_eq!(row(&late, wak), (pairs(&[("culture", 1)]), 0, 1, 1), "{}", app.name);
        assert_eq!(row(&late, sac), (vec![], 0, 0, 0), "{}", app.name);
        // The last day of May: "2019", "2019-05" and nothing dated on another day.
        let may = app.get("/api/v1/coverage?from=2019-05-31&to=2019-05-31").await.json();
        assert_eq!((row(&may, wak).2, row(&may, sac)), (1, (vec![], 1, 1, 0)), "{}", app.name);
        assert_eq!(app.get("/api/v1/coverage?from=2020-01-01&to=2020-12-31").await.json()["total"], 0, "nothing overlaps 2020");
    }
}

#[tokio::test]
async fn rows_name_their_partnership_by_id_and_each_partnership_is_described_once() {
    for app in apps(true).await {
        let (wak, _) = setup(&app).await;
        let m = app.get("/api/v1/coverage?from=2019-01-01&to=2019-12-31").await.json();
        let rows = m["rows"].as_array().expect("rows");
        let table = m["partnerships"].as_object().expect("partnerships");
        assert_eq!(table.len(), rows.len(), "{}: one entry per row", app.name);
        assert!(rows.iter().all(|r| r.get("partnership").is_none() && table.contains_key(&r["partnership_id"].to_string())), "{m}");
        let w = &table[&wak.to_string()];
        assert_eq!(
            (w["id"].as_i64(), w["city"]["name_en"].as_str(), w["city"]["country"].as_str()),
            (Some(wak), Some("Wakayama"), Some("JP"))
        );
        assert_eq!(w["status"], "active", "{}", app.name);
        // Brief: what a list needs to name it, not the whole record.
        assert!(w.get("notes").is_none() && w.get("fields").is_none() && w["city"].get("lat").is_none(), "{w}");
    }
}

#[tokio::test]
async fn rows_sort_by_any_field_column_and_the_group_filter_narrows_them() {
    for app in apps(true).await {
        setup(&app).await;
        let period = "from=2019-01-01&to=2019-12-31";
        let by = |sort: &str| format!("/api/v1/coverage?{period}&sort={sort}");
        assert_eq!(order(&app.get(&by("field:culture")).await.json()), ["Wakayama", "Sacramento"], "{}", app.name);
        // Only Sacramento has education or no field: it comes first, the rest by name.
        assert_eq!(order(&app.get(&by("field:education")).await.json()), ["Sacramento", "Augsburg"], "{}", app.name);
        assert_eq!(order(&app.get(&by("no_field")).await.json()), ["Sacramento", "Augsburg"]);
        assert_eq!(order(&app.get(&by("total")).await.json()), ["Sacramento", "Wakayama"]);
        assert_eq!(order(&app.get(&by("name")).await.json())[0], "Augsburg", "by name, A first");
        for bad in ["field:nope", "biggest"] {
            let r = app.get(&by(bad)).await;
            assert_eq!((r.status.as_u16(), r.error_fields()), (422, vec!["sort".to_string()]), "{bad}: {}", r.body);
        }

        let japan = json!({ "code": "japan", "name_en": "Japan", "name_zh": "日本", "members": ["JP"] });
        let jp = app.json("POST", "/api/v1/country-groups", &japan).await.json()["id"].as_i64().expect("id");
        let m = app.get(&format!("/api/v1/coverage?{period}&group={jp}")).await.json();
        let cities: Vec<&str> = m["rows"].as_array().expect("rows").iter().map(|r| city(&m, r)).collect();
        assert_eq!(cities, ["Wakayama", "Yamaguchi"], "{}", app.name);
        assert_eq!((m["total"].as_i64(), m["pairs"].as_i64()), (Some(2), Some(3)), "only Wakayama's activities, each once");
    }
}

#[tokio::test]
async fn the_page_explains_the_counting_keeps_the_sort_and_exports_the_same_figures() {
    for app in apps(true).await {
        setup(&app).await;
        let q = "from=2019-01-01&to=2019-12-31&sort=field:education";
        let page = app.get(&format!("/coverage?{q}")).await;
        assert_eq!(page.status, 200, "{}", app.name);
        let body = &page.body;
        assert!(body.contains("<option value=\"field:education\" selected>Most in Education first</option>"), "{body}");
        assert!(body.contains("one dated only by a year (2022) or a month (2022-06) counts in every period that overlaps"), "{body}");
        assert!(body.contains("<th scope=\"col\">No field recorded</th><th scope=\"col\">Activities</th>"), "{body}");
        assert!(body.contains("title=\"3 activity–field pairs\">3<"), "Sacramento: three activities, three pairs: {body}");
        assert!(body.contains("4 activities (6 activity–field pairs) across 15 partner cities"), "{body}");
        assert!(body.find(">Sacramento<").expect("Sacramento") < body.find(">Augsburg<").expect("Augsburg"), "sorted by education");

        let zh = app.get_lang(&format!("/coverage?{q}"), "zh-CN").await.body;
        assert!(
            zh.contains("只记到年份（如2022年）或月份（如2022年6月）的活动") && zh.contains("<th scope=\"col\">未记录领域</th>"),
            "{zh}"
        );
        assert!(zh.contains("<option value=\"field:education\" selected>教育领域最多的在前</option>"), "{zh}");

        let csv = app.get(&format!("/coverage.csv?{q}")).await.body;
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert!(lines[0].ends_with("No field recorded,Activities,Activity–field pairs"), "{}", lines[0]);
        assert!(lines[1].starts_with("Sacramento,") && lines[1].ends_with(",1,3,3"), "{}", lines[1]);
        assert!(lines.last().expect("totals").ends_with(",1,4,6"), "the bottom line: {csv}");
    }
}

#[tokio::test]
async fn a_filter_that_does_not_read_is_named_on_the_page_not_replaced_by_the_defaults() {
    for app in apps(false).await {
        // `from` given twice cannot be read: before, the page fell back to the last 365 days.
        let page = app.get("/coverage?from=2019-01-01&from=2020-01-01&to=2019-12-31").await;
        assert_eq!(page.status, 422, "{}: {}", app.name, page.body);
        assert!(page.body.contains("<li>from: Give this parameter only once.</li>"), "{}: {}", app.name, page.body);
        assert!(!page.body.contains("activity–field pairs) across"), "no matrix for a period it did not read: {}", page.body);
        let bad_day = app.get("/coverage?from=2019-13-45").await;
        assert_eq!(bad_day.status, 422, "{}", app.name);
        assert!(bad_day.body.contains("<li>from: "), "{}", bad_day.body);
        assert_eq!(app.get("/coverage.csv?from=2019-01-01&from=2020-01-01").await.status, 422, "{}", app.name);
    }
}
