//! Which partnerships took part in an event, as marking it held asks: the invited, co-organising and
//! registered partnerships are offered, the co-organisers and those with a checked-in registrant
//! ticked in advance. One activity is logged for each partnership that took part, once.

use serde::Serialize;

use super::Event;
use crate::Actor;
use crate::error::{Error, FieldError, Problems, Result};
use crate::store::prelude::*;

/// A partnership the "held" step offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TookPartChoice {
    pub partnership_id: i64,
    /// Ticked in advance: a co-organiser, or a partnership with a checked-in registrant.
    pub pre_ticked: bool,
    /// Its people: those checked in once check-in has begun, else those holding seats.
    pub people: i64,
}

/// The partnerships an event's "held" step offers, invited ones first.
pub async fn took_part_choices<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Vec<TookPartChoice>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    let e = tx.get_event(id).await?.ok_or_else(|| Error::not_found("event", id))?;
    choices_in(&mut tx, &e).await
}

pub(super) async fn choices_in<T: Tx>(tx: &mut T, e: &Event) -> Result<Vec<TookPartChoice>> {
    let seated = tx.participants_by_partnership(e.id, false).await?;
    let checked_in = tx.participants_by_partnership(e.id, true).await?;
    let counted = if tx.event_seats(e.id).await?.checked_in > 0 { &checked_in } else { &seated };
    let co: Vec<i64> = e.co_organiser_partnerships().collect();
    let mut ids: Vec<i64> = Vec::new();
    for id in e.invited_partnership_ids.iter().chain(&co).chain(seated.iter().map(|(id, _)| id)) {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    Ok(ids
        .into_iter()
        .map(|id| TookPartChoice {
            partnership_id: id,
            pre_ticked: co.contains(&id) || checked_in.iter().any(|(p, _)| *p == id),
            people: counted.iter().find(|(p, _)| *p == id).map_or(0, |(_, n)| *n),
        })
        .collect())
}

/// The partnerships that took part: those `given` (each one offered, else `took_part[i]` is
/// `not_offered`), or the pre-ticked ones when none are given.
pub(super) fn chosen(choices: &[TookPartChoice], given: Option<&[i64]>) -> Result<Vec<TookPartChoice>> {
    let Some(ids) = given else {
        return Ok(choices.iter().filter(|c| c.pre_ticked).cloned().collect());
    };
    let mut p = Problems::default();
    let picked = ids
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let found = choices.iter().find(|c| c.partnership_id == *id).cloned();
            p.take(found.ok_or_else(|| FieldError::new(format!("took_part[{i}]"), "not_offered").with("id", id)))
        })
        .collect();
    p.finish()?;
    Ok(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, pre_ticked: bool) -> TookPartChoice {
        TookPartChoice { partnership_id: id, pre_ticked, people: 0 }
    }

    #[test]
    fn without_a_list_the_pre_ticked_partnerships_took_part() {
        let offered = [c(1, true), c(2, false), c(3, true)];
        let ids: Vec<i64> = chosen(&offered, None).expect("chosen").iter().map(|c| c.partnership_id).collect();
        assert_eq!(ids, [1, 3]);
        assert!(chosen(&offered, Some(&[])).expect("none").is_empty(), "an empty list means nobody took part");
    }

    #[test]
    fn a_partnership_the_event_does_not_offer_is_refused_by_its_position() {
        let offered = [c(1, true), c(2, false)];
        let ids: Vec<i64> = chosen(&offered, Some(&[2])).expect("chosen").iter().map(|c| c.partnership_id).collect();
        assert_eq!(ids, [2], "an unticked invitee may be ticked");
        let Err(Error::Validation(f)) = chosen(&offered, Some(&[1, 9])) else { panic!("refused") };
        assert_eq!((f[0].field.as_str(), f[0].code.as_str()), ("took_part[1]", "not_offered"));
    }
}
