// gufo-err for JavaScript apps: the engine (Rust, compiled to wasm) behind a small API.
//
//   import { init, captureError, reports, clear, format, parseStack } from "gufo-err";
//   await init({ name: "shop", version: "1.4.2", collector: "/api/v1/errors" });
//
// init() installs `error` and `unhandledrejection` listeners at once, before its first
// `await` (existing handlers keep working): what is thrown while the engine loads (or on a
// page where it never does) is kept raw, in memory and in localStorage, and reported once
// the engine is ready, on this page or the next. It replays what an earlier page left in the
// store or outbox. It is also the
// shared engine of the page's Rust modules built with the relay hook (`err::init()` without
// gufo-err's `engine` feature): their panics are analyzed, printed, stored and delivered
// here, with this init's options and each module's own name, version and roots.
import initEngine, { configure, buildReport, buildRelayed, dispatch, formatReport, parseStack as parseRaw } from "./gufo_err_wasm.js";
import * as runtime from "./runtime.js";

const TRAP_WINDOW_MS = 10000;
const DEFAULTS = {
  name: "unknown",
  version: "unknown",
  collector: null,
  format: "terse",
  console: true,
  rootModules: [],
  sampleRate: 1,
  maxPerMinute: 60,
  maxReports: 1000,
  beforeSend: null,
  failFast: "never",
  failAction: "none",
  wasmUrl: undefined,
};

let options = null;
let sent = [];
let listening = false;

/** Listens for errors and rejections; before the engine is ready they are kept raw. */
function listen() {
  if (listening || !globalThis.addEventListener) return;
  listening = true;
  globalThis.addEventListener("error", (event) => {
    onGlobal(event.error !== undefined && event.error !== null ? event.error : event.message, "js-error");
  });
  globalThis.addEventListener("unhandledrejection", (event) => onGlobal(event.reason, "unhandled-rejection"));
}

function onGlobal(thrown, kind) {
  if (options === null) keepEarly(describe(thrown, false), kind);
  else capture(thrown, kind, false);
}

/** Keeps an error raw until the engine is ready (the runtime keeps it in localStorage,
 * or memory: the page may die first).
 * @param {{cls: string, message: string, stack: string}} described
 * @param {string} kind
 */
function keepEarly(described, kind) {
  runtime.keepEarly({
    ...described,
    kind,
    time: Date.now(),
    page: globalThis.location ? String(globalThis.location.href) : "",
    agent: globalThis.navigator ? String(globalThis.navigator.userAgent) : "",
  });
}

/** Loads the engine and installs the global handlers. Safe to call again (options change). */
export async function init(userOptions = {}) {
  const first = options === null;
  // Before the first `await`: an error thrown in this tick is caught and kept.
  listen();
  await initEngine(userOptions.wasmUrl ? { module_or_path: userOptions.wasmUrl } : undefined);
  options = { ...DEFAULTS, ...userOptions };
  // The Rust handler does the rest, as in a Rust module: console format, store, collector,
  // fail-fast policies and action.
  configure(
    String(options.name),
    String(options.version),
    options.rootModules.map(String),
    options.console ? String(options.format) : undefined,
    options.collector ? String(options.collector) : undefined,
    options.failFast,
    options.failAction,
  );
  runtime.setMaxReports(options.maxReports);
  runtime.installTrapListener(TRAP_WINDOW_MS);
  runtime.registerEngine({ relayed });
  // What the page's Rust modules relayed before the engine was ready (here or on an
  // earlier page of this origin).
  for (const { capture: waiting, thisPage } of runtime.takeRelayed()) {
    try {
      relayed(waiting, null, thisPage);
    } catch (e) {
      runtime.keepRelayed(waiting);
    }
  }
  // What was thrown before the engine was ready, here or on an earlier page.
  if (first) {
    for (const { raw, thisPage } of runtime.takeEarly()) {
      report(raw, raw.kind, thisPage, raw);
    }
  }
  return runtime.replay();
}

/** A panic (or wasm stack overflow) a Rust module's relay hook captured: reported like an
 * error of this app, under the module's identity. `live`: it happened just now, on this
 * page (the fail-fast action may run and the trap that follows is linked to it). */
function relayed(raw, names, live) {
  let report = JSON.parse(buildRelayed(JSON.stringify(raw), names || undefined));
  if (options.beforeSend) {
    report = options.beforeSend(report);
    if (!report) return null;
  }
  return emit(report, live);
}

/** The class, message and stack of anything thrown (errors, strings, objects, null).
 * A non-Error has no stack: `callerStack` takes the caller's (for captureError), else none
 * (in a global listener the stack would only show the engine's event dispatch). */
function describe(thrown, callerStack) {
  if (thrown && typeof thrown === "object" && typeof thrown.stack === "string") {
    return { cls: String(thrown.name || (thrown.constructor && thrown.constructor.name) || "Error"), message: String(thrown.message || ""), stack: thrown.stack };
  }
  let message;
  try {
    message = typeof thrown === "string" ? thrown : JSON.stringify(thrown);
  } catch (e) {
    message = String(thrown);
  }
  if (!callerStack) return { cls: "NonError", message: String(message), stack: "" };
  const own = import.meta.url;
  const stack = String(new Error().stack || "").split("\n").filter((line) => !line.includes(own)).join("\n");
  return { cls: "NonError", message: String(message), stack };
}

function allowedByRate() {
  const now = Date.now();
  sent = sent.filter((t) => now - t < 60000);
  if (sent.length >= options.maxPerMinute) return false;
  sent.push(now);
  return true;
}

/** Reports an error (anything thrown); returns the report, or null when filtered out. */
export function captureError(thrown, kind = "js-error") {
  return capture(thrown, kind, true);
}

function capture(thrown, kind, callerStack) {
  if (options === null) throw new Error("gufo-err: call init() first");
  const described = describe(thrown, callerStack);
  const relay = runtime.isWasmOverflow(thrown) ? runtime.relayFor(described.stack) : null;
  if (relay) {
    const page = globalThis.location ? String(globalThis.location.href) : "";
    const agent = globalThis.navigator ? String(globalThis.navigator.userAgent) : "";
    const { cls, message, stack } = described;
    return relayed({ kind, class: cls, message, stack, time: Date.now(), page, agent, module: relay.identity }, relay.names, true);
  }
  return report(described, kind, true, null);
}

/** The report of a described error (`early`: one kept raw before the engine was ready, with
 * its own time, page and agent); null when filtered out.
 * @param {{cls: string, message: string, stack: string}} described
 * @param {string} kind
 * @param {boolean} live
 * @param {{time: number, page: string, agent: string} | null} early
 */
function report(described, kind, live, early) {
  const { cls, message, stack } = described;
  // The trap after a Rust panic belongs to the panic's report.
  if (runtime.isTrapMessage(message) && runtime.panicFor(TRAP_WINDOW_MS)) return null;
  if (Math.random() >= options.sampleRate || !allowedByRate()) return null;
  const here = globalThis.location ? String(globalThis.location.href) : undefined;
  const agentHere = globalThis.navigator ? String(globalThis.navigator.userAgent) : undefined;
  const page = early ? early.page || undefined : here;
  const agent = early ? early.agent || undefined : agentHere;
  let built = JSON.parse(buildReport(kind, cls, message, stack, page, agent, early ? early.time : undefined));
  if (options.beforeSend) {
    built = options.beforeSend(built);
    if (!built) return null;
  }
  return emit(built, live);
}

/** Prints, stores and delivers a report through the Rust handler; runs the fail-fast
 * action if `live`. */
function emit(report, live) {
  const json = JSON.stringify(report);
  try {
    dispatch(json, live);
  } catch (e) {
    // A report that beforeSend left unreadable is still kept, and the reason said once.
    console.error(`gufo-err: the report cannot be read (${e && e.message}); stored as it is`);
    runtime.persist(json);
  }
  return report;
}

/** The stored reports (every module's on this origin), most recently seen first. */
export async function reports() {
  const records = await runtime.reports();
  return records.map((r) => ({ ...r, report: JSON.parse(r.report) }));
}

/** Removes every stored report and pending delivery (and errors kept for the engine). */
export function clear() {
  return runtime.clear();
}

/** Renders a report: "terse", "extend" or "json". */
export function format(report, kind = "terse") {
  return formatReport(typeof report === "string" ? report : JSON.stringify(report), kind);
}

/** Parses a raw stack of any engine into `{engine, message, frames}`. */
export function parseStack(text) {
  return JSON.parse(parseRaw(String(text)));
}
