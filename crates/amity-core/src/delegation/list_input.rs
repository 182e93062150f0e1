//! Validation of a delegation's lists (members, transport, accommodation, interpreters, itinerary),
//! each bad row's field named by its path (`members[2].name`, `itinerary[0].starts_at`), and the
//! day and time fields they share.

use chrono::{NaiveDate, NaiveDateTime};

use super::input::{InterpreterInput, ItineraryInput, MemberInput, ROWS_MAX, StayInput, TransportInput};
use super::validated::NewMember;
use super::{Interpreter, ItineraryItem, MemberRole, Stay, Transport, TransportLeg, TransportMode};
use crate::error::{FieldError, Problems};
use crate::validate::{NAME_MAX, optional_text, required_text};

/// A required or optional day (`YYYY-MM-DD`).
pub(crate) fn day(field: &str, s: &str, required: bool) -> Result<Option<NaiveDate>, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return if required { Err(FieldError::new(field, "required")) } else { Ok(None) };
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| FieldError::new(field, "invalid_date"))
}

/// A local wall time: `YYYY-MM-DDTHH:MM` (a space instead of `T` and seconds are accepted).
pub(super) fn time(field: &str, s: &str, required: bool) -> Result<Option<NaiveDateTime>, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return if required { Err(FieldError::new(field, "required")) } else { Ok(None) };
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(Some)
        .ok_or_else(|| FieldError::new(field, "invalid_datetime"))
}

pub(super) fn too_many(p: &mut Problems, field: &str, n: usize) {
    if n > ROWS_MAX {
        p.push(FieldError::new(field, "too_many").with("max", ROWS_MAX));
    }
}

pub(super) fn members(p: &mut Problems, items: &[MemberInput]) -> Vec<NewMember> {
    too_many(p, "members", items.len());
    let mut out = Vec::new();
    for (i, m) in items.iter().enumerate() {
        let f = |n: &str| format!("members[{i}].{n}");
        let name = p.take(required_text(&f("name"), &m.name, NAME_MAX));
        let name_native = p.take(optional_text(&f("name_native"), &m.name_native, NAME_MAX)).flatten();
        let title = p.take(optional_text(&f("title"), &m.title, NAME_MAX)).flatten();
        let rank = p.take(optional_text(&f("rank"), &m.rank, NAME_MAX)).flatten();
        let equivalent_post = p.take(optional_text(&f("equivalent_post"), &m.equivalent_post, NAME_MAX)).flatten();
        let organisation = p.take(optional_text(&f("organisation"), &m.organisation, NAME_MAX)).flatten();
        let role = if m.role.trim().is_empty() { Some(MemberRole::Member) } else { p.take(MemberRole::parse_field(&f("role"), &m.role)) };
        if let (Some(name), Some(role)) = (name, role) {
            out.push(NewMember { id: m.id, name, name_native, title, rank, equivalent_post, organisation, role });
        }
    }
    out
}

pub(super) fn transport(p: &mut Problems, items: &[TransportInput]) -> Vec<Transport> {
    too_many(p, "transport", items.len());
    let mut out = Vec::new();
    for (i, t) in items.iter().enumerate() {
        let f = |n: &str| format!("transport[{i}].{n}");
        let leg = p.take(TransportLeg::parse_field(&f("leg"), &t.leg));
        let mode = p.take(TransportMode::parse_field(&f("mode"), &t.mode));
        let number = p.take(optional_text(&f("number"), &t.number, 40)).flatten();
        let from_place = p.take(optional_text(&f("from_place"), &t.from_place, NAME_MAX)).flatten();
        let to_place = p.take(optional_text(&f("to_place"), &t.to_place, NAME_MAX)).flatten();
        let departs_at = p.take(time(&f("departs_at"), &t.departs_at, false)).flatten();
        let arrives_at = p.take(time(&f("arrives_at"), &t.arrives_at, false)).flatten();
        if t.departs_at.trim().is_empty() && t.arrives_at.trim().is_empty() {
            p.push(FieldError::new(f("departs_at"), "departure_or_arrival_required"));
        }
        let notes = p.take(optional_text(&f("notes"), &t.notes, NAME_MAX)).flatten();
        if let (Some(leg), Some(mode)) = (leg, mode) {
            out.push(Transport { leg, mode, number, from_place, to_place, departs_at, arrives_at, notes });
        }
    }
    out
}

pub(super) fn accommodation(p: &mut Problems, items: &[StayInput]) -> Vec<Stay> {
    too_many(p, "accommodation", items.len());
    let mut out = Vec::new();
    for (i, s) in items.iter().enumerate() {
        let f = |n: &str| format!("accommodation[{i}].{n}");
        let name = p.take(required_text(&f("name"), &s.name, NAME_MAX));
        let address = p.take(optional_text(&f("address"), &s.address, NAME_MAX)).flatten();
        let check_in = p.take(day(&f("check_in"), &s.check_in, true)).flatten();
        let check_out = p.take(day(&f("check_out"), &s.check_out, true)).flatten();
        if let (Some(a), Some(b)) = (check_in, check_out)
            && b < a
        {
            p.push(FieldError::new(f("check_out"), "end_before_start"));
        }
        let notes = p.take(optional_text(&f("notes"), &s.notes, NAME_MAX)).flatten();
        if let (Some(name), Some(check_in), Some(check_out)) = (name, check_in, check_out) {
            out.push(Stay { name, address, check_in, check_out, notes });
        }
    }
    out
}

pub(super) fn interpreters(p: &mut Problems, items: &[InterpreterInput]) -> Vec<Interpreter> {
    too_many(p, "interpreters", items.len());
    let mut out = Vec::new();
    for (i, t) in items.iter().enumerate() {
        let f = |n: &str| format!("interpreters[{i}].{n}");
        let name = p.take(required_text(&f("name"), &t.name, NAME_MAX));
        let languages = p.take(optional_text(&f("languages"), &t.languages, NAME_MAX)).flatten();
        let organisation = p.take(optional_text(&f("organisation"), &t.organisation, NAME_MAX)).flatten();
        let phone = p.take(optional_text(&f("phone"), &t.phone, 40)).flatten();
        if let Some(name) = name {
            out.push(Interpreter { name, languages, organisation, phone });
        }
    }
    out
}

/// Items must fall within the visit (`span`, when the visit's own dates are valid).
pub(super) fn itinerary(p: &mut Problems, items: &[ItineraryInput], span: Option<(NaiveDate, NaiveDate)>) -> Vec<ItineraryItem> {
    too_many(p, "itinerary", items.len());
    let mut out = Vec::new();
    for (i, t) in items.iter().enumerate() {
        let f = |n: &str| format!("itinerary[{i}].{n}");
        let starts_at = p.take(time(&f("starts_at"), &t.starts_at, true)).flatten();
        let ends_at = p.take(time(&f("ends_at"), &t.ends_at, false)).flatten();
        let outside = |d: NaiveDateTime| span.is_some_and(|(a, b)| d.date() < a || d.date() > b);
        if let Some(s) = starts_at
            && outside(s)
        {
            p.push(outside_visit(f("starts_at"), span));
        }
        if let Some(e) = ends_at {
            if outside(e) {
                p.push(outside_visit(f("ends_at"), span));
            } else if starts_at.is_some_and(|s| e < s) {
                p.push(FieldError::new(f("ends_at"), "end_before_start"));
            }
        }
        let place = p.take(optional_text(&f("place"), &t.place, NAME_MAX)).flatten();
        let activity = p.take(required_text(&f("activity"), &t.activity, 500));
        let host = p.take(optional_text(&f("host"), &t.host, NAME_MAX)).flatten();
        if let (Some(starts_at), Some(activity)) = (starts_at, activity) {
            out.push(ItineraryItem { starts_at, ends_at, place, activity, host, responsible_unit_id: t.responsible_unit_id });
        }
    }
    out.sort_by_key(|i| i.starts_at);
    out
}

pub(super) fn outside_visit(field: String, span: Option<(NaiveDate, NaiveDate)>) -> FieldError {
    let e = FieldError::new(field, "outside_visit");
    match span {
        Some((a, b)) => e.with("from", a).with("to", b),
        None => e,
    }
}
