// Keys and storage: the names of everything gufo-err keeps (the same in every module's
// runtime and the npm package's, so that they share one store), and lists kept in
// localStorage that lose nothing when it is full, blocked or missing: what cannot be written
// there is kept in the page's memory (every gufo-err script of the page reads it), merged
// into IndexedDB and delivered from there, and the console says once what failed.

import { shared } from "./shared.js";

/** The IndexedDB database and its store of report records (keyPath "fingerprint", index
 * "last_seen"). */
export const DB_NAME = "gufo-err";
export const STORE = "reports";
/** The IndexedDB database of deliveries localStorage could not keep (store "entries", keyPath
 * "event"): a worker's, or a page's whose localStorage failed. */
export const OUTBOX_DB = "gufo-err-outbox";

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
/** JS errors the npm package caught before its engine was ready. */
export const EARLY_KEY = "gufo-err:early";
/** sessionStorage: when the page was reloaded for an error (the reload guard). */
export const RELOAD_KEY = "gufo-err:reloads";

/** localStorage, or null where there is none (or it throws: sandboxed frames, privacy
 * settings; said once on the console).
 * @returns {Storage | null}
 */
export function storage() {
  try {
    return globalThis.localStorage || null;
  } catch (e) {
    warnOnce("localStorage", e);
    return null;
  }
}

/** The lists that could not be written to localStorage, by key: the page's copy. */
function memory() {
  const ns = shared();
  return ns.memory || (ns.memory = {});
}

/** Says on the console, once per page and kind of storage, that it failed and what is done
 * instead. A worker has no localStorage by design: not a failure.
 * @param {"localStorage" | "IndexedDB" | "sessionStorage"} what
 * @param {unknown} error
 */
export function warnOnce(what, error) {
  if (what === "localStorage" && !("document" in globalThis) && !error) return;
  const reason = error ? ` (${String((/** @type {any} */ (error)).name || "Error")}: ${String((/** @type {any} */ (error)).message || error)})` : "";
  const instead = {
    localStorage: "reports and deliveries are kept in this page's memory until IndexedDB and the collector take them",
    IndexedDB: "reports stay queued in localStorage (or memory) for a page where it works",
    sessionStorage: "the reload guard counts only this page's reloads",
  }[what];
  sayOnce(what, `gufo-err: ${what} is not usable${reason}; ${instead}.`);
}

/** A console warning, once per page for each `key`.
 * @param {string} key
 * @param {string} text
 */
export function sayOnce(key, text) {
  const ns = shared();
  const warned = ns.warned || (ns.warned = {});
  if (warned[key]) return;
  warned[key] = true;
  if (typeof console !== "undefined") console.warn(text);
}

/** A JSON list kept in localStorage (or, where that failed, in memory); empty when missing
 * or unreadable.
 * @param {string} key
 * @returns {any[]}
 */
export function readList(key) {
  const kept = memory()[key];
  if (kept) return kept.slice();
  const s = storage();
  if (!s) return [];
  try {
    const list = JSON.parse(s.getItem(key) || "[]");
    return Array.isArray(list) ? list : [];
  } catch (e) {
    return [];
  }
}

/** Writes a JSON list to localStorage; where that fails (full, blocked, missing), keeps it
 * in memory, whole, and says so once. Whether it reached localStorage.
 * @param {string} key
 * @param {unknown[]} list
 * @returns {boolean}
 */
export function writeList(key, list) {
  const s = storage();
  if (s) {
    try {
      s.setItem(key, JSON.stringify(list));
      delete memory()[key];
      return true;
    } catch (e) {
      warnOnce("localStorage", e);
    }
  } else {
    warnOnce("localStorage", null);
  }
  // An older copy may stay in localStorage: a later page merges and resends it again, which
  // event ids make harmless.
  memory()[key] = list.slice();
  return false;
}

/** Removes a list from localStorage and memory.
 * @param {string} key
 */
export function removeList(key) {
  delete memory()[key];
  const s = storage();
  if (!s) return;
  try {
    s.removeItem(key);
  } catch (e) {
    // blocked: nothing was kept there
  }
}

/** A new id for an occurrence or a delivery. */
export function newEventId() {
  if (globalThis.crypto && globalThis.crypto.randomUUID) return globalThis.crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}
