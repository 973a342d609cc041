// The store: occurrences are queued in localStorage (synchronously, from the panic hook),
// then merged into IndexedDB, with the traps linked to them. Merging is idempotent (event
// ids), so a merge that a dying page started, or repeated by another page, never counts
// twice.

import { shared } from "./shared.js";
import { DB_NAME, EARLY_KEY, OUTBOX_DB, QUEUE_KEY, OUTBOX_KEY, RELAYED_KEY, STORE, TRAPS_KEY, newEventId, readList, removeList, warnOnce, writeList } from "./storage.js";

/**
 * An occurrence waiting in the queue.
 * @typedef {{fingerprint: string, time: number, json: string, event: string}} QueuedOccurrence
 */
/**
 * A trap waiting to be linked to its panic's record.
 * @typedef {{fingerprint: string, kind: "trap", secondary: true, message: string, stack: string, time: number}} LinkedTrap
 */
/**
 * A record of IndexedDB's store: one per fingerprint. Its shape is `err::codec::StoreRecord`
 * (core/src/codec/record.rs), which the viewer reads it with: change both together.
 * @typedef {object} ReportRecord
 * @property {string} fingerprint
 * @property {string} report the first occurrence's report, JSON text
 * @property {number} count
 * @property {number} first_seen Unix ms
 * @property {number} last_seen Unix ms
 * @property {string[]} events the most recent occurrences' event ids
 * @property {LinkedTrap[]} [secondary] the traps that followed its panics
 */

const MAX_EVENTS_KEPT = 64;
// An open that waits this long is given up (and retried later; the queue stays in
// localStorage): a page that died while creating the database can leave its upgrade pending.
const OPEN_TIMEOUT_MS = 8000;

let maxReports = 1000;

/** Sets the most reports kept (default 1,000; the least recently seen go first).
 * @param {number} n
 */
export function setMaxReports(n) {
  if (n > 0) maxReports = n;
}

/** @returns {Promise<IDBDatabase>} */
function openDb() {
  return new Promise((resolve, reject) => {
    if (!globalThis.indexedDB) {
      reject(new Error("IndexedDB is not available"));
      return;
    }
    let settled = false;
    const timer = typeof globalThis.setTimeout === "function"
      ? setTimeout(() => {
          if (settled) return;
          settled = true;
          reject(new Error(`IndexedDB "${DB_NAME}" did not open within ${OPEN_TIMEOUT_MS / 1000} s (another page holds it); reports stay queued`));
        }, OPEN_TIMEOUT_MS)
      : undefined;
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: "fingerprint" });
      store.createIndex("last_seen", "last_seen");
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another page wants to upgrade (or delete) the database: let it.
      db.onversionchange = () => db.close();
      if (settled) {
        db.close(); // given up already: a later call opens it again
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(db);
    };
    request.onerror = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(request.error);
    };
  });
}

/**
 * @template T
 * @param {T[]} list
 * @param {(item: T) => string} key
 * @returns {Map<string, T[]>}
 */
function groupBy(list, key) {
  /** @type {Map<string, T[]>} */
  const groups = new Map();
  for (const item of list) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** @param {string} json */
function summaryOf(json) {
  const report = JSON.parse(json);
  return { fingerprint: String(report.fingerprint), time: Date.parse(report.timestamp || "") || Date.now() };
}

/** @type {Promise<number> | null} */
let merging = null;

/** Merges queued occurrences into IndexedDB, then drops them from the queue.
 * @returns {Promise<number>} how many were merged
 */
export function mergeQueue() {
  if (merging) return merging.then(() => mergeQueue());
  /** @type {QueuedOccurrence[]} */
  const queue = readList(QUEUE_KEY);
  if (queue.length === 0) return Promise.resolve(0);
  merging = openDb()
    .then((db) => /** @type {Promise<IDBDatabase>} */ (new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      // One read-modify-write per fingerprint: reads in one transaction all see the state
      // before its writes.
      for (const [fingerprint, items] of groupBy(queue, (q) => q.fingerprint)) {
        const get = store.get(fingerprint);
        get.onsuccess = () => {
          const first = items[0];
          /** @type {ReportRecord} */
          const record = get.result || { fingerprint, report: first.json, count: 0, first_seen: first.time, events: [] };
          for (const item of items) {
            if (record.events.includes(item.event)) continue; // merged before the page died
            record.count += 1;
            record.last_seen = Math.max(record.last_seen || 0, item.time);
            record.events = record.events.concat([item.event]).slice(-MAX_EVENTS_KEPT);
          }
          store.put(record);
        };
      }
      tx.oncomplete = () => resolve(db);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    })))
    .then((db) => evict(db).then(() => db.close()))
    .then(() => {
      const done = new Set(queue.map((q) => q.event));
      writeList(QUEUE_KEY, readList(QUEUE_KEY).filter((q) => !done.has(q.event)));
      return queue.length;
    })
    .finally(() => {
      merging = null;
      mergeAgainLater();
    });
  return merging;
}

// Another page (or a dying one, whose late write lands after ours: WebKit shares
// localStorage across its processes) can leave items behind; merging is idempotent (event
// ids), so keep merging while anything is left, a few times.
let laterMerges = 0;
function mergeAgainLater() {
  const left = readList(QUEUE_KEY).length + readList(TRAPS_KEY).length;
  if (left === 0 || laterMerges >= 10 || typeof globalThis.setTimeout !== "function") return;
  laterMerges += 1;
  setTimeout(() => {
    mergeQueue()
      .catch(() => 0)
      .then(() => mergeTraps())
      .catch(() => {});
  }, 500);
}

/** Keeps at most `maxReports` records, dropping the least recently seen.
 * @param {IDBDatabase} db
 * @returns {Promise<void>}
 */
function evict(db) {
  return new Promise((resolve) => {
    const tx = db.transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    const count = store.count();
    count.onsuccess = () => {
      let excess = count.result - maxReports;
      if (excess <= 0) return;
      const cursorRequest = store.index("last_seen").openCursor();
      cursorRequest.onsuccess = () => {
        const cursor = cursorRequest.result;
        if (!cursor || excess <= 0) return;
        cursor.delete();
        excess -= 1;
        cursor.continue();
      };
    };
    tx.oncomplete = () => resolve();
    tx.onerror = () => resolve();
  });
}

/** Links the waiting traps to their panics' records (as `secondary` entries), then drops
 * them from localStorage. A trap whose record is not there is dropped too.
 * @returns {Promise<void>}
 */
export function mergeTraps() {
  /** @type {LinkedTrap[]} */
  const traps = readList(TRAPS_KEY);
  if (traps.length === 0) return Promise.resolve();
  return mergeQueue()
    .catch(() => 0)
    .then(() => openDb())
    .then((db) => new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      for (const [fingerprint, linked] of groupBy(traps, (t) => t.fingerprint)) {
        const get = store.get(fingerprint);
        get.onsuccess = () => {
          /** @type {ReportRecord | undefined} */
          const record = get.result;
          if (!record) return;
          record.secondary = (record.secondary || []).concat(linked).slice(-MAX_EVENTS_KEPT);
          store.put(record);
        };
      }
      tx.oncomplete = () => {
        db.close();
        const done = new Set(traps.map((t) => t.time + t.message));
        writeList(TRAPS_KEY, readList(TRAPS_KEY).filter((t) => !done.has(t.time + t.message)));
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    }));
}

/** Stores a report (JSON text): queued in localStorage (or memory) now, merged into
 * IndexedDB next.
 * @param {string} json
 * @param {string} [event] the occurrence's event id ("" or none: a new one)
 * @returns {string} the occurrence's event id, or "" when `json` is not a report
 */
export function persist(json, event) {
  let item;
  try {
    item = { ...summaryOf(json), json, event: event || newEventId() };
  } catch (e) {
    return "";
  }
  const queue = readList(QUEUE_KEY);
  queue.push(item);
  writeList(QUEUE_KEY, queue.slice(-maxReports));
  mergeQueue().catch((e) => warnOnce("IndexedDB", e));
  return item.event;
}

/** Every stored report record, most recently seen first.
 * @returns {Promise<ReportRecord[]>}
 */
export function reports() {
  return mergeQueue()
    .catch(() => 0)
    .then(() => openDb())
    .then((db) => new Promise((resolve, reject) => {
      const request = db.transaction(STORE, "readonly").objectStore(STORE).getAll();
      request.onsuccess = () => {
        db.close();
        /** @type {ReportRecord[]} */
        const records = request.result;
        resolve(records.sort((a, b) => b.last_seen - a.last_seen));
      };
      request.onerror = () => reject(request.error);
    }));
}

/** Removes every stored report, pending delivery, and relayed panic or early JS error
 * waiting for an engine.
 * @returns {Promise<void>}
 */
export function clear() {
  removeList(QUEUE_KEY);
  removeList(OUTBOX_KEY);
  removeList(RELAYED_KEY);
  removeList(EARLY_KEY);
  shared().relayWaiting = [];
  if (globalThis.indexedDB) {
    try {
      indexedDB.deleteDatabase(OUTBOX_DB);
    } catch (e) {
      // an opaque origin: there was none
    }
  }
  return openDb().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, "readwrite");
    tx.objectStore(STORE).clear();
    tx.oncomplete = () => {
      db.close();
      resolve();
    };
    tx.onerror = () => reject(tx.error);
  }));
}
