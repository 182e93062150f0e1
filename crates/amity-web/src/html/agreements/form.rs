//! The agreement form as posted, and the choices it offers.

use serde::Deserialize;

use crate::form_fields::number;
use crate::i18n::Locale;
use crate::view::Opt;
use amity_core::Error;
use amity_core::agreement::{Agreement, AgreementInput, AgreementKind, SignatoryInput};
use amity_core::contact::ContactSide;
use amity_core::error::Problems;

/// Blank signatory rows a form offers beyond those recorded.
const BLANK_ROWS: usize = 2;

/// The agreement form. Signatories are parallel lists (one entry per row); languages one text
/// field separated by commas.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AgreementForm {
    pub kind: String,
    pub title: String,
    pub languages: String,
    pub signatory_name: Vec<String>,
    pub signatory_office: Vec<String>,
    pub signatory_side: Vec<String>,
    pub signed_on: String,
    pub signed_place: String,
    pub valid_until: String,
    pub supersedes_id: String,
    pub notes: String,
    pub version: String,
}

/// One signatory row of the form.
pub struct SignatoryRow {
    pub name: String,
    pub office: String,
    pub sides: Vec<Opt>,
}

impl AgreementForm {
    /// The form filled from a stored agreement.
    pub fn from_agreement(a: &Agreement) -> Self {
        Self {
            kind: a.kind.as_str().into(),
            title: a.title.clone(),
            languages: a.languages.join(", "),
            signatory_name: a.signatories.iter().map(|s| s.name.clone()).collect(),
            signatory_office: a.signatories.iter().map(|s| s.office.clone().unwrap_or_default()).collect(),
            signatory_side: a.signatories.iter().map(|s| s.side.as_str().to_string()).collect(),
            signed_on: a.signed_on.map(|d| d.to_string()).unwrap_or_default(),
            signed_place: a.signed_place.clone().unwrap_or_default(),
            valid_until: a.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            supersedes_id: a.supersedes_id.map(|i| i.to_string()).unwrap_or_default(),
            notes: a.notes.clone().unwrap_or_default(),
            version: a.version.to_string(),
        }
    }

    /// The service's input.
    pub fn to_input(&self) -> Result<AgreementInput, Error> {
        let mut p = Problems::default();
        let supersedes_id = p.take(number("supersedes_id", &self.supersedes_id)).flatten();
        let version = p.take(number("version", &self.version)).flatten();
        p.finish()?;
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        let rows = self.signatory_name.len().max(self.signatory_office.len());
        let signatories = (0..rows)
            .map(|i| SignatoryInput {
                name: at(&self.signatory_name, i),
                office: at(&self.signatory_office, i),
                side: at(&self.signatory_side, i),
            })
            .collect();
        Ok(AgreementInput {
            kind: self.kind.clone(),
            title: self.title.clone(),
            // Chinese writers separate with ， or 、 as naturally as others with a comma.
            languages: self.languages.split([',', '，', '、', ';', '；']).map(str::to_string).collect(),
            signatories,
            signed_on: self.signed_on.clone(),
            signed_place: self.signed_place.clone(),
            valid_until: self.valid_until.clone(),
            supersedes_id,
            notes: self.notes.clone(),
            version,
        })
    }

    /// The signatory rows to show: those posted or recorded, then blank ones.
    pub fn rows(&self, l: Locale) -> Vec<SignatoryRow> {
        let n = self.signatory_name.len().max(self.signatory_office.len());
        (0..n + BLANK_ROWS)
            .map(|i| {
                let side = self.signatory_side.get(i).map(String::as_str).unwrap_or(if i % 2 == 0 { "home" } else { "partner" });
                SignatoryRow {
                    name: self.signatory_name.get(i).cloned().unwrap_or_default(),
                    office: self.signatory_office.get(i).cloned().unwrap_or_default(),
                    sides: ContactSide::ALL
                        .iter()
                        .map(|s| Opt { selected: s.as_str() == side, value: s.as_str().into(), label: l.t(&format!("contact_side.{s}")) })
                        .collect(),
                }
            })
            .collect()
    }
}

/// The kinds, the current one selected.
pub fn kinds(l: Locale, current: &str) -> Vec<Opt> {
    AgreementKind::ALL
        .iter()
        .map(|k| Opt { selected: k.as_str() == current, value: k.as_str().into(), label: l.t(&format!("agreement_kind.{k}")) })
        .collect()
}
