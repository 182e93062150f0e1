//! Search across partnerships, activities and contacts, in any script, minding personal data.

use serde_json::json;

use super::support::apps;

#[tokio::test]
async fn one_search_finds_partners_activities_and_contacts_in_any_script() {
    for app in apps(true).await {
        let sac = app.get("/api/v1/partnerships?q=sacramento").await.json()["items"][0]["id"].clone();
        let made = app
            .json(
                "POST",
                &format!("/api/v1/partnerships/{sac}/contacts"),
                &json!({ "side": "partner", "name_romanised": "Maria Sacramento-Lopez", "organisation": "City of Sacramento" }),
            )
            .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let found = app.get("/api/v1/search?q=%E8%90%A8%E5%85%8B").await.json();
        assert_eq!(found["partnerships"][0]["city"]["name_en"], "Sacramento", "萨克 finds the city on {}", app.name);
        let found = app.get("/api/v1/search?q=sacramento").await.json();
        assert_eq!(found["partnerships_total"], 1);
        assert_eq!(found["activities_total"], 1, "the demo's 30th anniversary");
        assert_eq!(found["contacts"][0]["name_romanised"], "Maria Sacramento-Lopez");
        let viewer = app.with_token(Some(app.user_token("search.viewer", "viewer", None).await));
        let seen = viewer.get("/api/v1/search?q=sacramento").await.json();
        assert!(seen["contacts"].is_null(), "a viewer sees no personal data");
        assert_eq!(seen["partnerships_total"], 1);
        let page = app.get_lang("/search?q=sacramento", "zh-CN").await.body;
        assert!(page.contains("萨克拉门托") && page.contains("Maria Sacramento-Lopez") && page.contains("联系人"));
        assert!(!viewer.get("/search?q=sacramento").await.body.contains("Maria"), "not on the page either");
        assert_eq!(app.get("/api/v1/search?q=").await.status, 422);
        assert_eq!(app.get("/search").await.status, 200, "an empty search shows the form");
    }
}
