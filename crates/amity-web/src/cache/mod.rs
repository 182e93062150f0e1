//! The response cache: answers to GET requests kept in memory, each with the change counter it was
//! built under, so that one read of the counter tells whether it is still current. Several servers
//! on one database stay correct because every write transaction raises the counter in the database
//! (amity-store's `change_counter.rs`); how the answers are keyed is in [`key`], the middleware in
//! [`layer`]. See docs/ARCHITECTURE.md, "The response cache".

mod key;
mod layer;

pub use key::{CacheKey, etag};
pub use layer::cache;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};

/// The change counter as `auth::resolve` read it for this request (a request extension), so a
/// request reads it once.
#[derive(Debug, Clone, Copy)]
pub struct Counter(pub i64);

/// The default bound on the bodies held: 64 MiB.
pub const DEFAULT_CACHE_BYTES: usize = 64 * 1024 * 1024;

/// A kept answer: what the middleware returned for its key when the counter stood at `counter`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub counter: i64,
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Entry {
    /// What the entry counts against the bound: its body, its headers and its key.
    fn weight(&self, key: &str) -> usize {
        let headers: usize = self.headers.iter().map(|(k, v)| k.as_str().len() + v.len() + 32).sum();
        self.body.len() + headers + key.len() + 64
    }
}

#[derive(Debug, Default)]
struct Inner {
    /// key → (entry, its weight, when it was last used).
    entries: HashMap<String, (Entry, usize, u64)>,
    bytes: usize,
    tick: u64,
}

/// The in-process store of answers, shared by every request of one server (cheap to clone).
/// Bounded by the total weight of its entries; `0` turns the cache off.
#[derive(Debug, Clone)]
pub struct ResponseCache {
    inner: Arc<Mutex<Inner>>,
    max_bytes: usize,
}

impl Default for ResponseCache {
    fn default() -> Self {
        Self::new(DEFAULT_CACHE_BYTES)
    }
}

impl ResponseCache {
    /// A cache that holds at most `max_bytes` (0: off).
    pub fn new(max_bytes: usize) -> Self {
        Self { inner: Arc::default(), max_bytes }
    }

    /// Whether answers are kept at all.
    pub fn enabled(&self) -> bool {
        self.max_bytes > 0
    }

    /// The largest single answer kept: an eighth of the bound, so one export cannot empty the cache.
    pub fn max_entry(&self) -> usize {
        self.max_bytes / 8
    }

    /// The answer kept for `key` if it was built under `counter`.
    pub fn get(&self, key: &str, counter: i64) -> Option<Entry> {
        let mut inner = self.inner.lock().ok()?;
        inner.tick += 1;
        let tick = inner.tick;
        let (entry, _, used) = inner.entries.get_mut(key)?;
        if entry.counter != counter {
            return None;
        }
        *used = tick;
        Some(entry.clone())
    }

    /// Keeps `entry` under `key`. When the bound is passed, entries built under an older counter
    /// go first, then the least recently used, until a quarter of the bound is free.
    pub fn put(&self, key: String, entry: Entry) {
        let weight = entry.weight(&key);
        if !self.enabled() || weight > self.max_entry().max(1) {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else { return };
        inner.tick += 1;
        let tick = inner.tick;
        let counter = entry.counter;
        if let Some((_, old, _)) = inner.entries.insert(key, (entry, weight, tick)) {
            inner.bytes -= old;
        }
        inner.bytes += weight;
        if inner.bytes > self.max_bytes {
            evict(&mut inner, counter, self.max_bytes - self.max_bytes / 4);
        }
    }

    /// The total weight held now (for tests and `/healthz`-style reports).
    pub fn bytes(&self) -> usize {
        self.inner.lock().map(|i| i.bytes).unwrap_or(0)
    }

    /// How many answers are held now.
    pub fn len(&self) -> usize {
        self.inner.lock().map(|i| i.entries.len()).unwrap_or(0)
    }

    /// Whether no answer is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Drops stale entries (built under a counter older than `current`), then the least recently
/// used, until the weight is at most `target`.
fn evict(inner: &mut Inner, current: i64, target: usize) {
    inner.entries.retain(|_, (e, _, _)| e.counter >= current);
    inner.bytes = inner.entries.values().map(|(_, w, _)| w).sum();
    if inner.bytes <= target {
        return;
    }
    let mut by_use: Vec<(u64, String)> = inner.entries.iter().map(|(k, (_, _, used))| (*used, k.clone())).collect();
    by_use.sort_unstable();
    for (_, key) in by_use {
        if inner.bytes <= target {
            break;
        }
        if let Some((_, w, _)) = inner.entries.remove(&key) {
            inner.bytes -= w;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(counter: i64, body: &'static str) -> Entry {
        Entry { counter, status: StatusCode::OK, headers: HeaderMap::new(), body: Bytes::from_static(body.as_bytes()) }
    }

    #[test]
    fn an_entry_built_under_another_counter_is_not_served() {
        let c = ResponseCache::new(1 << 20);
        c.put("k".into(), entry(7, "seven"));
        assert_eq!(c.get("k", 7).map(|e| e.body), Some(Bytes::from_static(b"seven")));
        assert!(c.get("k", 8).is_none());
    }

    #[test]
    fn many_keys_stay_within_the_bound_and_the_recently_used_survive() {
        let cap = 16 * 1024;
        let c = ResponseCache::new(cap);
        c.put("hot".into(), entry(1, "hot"));
        for i in 0..2_000 {
            c.put(format!("key {i}"), entry(1, "a body of some length, repeated for weight ......"));
            assert!(c.bytes() <= cap, "{} bytes held after {i} inserts", c.bytes());
            c.get("hot", 1);
        }
        assert!(c.get("hot", 1).is_some(), "the entry read all along was evicted");
        assert!(c.len() < 2_000);
    }

    #[test]
    fn a_cache_of_zero_bytes_keeps_nothing() {
        let c = ResponseCache::new(0);
        c.put("k".into(), entry(1, "x"));
        assert!(c.is_empty() && !c.enabled());
    }
}
