//! `err serve`: the local collector API, the viewer and the demo site in one process.

mod api;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::Router;
use err::middleware::DirStore;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;

use crate::args::ServeArgs;
use crate::exit::{CliError, Exit};

/// Serves until Ctrl-C or SIGTERM.
pub fn run(options: ServeArgs) -> Result<Exit, CliError> {
    let dir = options.dir.clone().ok_or(CliError::NoPrefix)?;
    std::fs::create_dir_all(&dir).map_err(|e| CliError::Access(dir.clone(), e))?;
    let store = DirStore::new(&dir)
        .map_err(|e| CliError::Serve(e.to_string()))?
        .compressed(options.compress);
    let app = router(store, &options)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Serve(e.to_string()))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|e| CliError::Serve(format!("{}: {e}", options.addr)))?;
        let local = listener
            .local_addr()
            .map_err(|e| CliError::Serve(e.to_string()))?;
        // The first line of output names the address (port 0 picks one).
        super::commands::out(&format!("listening on http://{local}"));
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| CliError::Serve(e.to_string()))
    })?;
    eprintln!("err: stopped");
    Ok(Exit::Ok)
}

fn router(store: DirStore, options: &ServeArgs) -> Result<Router, CliError> {
    let state = Arc::new(api::Collector::new(store));
    let api = Router::new()
        .route("/api/v1/errors", get(api::list).post(api::post))
        .route(
            "/api/v1/errors/{fingerprint}",
            get(api::get_one).delete(api::delete_one),
        )
        // Refuse from Content-Length before reading (413), and cap bodies without one.
        .layer(RequestBodyLimitLayer::new(options.body_limit))
        .layer(DefaultBodyLimit::max(options.body_limit))
        .with_state(state);
    let mut app = api;
    if let Some(viewer) = &options.viewer {
        app = app.nest_service("/viewer", ServeDir::new(viewer));
    }
    if let Some(www) = &options.www {
        app = app.fallback_service(ServeDir::new(www));
    }
    Ok(app.layer(cors(&options.cors)?))
}

fn cors(origins: &[String]) -> Result<CorsLayer, CliError> {
    use axum::http::{header, HeaderValue, Method};
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        let list = origins
            .iter()
            .map(|o| {
                HeaderValue::from_str(o)
                    .map_err(|_| CliError::InvalidArgs(format!("bad --cors origin {o:?}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(list)
    };
    Ok(CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([
            header::CONTENT_TYPE,
            header::CONTENT_ENCODING,
            header::HeaderName::from_static(api::EVENT_HEADER),
        ]))
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
