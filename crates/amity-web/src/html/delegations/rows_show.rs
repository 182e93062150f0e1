//! The rows of the delegation page (`show.rs`) and the printable itinerary (`print.rs`): the status
//! bar's steps, members, transport, itinerary items, travel documents and the logged visits.

use crate::i18n::{Locale, date_long, wall};
use crate::request::Ctx;
use crate::state::AppState;
use crate::view::names_of;
use amity_core::Error;
use amity_core::activity::Activity;
use amity_core::delegation::{Delegation, DelegationStatus};

/// A step of the status bar.
pub struct Step {
    pub label: String,
    pub done: bool,
    pub current: bool,
}

/// A member row.
pub struct MemberRow {
    pub name: String,
    pub name_native: String,
    pub title: String,
    pub rank: String,
    pub equivalent_post: String,
    pub organisation: String,
    pub role: String,
}

/// A journey row.
pub struct TransportRow {
    pub leg: String,
    pub mode: String,
    pub number: String,
    pub route: String,
    pub departs: String,
    pub arrives: String,
}

/// An itinerary row.
pub struct ItemRow {
    pub when: String,
    pub place: String,
    pub activity: String,
    pub host: String,
    pub unit: String,
}

/// A travel document row (restricted).
pub struct DocumentRow {
    pub id: i64,
    pub member: String,
    pub kind: String,
    pub number: String,
    pub country: String,
    pub valid_until: String,
    pub alert: String,
}

/// A logged activity and its commitments.
pub struct LoggedRow {
    pub id: i64,
    pub partner: String,
    pub commitments: Vec<(String, String, String, String)>,
}

pub(super) fn steps(l: Locale, current: DelegationStatus) -> Vec<Step> {
    let line = [
        DelegationStatus::Proposed,
        DelegationStatus::Approved,
        DelegationStatus::InProgress,
        DelegationStatus::Completed,
        DelegationStatus::Reported,
    ];
    let pos = line.iter().position(|s| *s == current);
    let mut out: Vec<Step> = line
        .iter()
        .enumerate()
        .map(|(i, s)| Step { label: l.t(&format!("delegation_status.{s}")), done: pos.is_some_and(|p| i < p), current: Some(i) == pos })
        .collect();
    if current == DelegationStatus::Cancelled {
        out.push(Step { label: l.t("delegation_status.cancelled"), done: false, current: true });
    }
    out
}

pub(super) fn members(l: Locale, d: &Delegation) -> Vec<MemberRow> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    d.members
        .iter()
        .map(|m| MemberRow {
            name: m.name.clone(),
            name_native: s(&m.name_native),
            title: s(&m.title),
            rank: s(&m.rank),
            equivalent_post: s(&m.equivalent_post),
            organisation: s(&m.organisation),
            role: l.t(&format!("member_role.{}", m.role)),
        })
        .collect()
}

pub(super) fn transport(l: Locale, d: &Delegation) -> Vec<TransportRow> {
    d.transport
        .iter()
        .map(|t| TransportRow {
            leg: l.t(&format!("transport_leg.{}", t.leg)),
            mode: l.t(&format!("transport_mode.{}", t.mode)),
            number: t.number.clone().unwrap_or_default(),
            route: [t.from_place.as_deref(), t.to_place.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" → "),
            departs: t.departs_at.map(|x| wall(l, x, true)).unwrap_or_default(),
            arrives: t.arrives_at.map(|x| wall(l, x, true)).unwrap_or_default(),
        })
        .collect()
}

/// Itinerary rows with their responsible units named.
pub fn items(l: Locale, d: &Delegation, units: &[amity_core::Unit]) -> Vec<ItemRow> {
    d.itinerary
        .iter()
        .map(|i| ItemRow {
            when: match i.ends_at {
                Some(e) if e.date() == i.starts_at.date() => format!("{}–{}", wall(l, i.starts_at, true), e.format("%H:%M")),
                Some(e) => format!("{} – {}", wall(l, i.starts_at, true), wall(l, e, true)),
                None => wall(l, i.starts_at, true),
            },
            place: i.place.clone().unwrap_or_default(),
            activity: i.activity.clone(),
            host: i.host.clone().unwrap_or_default(),
            unit: i
                .responsible_unit_id
                .and_then(|u| units.iter().find(|x| x.id == u))
                .map(|u| u.name(l.is_zh()).to_string())
                .unwrap_or_default(),
        })
        .collect()
}

pub(super) async fn logged(s: &AppState, ctx: &Ctx, activities: Vec<Activity>) -> Result<Vec<LoggedRow>, Error> {
    let l = ctx.locale;
    let names = names_of(s, ctx, activities.iter().flat_map(|a| a.partnership_ids.iter().copied())).await?;
    Ok(activities
        .into_iter()
        .map(|a| LoggedRow {
            id: a.id,
            partner: a.partnership_ids.iter().filter_map(|p| names.get(p).cloned()).collect::<Vec<_>>().join(&l.t("list.sep")),
            commitments: a
                .commitments
                .iter()
                .map(|k| (k.what.clone(), k.who.clone(), date_long(l, k.due_on), l.t(&format!("commitment_status.{}", k.status))))
                .collect(),
        })
        .collect())
}
