//! A PostgreSQL database per test: cloned (`CREATE DATABASE … TEMPLATE`) from a template that is
//! migrated once per set of migrations, across processes, and dropped when the test is done.

use std::ops::Deref;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, Executor, PgConnection};

use crate::Db;
use crate::Pool;
use crate::open::POSTGRES_MIGRATOR;

/// Where tests find PostgreSQL unless `TEST_DATABASE_URL` says otherwise.
const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/test";
/// The advisory lock that serialises template creation between test processes.
const TEMPLATE_LOCK: i64 = 0x616d_6974_795f_746d;

/// A PostgreSQL database of one test's own; dereferences to [`Db`] and is dropped (with
/// `WITH (FORCE)`, closing any connection left open) when this value is.
#[derive(Debug)]
pub struct TestPg {
    db: Db,
    name: String,
    admin: Box<PgConnectOptions>,
    url: String,
    dropped: bool,
}

impl Deref for TestPg {
    type Target = Db;

    fn deref(&self) -> &Db {
        &self.db
    }
}

impl TestPg {
    /// This database with write transactions that leave the change counter alone (a schema older than 0023).
    pub(crate) fn without_change_counter(mut self) -> Self {
        self.db = self.db.clone().without_change_counter();
        self
    }

    /// A `postgres://` URL of this database, for starting a real server on it.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Closes the pool and drops the database now (otherwise `Drop` does it on a helper thread).
    pub async fn cleanup(mut self) {
        self.db.close().await;
        if let Err(e) = drop_database(&self.admin, &self.name).await {
            eprintln!("amity-store testing: could not drop test database {}: {e}", self.name);
        }
        self.dropped = true;
    }
}

impl Drop for TestPg {
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        let (admin, name) = (self.admin.as_ref().clone(), self.name.clone());
        // A fresh thread with its own runtime: `Drop` cannot await, and blocking inside the
        // test's runtime would stall it. FORCE ends the pool's connections that are still open.
        let done = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
            rt.block_on(drop_database(&admin, &name)).map_err(|e| e.to_string())
        })
        .join();
        match done {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("amity-store testing: could not drop test database {}: {e}", self.name),
            Err(_) => eprintln!("amity-store testing: the thread dropping {} panicked", self.name),
        }
    }
}

/// A fresh, migrated PostgreSQL database, or `None` (with a loud line on stderr) when the
/// server at `TEST_DATABASE_URL` cannot be reached. With `CI` set or `AMITY_REQUIRE_PG=1` an
/// unreachable server panics instead, so CI fails rather than silently testing SQLite only.
pub async fn postgres() -> Option<TestPg> {
    open(true).await
}

/// Like [`postgres`], but a new empty database (no migrations applied), for a test that applies
/// the migrations itself.
pub(crate) async fn postgres_unmigrated() -> Option<TestPg> {
    open(false).await
}

async fn open(migrated: bool) -> Option<TestPg> {
    let url = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_URL.to_string());
    let admin = match PgConnectOptions::from_str(&url) {
        Ok(o) => o,
        Err(e) => panic!("TEST_DATABASE_URL is not a PostgreSQL URL: {e}"),
    };
    let mut conn = match PgConnection::connect_with(&admin).await {
        Ok(c) => c,
        Err(e) if pg_required() => panic!("PostgreSQL is required (CI or AMITY_REQUIRE_PG=1) but unreachable at {url}: {e}"),
        Err(e) => {
            shout(&format!("!!! PostgreSQL UNREACHABLE at {url} ({e}): the PostgreSQL half of this test was SKIPPED !!!\n"));
            return None;
        }
    };
    let made = if migrated { create(&mut conn, &admin).await } else { create_empty(&mut conn).await };
    match made {
        Ok(name) => {
            let pool = PgPoolOptions::new().max_connections(5).connect_with(admin.clone().database(&name)).await;
            match pool {
                Ok(pool) => Some(TestPg {
                    db: Db::from(Pool::Postgres(pool)),
                    url: database_url(&url, &name),
                    name,
                    admin: Box::new(admin),
                    dropped: false,
                }),
                Err(e) => panic!("cannot connect to the new test database {name}: {e}"),
            }
        }
        Err(e) => panic!("cannot create a PostgreSQL test database: {e}"),
    }
}

/// The server URL with its database replaced by `name` (query parameters kept).
fn database_url(server: &str, name: &str) -> String {
    let (base, query) = server.split_once('?').map_or((server, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let query = query.map(|q| format!("?{q}")).unwrap_or_default();
    format!("{}/{name}{query}", &base[..host_end])
}

/// Writes to the process's stderr directly: the test harness captures `eprintln!` of passing
/// tests, and a skipped backend must be seen.
fn shout(line: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(line.as_bytes());
}

fn pg_required() -> bool {
    std::env::var_os("CI").is_some() || std::env::var("AMITY_REQUIRE_PG").is_ok_and(|v| v == "1")
}

/// Makes sure the template exists, then clones it under a new name.
async fn create(conn: &mut PgConnection, admin: &PgConnectOptions) -> Result<String, sqlx::Error> {
    let template = template_name();
    sqlx::query("SELECT pg_advisory_lock($1)").bind(TEMPLATE_LOCK).execute(&mut *conn).await?;
    let made = ensure_template(conn, admin, &template).await;
    sqlx::query("SELECT pg_advisory_unlock($1)").bind(TEMPLATE_LOCK).execute(&mut *conn).await?;
    made?;
    let name = unique_name();
    conn.execute(format!("CREATE DATABASE {name} TEMPLATE {template}").as_str()).await?;
    Ok(name)
}

/// A new database with nothing in it.
async fn create_empty(conn: &mut PgConnection) -> Result<String, sqlx::Error> {
    let name = unique_name();
    conn.execute(format!("CREATE DATABASE {name}").as_str()).await?;
    Ok(name)
}

/// Migrates a database under a build name and renames it, so a half-migrated template (a test
/// process killed mid-way) is never cloned. Runs under the advisory lock.
async fn ensure_template(conn: &mut PgConnection, admin: &PgConnectOptions, template: &str) -> Result<(), sqlx::Error> {
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)").bind(template).fetch_one(&mut *conn).await?;
    if exists {
        return Ok(());
    }
    let build = format!("{template}_build");
    conn.execute(format!("DROP DATABASE IF EXISTS {build} WITH (FORCE)").as_str()).await?;
    conn.execute(format!("CREATE DATABASE {build}").as_str()).await?;
    let mut target = PgConnection::connect_with(&admin.clone().database(&build)).await?;
    POSTGRES_MIGRATOR.run(&mut target).await?;
    target.close().await?;
    conn.execute(format!("ALTER DATABASE {build} RENAME TO {template}").as_str()).await?;
    conn.execute(format!("ALTER DATABASE {template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false").as_str()).await?;
    Ok(())
}

async fn drop_database(admin: &PgConnectOptions, name: &str) -> Result<(), sqlx::Error> {
    let mut conn = PgConnection::connect_with(admin).await?;
    conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await?;
    conn.close().await
}

/// `amity_tmpl_` and a hash of every migration's version and checksum: a changed migration
/// gets a new template, an unchanged set reuses the one already built.
fn template_name() -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for m in POSTGRES_MIGRATOR.iter() {
        for byte in m.version.to_le_bytes().iter().chain(m.checksum.iter()) {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("amity_tmpl_{hash:016x}")
}

/// A database name no other test, in this process or another, is using.
fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("amity_t_{:x}_{:x}_{n}", std::process::id(), nanos & 0xffff_ffff_ffff)
}
