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
    /// Whether the database holds the sample office (every page then shows the sample banner).
    pub sample: SampleMark,
    /// Answers kept in memory and checked against the database's change counter (`cache_bytes`).
    pub response_cache: crate::cache::ResponseCache,
    /// Resolved sign-ins, checked against the same counter (kept only while the cache is on).
    pub principals: crate::auth::principals::PrincipalCache,
}

/// Whether the database holds the invented sample office: read from the database when Amity
/// starts, set when the sample is loaded through the web or the API, and read again by the home
/// page (so a sample loaded with `amity demo --sample` beside a running server shows too). The
/// sample never leaves a database, so the mark is never cleared.
#[derive(Debug, Clone, Default)]
pub struct SampleMark(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl SampleMark {
    /// A mark already set (or not).
    pub fn new(set: bool) -> Self {
        Self(std::sync::Arc::new(std::sync::atomic::AtomicBool::new(set)))
    }

    /// Whether the database holds the sample office.
    pub fn get(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Marks the database as holding the sample office.
    pub fn set(&self) {
        self.0.store(true, std::sync::atomic::Ordering::Relaxed);
    }
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
            sample: SampleMark::default(),
            response_cache: crate::cache::ResponseCache::default(),
            principals: crate::auth::principals::PrincipalCache::default(),
        }
    }
}

/// The state of the router.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: WebSettings,
}
