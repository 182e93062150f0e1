//! `?page=&per_page=` of a list without filters (users, tokens, fields, series, groups).

use serde::Deserialize;

use amity_core::Paging;

/// Which page: `page` from 1, `per_page` 1–500 (default 50); a value that is not a whole number is
/// a 422 naming it.
#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl PageQuery {
    /// The paging asked for, clamped into range.
    pub fn paging(&self) -> Paging {
        Paging::new(self.page, self.per_page)
    }
}

/// The links between the pages of a list page (`base` is its path with any other parameters).
#[derive(Debug, Clone, Default)]
pub struct Pager {
    pub page: u32,
    pub pages: u32,
    per_page: u32,
    base: String,
}

impl Pager {
    /// The pager of `page` of a list at `base` (`/fields`).
    pub fn of<T>(base: &str, page: &amity_core::Page<T>) -> Self {
        Pager { page: page.page, pages: page.pages(), per_page: page.per_page, base: base.to_string() }
    }

    /// The address of page `n`.
    pub fn href(&self, n: u32) -> String {
        if self.per_page == amity_core::list::PER_PAGE_DEFAULT {
            format!("{}?page={n}", self.base)
        } else {
            format!("{}?page={n}&per_page={}", self.base, self.per_page)
        }
    }
}
