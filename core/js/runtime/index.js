// gufo-err browser runtime: everything that must keep working after a wasm panic.
//
// Rust code calls these functions synchronously from the panic hook with plain strings;
// nothing here ever calls back into wasm (the instance is poisoned once the hook returns).
// Every module using gufo-err on a page, and the npm package, share this store, and share
// in memory through `globalThis.__gufoErr` (shared.js).
//
// Storage (storage.js names every key):
//   localStorage "gufo-err:queue"   reports not yet merged into IndexedDB (written first, synchronously)
//   localStorage "gufo-err:outbox"  deliveries not yet acknowledged by the collector (or Sentry)
//   localStorage "gufo-err:sentry-limits"  Sentry's rate limits by category (Unix ms)
//   IndexedDB "gufo-err", store "reports" (keyPath "fingerprint", index "last_seen"):
//     { fingerprint, report (JSON text), count, first_seen, last_seen, events: [recent event ids] }
//
// Written as small ES modules in core/js/runtime/, one job each; index.js lists the public
// functions by the module that has them. core/js/runtime.js, the one snippet file
// wasm-bindgen copies, is those modules joined by `cargo xtask runtime`.

export { persist, reports, clear, setMaxReports } from "./store.js";
export { deliver, sendEnvelope, replay } from "./outbox.js";
export { overlay, reloadGuarded, callLater } from "./actions.js";
export { notePanic, panicFor, isTrapMessage, linkTrap, installTrapListener, isWasmOverflow, keepRaw, takeRaw } from "./traps.js";
export { registerEngine, takeRelayed, relayFor, keepRelayed, keepEarly, takeEarly } from "./relay-engine.js";
