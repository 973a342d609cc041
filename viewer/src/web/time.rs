//! Time: waiting (gloo-timers), the clock and the benchmark's marks (`performance`).

use gloo_timers::future::TimeoutFuture;

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    TimeoutFuture::new(ms).await;
}

/// Lets the browser paint and handle input before the next chunk of work.
pub async fn yield_now() {
    sleep(0).await;
}

/// The page's clock (`performance.now()`), looked up once.
pub struct Clock(Option<web_sys::Performance>);

impl Clock {
    /// The clock of the page.
    pub fn new() -> Self {
        Self(web_sys::window().and_then(|w| w.performance()))
    }

    /// Milliseconds since the page opened (0 without a clock).
    pub fn now(&self) -> f64 {
        self.0.as_ref().map_or(0.0, web_sys::Performance::now)
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

/// A `performance.mark`, for the benchmark (first rows painted, all loaded).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
