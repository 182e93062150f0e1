//! Every list's query string as the URL carries it (filters, sort, paging), turned into the
//! validated filter of its service. Shared by the pages, their exports, feeds and the JSON API, so
//! all read a list's parameters the same way; a bad parameter is a 422 naming it.

pub mod activity;
pub mod audit;
pub mod calendar;
pub mod contact;
pub mod delegation;
pub mod event;
pub mod gift;
pub mod paging;
pub mod partnership;
pub mod search;
pub mod unit;
