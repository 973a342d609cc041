// The engine's side of the relay (`relay.js`, the snippet of Rust modules built without
// gufo-err's `engine` feature): their captures wait in localStorage until an engine takes
// them; the relay modules of this page are listed in the shared namespace, with their
// `WebAssembly.Module` (whose `name` section names their frames).

import { shared } from "./shared.js";
import { EARLY_KEY, RELAYED_KEY, newEventId, readList, removeList, writeList } from "./storage.js";

/** This page load's id, shared with `relay.js` (which may set it first). */
function pageLoad() {
  const ns = shared();
  if (!ns.pageLoad) ns.pageLoad = newEventId();
  return ns.pageLoad;
}

/** For the engine (the npm package's `init()`): registers it as the page's engine, which
 * relay modules hand their panics to from now on (`relay.js` `relayPanic`).
 * @param {GufoErrEngine} engine
 */
export function registerEngine(engine) {
  shared().engine = engine;
}

/** For the engine: takes every relayed capture waiting (each carries the names of the
 * functions its stack shows), and whether it happened on this page load (`thisPage`).
 * @returns {{capture: GufoErrWaitingCapture, thisPage: boolean}[]}
 */
export function takeRelayed() {
  const ns = shared();
  /** @type {GufoErrWaitingCapture[]} */
  const list = readList(RELAYED_KEY).concat(ns.relayWaiting || []);
  ns.relayWaiting = [];
  if (list.length === 0) return [];
  writeList(RELAYED_KEY, []);
  return list.map((capture) => ({ capture, thisPage: capture.pageLoad === pageLoad() }));
}

/** For the engine: the relay module a stack comes from (the shared namespace's `relays`,
 * filled by `relay.js`; the latest instance first): the one whose URL the stack names, or
 * whose own name (JavaScriptCore's `app.wasm` for `app_bg.wasm`), or, when the stack names
 * no module, the only one. `{identity, names}` (its `name` section), or null.
 * @param {string | undefined} stack
 * @returns {{identity: GufoErrIdentity, names: Uint8Array | null} | null}
 */
export function relayFor(stack) {
  const relays = (shared().relays || []).slice().reverse(); // the latest first
  const text = String(stack || "");
  if (!text.includes("wasm-function[")) return null;
  // JavaScriptCore names a module by its `name` section (`app.wasm`), not its URL (`app_bg.wasm`).
  /** @param {string} url */
  const ownName = (url) => `${(url.split(/[?#]/)[0].split("/").pop() || "").replace(/(_bg)?\.wasm$/, "")}.wasm`;
  /** @param {string} name */
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

/** For the npm package: keeps a JS error it caught before its engine was ready (in
 * localStorage, or memory where that fails), with this page load's id.
 * @param {object} raw
 */
export function keepEarly(raw) {
  const list = readList(EARLY_KEY);
  list.push({ ...raw, pageLoad: pageLoad() });
  writeList(EARLY_KEY, list.slice(-50));
}

/** For the npm package, once its engine is ready: takes every error kept by `keepEarly`
 * (this page's and earlier pages'), and whether it happened on this page load.
 * @returns {{raw: any, thisPage: boolean}[]}
 */
export function takeEarly() {
  const list = readList(EARLY_KEY);
  if (list.length > 0) removeList(EARLY_KEY);
  return list.map((raw) => ({ raw, thisPage: raw.pageLoad === pageLoad() }));
}

/** For the engine: puts back a relayed capture it could not analyze now.
 * @param {GufoErrWaitingCapture} capture
 */
export function keepRelayed(capture) {
  const list = readList(RELAYED_KEY);
  list.push(capture);
  writeList(RELAYED_KEY, list.slice(-100));
}
