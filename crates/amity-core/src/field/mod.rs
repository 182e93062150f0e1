//! Cooperation fields (economy, trade, culture …): a table the office can extend.

mod store;
use serde::{Deserialize, Serialize};
pub use store::FieldStore;

use crate::error::{Error, FieldError, Problems, Result};
use crate::store::{Store, Tx};
use crate::validate::{NAME_MAX, required_text};
use crate::{Actor, audit};

/// A field of practical cooperation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CooperationField {
    pub id: i64,
    /// Stable code used in the API and filters, e.g. `science_technology`.
    pub code: String,
    pub name_en: String,
    pub name_zh: String,
    /// Display order.
    pub position: i64,
}

impl CooperationField {
    /// The name in the reader's language.
    pub fn name(&self, zh: bool) -> &str {
        if zh { &self.name_zh } else { &self.name_en }
    }
}

/// A new field as the office enters it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FieldInput {
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name_en: String,
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub name_zh: String,
}

/// Every field in display order.
pub async fn list<S: Store>(store: &S, actor: &Actor) -> Result<Vec<CooperationField>> {
    actor.require_read()?;
    store.read().await?.list_fields().await
}

/// One page of the fields, in their order.
pub async fn page<S: Store>(store: &S, actor: &Actor, paging: crate::Paging) -> Result<crate::Page<CooperationField>> {
    actor.require_read()?;
    let (items, total) = store.read().await?.page_fields(&paging).await?;
    Ok(crate::Page { items, total, page: paging.page, per_page: paging.per_page })
}

/// Adds a field; its code must be new, lower-case letters, digits and underscores.
pub async fn create<S: Store>(store: &S, actor: &Actor, input: FieldInput) -> Result<CooperationField> {
    actor.require_office()?;
    let mut p = Problems::default();
    let code = p.take_default(field_code(&input.code));
    let name_en = p.take_default(required_text("name_en", &input.name_en, NAME_MAX));
    let name_zh = p.take_default(required_text("name_zh", &input.name_zh, NAME_MAX));
    p.finish()?;
    let mut tx = store.begin().await?;
    if tx.list_fields().await?.iter().any(|f| f.code == code) {
        return Err(Error::conflict("code", "duplicate"));
    }
    let id = tx.insert_field(&code, &name_en, &name_zh).await?;
    let field = tx.list_fields().await?.into_iter().find(|f| f.id == id).ok_or_else(|| Error::not_found("field", id))?;
    audit::record(&mut tx, actor, "create", "field", Some(id.to_string()), None::<&CooperationField>, Some(&field)).await?;
    tx.commit().await?;
    Ok(field)
}

fn field_code(s: &str) -> Result<String, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(FieldError::new("code", "required"));
    }
    let ok = s.len() <= 40 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok { Ok(s.to_string()) } else { Err(FieldError::new("code", "invalid_code")) }
}

/// Field codes as an input lists them: trimmed, each kept once, in order. A blank or over-long code
/// is recorded as `fields[i]`/`unknown_field`; whether each code exists is for the service to check
/// inside its transaction. Every record with fields reads them through this.
pub fn codes(p: &mut Problems, codes: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, c) in codes.iter().enumerate() {
        let c = c.trim();
        if c.is_empty() || c.len() > 40 {
            p.push(FieldError::new(format!("fields[{i}]"), "unknown_field"));
        } else if !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
    }
    out
}
