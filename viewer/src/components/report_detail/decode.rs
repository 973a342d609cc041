//! The open report's full text: decoded from the bytes the catalog keeps, or fetched first
//! when the catalog has only its URL (a collector's summary), then placed by the symbol
//! bundles loaded.

use std::rc::Rc;

use err::model::ErrorInfo;
use yew::prelude::*;

use crate::components::use_shared;
use crate::ingest::Body;
use crate::web::http;

/// Where a report stands.
#[derive(Clone)]
pub enum Decoding {
    /// Being decoded or fetched (or there is nothing to decode).
    Pending,
    /// Why it cannot be read.
    Failed(String),
    /// The report, its wasm frames placed by the symbol bundles.
    Ready(Rc<ErrorInfo>),
}

/// A decoded report, or why it could not be, for one body's key.
type Decoded = (String, Result<Rc<ErrorInfo>, String>);

/// What tells one body from another: the bytes' address and offset, or the URL.
fn key_of(body: Option<&Body>) -> String {
    match body {
        Some(Body::Bytes { bytes, range }) => format!("{:p}:{}", bytes.as_ptr(), range.start),
        Some(Body::Remote(url)) => url.clone(),
        None => String::new(),
    }
}

/// Decodes (or fetches and decodes) `body` when it changes, and places the result by the
/// symbol bundles whenever the sources change.
#[hook]
pub fn use_report(body: Option<Body>, sources_revision: u64) -> Decoding {
    let shared = use_shared();
    let decoded = use_state(|| None::<Decoded>);
    let key = key_of(body.as_ref());
    // The key whose report is wanted now: a slow fetch for an earlier one must not overwrite it.
    let wanted = use_mut_ref(String::new);
    {
        let decoded = decoded.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            *wanted.borrow_mut() = key.clone();
            match body {
                Some(Body::Bytes { .. }) => {
                    let slice = body.as_ref().and_then(Body::slice).unwrap_or_default();
                    let result = err::codec::from_slice(slice)
                        .map(Rc::new)
                        .map_err(|e| e.to_string());
                    decoded.set(Some((key, result)));
                }
                Some(Body::Remote(url)) => {
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = match http::get_bytes(&url).await {
                            Ok(bytes) => err::codec::from_slice(&bytes)
                                .map(Rc::new)
                                .map_err(|e| e.to_string()),
                            Err(e) => Err(format!("{url} {e}")),
                        };
                        if *wanted.borrow() == key {
                            decoded.set(Some((key, result)));
                        }
                    });
                }
                None => {}
            }
        });
    }
    let decoded_info = match decoded.as_ref() {
        Some((k, Ok(info))) if *k == key => Some(Rc::clone(info)),
        _ => None,
    };
    // Symbol bundles place wasm frames at their Rust lines (recomputed when bundles change).
    let placed = {
        let bundles = shared.sources.borrow().bundles().to_vec();
        use_memo(
            (key.clone(), sources_revision, decoded_info.is_some()),
            move |_| {
                decoded_info.map(|info| {
                    if bundles.is_empty() {
                        return info;
                    }
                    let mut copy = (*info).clone();
                    for bundle in &bundles {
                        bundle.symbolicate(&mut copy);
                    }
                    Rc::new(copy)
                })
            },
        )
    };
    match decoded.as_ref() {
        Some((k, Ok(_))) if *k == key => match placed.as_ref() {
            Some(info) => Decoding::Ready(Rc::clone(info)),
            None => Decoding::Pending,
        },
        Some((k, Err(reason))) if *k == key => Decoding::Failed(reason.clone()),
        _ => Decoding::Pending,
    }
}
