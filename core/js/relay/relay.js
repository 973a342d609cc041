// gufo-err relay: the snippet of a Rust module whose `err::init()` is the relay hook (built
// without gufo-err's `engine` feature). The hook hands a panic here synchronously; the
// page's shared engine (the npm package `gufo-err`, registered as `engine` in the page's
// namespace `globalThis.__gufoErr` by its `init()`) analyzes, prints, stores and delivers it.
// Standalone: it shares with the runtime only the namespace and localStorage's keys.
// Until an engine is ready the capture waits in localStorage "gufo-err:relayed" with the
// names of its stack's functions, and the raw panic is printed at once.
// Nothing here calls back into wasm.

const RELAYED_KEY = "gufo-err:relayed";
const MAX_WAITING = 100;
/** @type {GufoErrIdentity} */
let identity = { name: "unknown", version: "unknown", roots: [], buildId: "" };

/** @type {GufoErrShared | null} */
let own = null;

/** The page's namespace, created by whichever gufo-err script comes first (a copy of the
 * runtime's `shared()`: see GufoErrShared in gufo-err.d.ts). */
function shared() {
  const found = globalThis.__gufoErr;
  if (!found) return (globalThis.__gufoErr = { v: 1 });
  if (found.v === 1) return found;
  return own || (own = { v: 1 });
}

function newId() {
  if (globalThis.crypto && globalThis.crypto.randomUUID) return globalThis.crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

// This page load, shared by every module on the page (and the engine's runtime).
function pageLoad() {
  const ns = shared();
  if (!ns.pageLoad) ns.pageLoad = newId();
  return ns.pageLoad;
}

/** Sets this module's identity for its panics, lets V8 keep deep stacks, and registers the
 * module in the namespace's `relays` (its URL, identity and module), so that the engine
 * reports what JavaScript sees of it uncaught (a stack overflow) under its identity.
 * @param {string} name
 * @param {string} version
 * @param {string} roots comma-separated
 * @param {string} buildId hex, or "" (then read from the module's `build_id` section)
 * @param {WebAssembly.Module} module
 */
export function relayConfigure(name, version, roots, buildId, module) {
  identity = { name, version, roots: roots ? roots.split(",") : [], buildId };
  // V8's own property: a number there keeps that many frames.
  const errors = /** @type {ErrorConstructor & {stackTraceLimit?: number}} */ (Error);
  errors.stackTraceLimit = Math.max(errors.stackTraceLimit || 0, 1000);
  // The module as stacks name it: its URL, or (JavaScriptCore) its own name, `app.wasm`.
  const stack = String(new Error().stack || "");
  const url = stack.match(/[a-z][a-z0-9+.-]*:\/\/[^\s()@]*?\.wasm(?=[:)\s]|$)/i);
  const own = url ? null : stack.match(/@([^\s@/]+\.wasm):wasm-function\[/);
  const ns = shared();
  const relays = (ns.relays = (ns.relays || []).filter((r) => r.module !== module));
  relays.push({ url: url ? url[0] : "", name: own ? own[1] : "", identity, module });
}

/** A reader of a wasm custom section's bytes: `leb()` reads an unsigned LEB128 number.
 * @param {Uint8Array} bytes
 */
function reader(bytes) {
  const r = { at: 0, leb: () => 0 };
  r.leb = () => {
    let value = 0;
    for (let shift = 0; r.at < bytes.length && shift < 35; shift += 7) {
      const byte = bytes[r.at++];
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
    }
    return value;
  };
  return r;
}

/** The module's `build_id` section as hex (its payload: a LEB128 length, then the bytes).
 * @param {WebAssembly.Module} module
 */
function buildIdOf(module) {
  const sections = WebAssembly.Module.customSections(module, "build_id");
  if (sections.length === 0) return "";
  const bytes = new Uint8Array(sections[0]);
  const r = reader(bytes);
  const length = r.leb();
  if (length === 0 || r.at + length > bytes.length) return "";
  return Array.from(bytes.subarray(r.at, r.at + length), (b) => b.toString(16).padStart(2, "0")).join("");
}

// The names the module's `name` section gives the functions a stack shows
// (`wasm-function[N]`): {N: name}. The section: subsections (id, size); subsection 1 is a
// vector of (index, name), LEB128 numbers and UTF-8 names.
/** @param {string} stack @param {Uint8Array} bytes @returns {Record<string, string>} */
function namesOf(stack, bytes) {
  const wanted = new Set(Array.from(stack.matchAll(/wasm-function\[(\d+)\]/g), (m) => Number(m[1])));
  /** @type {Record<string, string>} */
  const names = {};
  const r = reader(bytes);
  const text = new TextDecoder();
  while (r.at < bytes.length) {
    const id = bytes[r.at++];
    const end = r.leb() + r.at;
    if (id === 1) {
      for (let n = r.leb(); n > 0 && r.at < end; n--) {
        const index = r.leb();
        const length = r.leb();
        if (wanted.has(index)) names[index] = text.decode(bytes.subarray(r.at, r.at + length));
        r.at += length;
      }
    }
    r.at = end;
  }
  return names;
}

/** Called by the relay hook: captures the stack and the module's names, and hands them to
 * the engine, or keeps them for it.
 * @param {string} message
 * @param {string} file
 * @param {number} line
 * @param {number} column
 * @param {WebAssembly.Module} module
 */
export function relayPanic(message, file, line, column, module) {
  const ns = shared();
  /** @type {GufoErrCapture} */
  const capture = {
    kind: "panic", class: "panic", message, file, line, column,
    stack: String(new Error().stack || ""),
    time: Date.now(),
    page: globalThis.location ? String(globalThis.location.href) : "",
    agent: globalThis.navigator ? String(globalThis.navigator.userAgent) : "",
    module: identity,
  };
  let names = null;
  try {
    const sections = WebAssembly.Module.customSections(module, "name");
    if (sections.length > 0) names = new Uint8Array(sections[0]);
    if (!identity.buildId) capture.module = { ...identity, buildId: buildIdOf(module) };
  } catch (e) {
    names = null;
  }
  const engine = ns.engine;
  if (engine) {
    try {
      engine.relayed(capture, names, true);
      return;
    } catch (e) {
      console.error("gufo-err: the engine failed on a relayed panic; it is kept", e);
    }
  }
  // The raw panic now, as console_error_panic_hook prints it; the report when an engine is.
  console.error(`panicked at ${file}:${line}:${column}:\n${message}\n\nStack:\n\n${capture.stack}\n\n` +
    "(gufo-err: the page's engine is not loaded yet; the report follows when it is)");
  // The trap that follows belongs to this panic, whose fingerprint is not known yet.
  ns.lastPanic = { fingerprint: "", pending: true, time: Date.now() };
  // The names of the functions in the stack go with it (JavaScriptCore may print indexes
  // only, and the engine that takes it may run on another page).
  /** @type {GufoErrWaitingCapture} */
  const item = { ...capture, id: newId(), pageLoad: pageLoad(), names: names ? namesOf(capture.stack, names) : {} };
  try {
    const list = JSON.parse(globalThis.localStorage.getItem(RELAYED_KEY) || "[]");
    list.push(item);
    globalThis.localStorage.setItem(RELAYED_KEY, JSON.stringify(list.slice(-MAX_WAITING)));
  } catch (e) {
    // No localStorage (or over quota): the engine can still take it from this page.
    (ns.relayWaiting || (ns.relayWaiting = [])).push(item);
  }
}
