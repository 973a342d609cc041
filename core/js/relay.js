// gufo-err relay: the snippet of a Rust module whose `err::init()` is the relay hook (built
// without gufo-err's `engine` feature). The hook hands a panic here synchronously; the
// page's shared engine (the npm package `gufo-err`, registered as
// `globalThis.__gufoErrEngine` by its `init()`) analyzes, prints, stores and delivers it.
// Until an engine is ready the capture waits in localStorage "gufo-err:relayed" with the
// names of its stack's functions, and the raw panic is printed at once.
// Nothing here calls back into wasm.

const RELAYED_KEY = "gufo-err:relayed";
const MAX_WAITING = 100;
let identity = { name: "unknown", version: "unknown", roots: [], buildId: "" };

function newId() {
  if (globalThis.crypto && globalThis.crypto.randomUUID) return globalThis.crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}`;
}

// This page load, shared by every module on the page (and the engine's runtime).
function pageLoad() {
  if (!globalThis.__gufoErrPageLoad) globalThis.__gufoErrPageLoad = newId();
  return globalThis.__gufoErrPageLoad;
}

/** Sets this module's identity for its panics, lets V8 keep deep stacks, and registers the
 * module in `globalThis.__gufoErrRelays` (its URL, identity and module), so that the engine
 * reports what JavaScript sees of it uncaught (a stack overflow) under its identity. */
export function relayConfigure(name, version, roots, buildId, module) {
  identity = { name, version, roots: roots ? roots.split(",") : [], buildId };
  if (globalThis.Error) Error.stackTraceLimit = Math.max(Error.stackTraceLimit || 0, 1000);
  // The module as stacks name it: its URL, or (JavaScriptCore) its own name, `app.wasm`.
  const stack = String(new Error().stack || "");
  const url = stack.match(/[a-z][a-z0-9+.-]*:\/\/[^\s()@]*?\.wasm(?=[:)\s]|$)/i);
  const own = url ? null : stack.match(/@([^\s@/]+\.wasm):wasm-function\[/);
  const relays = (globalThis.__gufoErrRelays = (globalThis.__gufoErrRelays || []).filter((r) => r.module !== module));
  relays.push({ url: url ? url[0] : "", name: own ? own[1] : "", identity, module });
}

// A reader of a wasm custom section's bytes: `leb()` reads an unsigned LEB128 number.
function reader(bytes) {
  const r = { at: 0 };
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

// The module's `build_id` section as hex (its payload: a LEB128 length, then the bytes).
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
function namesOf(stack, bytes) {
  const wanted = new Set(Array.from(stack.matchAll(/wasm-function\[(\d+)\]/g), (m) => Number(m[1])));
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
 * the engine, or keeps them for it. */
export function relayPanic(message, file, line, column, module) {
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
  const engine = globalThis.__gufoErrEngine;
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
  globalThis.__gufoErrLastPanic = { fingerprint: "", pending: true, time: Date.now() };
  // The names of the functions in the stack go with it (JavaScriptCore may print indexes
  // only, and the engine that takes it may run on another page).
  const item = { ...capture, id: newId(), pageLoad: pageLoad(), names: names ? namesOf(capture.stack, names) : {} };
  try {
    const list = JSON.parse(globalThis.localStorage.getItem(RELAYED_KEY) || "[]");
    list.push(item);
    globalThis.localStorage.setItem(RELAYED_KEY, JSON.stringify(list.slice(-MAX_WAITING)));
  } catch (e) {
    // No localStorage (or over quota): the engine can still take it from this page.
    if (!globalThis.__gufoErrRelayWaiting) globalThis.__gufoErrRelayWaiting = [];
    globalThis.__gufoErrRelayWaiting.push(item);
  }
}
