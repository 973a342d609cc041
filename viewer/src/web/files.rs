//! Files the user picks or drops, read through gloo-file.

use gloo_file::futures::read_as_bytes;
use gloo_file::{File, FileList, FileReadError};

use super::feed::Feed;
use crate::ingest::MAX_SOURCE_BYTES;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Larger than the viewer reads.
    #[error("is {mib:.0} MiB, more than the {} MiB the viewer reads", MAX_SOURCE_BYTES >> 20)]
    TooLarge {
        /// The file's size in MiB.
        mib: f64,
    },
    /// The browser could not read it.
    #[error("cannot be read: {0}")]
    Unreadable(#[from] FileReadError),
}

/// Loads every file of a file list, one after the other.
pub fn load_files(feed: &Feed, files: web_sys::FileList) {
    let files = FileList::from(files);
    let files: Vec<File> = files.iter().cloned().collect();
    let feed = feed.clone();
    wasm_bindgen_futures::spawn_local(async move {
        for file in files {
            let name = file.name();
            match read(&file).await {
                Ok(bytes) => super::loader::load_bytes(&feed, name, bytes, None).await,
                Err(e) => feed.failed(name, e.to_string()),
            }
        }
    });
}

/// A file's bytes.
pub async fn read(file: &File) -> Result<Vec<u8>, FileError> {
    if file.size() > MAX_SOURCE_BYTES as u64 {
        return Err(FileError::TooLarge {
            mib: file.size() as f64 / 1_048_576.0,
        });
    }
    Ok(read_as_bytes(file).await?)
}

/// A file's text (bytes that are not UTF-8 replaced).
pub async fn read_text(file: &File) -> Result<String, FileError> {
    read(file)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}
