//! The demo's gift registry: only gifts the sources describe (DATA.md), with only what they say —
//! no invented value, custody or people.

use crate::activity::{ActivityFilter, ActivityKind};
use crate::error::Result;
use crate::gift::{self, GiftInput};
use crate::store::Tx;
use crate::{Actor, Paging, PartialDate};

const WAKAYAMA_SOURCE: &str = "https://yybnet.net/jinan/news/201911/9853141.html";

/// The gift of the sources: over 100 cherry saplings from Wakayama for the 10th anniversary (1993).
fn cherry_saplings(partnership_id: i64, activity_id: Option<i64>) -> GiftInput {
    GiftInput {
        direction: "received".into(),
        given_on: "1993".into(),
        partnership_id: Some(partnership_id),
        occasion: "10th anniversary of the Jinan–Wakayama sister-city relationship".into(),
        occasion_zh: "济南市与和歌山市结好10周年".into(),
        activity_id,
        description: "Over 100 cherry saplings".into(),
        description_zh: "樱花树苗100余株".into(),
        giver: "Wakayama".into(),
        recipient: "Jinan".into(),
        // A gift between the cities, not to an official: nothing for a person to declare.
        disclosure: "not_required".into(),
        source_url: WAKAYAMA_SOURCE.into(),
        ..Default::default()
    }
}

/// Records the sourced gifts, linked to the activity that logs the same donation; `partners` maps
/// English names to partnership ids.
pub async fn load<T: Tx>(tx: &mut T, actor: &Actor, partners: &[(&str, i64)]) -> Result<usize> {
    let Some((_, wakayama)) = partners.iter().find(|(p, _)| *p == "Wakayama") else { return Ok(0) };
    let filter = ActivityFilter {
        partnership: Some(*wakayama),
        kind: Some(ActivityKind::Donation),
        paging: Paging::everything(),
        ..Default::default()
    };
    let (logged, _) = tx.list_activities(&filter).await?;
    let activity = logged.iter().find(|a| a.start_on == PartialDate::Year(1993)).map(|a| a.id);
    gift::create_in(tx, actor, cherry_saplings(*wakayama, activity)).await?;
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gift::NewGift;

    #[test]
    fn the_demo_gift_is_valid_sourced_and_has_no_invented_value() {
        let g = NewGift::validate(&cherry_saplings(1, Some(1))).expect("valid");
        assert_eq!((g.value, g.currency, g.kept_at), (None, None, None));
        assert!(g.source_url.is_some_and(|u| u.starts_with("https://")));
        assert!(super::super::is_chinese(&g.description_zh), "a Chinese description");
        assert!(g.occasion_zh.as_deref().is_some_and(super::super::is_chinese), "a Chinese occasion");
    }
}
