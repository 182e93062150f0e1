//! `Tx`: the unit of work a service writes through; it implements every store trait of amity-core.
//! Dropped without [`commit`](amity_core::store::Tx::commit), sqlx rolls it back.

use amity_core::Result;
use async_trait::async_trait;
use sqlx::{Postgres, Sqlite, Transaction};

use crate::error::internal;

/// An open transaction on either database. The store traits are implemented in the modules
/// named for what they store (`units`, `fields`, `cities`, `partnerships`, `settings`, `users`,
/// `sessions`, `tokens`, `sign_in`, `audit`, `groups`, `contacts` …).
pub struct Tx {
    pub(crate) conn: Conn,
    /// The clock of the store that opened it.
    pub(crate) clock: amity_core::clock::Clock,
    /// Whether [`commit`](amity_core::store::Tx::commit) raises the change counter: every
    /// transaction opened by `Store::begin`, unless it declared itself bookkeeping only.
    pub(crate) invalidates: bool,
}

/// The backend-specific transaction inside a [`Tx`].
pub(crate) enum Conn {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    /// Which database this transaction runs on.
    pub fn backend(&self) -> crate::Backend {
        match self.conn {
            Conn::Sqlite(_) => crate::Backend::Sqlite,
            Conn::Postgres(_) => crate::Backend::Postgres,
        }
    }
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx").field("backend", &self.backend()).finish_non_exhaustive()
    }
}

#[async_trait]
impl amity_core::store::Tx for Tx {
    async fn commit(mut self) -> Result<()> {
        if self.invalidates {
            crate::change_counter::bump(&mut self).await?;
        }
        match self.conn {
            Conn::Sqlite(t) => t.commit().await.map_err(internal),
            Conn::Postgres(t) => t.commit().await.map_err(internal),
        }
    }

    fn now(&self) -> amity_core::clock::Now {
        self.clock.now()
    }

    fn bookkeeping_only(&mut self) {
        self.invalidates = false;
    }
}
