//! Stage 1: the home city and its twenty districts, counties and bureaus.

use amity_core::store::prelude::*;
use amity_core::{NewUnit, Result, UnitInput};
use amity_store::Db;

use super::{now, validated};

const DISTRICTS: usize = 12;
const COUNTIES: usize = 4;
const BUREAUS: [(&str, &str); 4] = [
    ("Education Bureau", "教育局"),
    ("Commerce Bureau", "商务局"),
    ("Culture and Tourism Bureau", "文化和旅游局"),
    ("Health Commission", "卫生健康委员会"),
];

fn input(parent: Option<i64>, kind: &str, en: &str, zh: &str) -> UnitInput {
    UnitInput { parent_id: parent, kind: kind.into(), name_en: en.into(), name_zh: zh.into(), version: None }
}

/// Writes the units in one transaction; returns their ids, the home city first.
pub async fn create(db: &Db) -> Result<Vec<i64>> {
    let mut tx = db.begin().await?;
    let home = tx.insert_unit(&validated("unit", NewUnit::validate(&input(None, "city", "Home City", "本市")))?, now()).await?;
    let mut inputs: Vec<UnitInput> = Vec::new();
    inputs.extend((1..=DISTRICTS).map(|i| input(Some(home), "district", &format!("District {i}"), &format!("第{i}区"))));
    inputs.extend((1..=COUNTIES).map(|i| input(Some(home), "county", &format!("County {i}"), &format!("第{i}县"))));
    inputs.extend(BUREAUS.iter().map(|(en, zh)| input(Some(home), "bureau", en, zh)));
    let mut ids = vec![home];
    for i in &inputs {
        ids.push(tx.insert_unit(&validated("unit", NewUnit::validate(i))?, now()).await?);
    }
    tx.commit().await?;
    Ok(ids)
}
