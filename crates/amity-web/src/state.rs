//! What every handler shares: the database and the web settings. Nothing here that another server needs.

use amity_store::Db;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Whether public pages may show the world map (Chinese law requires an approval number for published maps).
    pub show_map: bool,
}

impl Default for WebSettings {
    fn default() -> Self {
        Self { show_map: true }
    }
}

/// The state of the router.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: WebSettings,
}
