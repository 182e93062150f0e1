//! The partnership list: each filter, search in Chinese and Latin script, sort orders, paging.

use amity_core::Paging;
use amity_core::partnership::{Partnership, PartnershipFilter, PartnershipKind, PartnershipSort, PartnershipStatus};
use amity_core::store::{PartnershipStore, Store, Tx as _, UnitStore};
use amity_store::Db;
use amity_store::testing::each_backend;

use crate::support::{JINAN, SACRAMENTO, WAKAYAMA, at, hand_entered, linked, put_all, unit};

/// Two units; five partnerships (three GeoNames cities, two hand-entered) with year-only,
/// month-only, full and missing dates. Returns the district's id.
async fn arrange(db: &Db) -> i64 {
    let mut tx = db.begin().await.expect("begin");
    let home = tx.insert_unit(&unit("Home City", "本市", "city", None), at(1)).await.expect("home");
    let district = tx.insert_unit(&unit("Lakeside District", "湖滨区", "district", Some(home)), at(1)).await.expect("district");
    tx.commit().await.expect("commit");
    let mut sacramento = linked(home, SACRAMENTO, "1985-04", &["culture", "economy"]);
    sacramento.city_name_zh = "萨克拉门托".into();
    let mut jinan = linked(home, JINAN, "2003-09", &["trade"]);
    jinan.city_name_zh = "济南".into();
    let mut rosario = hand_entered(district, "Rosario", "AR", "");
    rosario.status = "prospect".into();
    let mut perth = hand_entered(district, "Perth", "AU", "1985-04-12");
    perth.status = "negotiating".into();
    put_all(db, &[sacramento, linked(home, WAKAYAMA, "1984", &[]), rosario, perth, jinan]).await;
    district
}

async fn list(db: &Db, filter: PartnershipFilter) -> (Vec<String>, i64) {
    let (items, total) = db.read().await.expect("read").list_partnerships(&filter).await.expect("list");
    (items.iter().map(|p: &Partnership| p.city.name_en.clone()).collect(), total)
}

fn q(text: &str) -> PartnershipFilter {
    PartnershipFilter { q: Some(text.into()), ..Default::default() }
}

#[tokio::test]
async fn unfiltered_list_is_sorted_by_name_with_fields_loaded() {
    for (backend, db) in each_backend().await {
        arrange(&db).await;
        let (items, total) = db.read().await.expect(backend).list_partnerships(&PartnershipFilter::default()).await.expect(backend);
        let names: Vec<&str> = items.iter().map(|p| p.city.name_en.as_str()).collect();
        assert_eq!((names.as_slice(), total), (["Jinan", "Perth", "Rosario", "Sacramento", "Wakayama"].as_slice(), 5), "{backend}");
        assert_eq!(items[3].fields, ["economy", "culture"], "{backend}");
        assert_eq!(items[0].fields, ["trade"], "{backend}");
    }
}

#[tokio::test]
async fn each_filter_narrows_the_list() {
    for (backend, db) in each_backend().await {
        // Arrange
        let district = arrange(&db).await;
        let by_country = PartnershipFilter { country: Some("jp".into()), ..Default::default() };
        let by_kind = PartnershipFilter { kind: Some(PartnershipKind::FriendlyCooperation), ..Default::default() };
        let by_status = PartnershipFilter { status: Some(PartnershipStatus::Prospect), ..Default::default() };
        let by_unit = PartnershipFilter { unit: Some(district), ..Default::default() };
        // Act / Assert
        assert_eq!(list(&db, by_country).await, (vec!["Wakayama".to_string()], 1), "{backend}");
        assert_eq!(list(&db, by_kind).await, (vec!["Perth".to_string(), "Rosario".to_string()], 2), "{backend}");
        assert_eq!(list(&db, by_status).await, (vec!["Rosario".to_string()], 1), "{backend}");
        assert_eq!(list(&db, by_unit).await, (vec!["Perth".to_string(), "Rosario".to_string()], 2), "{backend}");
    }
}

#[tokio::test]
async fn search_finds_chinese_and_latin_names_in_any_case() {
    for (backend, db) in each_backend().await {
        arrange(&db).await;
        assert_eq!(list(&db, q("萨克")).await.0, ["Sacramento"], "{backend}");
        assert_eq!(list(&db, q("sacra")).await.0, ["Sacramento"], "{backend}");
        assert_eq!(list(&db, q("  SACRA ")).await.0, ["Sacramento"], "{backend}");
        assert_eq!(list(&db, q("济南")).await.0, ["Jinan"], "{backend}");
        assert_eq!(list(&db, q("japan")).await.0, ["Wakayama"], "{backend}: the country's name is searchable");
    }
}

#[tokio::test]
async fn like_wildcards_in_the_search_text_match_only_themselves() {
    for (backend, db) in each_backend().await {
        arrange(&db).await;
        assert_eq!(list(&db, q("%")).await, (vec![], 0), "{backend}");
        assert_eq!(list(&db, q("_")).await, (vec![], 0), "{backend}");
        assert_eq!(list(&db, q("s%o")).await, (vec![], 0), "{backend}");
        assert_eq!(list(&db, q("\\")).await, (vec![], 0), "{backend}");
    }
}

#[tokio::test]
async fn established_sorts_year_month_and_day_dates_chronologically_with_unknown_dates_last() {
    for (backend, db) in each_backend().await {
        arrange(&db).await;
        let asc = PartnershipFilter { sort: Some(PartnershipSort::Established), ..Default::default() };
        let desc = PartnershipFilter { sort: Some(PartnershipSort::EstablishedDesc), ..Default::default() };
        assert_eq!(list(&db, asc).await.0, ["Wakayama", "Sacramento", "Perth", "Jinan", "Rosario"], "{backend}");
        assert_eq!(list(&db, desc).await.0, ["Jinan", "Perth", "Sacramento", "Wakayama", "Rosario"], "{backend}");
    }
}

#[tokio::test]
async fn country_sort_orders_by_country_code_then_name() {
    for (backend, db) in each_backend().await {
        arrange(&db).await;
        let by_country = PartnershipFilter { sort: Some(PartnershipSort::Country), ..Default::default() };
        assert_eq!(list(&db, by_country).await.0, ["Rosario", "Perth", "Jinan", "Wakayama", "Sacramento"], "{backend}");
    }
}

#[tokio::test]
async fn a_page_holds_per_page_rows_and_the_total_counts_all_pages() {
    for (backend, db) in each_backend().await {
        // Arrange
        arrange(&db).await;
        let page = |n| PartnershipFilter { paging: Paging::new(Some(n), Some(2)), ..Default::default() };
        // Act
        let second = list(&db, page(2)).await;
        let third = list(&db, page(3)).await;
        let beyond = list(&db, page(9)).await;
        // Assert
        assert_eq!(second, (vec!["Rosario".to_string(), "Sacramento".to_string()], 5), "{backend}");
        assert_eq!(third, (vec!["Wakayama".to_string()], 5), "{backend}");
        assert_eq!(beyond, (vec![], 5), "{backend}");
    }
}
