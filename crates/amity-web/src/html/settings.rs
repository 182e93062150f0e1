//! `/admin/settings`: the office's settings, for admins — when a partnership turns quiet and
//! dormant, the reminders' lead time, the retention of travel documents. One form through the same
//! service as `PUT /api/v1/settings`; refused fields come back summarised and beside each field.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::{Chrome, FormErrors, HtmlError};
use crate::extract::Query;
use crate::form_fields::number;
use crate::request::Ctx;
use crate::state::AppState;
use amity_core::Error;
use amity_core::error::Problems;
use amity_core::settings::{self, OfficeSettings, SettingsInput};

#[derive(Template, WebTemplate)]
#[template(path = "settings/form.html")]
pub struct FormPage {
    c: Chrome,
    f: SettingsForm,
    errors: FormErrors,
    notice: Option<String>,
}

/// The form as posted (text, so a bad entry is shown again as typed).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub quiet_months: String,
    pub dormant_months: String,
    pub reminder_lead_days: String,
    pub travel_doc_retention_days: String,
}

impl SettingsForm {
    fn from_settings(s: &OfficeSettings) -> Self {
        Self {
            quiet_months: s.quiet_months.to_string(),
            dormant_months: s.dormant_months.to_string(),
            reminder_lead_days: s.reminder_lead_days.to_string(),
            travel_doc_retention_days: s.travel_doc_retention_days.to_string(),
        }
    }

    /// The numbers as the service takes them; an entry that is not a whole number is
    /// `not_a_number` on its field (every such field at once).
    fn to_input(&self) -> Result<SettingsInput, Error> {
        let mut p = Problems::default();
        let mut field = |name: &str, text: &str| -> Option<i64> { p.take(number::<i64>(name, text)).flatten() };
        let input = SettingsInput {
            quiet_months: field("quiet_months", &self.quiet_months),
            dormant_months: field("dormant_months", &self.dormant_months),
            reminder_lead_days: field("reminder_lead_days", &self.reminder_lead_days),
            travel_doc_retention_days: field("travel_doc_retention_days", &self.travel_doc_retention_days),
        };
        p.finish()?;
        Ok(input)
    }
}

/// `?saved=1` after a save.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

fn page(ctx: &Ctx, f: SettingsForm, errors: FormErrors, notice: Option<String>) -> FormPage {
    FormPage { c: Chrome::new(ctx, "settings", ctx.locale.t("settings.title")), f, errors, notice }
}

/// `GET /admin/settings`.
pub async fn show(State(s): State<AppState>, ctx: Ctx, Query(q): Query<SavedQuery>) -> Result<FormPage, HtmlError> {
    let current = settings::current(&s.db, &ctx.actor).await?;
    let notice = q.saved.map(|_| ctx.locale.t("settings.saved"));
    Ok(page(&ctx, SettingsForm::from_settings(&current), FormErrors::default(), notice))
}

/// `POST /admin/settings`: saves, then shows the page again with a notice.
pub async fn update(State(s): State<AppState>, ctx: Ctx, body: Bytes) -> Result<Response, HtmlError> {
    let f: SettingsForm = super::form::read(&body)?;
    let result = match f.to_input() {
        Ok(input) => settings::update(&s.db, &ctx.actor, &input, s.settings.today()).await,
        Err(e) => Err(e),
    };
    let l = ctx.locale;
    super::form::answer(l, result, |_| "/admin/settings?saved=1".into(), |errors| async { Ok::<_, HtmlError>(page(&ctx, f, errors, None)) })
        .await
}
