// What Sentry said about sending less: `429`, `Retry-After` and `X-Sentry-Rate-Limits`
// ("60:error;default:key, 5::organization"). The parsing is pure (`updateSentryLimits`,
// `isSentryLimited`) and follows `RateLimits` in core/src/sentry/rate_limits.rs: both run
// the vectors of core/tests/data/rate_limits.json. The limits are kept in localStorage, so
// that every module of the origin, and the next page, hold them too.

import { SENTRY_LIMITS_KEY, storage } from "./storage.js";

/**
 * Until when each data category may not be sent (Unix ms); "" is every category.
 * @typedef {Record<string, number>} SentryLimits
 */

/** How long to wait after a `429` that says nothing else, in seconds (as Sentry's SDKs). */
const DEFAULT_RETRY_AFTER_S = 60;

/** The longest a limit holds, in seconds: one day (`MAX_LIMIT_S` in Rust). */
const MAX_LIMIT_S = 86400;

/** A number of seconds as Rust's `str::parse::<f64>` reads it (after `trim`), if finite,
 * at most a day: "10s", "0x10" or "" are not, where `parseFloat` or `Number` would read them.
 * @param {string | null | undefined} text
 * @returns {number | null}
 */
function parseSeconds(text) {
  const trimmed = String(text ?? "").trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
  const seconds = Number(trimmed);
  return Number.isFinite(seconds) ? Math.min(seconds, MAX_LIMIT_S) : null;
}

/**
 * The limits after a response received at `nowMs` (pure: `limits` is left as it is). The
 * rate-limits header, when there is one, says everything; otherwise a `429` limits every
 * category for its `Retry-After` (60 s without one). A limit never shortens a longer one.
 * @param {SentryLimits} limits
 * @param {number} nowMs
 * @param {number} status
 * @param {string | null} retryAfter the `Retry-After` header
 * @param {string | null} header the `X-Sentry-Rate-Limits` header
 * @returns {SentryLimits}
 */
export function updateSentryLimits(limits, nowMs, status, retryAfter, header) {
  /** @type {SentryLimits} */
  const next = { ...limits };
  /** @param {string} category @param {number} seconds */
  const extend = (category, seconds) => {
    // Whole milliseconds, truncated, as Rust's `as i64`; finite (kept as JSON), as Rust's
    // saturating arithmetic.
    const until = Math.min(Math.max(nowMs + Math.trunc(seconds * 1000), -Number.MAX_VALUE), Number.MAX_VALUE);
    next[category] = Math.max(next[category] ?? -Infinity, until);
  };
  if (header && header.trim()) {
    for (const limit of header.split(",")) {
      const [seconds, categories = ""] = limit.trim().split(":");
      const s = parseSeconds(seconds);
      if (s === null) continue; // junk: skipped
      if (!categories.trim()) {
        extend("", s);
        continue;
      }
      for (const category of categories.split(";").map((c) => c.trim())) {
        if (category) extend(category, s);
      }
    }
  } else if (status === 429) {
    extend("", parseSeconds(retryAfter) ?? DEFAULT_RETRY_AFTER_S);
  }
  return next;
}

/**
 * Whether `category` (such as "error") may not be sent at `nowMs`.
 * @param {SentryLimits} limits
 * @param {string} category
 * @param {number} nowMs
 */
export function isSentryLimited(limits, category, nowMs) {
  return [category, ""].some((c) => typeof limits[c] === "number" && nowMs < limits[c]);
}

/** The limits kept in localStorage. @returns {SentryLimits} */
function storedSentryLimits() {
  const s = storage();
  try {
    return (s && JSON.parse(s.getItem(SENTRY_LIMITS_KEY) || "{}")) || {};
  } catch (e) {
    return {};
  }
}

/** Whether `category` may not be sent now. @param {string} category */
export function sentryLimited(category) {
  return isSentryLimited(storedSentryLimits(), category, Date.now());
}

/** Keeps what a response from Sentry says about sending less.
 * @param {Response} response
 */
export function noteSentryLimits(response) {
  const header = response.headers.get("X-Sentry-Rate-Limits");
  const retryAfter = response.headers.get("Retry-After");
  if (!header && response.status !== 429) return; // the common case: nothing to write
  const limits = updateSentryLimits(storedSentryLimits(), Date.now(), response.status, retryAfter, header);
  const st = storage();
  if (st) {
    try {
      st.setItem(SENTRY_LIMITS_KEY, JSON.stringify(limits));
    } catch (e) {
      // Quota: not kept; Sentry says it again on the next send.
    }
  }
}
