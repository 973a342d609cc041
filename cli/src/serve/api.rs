//! The collector API: `/api/v1/errors`.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use err::middleware::{DirStore, Stored};
use serde_json::{json, Value};

use err::middleware::dir_store::read_summary;

/// Why a request failed; each maps to a status and a JSON `{"error": …}` body.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request is malformed (400).
    #[error("{0}")]
    BadRequest(String),
    /// No such report (404).
    #[error("{0} is not found")]
    NotFound(String),
    /// Storage failed (500).
    #[error("{0}")]
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}

/// The header a browser sends with each delivery, so that a resend is not counted twice.
pub const EVENT_HEADER: &str = "x-gufo-err-event";
/// How many event ids are remembered.
const EVENTS_KEPT: usize = 100_000;

/// The store, and the event ids of recent deliveries.
pub struct Collector {
    store: DirStore,
    seen: Mutex<(HashSet<String>, VecDeque<String>)>,
}

impl Collector {
    /// A collector storing into `store`.
    pub fn new(store: DirStore) -> Self {
        Self {
            store,
            seen: Mutex::new((HashSet::new(), VecDeque::new())),
        }
    }

    /// Remembers an event id; `false` when it was seen before.
    fn first_time(&self, event: &str) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let (set, order) = &mut *seen;
        if !set.insert(event.to_owned()) {
            return false;
        }
        order.push_back(event.to_owned());
        if order.len() > EVENTS_KEPT {
            if let Some(old) = order.pop_front() {
                set.remove(&old);
            }
        }
        true
    }
}

/// Runs blocking file work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// A fingerprint from the path: only a canonical UUID names a file.
fn valid(fingerprint: &str) -> Result<String, ApiError> {
    match uuid::Uuid::parse_str(fingerprint) {
        Ok(u) if u.hyphenated().to_string() == fingerprint => Ok(fingerprint.to_owned()),
        _ => Err(ApiError::BadRequest(format!(
            "{fingerprint:?} is not a fingerprint"
        ))),
    }
}

/// `POST /api/v1/errors`: a report (JSON, or gzip-compressed JSON).
pub async fn post(
    State(collector): State<Arc<Collector>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let mut info = err::codec::from_slice(&body)
        .map_err(|e| ApiError::BadRequest(format!("not a report: {e}")))?;
    if info.fingerprint.is_nil() {
        return Err(ApiError::BadRequest(String::from(
            "the report has no fingerprint",
        )));
    }
    let fingerprint = info.fingerprint.to_string();
    let event = headers
        .get(EVENT_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(event) = event.as_ref().filter(|e| !collector.first_time(e)) {
        let answer = json!({"fingerprint": fingerprint, "duplicate": true, "event": event});
        return Ok((StatusCode::OK, Json(answer)).into_response());
    }
    // The occurrence's id is kept with the report, so that a viewer that also has the
    // browser's copy counts it once.
    if let Some(event) = event {
        info.events = vec![event];
    }
    let stored = blocking(move || collector.store.store(&info))
        .await?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let (status, count, new) = match stored {
        Stored::New => (StatusCode::CREATED, 1, true),
        Stored::Repeat { count } => (StatusCode::OK, count, false),
    };
    Ok((
        status,
        Json(json!({"fingerprint": fingerprint, "count": count, "new": new})),
    )
        .into_response())
}

/// `GET /api/v1/errors`: summaries, newest first.
pub async fn list(State(collector): State<Arc<Collector>>) -> Result<Json<Value>, ApiError> {
    let rows = blocking(move || {
        let index = collector
            .store
            .index()
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let mut rows: Vec<Value> = index
            .values()
            .filter_map(|path| read_summary(path).ok())
            .filter_map(|s| serde_json::to_value(s).ok())
            .collect();
        rows.sort_by(|a, b| b["last_seen"].as_str().cmp(&a["last_seen"].as_str()));
        Ok::<_, ApiError>(rows)
    })
    .await??;
    Ok(Json(Value::Array(rows)))
}

/// `GET /api/v1/errors/{fingerprint}`: the report.
pub async fn get_one(
    State(collector): State<Arc<Collector>>,
    Path(fingerprint): Path<String>,
) -> Result<Response, ApiError> {
    let fingerprint = valid(&fingerprint)?;
    let lookup = fingerprint.clone();
    let found = blocking(move || collector.store.load(&lookup))
        .await?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let info = found.ok_or(ApiError::NotFound(fingerprint))?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        err::codec::to_json(&info),
    )
        .into_response())
}

/// `DELETE /api/v1/errors/{fingerprint}`.
pub async fn delete_one(
    State(collector): State<Arc<Collector>>,
    Path(fingerprint): Path<String>,
) -> Result<StatusCode, ApiError> {
    let fingerprint = valid(&fingerprint)?;
    let lookup = fingerprint.clone();
    let removed = blocking(move || collector.store.remove(&lookup))
        .await?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    if removed {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound(fingerprint))
    }
}
