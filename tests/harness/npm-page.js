// A JS app using the npm package, on the same page as a Rust module using err::init():
// uncaught errors, a rejection, a non-Error throw, captureError, and a Rust panic all go to
// one store. Leaves `window.__result`.
import { init, captureError, reports, clear, format, parseStack } from "./npm/index.js";
import initPanicker, { install, run } from "./pkg/gufo_err_panicker.js";

const params = new URLSearchParams(location.search);
const collector = params.get("collector") || undefined;
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class Cart {
  total() {
    return this.items.length; // site:npm_type_error
  }
}

/// `?evict=1`: a store bounded to two reports keeps the two seen last.
async function evict() {
  await init({ name: "shop", version: "2.0", maxReports: 2, console: false });
  await clear();
  // Each on its own line, so each has its own fingerprint.
  captureError(new Error("error number 1"));
  await settle(150);
  captureError(new Error("error number 2"));
  await settle(150);
  captureError(new Error("error number 3"));
  await settle(150);
  captureError(new Error("error number 4"));
  await settle(300);
  return { kept: (await reports()).map((r) => r.report.message) };
}

/// `?blocked=1`: another connection holds the database's creation open (as a page that died
/// while creating it can): reading the store gives up with the reason instead of hanging, a
/// report made meanwhile stays queued, and is stored once the database is free.
async function blocked() {
  // A fresh database, so that the holder below is the one creating it.
  await new Promise((resolve) => {
    const deletion = indexedDB.deleteDatabase("gufo-err");
    deletion.onsuccess = deletion.onerror = deletion.onblocked = resolve;
  });
  localStorage.removeItem("gufo-err:queue");
  let spinning = true;
  const holder = indexedDB.open("gufo-err", 1);
  holder.onupgradeneeded = () => {
    const store = holder.result.createObjectStore("reports", { keyPath: "fingerprint" });
    store.createIndex("last_seen", "last_seen");
    // Requests one after another keep the upgrade transaction from ever finishing.
    const spin = () => {
      if (spinning) store.get("spin").onsuccess = spin;
    };
    spin();
  };
  await settle(100);
  await init({ name: "shop", version: "2.0", console: false });
  const started = performance.now();
  captureError(new Error("made while the store is held"));
  let first;
  try {
    await reports();
    first = { outcome: "resolved" };
  } catch (error) {
    first = { outcome: "rejected", reason: String(error), ms: Math.round(performance.now() - started) };
  }
  const queued = JSON.parse(localStorage.getItem("gufo-err:queue") || "[]").length;
  spinning = false;
  await settle(500);
  holder.result.close();
  const stored = await reports();
  return { first, queued, stored: stored.map((r) => [r.report.message, r.count]) };
}

async function main() {
  if (params.get("evict")) return evict();
  if (params.get("blocked")) return blocked();
  Error.stackTraceLimit = 1000;
  await init({
    name: "shop",
    version: "2.0",
    collector,
    format: "terse",
    rootModules: ["gufo_err_panicker"],
    beforeSend: (report) => (report.message.includes("dropped") ? null : report),
  });
  await clear();
  const logged = [];
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    logged.push(args.map(String).join(" "));
    consoleError(...args);
  };
  // Uncaught, from a timer: reaches the `error` listener.
  setTimeout(() => new Cart().total(), 0);
  // A rejection nobody handles.
  Promise.reject(new RangeError("quota exceeded"));
  // Something thrown that is not an Error.
  setTimeout(() => {
    throw "plain string thrown";
  }, 0);
  await settle(300);
  const filtered = captureError(new Error("dropped by beforeSend"));
  const direct = captureError(new SyntaxError("caught and reported"));
  // A Rust module on the same page panics; the trap that follows is linked, not counted.
  await initPanicker();
  install(undefined, undefined, undefined);
  setTimeout(() => run("bounds"), 0);
  await settle(800);
  const stored = await reports();
  return {
    kinds: stored.map((r) => [r.report.kind, r.report.exception.class, r.report.message, r.count, (r.secondary || []).length, r.fingerprint, r.report.engine]),
    typeError: stored.filter((r) => r.report.exception.class === "TypeError").map((r) => r.report)[0] || null,
    terse: direct ? format(direct, "terse") : "",
    parsed: parseStack("Error\n    at f (http://x/a.js:1:2)\n    at g (http://x/a.js:3:4)"),
    logged,
    filtered,
  };
}

main().then(
  (result) => {
    window.__result = result;
    document.getElementById("status").textContent = "done";
  },
  (error) => {
    window.__result = { failure: String((error && error.stack) || error) };
  },
);
