//! The demo's delegations: only visits a source dates and describes (DATA.md). Members, flights,
//! approval numbers and budgets are not in the sources, so the demo leaves them empty.

use crate::Actor;
use crate::delegation::{self, DelegationInput};
use crate::error::Result;
use crate::store::Tx;
use crate::transition::TransitionInput;

/// The InvesTT news item on the Jinan delegation's visit to Trinidad and Tobago.
pub const TRINIDAD_SOURCE: &str = "https://www.investt.co.tt/news-and-events/shangdon-province-pinpoin/";

fn trinidad(owner_unit: i64) -> DelegationInput {
    DelegationInput {
        direction: "outbound".into(),
        title: "Jinan municipal delegation to Trinidad and Tobago".into(),
        title_zh: "济南市代表团访问特立尼达和多巴哥".into(),
        purpose: "A Jinan municipal delegation visited Trinidad and Tobago, including the Phoenix Park Industrial Estate.".into(),
        purpose_zh: "济南市代表团访问特立尼达和多巴哥，行程包括凤凰公园工业园。".into(),
        countries: vec!["TT".into()],
        owner_unit_id: Some(owner_unit),
        starts_on: "2023-04-21".into(),
        ends_on: "2023-04-23".into(),
        notes: "Members, itinerary times, approval document and budget are not given in the source. No partnership with a city \
                of Trinidad and Tobago is in the demo, so the visit is recorded by country and logs no partnership activity."
            .into(),
        source_url: TRINIDAD_SOURCE.into(),
        ..Default::default()
    }
}

/// Loads the demo's delegations, owned by the home city (`home_unit`): the sourced outbound visit
/// to Trinidad and Tobago on 21–23 April 2023, recorded as completed.
pub async fn load<T: Tx>(tx: &mut T, actor: &Actor, home_unit: i64) -> Result<()> {
    let d = delegation::create_in(tx, actor, trinidad(home_unit)).await?;
    let completed = TransitionInput {
        status: "completed".into(),
        date: "2023-04-23".into(),
        reason: "The visit took place on 21–23 April 2023 (source).".into(),
        version: Some(d.version),
        ..Default::default()
    };
    delegation::set_status_in(tx, actor, d.id, completed, tx.now().office_today).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_trinidad_visit_is_valid_and_sourced() {
        let d = delegation::NewDelegation::validate(&trinidad(1)).expect("valid");
        assert_eq!((d.starts_on.to_string().as_str(), d.ends_on.to_string().as_str()), ("2023-04-21", "2023-04-23"));
        assert_eq!(d.countries, ["TT"]);
        assert_eq!(d.source_url.as_deref(), Some(TRINIDAD_SOURCE));
        assert!(d.members.is_empty() && d.itinerary.is_empty(), "nothing the source does not give");
        assert!(super::super::is_chinese(&d.title_zh), "a Chinese title");
        assert!(d.purpose_zh.as_deref().is_some_and(super::super::is_chinese), "a Chinese purpose");
    }
}
