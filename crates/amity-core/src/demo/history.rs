//! The demo's dated history beyond the date established: milestones the sources date, recorded as
//! a partnership's approval milestones (kind, partial date, note naming the source), not in notes.

use super::{JOONDALUP_SOURCE, SACRAMENTO_SOURCE};
use crate::Actor;
use crate::error::Result;
use crate::partnership::{self, ApprovalInput};
use crate::store::Tx;

/// One sourced milestone: the partner's English name, the kind, the date, what it was (with its source).
struct Milestone {
    partner: &'static str,
    kind: &'static str,
    date: &'static str,
    note: &'static str,
    source: &'static str,
}

const MILESTONES: &[Milestone] = &[
    Milestone {
        partner: "Sacramento",
        kind: "partner_council",
        date: "1984-10-16",
        note: "Sacramento city council resolution on the sister-city relationship with Jinan",
        source: SACRAMENTO_SOURCE,
    },
    Milestone {
        partner: "Joondalup",
        kind: "other",
        date: "2000",
        note: "Friendly relations from 2000, before the protocol agreement of November 2004",
        source: JOONDALUP_SOURCE,
    },
];

fn input(m: &Milestone) -> ApprovalInput {
    ApprovalInput { kind: m.kind.into(), date: m.date.into(), note: format!("{} (source: {})", m.note, m.source), ..Default::default() }
}

/// Records the milestones; `partners` maps English names to partnership ids.
pub async fn load<T: Tx>(tx: &mut T, actor: &Actor, partners: &[(&str, i64)]) -> Result<usize> {
    let mut n = 0;
    for m in MILESTONES {
        let Some((_, id)) = partners.iter().find(|(p, _)| *p == m.partner) else { continue };
        partnership::add_approval_in(tx, actor, *id, input(m)).await?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partnership::NewApproval;

    #[test]
    fn every_milestone_is_valid_dated_and_names_its_source() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        for m in MILESTONES {
            let a = NewApproval::validate(&input(m), today).unwrap_or_else(|e| panic!("{}: {e:?}", m.partner));
            assert!(a.note.is_some_and(|n| n.contains("https://")), "{}", m.partner);
        }
    }
}
