// Keys and storage: the names of everything gufo-err keeps (the same in every module's
// runtime and the npm package's, so that they share one store), and localStorage lists
// that survive a full quota and a missing localStorage.

/** The IndexedDB database and its store of report records (keyPath "fingerprint", index
 * "last_seen"). */
export const DB_NAME = "gufo-err";
export const STORE = "reports";

// localStorage (sessionStorage for the reloads).
/** Occurrences not yet merged into IndexedDB (written first, synchronously). */
export const QUEUE_KEY = "gufo-err:queue";
/** Deliveries not yet acknowledged by the collector (or Sentry). */
export const OUTBOX_KEY = "gufo-err:outbox";
/** Sentry's rate limits by category (Unix ms). */
export const SENTRY_LIMITS_KEY = "gufo-err:sentry-limits";
/** The latest panic's fingerprint and time. */
export const LAST_PANIC_KEY = "gufo-err:last-panic";
/** Traps waiting to be linked to their panic's record. */
export const TRAPS_KEY = "gufo-err:traps";
/** Uncaught wasm stack overflows waiting for their module's next start. */
export const RAW_KEY = "gufo-err:raw";
/** Relay modules' captures waiting for an engine (written by `relay.js` too). */
export const RELAYED_KEY = "gufo-err:relayed";
/** sessionStorage: when the page was reloaded for an error (the reload guard). */
export const RELOAD_KEY = "gufo-err:reloads";

/** localStorage, or null where there is none (or it throws: sandboxed frames, privacy
 * settings). */
export function storage() {
  try {
    return globalThis.localStorage || null;
  } catch (e) {
    return null;
  }
}

/** A JSON list kept in localStorage; empty when missing or unreadable.
 * @param {string} key
 * @returns {any[]}
 */
export function readList(key) {
  const s = storage();
  if (!s) return [];
  try {
    const list = JSON.parse(s.getItem(key) || "[]");
    return Array.isArray(list) ? list : [];
  } catch (e) {
    return [];
  }
}

/** Writes a JSON list to localStorage; over quota, its newest half. Whether it was written.
 * @param {string} key
 * @param {unknown[]} list
 * @returns {boolean}
 */
export function writeList(key, list) {
  const s = storage();
  if (!s) return false;
  try {
    s.setItem(key, JSON.stringify(list));
    return true;
  } catch (e) {
    // Quota: keep the newest half.
    try {
      s.setItem(key, JSON.stringify(list.slice(Math.floor(list.length / 2))));
      return true;
    } catch (e2) {
      return false;
    }
  }
}

/** A new id for an occurrence or a delivery. */
export function newEventId() {
  if (globalThis.crypto && globalThis.crypto.randomUUID) return globalThis.crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}
