//! The partner page's cooperation section: health, the timeline of activities, contacts (for
//! those who may see them) and a small map — everything about one partnership on one screen.

use amity_core::activity::{self, ActivityFilter};
use amity_core::health::{self, Health};
use amity_core::{Error, Paging, Partnership, contact};

use crate::html::mini_map;

use crate::request::Ctx;
use crate::state::AppState;

/// One entry of the timeline.
pub struct TimelineRow {
    pub id: i64,
    pub when: String,
    pub title: String,
    pub kind: String,
    pub planned: bool,
}

/// What the section shows.
pub struct CooperationSection {
    pub health: Health,
    pub state: String,
    pub last: String,
    pub timeline: Vec<TimelineRow>,
    pub total: i64,
    /// Names of the contacts; `None` when the reader may not see personal data.
    pub contacts: Option<Vec<String>>,
    pub map: String,
}

/// How many activities the page shows (the rest are one click away).
const TIMELINE: u32 = 20;

impl CooperationSection {
    /// Reads what the section needs: figures for this partnership only, one page of its log.
    pub async fn build(s: &AppState, ctx: &Ctx, p: &Partnership) -> Result<Self, Error> {
        let l = ctx.locale;
        let health = health::of(&s.db, &ctx.actor, p, s.settings.today()).await?;
        let filter = ActivityFilter { partnership: Some(p.id), paging: Paging::new(Some(1), Some(TIMELINE)), ..Default::default() };
        let page = activity::list(&s.db, &ctx.actor, &filter).await?;
        let timeline = page
            .items
            .iter()
            .map(|a| TimelineRow {
                id: a.id,
                when: crate::i18n::activity_when(l, a),
                title: a.title_in(l.is_zh()).to_string(),
                kind: l.t(&format!("activity_kind.{}", a.kind)),
                planned: a.status == activity::ActivityStatus::Planned,
            })
            .collect();
        let contacts = match contact::list(&s.db, &ctx.actor, p.id).await {
            Ok(list) => Some(list.iter().map(|c| c.display_name(true).to_string()).collect()),
            Err(Error::Forbidden) => None,
            Err(e) => return Err(e),
        };
        let home_city = amity_core::programme::home_city(&s.db, &ctx.actor).await?.and_then(amity_refdata::city);
        let home = home_city.map(|c| (c.lon, c.lat));
        let home_name = home_city
            .map(|c| if l.is_zh() { c.name_zh.clone().unwrap_or_else(|| c.name.clone()) } else { c.name.clone() })
            .unwrap_or_default();
        let label = l.t_with("partner_page.map_label", &[("home", home_name), ("city", p.city.name(l.is_zh()).to_string())]);
        Ok(Self {
            state: l.t(&format!("health.{}", health.state)),
            last: health.last_activity_on.map(|d| crate::i18n::partial_date(l, &d)).unwrap_or_else(|| l.t("attention.never")),
            health,
            timeline,
            total: page.total,
            contacts,
            map: mini_map::svg(home, (p.city.lon, p.city.lat), &label),
        })
    }
}
