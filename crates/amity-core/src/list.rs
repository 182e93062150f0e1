//! Paging shared by every list: `?page=&per_page=` (default 50, max 500) and the page of results.

use serde::Serialize;

/// Default page size.
pub const PER_PAGE_DEFAULT: u32 = 50;
/// Largest page size a caller may ask for.
pub const PER_PAGE_MAX: u32 = 500;

/// Which page of a list to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 1-based page number.
    pub page: u32,
    /// Rows per page, 1..=500.
    pub per_page: u32,
}

impl Default for Paging {
    fn default() -> Self {
        Self { page: 1, per_page: PER_PAGE_DEFAULT }
    }
}

impl Paging {
    /// Clamps caller-supplied values into range.
    pub fn new(page: Option<u32>, per_page: Option<u32>) -> Self {
        Self { page: page.unwrap_or(1).max(1), per_page: per_page.unwrap_or(PER_PAGE_DEFAULT).clamp(1, PER_PAGE_MAX) }
    }

    /// Every row in one page, for computations that need the whole list (the coverage matrix,
    /// health); never used for what a user pages through.
    pub fn everything() -> Self {
        Self { page: 1, per_page: u32::MAX }
    }

    /// Rows to skip.
    pub fn offset(&self) -> i64 {
        (i64::from(self.page) - 1) * i64::from(self.per_page)
    }

    /// Rows to return.
    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }
}

/// One page of a list, in the API's shape.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Rows matching the filters, on all pages.
    pub total: i64,
    /// This page's number.
    pub page: u32,
    /// Rows per page.
    pub per_page: u32,
}

impl<T> Page<T> {
    /// A whole, unpaged list in the page shape (short lists such as units and fields).
    pub fn all(items: Vec<T>) -> Self {
        let n = items.len();
        Page { total: i64::try_from(n).unwrap_or(i64::MAX), page: 1, per_page: u32::try_from(n.max(1)).unwrap_or(u32::MAX), items }
    }

    /// Number of pages for the total (at least 1).
    pub fn pages(&self) -> u32 {
        let per = i64::from(self.per_page.max(1));
        u32::try_from(((self.total + per - 1) / per).max(1)).unwrap_or(u32::MAX)
    }
}
