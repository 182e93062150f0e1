//! After an import, new records get ids after every imported id, and ids of records deleted before
//! the export are not handed out again.

use amity_core::{Actor, UnitInput, unit};
use amity_store::testing::{each_backend, sqlite};
use serde_json::json;

use crate::support::{add_probe, export, fill, import, max_of, parse};

fn new_unit() -> UnitInput {
    UnitInput { kind: "office".into(), name_en: "Created after the import".into(), ..Default::default() }
}

#[tokio::test]
async fn a_unit_created_after_an_import_gets_an_id_after_every_imported_one() {
    let source = sqlite().await;
    add_probe(&source).await;
    fill(&source).await;
    let doc = export(&source).await;
    let highest = max_of(&parse(&doc), "units", "id");

    for (backend, db) in each_backend().await {
        add_probe(&db).await;
        import(&db, &doc).await;

        let created = unit::create(&*db, &Actor::System, new_unit()).await.expect("unit after import");

        assert!(created.id > highest, "{backend}: new id {} after imported {highest}", created.id);
    }
}

#[tokio::test]
async fn ids_handed_out_before_the_export_are_not_reused_after_the_import() {
    for (from, source) in each_backend().await {
        add_probe(&source).await;
        fill(&source).await;
        let doc = export(&source).await;
        let highest = max_of(&parse(&doc), "units", "id");
        // As if ten more units had been created and deleted before the export.
        let mut value = parse(&doc);
        value["sequences"]["units"] = json!(highest + 10);
        let doc = value.to_string();

        for (to, target) in each_backend().await {
            add_probe(&target).await;
            import(&target, &doc).await;

            let created = unit::create(&*target, &Actor::System, new_unit()).await.expect("unit after import");

            assert_eq!(created.id, highest + 11, "{from} → {to}");
        }
    }
}
