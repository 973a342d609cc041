// What follows a panic: the trap (or the poisoned instance's complaints) that the page sees
// as an uncaught error, linked to the panic's record instead of counted on its own; and the
// uncaught wasm stack overflows, which no hook sees, kept for their module's next start
// (or, for a relay module, handed to the engine).

import { shared } from "./shared.js";
import { LAST_PANIC_KEY, RAW_KEY, TRAPS_KEY, readList, storage, writeList } from "./storage.js";
import { mergeTraps } from "./store.js";
import { relayFor } from "./relay-engine.js";

const TRAP_PATTERNS = [
  /^unreachable/i, // V8 "unreachable", SpiderMonkey "unreachable executed"
  /^Unreachable code should not be executed/, // JavaScriptCore
  /recursive use of an object detected/, // wasm-bindgen, poisoned instance
  /Module terminated/,
  // wasm-bindgen, after `restart_after_panic`: the old instance's closures and objects
  /Cannot invoke closure from previous WASM instance/,
  /Invalid stale object from previous Wasm instance/,
];

const OVERFLOW_PATTERNS = [
  /^Maximum call stack size exceeded/, // V8, JavaScriptCore
  /^too much recursion/, // SpiderMonkey
  /^Out of bounds memory access/, // JavaScriptCore, when the Rust shadow stack runs out first
  /^index out of bounds/, // SpiderMonkey, the same
];

/** Remembers the fingerprint of a panic, for the trap that follows it.
 * @param {string} fingerprint
 */
export function notePanic(fingerprint) {
  const last = { fingerprint, time: Date.now() };
  shared().lastPanic = last;
  const s = storage();
  if (s) {
    try {
      s.setItem(LAST_PANIC_KEY, JSON.stringify(last));
    } catch (e) {
      // nothing to do
    }
  }
}

/** The fingerprint of the panic a trap (or a poisoned-instance error) belongs to, if recent
 * ("pending" for a relayed panic whose report the engine has not built yet), or "".
 * @param {number} windowMs
 * @returns {string}
 */
export function panicFor(windowMs) {
  const last = shared().lastPanic;
  if (last && Date.now() - last.time <= windowMs) return last.fingerprint || (last.pending ? "pending" : "");
  return "";
}

/** Whether an error message is a wasm trap or a poisoned-instance complaint.
 * @param {unknown} message
 */
export function isTrapMessage(message) {
  const text = String(message || "").replace(/^(Uncaught )?(RuntimeError|Error): /, "");
  return TRAP_PATTERNS.some((p) => p.test(text));
}

/** Links a trap to the panic report with `fingerprint`: kept as a secondary entry of that
 * record, not counted as an error of its own.
 * @param {string} fingerprint
 * @param {unknown} message
 * @param {unknown} stack
 * @returns {Promise<void>}
 */
export function linkTrap(fingerprint, message, stack) {
  const traps = readList(TRAPS_KEY);
  traps.push({ fingerprint, kind: "trap", secondary: true, message: String(message), stack: String(stack || ""), time: Date.now() });
  writeList(TRAPS_KEY, traps.slice(-100));
  return mergeTraps().catch(() => {});
}

/** Listens for the trap that follows a panic (uncaught, or as a rejection) and links it;
 * keeps uncaught wasm stack overflows. Once per page, whichever runtime comes first.
 * @param {number} windowMs how long after a panic a trap belongs to it
 */
export function installTrapListener(windowMs) {
  const ns = shared();
  if (ns.trapListener || !globalThis.addEventListener) return;
  ns.trapListener = true;
  /** @param {any} error @param {string} message */
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

/** Whether an error is a stack overflow inside wasm (a wasm frame in its stack).
 * @param {any} error
 * @returns {boolean}
 */
export function isWasmOverflow(error) {
  if (!error || typeof error.stack !== "string" || !error.stack.includes("wasm-function[")) return false;
  return OVERFLOW_PATTERNS.some((p) => p.test(String(error.message || "")));
}

/** Keeps an error for the module's next start: the overflowed instance must not run again.
 * @param {any} error
 */
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
 * names): better reported by the next module to start than lost.
 * @param {string} module
 * @returns {string} a JSON list of `{class, message, stack, time, page, agent}`
 */
export function takeRaw(module) {
  /** @type {{stack: string}[]} */
  const raw = readList(RAW_KEY);
  const mine = raw.filter((r) => (module && r.stack.includes(module)) || !r.stack.includes(".wasm"));
  writeList(RAW_KEY, raw.filter((r) => !mine.includes(r)));
  return JSON.stringify(mine);
}
