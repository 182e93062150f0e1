//! `amity serve` and `amity demo`: open the database, prepare it, and serve until asked to stop.

use anyhow::{Context, Result, bail};
use tokio::net::TcpListener;

use crate::config::Config;
use amity_core::{Actor, setup};
use amity_store::Db;
use amity_web::{AppState, WebSettings};

/// Listens, opens the database (creating and migrating it), loads the demo into a new one, and
/// serves. The port is taken before the database is touched, and everything that can fail is done
/// before the first administrator's password is printed, so a failed start never creates a
/// database whose one-time password nobody saw.
pub async fn run(config: Config) -> Result<()> {
    let listener = TcpListener::bind(config.listen).await.with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr().context("cannot read the listening address")?;
    let mailer = crate::digest::Mailer::from_config(&config)?;
    let db = open_db(&config).await?;
    let admin_password = std::env::var("AMITY_ADMIN_PASSWORD").ok().filter(|p| !p.is_empty());
    let first =
        setup::first_start(&db, &Actor::System, config.demo, admin_password.as_deref()).await.context("cannot prepare the database")?;
    let policy = config.policy();
    let clock = amity_core::store::Store::clock(&db);
    let settings = WebSettings {
        show_map: config.show_map,
        trusted_proxies: config.trusted_proxies.clone(),
        proxy_notice: amity_web::auth::ProxyNotice::default(),
        policy,
        clock,
        response_cache: amity_web::cache::ResponseCache::new(config.cache_bytes()),
        principals: amity_web::auth::principals::PrincipalCache::default(),
    };
    let state = AppState { db: db.clone(), settings };
    let app = amity_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    // The listener is bound and the application built: connections are answered from here on.
    if first.new_database {
        match first.demo_partnerships {
            Some(n) => tracing::info!("new database: loaded the demo ({n} partnerships)"),
            None => tracing::info!("new database: demo not loaded"),
        }
        match &first.admin_password {
            Some(p) => println!(
                "First start: sign in as \"{}\" with the password {p} (shown only this once; change it on the account page).",
                setup::FIRST_ADMIN
            ),
            None if admin_password.is_some() => {
                println!("First start: sign in as \"{}\" with the password from AMITY_ADMIN_PASSWORD.", setup::FIRST_ADMIN)
            }
            None => {}
        }
    }
    println!("Amity is running at http://{addr}/ ({} database). Press Ctrl-C to stop.", db.backend());
    crate::sweep::spawn(db.clone());
    match mailer {
        Some(mailer) => crate::digest::spawn_scheduler(db.clone(), mailer, config.clone()),
        None => tracing::info!("no smtp_host configured: the weekly digest is off"),
    }
    let served = axum::serve(listener, app).with_graceful_shutdown(shutdown()).await;
    if let Err(e) = served {
        let hint = if first.admin_password.is_some() {
            format!(
                "; the first administrator's password was printed above (set a new one with `amity user passwd {}`)",
                setup::FIRST_ADMIN
            )
        } else {
            String::new()
        };
        bail!("server failed: {e}{hint}");
    }
    db.close().await;
    println!("Amity stopped.");
    Ok(())
}

/// Opens (and migrates) the configured database, with the system clock in the office's time zone:
/// the one clock the services read "now" and "today" from.
pub async fn open_db(config: &Config) -> Result<Db> {
    let clock = amity_core::clock::Clock::system(office_tz(config)?);
    Ok(Db::open(&config.database_url).await?.with_clock(clock))
}

/// The office's time zone from the configuration.
pub fn office_tz(config: &Config) -> Result<chrono_tz::Tz> {
    config.office_time_zone.parse().map_err(|_| anyhow::anyhow!("office_time_zone {:?} is not an IANA time zone", config.office_time_zone))
}

/// Loads the demo into an empty database.
pub async fn demo(config: Config) -> Result<()> {
    let db = open_db(&config).await?;
    match setup::load_demo(&db, &Actor::System).await {
        Ok(n) => {
            println!("Loaded the Jinan 2023 demo: {n} partnerships.");
            Ok(())
        }
        Err(amity_core::Error::Conflict { .. }) => bail!("the database already holds records; the demo loads only into an empty database"),
        Err(e) => Err(e).context("cannot load the demo"),
    }
}

/// Loads the sample office into an empty database; refuses (writing nothing) one that holds records.
pub async fn sample(config: Config) -> Result<()> {
    let db = open_db(&config).await?;
    match setup::load_sample(&db, &Actor::System).await {
        Ok(l) => {
            println!(
                "Loaded the sample office (invented data, marked as such): {} partnerships, {} activities, {} events, {} delegations, {} gifts.",
                l.partnerships, l.activities, l.events, l.delegations, l.gifts
            );
            Ok(())
        }
        Err(amity_core::Error::Conflict { .. }) => bail!(
            "the database already holds records (the demo or real data); the sample office loads only into an empty database, and nothing was written"
        ),
        Err(e) => Err(e).context("cannot load the sample office"),
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
