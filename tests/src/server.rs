//! A static file server on 127.0.0.1 for the harness pages.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Serves a directory on a free 127.0.0.1 port until dropped.
pub struct StaticServer {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Starts serving `root` on a free port.
    pub fn start(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        Self::start_on("127.0.0.1:0", root)
    }

    /// Starts serving `root` on `addr` (`127.0.0.1:8080`).
    pub fn start_on(addr: &str, root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        let server = tiny_http::Server::http(addr).map_err(std::io::Error::other)?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| std::io::Error::other("no port"))?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                let Ok(Some(request)) = server.recv_timeout(std::time::Duration::from_millis(100))
                else {
                    continue;
                };
                let _ = respond(&root, request);
            }
        });
        Ok(Self {
            port,
            stop,
            thread: Some(thread),
        })
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The base URL for the host of `addr` and the bound port.
    pub fn url_for(&self, addr: &str) -> String {
        let host = addr.rsplit_once(':').map_or("127.0.0.1", |(host, _)| host);
        format!("http://{host}:{}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn respond(root: &Path, request: tiny_http::Request) -> std::io::Result<()> {
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let path = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    let relative = Path::new(path.trim_start_matches('/'));
    let safe = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let file = root.join(relative);
    if !safe || !file.is_file() {
        return request
            .respond(tiny_http::Response::from_string("not found").with_status_code(404));
    }
    let body = std::fs::read(&file)?;
    let content_type = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js" | "mjs") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    let header = tiny_http::Header::from_bytes("Content-Type", content_type)
        .map_err(|()| std::io::Error::other("header"))?;
    request.respond(tiny_http::Response::from_data(body).with_header(header))
}
