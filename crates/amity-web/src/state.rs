//! What every handler shares: the database and the web settings. Nothing here that another server needs.

use amity_core::auth::sign_in::Policy;
use amity_store::Db;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Whether public pages may show the world map (Chinese law requires an approval number for published maps).
    pub show_map: bool,
    /// Proxies (addresses or CIDR ranges) whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    pub trusted_proxies: Vec<crate::auth::IpRange>,
    /// Whether forwarded requests came from a proxy that is not trusted (logged once, shown to admins).
    pub proxy_notice: crate::auth::ProxyNotice,
    /// Session time-outs and sign-in limits.
    pub policy: Policy,
    /// The clock pages read "today" from: the database's own (`Db::with_clock`), so pages and
    /// services agree and tests can pin both.
    pub clock: amity_core::clock::Clock,
    /// Answers kept in memory and checked against the database's change counter (`cache_bytes`).
    pub response_cache: crate::cache::ResponseCache,
    /// Resolved sign-ins, checked against the same counter (kept only while the cache is on).
    pub principals: crate::auth::principals::PrincipalCache,
}

impl WebSettings {
    /// Today's date in the office's time zone.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.now().office_today
    }

    /// The office's time zone: "today", "overdue" and "in 14 days" are reckoned in it.
    pub fn office_tz(&self) -> chrono_tz::Tz {
        self.clock.office_tz()
    }
}

impl Default for WebSettings {
    fn default() -> Self {
        Self {
            show_map: true,
            trusted_proxies: Vec::new(),
            proxy_notice: crate::auth::ProxyNotice::default(),
            policy: Policy::default(),
            clock: amity_core::clock::Clock::default(),
            response_cache: crate::cache::ResponseCache::default(),
            principals: crate::auth::principals::PrincipalCache::default(),
        }
    }
}

/// Whether the database holds the invented sample office, read from the database for every page
/// (the settings row the sample writes, by its key), so a sample loaded by another server or by
/// `amity demo --sample` beside this one shows its banner here at once. A failed read shows no
/// banner rather than failing the page; the failure is logged.
pub async fn holds_sample(db: &Db) -> bool {
    match amity_core::setup::loaded_kind(db).await {
        Ok(kind) => kind.as_deref() == Some(amity_core::demo::sample::KIND),
        Err(e) => {
            tracing::warn!("cannot read which data set the database holds: {e}");
            false
        }
    }
}

/// The state of the router.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: WebSettings,
}
