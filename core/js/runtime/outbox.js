// The outbox: deliveries to a collector or to Sentry, kept in localStorage (written
// synchronously, from the panic hook) until the receiver says yes, and retried with
// backoff while the page lives and on later loads. Where localStorage cannot take an entry
// (a worker has none; a page's may be full or blocked) it is kept in IndexedDB as well
// (database `gufo-err-outbox`), so that it outlives the worker or page that made it: any
// later start of a runtime on the origin, page or worker, sends it.

import { OUTBOX_DB, OUTBOX_KEY, newEventId, readList, sayOnce, warnOnce, writeList } from "./storage.js";
import { noteSentryLimits, sentryLimited } from "./sentry-limits.js";
import { mergeQueue } from "./store.js";

/**
 * A delivery waiting in the outbox.
 * @typedef {object} OutboxEntry
 * @property {"sentry"} [kind] a Sentry envelope; otherwise a report for a collector
 * @property {string} url
 * @property {string} body
 * @property {string} event the occurrence's event id (the collector's `X-Gufo-Err-Event`)
 * @property {string} [category] a Sentry envelope's data category
 * @property {number} attempts
 * @property {number} next when it is due (Unix ms)
 */

const MAX_OUTBOX = 200;
const OUTBOX_STORE = "entries";
// What `keepalive` fetches may carry together (the Fetch standard's 64 KiB budget); a
// larger body is sent without it and may not outlive the page.
const KEEPALIVE_BUDGET = 60 * 1024;

/** A Sentry envelope: text/plain with the auth in the query string, as Sentry's browser SDK
 * sends it (no preflight). Settled (true) when sent, refused for good (4xx: 413 too large,
 * 429 rate-limited) or dropped under a rate limit; retried (false) on 5xx and network errors.
 * @param {OutboxEntry} entry
 * @returns {Promise<boolean>}
 */
function sendSentry(entry) {
  if (sentryLimited(entry.category || "error")) return Promise.resolve(true);
  /** @type {RequestInit} */
  const init = { method: "POST", body: entry.body, headers: { "Content-Type": "text/plain;charset=UTF-8" }, mode: "cors" };
  if (entry.body.length <= KEEPALIVE_BUDGET) init.keepalive = true;
  return fetch(entry.url, init).then((r) => {
    noteSentryLimits(r);
    return r.status < 500;
  });
}

/** Sends an entry once: whether it is settled.
 * @param {OutboxEntry} entry
 * @returns {Promise<boolean>}
 */
function send(entry) {
  // No fetch (a worker of an old engine): kept for a later load.
  if (typeof globalThis.fetch !== "function") return Promise.resolve(false);
  if (entry.kind === "sentry") return sendSentry(entry);
  const headers = { "Content-Type": "application/json", "X-Gufo-Err-Event": entry.event };
  /** @type {RequestInit} */
  const init = { method: "POST", body: entry.body, headers, mode: "cors" };
  if (entry.body.length <= KEEPALIVE_BUDGET) init.keepalive = true;
  return fetch(entry.url, init).then((r) => r.ok);
}

/** The outbox database, for one transaction on its store.
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest | void} work
 * @returns {Promise<any>} the request's result
 */
function withOutboxDb(mode, work) {
  return new Promise((resolve, reject) => {
    if (!globalThis.indexedDB) {
      reject(new Error("IndexedDB is not available"));
      return;
    }
    const open = indexedDB.open(OUTBOX_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(OUTBOX_STORE, { keyPath: "event" });
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      db.onversionchange = () => db.close();
      const tx = db.transaction(OUTBOX_STORE, mode);
      const request = work(tx.objectStore(OUTBOX_STORE));
      tx.oncomplete = () => {
        db.close();
        resolve(request ? request.result : undefined);
      };
      tx.onerror = () => {
        db.close();
        reject(tx.error);
      };
      tx.onabort = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}

/** Event ids of the entries this runtime keeps in the outbox database. */
const inDb = new Set();

/** Keeps an entry in the outbox database too (localStorage could not take it).
 * @param {OutboxEntry} entry
 */
function keepInDb(entry) {
  inDb.add(entry.event);
  withOutboxDb("readwrite", (store) => store.put(entry)).catch((e) => warnOnce("IndexedDB", e));
}

/** Drops a delivered entry from the outbox database.
 * @param {string} event
 */
function dropFromDb(event) {
  if (!inDb.delete(event)) return;
  withOutboxDb("readwrite", (store) => store.delete(event)).catch(() => {});
}

/** Writes the outbox; entries localStorage did not take are kept in the database.
 * @param {OutboxEntry[]} outbox
 */
function writeOutbox(outbox) {
  if (writeList(OUTBOX_KEY, outbox)) return;
  for (const entry of outbox) if (!inDb.has(entry.event)) keepInDb(entry);
}

/** Drops a settled entry from the outbox, or keeps it for a retry with backoff.
 * @param {OutboxEntry} entry
 * @param {boolean} ok
 */
function settle(entry, ok) {
  /** @type {OutboxEntry[]} */
  const outbox = readList(OUTBOX_KEY);
  const rest = outbox.filter((e) => e.event !== entry.event);
  if (ok) {
    dropFromDb(entry.event);
  } else {
    entry.attempts = (entry.attempts || 0) + 1;
    entry.next = Date.now() + Math.min(3600000, 1000 * 2 ** entry.attempts);
    rest.push(entry);
    retryAt(entry.next);
    if (inDb.has(entry.event)) keepInDb(entry); // its new due time
  }
  writeOutbox(rest.slice(-MAX_OUTBOX));
}

/** Says on the console, once per receiver, that a delivery failed and is kept.
 * @param {OutboxEntry} entry
 * @param {string} why
 */
function warnUndelivered(entry, why) {
  sayOnce(`delivery:${entry.url}`, `gufo-err: delivery to ${entry.url} failed (${why}); it is kept in the outbox and retried`);
}

/** @param {OutboxEntry} entry */
function sendAndSettle(entry) {
  send(entry).then(
    (ok) => {
      if (!ok) warnUndelivered(entry, "the receiver refused it, or there is no fetch here");
      settle(entry, ok);
    },
    (error) => {
      warnUndelivered(entry, String((error && error.message) || error));
      settle(entry, false);
    },
  );
}

// While the page lives, failed deliveries are retried when due (later loads retry too).
/** @type {ReturnType<typeof setTimeout> | null} */
let retryTimer = null;
let retryTime = Infinity;
/** @param {number} time */
function retryAt(time) {
  if (time >= retryTime || typeof globalThis.setTimeout !== "function") return;
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTime = time;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    retryTime = Infinity;
    resendDue();
  }, Math.max(0, time - Date.now()));
}

/** Sends what is due in the outbox; how many. */
function resendDue() {
  const now = Date.now();
  /** @type {OutboxEntry[]} */
  const outbox = readList(OUTBOX_KEY);
  for (const entry of outbox) {
    if ((entry.next || 0) <= now) sendAndSettle(entry);
    else retryAt(entry.next);
  }
  return outbox.filter((e) => (e.next || 0) <= now).length;
}

/** Keeps an entry in the outbox (written synchronously) and starts sending it.
 * @param {OutboxEntry} entry
 * @returns {string} its event id
 */
function enqueue(entry) {
  const outbox = readList(OUTBOX_KEY);
  outbox.push(entry);
  writeOutbox(outbox.slice(-MAX_OUTBOX));
  sendAndSettle(entry);
  return entry.event;
}

/** Delivers a report to a collector URL; kept in the outbox until the collector says yes.
 * @param {string} url
 * @param {string} json
 * @param {string} [event] the occurrence's event id ("" or none: a new one)
 * @returns {string} the event id
 */
export function deliver(url, json, event) {
  return enqueue({ url, body: json, event: event || newEventId(), attempts: 0, next: 0 });
}

/** Sends a Sentry envelope through the outbox (see sendSentry).
 * @param {string} url
 * @param {string} body
 * @param {string} category
 * @returns {string} the delivery's id
 */
export function sendEnvelope(url, body, category) {
  return enqueue({ kind: "sentry", url, body, category, event: newEventId(), attempts: 0, next: 0 });
}

/** Takes the entries of the outbox database that this runtime does not have yet (left by
 * a worker or page that is gone) into its outbox, and sends those that are due.
 * @returns {Promise<number>} how many were sent
 */
function replayFromDb() {
  return withOutboxDb("readonly", (store) => store.getAll()).then((/** @type {OutboxEntry[]} */ entries) => {
    const outbox = readList(OUTBOX_KEY);
    const known = new Set(outbox.map((e) => e.event));
    const now = Date.now();
    let sent = 0;
    for (const entry of entries || []) {
      inDb.add(entry.event);
      if (known.has(entry.event)) continue;
      outbox.push(entry);
      if ((entry.next || 0) <= now) {
        sendAndSettle(entry);
        sent += 1;
      } else {
        retryAt(entry.next);
      }
    }
    writeOutbox(outbox.slice(-MAX_OUTBOX));
    return sent;
  });
}

/** On load: merges what the last page left queued, resends what is due in the outbox (and
 * in the outbox database).
 * @returns {Promise<{merged: number, resent: number}>}
 */
export function replay() {
  const resent = resendDue();
  const fromDb = replayFromDb().catch(() => 0);
  return Promise.all([mergeQueue().catch(() => 0), fromDb]).then(([merged, more]) => ({ merged, resent: resent + more }));
}
