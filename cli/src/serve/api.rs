//! The collector API: `/api/v1/errors`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use err::middleware::{DirStore, Stored};
use serde_json::{json, Value};

use crate::repo::{fingerprint_of, place, read_report};

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

/// Runs blocking file work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

/// `POST /api/v1/errors`: a report (JSON, or gzip-compressed JSON).
pub async fn post(State(store): State<Arc<DirStore>>, body: Bytes) -> Response {
    let info = match err::codec::from_slice(&body) {
        Ok(info) => info,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("not a report: {e}")),
    };
    if info.fingerprint.is_nil() {
        return error(StatusCode::BAD_REQUEST, "the report has no fingerprint");
    }
    let fingerprint = info.fingerprint.to_string();
    match blocking(move || store.store(&info)).await {
        Ok(Ok(Stored::New)) => (
            StatusCode::CREATED,
            Json(json!({"fingerprint": fingerprint, "count": 1, "new": true})),
        )
            .into_response(),
        Ok(Ok(Stored::Repeat { count })) => (
            StatusCode::OK,
            Json(json!({"fingerprint": fingerprint, "count": count, "new": false})),
        )
            .into_response(),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(response) => response,
    }
}

/// `GET /api/v1/errors`: summaries, newest first.
pub async fn list(State(store): State<Arc<DirStore>>) -> Response {
    let dir = store.dir().to_path_buf();
    let listing = blocking(move || {
        let mut rows: Vec<Value> = Vec::new();
        let entries = std::fs::read_dir(&dir).map_err(|e| e.to_string())?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if fingerprint_of(&name).is_none() {
                continue;
            }
            let Ok(info) = read_report(&entry.path()) else {
                continue;
            };
            rows.push(json!({
                "fingerprint": info.fingerprint,
                "kind": info.kind,
                "class": info.exception.class,
                "message": info.message,
                "name": info.name,
                "version": info.version,
                "engine": info.engine,
                "count": info.count,
                "timestamp": info.timestamp,
                "last_seen": info.last_seen.or(info.timestamp),
                "place": place(&info),
            }));
        }
        rows.sort_by(|a, b| b["last_seen"].as_str().cmp(&a["last_seen"].as_str()));
        Ok::<_, String>(rows)
    })
    .await;
    match listing {
        Ok(Ok(rows)) => Json(Value::Array(rows)).into_response(),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e),
        Err(response) => response,
    }
}

/// A fingerprint from the path, or 400: only a canonical UUID names a file.
fn valid(fingerprint: &str) -> Result<String, Response> {
    match uuid::Uuid::parse_str(fingerprint) {
        Ok(u) if u.hyphenated().to_string() == fingerprint => Ok(fingerprint.to_owned()),
        _ => Err(error(
            StatusCode::BAD_REQUEST,
            format!("{fingerprint:?} is not a fingerprint"),
        )),
    }
}

/// `GET /api/v1/errors/{fingerprint}`: the report.
pub async fn get_one(
    State(store): State<Arc<DirStore>>,
    Path(fingerprint): Path<String>,
) -> Response {
    let fingerprint = match valid(&fingerprint) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let lookup = fingerprint.clone();
    match blocking(move || store.load(&lookup)).await {
        Ok(Ok(Some(info))) => (
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            err::codec::to_json(&info),
        )
            .into_response(),
        Ok(Ok(None)) => error(StatusCode::NOT_FOUND, format!("{fingerprint} is not found")),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(response) => response,
    }
}

/// `DELETE /api/v1/errors/{fingerprint}`.
pub async fn delete_one(
    State(store): State<Arc<DirStore>>,
    Path(fingerprint): Path<String>,
) -> Response {
    let fingerprint = match valid(&fingerprint) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let lookup = fingerprint.clone();
    match blocking(move || store.remove(&lookup)).await {
        Ok(Ok(true)) => StatusCode::NO_CONTENT.into_response(),
        Ok(Ok(false)) => error(StatusCode::NOT_FOUND, format!("{fingerprint} is not found")),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(response) => response,
    }
}
