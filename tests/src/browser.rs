//! The three real browsers and their WebDriver servers: Chromium (chromedriver), Firefox
//! ESR (geckodriver) and WebKitGTK's MiniBrowser (WebKitWebDriver under Xvfb).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use err::model::Engine;
use serde_json::{json, Value};

/// A browser the tests drive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    /// Debian's Chromium with chromedriver.
    Chromium,
    /// Firefox ESR with geckodriver.
    Firefox,
    /// WebKitGTK's MiniBrowser with WebKitWebDriver.
    WebKit,
}

impl Browser {
    /// All three.
    pub const ALL: [Browser; 3] = [Browser::Chromium, Browser::Firefox, Browser::WebKit];

    /// A short name, used for corpus folders.
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox",
            Browser::WebKit => "webkit",
        }
    }

    /// The JavaScript engine inside.
    pub fn engine(self) -> Engine {
        match self {
            Browser::Chromium => Engine::V8,
            Browser::Firefox => Engine::SpiderMonkey,
            Browser::WebKit => Engine::Jsc,
        }
    }

    /// Starts the WebDriver server for this browser.
    pub fn launch(self) -> Result<Driver, String> {
        let port = free_port()?;
        let mut command = match self {
            Browser::Chromium => {
                let mut c = Command::new(tool("CHROMEDRIVER", "/usr/bin/chromedriver"));
                c.arg(format!("--port={port}"));
                c
            }
            Browser::Firefox => {
                let mut c = Command::new(tool("GECKODRIVER", &cargo_bin("geckodriver")));
                c.args(["--port", &port.to_string()])
                    .env("MOZ_HEADLESS", "1");
                c
            }
            Browser::WebKit => {
                let mut c = Command::new("xvfb-run");
                c.args(["-a", "-s", "-screen 0 1280x1024x24"]);
                c.arg(tool("WEBKIT_WEBDRIVER", "/usr/bin/WebKitWebDriver"));
                c.arg(format!("--port={port}"));
                c
            }
        };
        use std::os::unix::process::CommandExt;
        command
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = command
            .spawn()
            .map_err(|e| format!("cannot start the {} driver: {e}", self.name()))?;
        let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
        let driver = Driver {
            browser: self,
            child,
            url: format!("http://127.0.0.1:{port}"),
            profile,
        };
        driver.wait_ready(Duration::from_secs(30))?;
        Ok(driver)
    }
}

/// A running WebDriver server, stopped (with its whole process group) when dropped.
pub struct Driver {
    browser: Browser,
    child: Child,
    /// The server's URL.
    pub url: String,
    profile: tempfile::TempDir,
}

impl Driver {
    fn wait_ready(&self, timeout: Duration) -> Result<(), String> {
        let start = Instant::now();
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(2))
            .build();
        while start.elapsed() < timeout {
            if let Ok(r) = agent.get(&format!("{}/status", self.url)).call() {
                if r.status() == 200 {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "the {} driver did not answer on {} within {timeout:?}",
            self.browser.name(),
            self.url
        ))
    }

    /// The capabilities that start this browser headless, as root, with nothing around.
    pub fn capabilities(&self) -> Value {
        match self.browser {
            Browser::Chromium => json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": tool("CHROMIUM", "/usr/bin/chromium"),
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,800",
                        format!("--user-data-dir={}", self.profile.path().display()),
                    ],
                },
                "goog:loggingPrefs": {"browser": "ALL"},
            }),
            Browser::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": tool("FIREFOX", "/usr/bin/firefox-esr"),
                    "args": ["-headless"],
                },
            }),
            Browser::WebKit => json!({
                "webkitgtk:browserOptions": {
                    "binary": minibrowser(),
                    "args": ["--automation"],
                },
            }),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.wait();
    }
}

fn tool(variable: &str, default: &str) -> String {
    std::env::var(variable).unwrap_or_else(|_| default.to_owned())
}

fn cargo_bin(name: &str) -> String {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name).display().to_string()
}

/// WebKitGTK's MiniBrowser: `MINIBROWSER`, or where Debian puts it.
fn minibrowser() -> String {
    if let Ok(path) = std::env::var("MINIBROWSER") {
        return path;
    }
    let candidates = ["x86_64-linux-gnu", "aarch64-linux-gnu"]
        .iter()
        .flat_map(|arch| {
            ["webkit2gtk-4.1", "webkit2gtk-4.0", "webkitgtk-6.0"]
                .map(|v| format!("/usr/lib/{arch}/{v}/MiniBrowser"))
        });
    candidates
        .into_iter()
        .find(|p| std::path::Path::new(p).is_file())
        .unwrap_or_default()
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}
