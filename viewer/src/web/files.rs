//! Files the user picks or drops.

use wasm_bindgen_futures::JsFuture;

use crate::app::{Action, Shared};
use crate::ingest::LoadError;

/// Loads every file of a file list, one after the other.
pub fn load_files(shared: &Shared, files: &web_sys::FileList) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        for file in files {
            let name = file.name();
            match read(&file).await {
                Ok(bytes) => super::loader::load_bytes(&shared, name, bytes, None).await,
                Err(reason) => shared
                    .dispatch
                    .dispatch(Action::Loaded(vec![LoadError::new(name, reason)])),
            }
        }
    });
}

/// A file's bytes.
pub async fn read(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let limit = crate::ingest::MAX_SOURCE_BYTES as f64;
    if file.size() > limit {
        return Err(format!(
            "is {:.0} MiB, more than the {} MiB the viewer reads",
            file.size() / 1_048_576.0,
            crate::ingest::MAX_SOURCE_BYTES >> 20
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("cannot be read: {e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A file's text.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    read(file)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}
