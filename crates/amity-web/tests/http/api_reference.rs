//! Countries and cities from the reference data.

use super::support::apps;

#[tokio::test]
async fn countries_follow_the_naming_policy_and_carry_national_days() {
    for app in apps(false).await {
        let all = app.get("/api/v1/countries").await.json();
        assert!(all.as_array().expect("list").len() >= 249, "{}", app.name);
        let tt = app.get("/api/v1/countries/tt").await.json();
        assert_eq!(tt["name_zh"], "特立尼达和多巴哥", "{}", app.name);
        assert_eq!(tt["national_day"]["month_day"], "08-31", "{}", app.name);
        assert_eq!(tt["national_day"]["name_zh"], "特立尼达和多巴哥国庆日", "{}", app.name);
        let tw = app.get("/api/v1/countries/TW").await.json();
        assert_eq!(tw["name_en"], "Taiwan, Province of China", "{}", app.name);
        assert_eq!(tw["name_zh"], "中国台湾省", "{}", app.name);
        assert!(tw["national_day"].is_null(), "{}", app.name);
        assert_eq!(tw["official_en"], "Taiwan, Province of China", "{}", app.name);
        assert_eq!(tw["capital"], "", "a region of China has no capital ({})", app.name);
        let hk = app.get("/api/v1/countries/HK").await.json();
        assert_eq!(hk["capital"], "", "{}", app.name);
        assert!(hk["national_day"].is_null(), "{}", app.name);
        let gb = app.get("/api/v1/countries/GB").await.json();
        assert!(gb["national_day"]["month_day"].is_null(), "the UK's day is set each year ({})", app.name);
    }
}

#[tokio::test]
async fn an_unknown_country_is_a_json_404() {
    for app in apps(false).await {
        let r = app.get("/api/v1/countries/XX").await;
        assert_eq!(r.status, 404, "{}", app.name);
        assert_eq!(r.json()["error"]["code"], "not_found", "{}", app.name);
    }
}

#[tokio::test]
async fn city_search_matches_any_name_and_ranks_by_population() {
    for app in apps(false).await {
        let r = app.get("/api/v1/cities?q=sacra&limit=5").await.json();
        assert_eq!(r[0]["name"], "Sacramento", "{}", app.name);
        assert_eq!(r[0]["country"], "US", "{}", app.name);
        let r = app.get(&format!("/api/v1/cities?q={}", "%E6%B5%8E%E5%8D%97")).await.json();
        assert_eq!(r[0]["id"], 1805753, "济南 finds Jinan on {}", app.name);
        let r = app.get("/api/v1/cities?q=san&country=US&limit=3").await.json();
        assert_eq!(r.as_array().expect("list").len(), 3, "{}", app.name);
        assert!(r.as_array().expect("list").iter().all(|c| c["country"] == "US"), "{}", app.name);
    }
}

#[tokio::test]
async fn city_search_refuses_bad_parameters_naming_them() {
    for app in apps(false).await {
        let r = app.get("/api/v1/cities?q=a&country=XX").await;
        assert_eq!(r.status, 422, "{}", app.name);
        assert_eq!(r.error_fields(), ["country"], "{}", app.name);
        let r = app.get("/api/v1/cities?q=a&limit=1000").await;
        assert_eq!(r.status, 422, "{}", app.name);
        assert_eq!(r.error_fields(), ["limit"], "{}", app.name);
        let r = app.get("/api/v1/cities/999999999").await;
        assert_eq!(r.status, 404, "{}", app.name);
        let r = app.get("/api/v1/cities/1805753").await.json();
        assert_eq!(r["name_zh"], "济南", "{}", app.name);
    }
}
