//! The few W3C WebDriver calls the tests need, over plain HTTP.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Why a WebDriver call failed.
#[derive(Debug, thiserror::Error)]
pub enum WebDriverError {
    /// The HTTP request failed.
    #[error("webdriver request {0} failed: {1}")]
    Http(String, String),
    /// The driver answered with an error.
    #[error("webdriver error on {0}: {1}")]
    Driver(String, Value),
    /// Waiting for a condition took too long.
    #[error("timed out after {0:?} waiting for {1}")]
    Timeout(Duration, String),
}

/// An open browser session.
pub struct Session {
    base: String,
    id: String,
    agent: ureq::Agent,
}

impl Session {
    /// Opens a session on the driver at `driver_url` with `capabilities` (alwaysMatch).
    pub fn new(driver_url: &str, capabilities: Value) -> Result<Self, WebDriverError> {
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(120))
            .build();
        let body = json!({"capabilities": {"alwaysMatch": capabilities}});
        let value = call(&agent, "POST", &format!("{driver_url}/session"), Some(body))?;
        let id = value["sessionId"].as_str().unwrap_or_default().to_owned();
        if id.is_empty() {
            return Err(WebDriverError::Driver("new session".into(), value));
        }
        Ok(Self {
            base: format!("{driver_url}/session/{id}"),
            id,
            agent,
        })
    }

    /// The session id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Loads a URL and waits for the page load.
    pub fn goto(&self, url: &str) -> Result<(), WebDriverError> {
        call(
            &self.agent,
            "POST",
            &format!("{}/url", self.base),
            Some(json!({"url": url})),
        )
        .map(|_| ())
    }

    /// Runs a script (the body of a function) and returns its value.
    pub fn execute(&self, script: &str) -> Result<Value, WebDriverError> {
        call(
            &self.agent,
            "POST",
            &format!("{}/execute/sync", self.base),
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Runs an asynchronous script; it ends by calling `arguments[arguments.length - 1]`.
    pub fn execute_async(&self, script: &str) -> Result<Value, WebDriverError> {
        call(
            &self.agent,
            "POST",
            &format!("{}/execute/async", self.base),
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Polls `script` until it returns something other than null.
    pub fn wait_for(&self, script: &str, timeout: Duration) -> Result<Value, WebDriverError> {
        let start = Instant::now();
        loop {
            let value = self.execute(script)?;
            if !value.is_null() {
                return Ok(value);
            }
            if start.elapsed() > timeout {
                return Err(WebDriverError::Timeout(timeout, script.to_owned()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The first element matching a CSS selector: its WebDriver reference.
    pub fn find(&self, css: &str) -> Result<String, WebDriverError> {
        let value = call(
            &self.agent,
            "POST",
            &format!("{}/element", self.base),
            Some(json!({"using": "css selector", "value": css})),
        )?;
        value
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| WebDriverError::Driver(format!("find {css}"), value.clone()))
    }

    /// Types `text` into an element as real key presses (for a file input: the paths of
    /// the files to pick, one a line).
    pub fn send_keys(&self, element: &str, text: &str) -> Result<(), WebDriverError> {
        call(
            &self.agent,
            "POST",
            &format!("{}/element/{element}/value", self.base),
            Some(json!({"text": text})),
        )
        .map(|_| ())
    }

    /// Clicks an element as a user would.
    pub fn click(&self, element: &str) -> Result<(), WebDriverError> {
        call(
            &self.agent,
            "POST",
            &format!("{}/element/{element}/click", self.base),
            Some(json!({})),
        )
        .map(|_| ())
    }

    /// A PNG screenshot of the viewport.
    pub fn screenshot(&self) -> Result<Vec<u8>, WebDriverError> {
        use base64::Engine as _;
        let url = format!("{}/screenshot", self.base);
        let value = call(&self.agent, "GET", &url, None)?;
        base64::engine::general_purpose::STANDARD
            .decode(value.as_str().unwrap_or_default())
            .map_err(|e| WebDriverError::Http(url, e.to_string()))
    }

    /// Opens a new tab and returns its handle (the current one stays current).
    pub fn new_tab(&self) -> Result<String, WebDriverError> {
        let value = call(
            &self.agent,
            "POST",
            &format!("{}/window/new", self.base),
            Some(json!({"type": "tab"})),
        )?;
        Ok(value["handle"].as_str().unwrap_or_default().to_owned())
    }

    /// The current window's handle.
    pub fn window(&self) -> Result<String, WebDriverError> {
        let url = format!("{}/window", self.base);
        let value = call(&self.agent, "GET", &url, None)?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Makes the window with `handle` current.
    pub fn switch_to(&self, handle: &str) -> Result<(), WebDriverError> {
        call(
            &self.agent,
            "POST",
            &format!("{}/window", self.base),
            Some(json!({"handle": handle})),
        )
        .map(|_| ())
    }

    /// Sets the window size.
    pub fn set_window_size(&self, width: u32, height: u32) -> Result<(), WebDriverError> {
        call(
            &self.agent,
            "POST",
            &format!("{}/window/rect", self.base),
            Some(json!({"width": width, "height": height})),
        )
        .map(|_| ())
    }

    /// The user agent of the browser.
    pub fn user_agent(&self) -> Result<String, WebDriverError> {
        Ok(self
            .execute("return navigator.userAgent")?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = call(&self.agent, "DELETE", &self.base, None);
    }
}

fn call(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: Option<Value>,
) -> Result<Value, WebDriverError> {
    let request = agent.request(method, url);
    let response = match body {
        Some(body) => request.send_json(body),
        None => request.call(),
    };
    let (failed, text) = match response {
        Ok(r) => (false, r.into_string()),
        Err(ureq::Error::Status(_, r)) => (true, r.into_string()),
        Err(e) => return Err(WebDriverError::Http(url.to_owned(), e.to_string())),
    };
    let text = text.map_err(|e| WebDriverError::Http(url.to_owned(), e.to_string()))?;
    let parsed: Value = serde_json::from_str(&text)
        .map_err(|e| WebDriverError::Http(url.to_owned(), format!("{e}: {text}")))?;
    let value = parsed.get("value").cloned().unwrap_or(Value::Null);
    if failed {
        return Err(WebDriverError::Driver(url.to_owned(), value));
    }
    Ok(value)
}
