// gufo-err browser runtime: everything that must keep working after a wasm panic.
//
// Rust code calls these functions synchronously from the panic hook with plain strings;
// nothing here ever calls back into wasm (the instance is poisoned once the hook returns).
// Every module using gufo-err on a page, and the npm package, share this store.
//
// Storage:
//   localStorage "gufo-err:queue"   reports not yet merged into IndexedDB (written first, synchronously)
//   localStorage "gufo-err:outbox"  deliveries not yet acknowledged by the collector (or Sentry)
//   localStorage "gufo-err:sentry-limits"  Sentry's rate limits by category (Unix ms)
//   IndexedDB "gufo-err", store "reports" (keyPath "fingerprint", index "last_seen"):
//     { fingerprint, report (JSON text), count, first_seen, last_seen, events: [recent event ids] }

const DB_NAME = "gufo-err";
const STORE = "reports";
const QUEUE_KEY = "gufo-err:queue";
const OUTBOX_KEY = "gufo-err:outbox";
const LAST_PANIC_KEY = "gufo-err:last-panic";
const RELOAD_KEY = "gufo-err:reloads";
const MAX_EVENTS_KEPT = 64;
const MAX_OUTBOX = 200;
const KEEPALIVE_BUDGET = 60 * 1024;

let maxReports = 1000;

function storage() {
  try {
    return globalThis.localStorage || null;
  } catch (e) {
    return null;
  }
}

function readList(key) {
  const s = storage();
  if (!s) return [];
  try {
    const list = JSON.parse(s.getItem(key) || "[]");
    return Array.isArray(list) ? list : [];
  } catch (e) {
    return [];
  }
}

function writeList(key, list) {
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

function newEventId() {
  if (globalThis.crypto && globalThis.crypto.randomUUID) return globalThis.crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

// An open that waits this long is given up (and retried later; the queue stays in
// localStorage): a page that died while creating the database can leave its upgrade pending.
const OPEN_TIMEOUT_MS = 8000;

function openDb() {
  return new Promise((resolve, reject) => {
    if (!globalThis.indexedDB) {
      reject(new Error("IndexedDB is not available"));
      return;
    }
    let settled = false;
    const timer = globalThis.setTimeout
      ? setTimeout(() => {
          if (settled) return;
          settled = true;
          reject(new Error(`IndexedDB "${DB_NAME}" did not open within ${OPEN_TIMEOUT_MS / 1000} s (another page holds it); reports stay queued`));
        }, OPEN_TIMEOUT_MS)
      : null;
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

function groupBy(list, key) {
  const groups = new Map();
  for (const item of list) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return groups;
}

function summaryOf(json) {
  const report = JSON.parse(json);
  return { fingerprint: String(report.fingerprint), time: Date.parse(report.timestamp || "") || Date.now() };
}

// Merges queued occurrences into IndexedDB, then drops them from the queue.
let merging = null;
function mergeQueue() {
  if (merging) return merging.then(() => mergeQueue());
  const queue = readList(QUEUE_KEY);
  if (queue.length === 0) return Promise.resolve(0);
  merging = openDb()
    .then((db) => new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      // One read-modify-write per fingerprint: reads in one transaction all see the state
      // before its writes.
      for (const [fingerprint, items] of groupBy(queue, (q) => q.fingerprint)) {
        const get = store.get(fingerprint);
        get.onsuccess = () => {
          const first = items[0];
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
    }))
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
  if (left === 0 || laterMerges >= 10 || !globalThis.setTimeout) return;
  laterMerges += 1;
  setTimeout(() => {
    mergeQueue()
      .catch(() => 0)
      .then(() => mergeTraps())
      .catch(() => {});
  }, 500);
}

// Keeps at most `maxReports` records, dropping the least recently seen.
function evict(db) {
  return new Promise((resolve) => {
    const tx = db.transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    const count = store.count();
    count.onsuccess = () => {
      let excess = count.result - maxReports;
      if (excess <= 0) return;
      store.index("last_seen").openCursor().onsuccess = (event) => {
        const cursor = event.target.result;
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

/** Stores a report (JSON text): queued in localStorage now, merged into IndexedDB next. */
export function persist(json) {
  let item;
  try {
    item = { ...summaryOf(json), json, event: newEventId() };
  } catch (e) {
    return "";
  }
  const queue = readList(QUEUE_KEY);
  queue.push(item);
  writeList(QUEUE_KEY, queue.slice(-maxReports));
  mergeQueue().catch(() => {});
  return item.event;
}

// Sentry's answers about sending less, by data category ("" is every category): Unix ms.
const SENTRY_LIMITS_KEY = "gufo-err:sentry-limits";

function sentryLimits() {
  const s = storage();
  try {
    return (s && JSON.parse(s.getItem(SENTRY_LIMITS_KEY) || "{}")) || {};
  } catch (e) {
    return {};
  }
}

function sentryLimited(category) {
  const limits = sentryLimits();
  const now = Date.now();
  return (limits[category] || 0) > now || (limits[""] || 0) > now;
}

// 429, Retry-After and X-Sentry-Rate-Limits ("60:error;default:key, 5::organization").
function noteSentryLimits(response) {
  const header = response.headers.get("X-Sentry-Rate-Limits");
  const retryAfter = response.headers.get("Retry-After");
  if (!header && response.status !== 429) return;
  const limits = sentryLimits();
  const now = Date.now();
  const extend = (category, until) => {
    limits[category] = Math.max(limits[category] || 0, until);
  };
  if (header) {
    for (const limit of header.split(",")) {
      const [seconds, categories] = limit.trim().split(":");
      const s = parseFloat(seconds);
      if (Number.isNaN(s)) continue;
      const list = (categories || "").split(";").map((c) => c.trim()).filter(Boolean);
      for (const category of list.length ? list : [""]) extend(category, now + s * 1000);
    }
  } else {
    const s = parseFloat(retryAfter);
    extend("", now + (Number.isNaN(s) ? 60 : s) * 1000);
  }
  const st = storage();
  if (st) {
    try {
      st.setItem(SENTRY_LIMITS_KEY, JSON.stringify(limits));
    } catch (e) {
      // Quota: the limits hold for this page only.
    }
  }
}

// A Sentry envelope: text/plain with the auth in the query string, as Sentry's browser SDK
// sends it (no preflight). Settled (true) when sent, refused for good (4xx: 413 too large,
// 429 rate-limited) or dropped under a rate limit; retried (false) on 5xx and network errors.
function sendSentry(entry) {
  if (sentryLimited(entry.category || "error")) return Promise.resolve(true);
  const init = { method: "POST", body: entry.body, headers: { "Content-Type": "text/plain;charset=UTF-8" }, mode: "cors" };
  if (entry.body.length <= KEEPALIVE_BUDGET) init.keepalive = true;
  return fetch(entry.url, init).then((r) => {
    noteSentryLimits(r);
    return r.status < 500;
  });
}

function send(entry) {
  if (entry.kind === "sentry") return globalThis.fetch ? sendSentry(entry) : Promise.resolve(false);
  const headers = { "Content-Type": "application/json", "X-Gufo-Err-Event": entry.event };
  if (entry.body.length <= KEEPALIVE_BUDGET && globalThis.fetch) {
    return fetch(entry.url, { method: "POST", body: entry.body, headers, keepalive: true, mode: "cors" })
      .then((r) => r.ok);
  }
  if (globalThis.fetch) {
    return fetch(entry.url, { method: "POST", body: entry.body, headers, mode: "cors" }).then((r) => r.ok);
  }
  return Promise.resolve(false);
}

function settle(entry, ok) {
  const outbox = readList(OUTBOX_KEY);
  const rest = outbox.filter((e) => e.event !== entry.event);
  if (!ok) {
    entry.attempts = (entry.attempts || 0) + 1;
    entry.next = Date.now() + Math.min(3600000, 1000 * 2 ** entry.attempts);
    rest.push(entry);
    retryAt(entry.next);
  }
  writeList(OUTBOX_KEY, rest.slice(-MAX_OUTBOX));
}

// While the page lives, failed deliveries are retried when due (later loads retry too).
let retryTimer = null;
let retryTime = Infinity;
function retryAt(time) {
  if (time >= retryTime || !globalThis.setTimeout) return;
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTime = time;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    retryTime = Infinity;
    resendDue();
  }, Math.max(0, time - Date.now()));
}

function resendDue() {
  const now = Date.now();
  const outbox = readList(OUTBOX_KEY);
  for (const entry of outbox) {
    if ((entry.next || 0) <= now) send(entry).then((ok) => settle(entry, ok), () => settle(entry, false));
    else retryAt(entry.next);
  }
  return outbox.filter((e) => (e.next || 0) <= now).length;
}

/** Delivers a report to a collector URL; kept in the outbox until the collector says yes. */
export function deliver(url, json, event) {
  return enqueue({ url, body: json, event: event || newEventId(), attempts: 0, next: 0 });
}

// Keeps an entry in the outbox (written synchronously) and starts sending it.
function enqueue(entry) {
  const outbox = readList(OUTBOX_KEY);
  outbox.push(entry);
  writeList(OUTBOX_KEY, outbox.slice(-MAX_OUTBOX));
  send(entry).then((ok) => settle(entry, ok), () => settle(entry, false));
  return entry.event;
}

/** Sends a Sentry envelope through the outbox (see sendSentry). */
export function sendEnvelope(url, body, category) {
  return enqueue({ kind: "sentry", url, body, category, event: newEventId(), attempts: 0, next: 0 });
}

/** On load: merges what the last page left queued, resends what is due in the outbox. */
export function replay() {
  const resent = resendDue();
  return mergeQueue().catch(() => 0).then((merged) => ({ merged, resent }));
}

/** Every stored report record, most recently seen first. */
export function reports() {
  return mergeQueue()
    .catch(() => 0)
    .then(() => openDb())
    .then((db) => new Promise((resolve, reject) => {
      const request = db.transaction(STORE, "readonly").objectStore(STORE).getAll();
      request.onsuccess = () => {
        db.close();
        resolve(request.result.sort((a, b) => b.last_seen - a.last_seen));
      };
      request.onerror = () => reject(request.error);
    }));
}

/** Removes every stored report, pending delivery and relayed panic waiting for an engine. */
export function clear() {
  const s = storage();
  if (s) {
    s.removeItem(QUEUE_KEY);
    s.removeItem(OUTBOX_KEY);
    s.removeItem(RELAYED_KEY);
  }
  globalThis.__gufoErrRelayWaiting = [];
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

/** Sets the most reports kept (default 1,000; the least recently seen go first). */
export function setMaxReports(n) {
  if (n > 0) maxReports = n;
}

/** Remembers the fingerprint of a panic, for the trap that follows it. */
export function notePanic(fingerprint) {
  globalThis.__gufoErrLastPanic = { fingerprint, time: Date.now() };
  const s = storage();
  if (s) {
    try {
      s.setItem(LAST_PANIC_KEY, JSON.stringify(globalThis.__gufoErrLastPanic));
    } catch (e) {
      // nothing to do
    }
  }
}

/** The fingerprint of the panic a trap (or a poisoned-instance error) belongs to, if recent. */
export function panicFor(windowMs) {
  const last = globalThis.__gufoErrLastPanic;
  if (last && Date.now() - last.time <= windowMs) return last.fingerprint || (last.pending ? "pending" : "");
  return "";
}

/** Shows a plain overlay with the message and fingerprint (text only, no HTML). */
export function overlay(message, fingerprint) {
  const doc = globalThis.document;
  if (!doc || !doc.body) return;
  let box = doc.getElementById("gufo-err-overlay");
  if (!box) {
    box = doc.createElement("div");
    box.id = "gufo-err-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,22,28,.92);color:#fff;" +
      "font:14px/1.5 system-ui,sans-serif;padding:10vh 10vw;white-space:pre-wrap;overflow:auto";
    doc.body.appendChild(box);
  }
  const title = doc.createElement("h2");
  title.textContent = "The application stopped after an error";
  const text = doc.createElement("pre");
  text.textContent = message;
  const id = doc.createElement("p");
  id.textContent = `Error: ${fingerprint}`;
  box.replaceChildren(title, text, id);
}

/** Reloads the page unless it was reloaded for an error `limit` times within `windowMs`. */
export function reloadGuarded(limit, windowMs) {
  const s = globalThis.sessionStorage;
  const now = Date.now();
  let times = [];
  try {
    times = JSON.parse((s && s.getItem(RELOAD_KEY)) || "[]").filter((t) => now - t < windowMs);
  } catch (e) {
    times = [];
  }
  if (times.length >= limit) return false;
  times.push(now);
  try {
    if (s) s.setItem(RELOAD_KEY, JSON.stringify(times));
  } catch (e) {
    // nothing to do
  }
  setTimeout(() => globalThis.location && globalThis.location.reload(), 0);
  return true;
}

/** Calls a JS function with the report, after the hook (never re-entering wasm from here). */
export function callLater(callback, json) {
  if (typeof callback !== "function") return;
  setTimeout(() => {
    try {
      callback(JSON.parse(json));
    } catch (e) {
      console.error("gufo-err: the fail-fast callback failed", e);
    }
  }, 0);
}

const TRAPS_KEY = "gufo-err:traps";
const TRAP_PATTERNS = [
  /^unreachable/i, // V8 "unreachable", SpiderMonkey "unreachable executed"
  /^Unreachable code should not be executed/, // JavaScriptCore
  /recursive use of an object detected/, // wasm-bindgen, poisoned instance
  /Module terminated/,
];

/** Whether an error message is a wasm trap or a poisoned-instance complaint. */
export function isTrapMessage(message) {
  const text = String(message || "").replace(/^(Uncaught )?(RuntimeError|Error): /, "");
  return TRAP_PATTERNS.some((p) => p.test(text));
}

/** Links a trap to the panic report with `fingerprint`: kept as a secondary entry of that
 * record, not counted as an error of its own. */
export function linkTrap(fingerprint, message, stack) {
  const traps = readList(TRAPS_KEY);
  traps.push({ fingerprint, kind: "trap", secondary: true, message: String(message), stack: String(stack || ""), time: Date.now() });
  writeList(TRAPS_KEY, traps.slice(-100));
  return mergeTraps().catch(() => {});
}

function mergeTraps() {
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

/** Listens for the trap that follows a panic (uncaught, or as a rejection) and links it. */
export function installTrapListener(windowMs) {
  if (globalThis.__gufoErrTrapListener || !globalThis.addEventListener) return;
  globalThis.__gufoErrTrapListener = true;
  const check = (error, message) => {
    const text = (error && error.message) || message;
    if (isWasmOverflow(error)) {
      // A relay module's overflow is the engine's to report (see relayFor); the others'
      // wait for their module's next start.
      if (!relayFor(error.stack)) keepRaw(error);
      return;
    }
    if (!isTrapMessage(text)) return;
    const fingerprint = panicFor(windowMs);
    if (fingerprint) linkTrap(fingerprint, text, error && error.stack);
  };
  globalThis.addEventListener("error", (event) => check(event.error, event.message));
  globalThis.addEventListener("unhandledrejection", (event) => check(event.reason, String(event.reason)));
}

const RAW_KEY = "gufo-err:raw";
const OVERFLOW_PATTERNS = [
  /^Maximum call stack size exceeded/, // V8, JavaScriptCore
  /^too much recursion/, // SpiderMonkey
  /^Out of bounds memory access/, // JavaScriptCore, when the Rust shadow stack runs out first
  /^index out of bounds/, // SpiderMonkey, the same
];

/** Whether an error is a stack overflow inside wasm (a wasm frame in its stack). */
export function isWasmOverflow(error) {
  if (!error || typeof error.stack !== "string" || !error.stack.includes("wasm-function[")) return false;
  return OVERFLOW_PATTERNS.some((p) => p.test(String(error.message || "")));
}

/** Keeps an error for the module's next start: the overflowed instance must not run again. */
export function keepRaw(error) {
  const raw = readList(RAW_KEY);
  raw.push({
    class: String(error.name || "Error"),
    message: String(error.message || ""),
    stack: String(error.stack || ""),
    time: Date.now(),
    page: globalThis.location ? String(globalThis.location.href) : "",
    agent: globalThis.navigator ? String(globalThis.navigator.userAgent) : "",
  });
  writeList(RAW_KEY, raw.slice(-20));
}

/** Takes the kept errors whose stack mentions `module` (a wasm module URL or name), and
 * those whose stack names no module at all (JavaScriptCore writes `<?>` when it drops
 * names): better reported by the next module to start than lost. */
export function takeRaw(module) {
  const raw = readList(RAW_KEY);
  const mine = raw.filter((r) => (module && r.stack.includes(module)) || !r.stack.includes(".wasm"));
  writeList(RAW_KEY, raw.filter((r) => !mine.includes(r)));
  return JSON.stringify(mine);
}

// The engine's side of the relay (`relay.js`, the snippet of Rust modules built without
// gufo-err's `engine` feature): their captures wait in localStorage until an engine takes
// them; the `name` sections of this page's stay in memory.
const RELAYED_KEY = "gufo-err:relayed";

function pageLoad() {
  if (!globalThis.__gufoErrPageLoad) globalThis.__gufoErrPageLoad = newEventId();
  return globalThis.__gufoErrPageLoad;
}

/** For the engine: takes every relayed capture waiting (each carries the names of the
 * functions its stack shows), and whether it happened on this page load (`thisPage`). */
export function takeRelayed() {
  const list = readList(RELAYED_KEY).concat(globalThis.__gufoErrRelayWaiting || []);
  globalThis.__gufoErrRelayWaiting = [];
  if (list.length === 0) return [];
  writeList(RELAYED_KEY, []);
  return list.map((capture) => ({ capture, thisPage: capture.pageLoad === pageLoad() }));
}

/** For the engine: the relay module a stack comes from (`globalThis.__gufoErrRelays`, filled
 * by `relay.js`; the latest instance first): the one whose URL the stack names, or whose own
 * name (JavaScriptCore's `app.wasm` for `app_bg.wasm`), or, when the stack names no module,
 * the only one. `{identity, names}` (its `name` section), or null. */
export function relayFor(stack) {
  const relays = (globalThis.__gufoErrRelays || []).slice().reverse(); // the latest first
  const text = String(stack || "");
  if (!text.includes("wasm-function[")) return null;
  // JavaScriptCore names a module by its `name` section (`app.wasm`), not its URL (`app_bg.wasm`).
  const ownName = (url) => `${url.split(/[?#]/)[0].split("/").pop().replace(/(_bg)?\.wasm$/, "")}.wasm`;
  const named = (name) => name && new RegExp(`(^|[@\\s(/])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:`).test(text);
  let relay = relays.find((r) => r.url && text.includes(r.url)) ||
    relays.find((r) => named(r.name || (r.url && ownName(r.url))));
  if (!relay && relays.length === 1 && !/[a-z]+:\/\/[^\s()@]*\.wasm/i.test(text)) relay = relays[0];
  if (!relay) return null;
  let names = null;
  try {
    const sections = WebAssembly.Module.customSections(relay.module, "name");
    if (sections.length > 0) names = new Uint8Array(sections[0]);
  } catch (e) {
    names = null;
  }
  return { identity: relay.identity, names };
}

/** For the engine: puts back a relayed capture it could not analyze now. */
export function keepRelayed(capture) {
  const list = readList(RELAYED_KEY);
  list.push(capture);
  writeList(RELAYED_KEY, list.slice(-100));
}
