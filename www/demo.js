// The demo page: each button fails for real in a fresh iframe (page.html of the test
// harness: a Rust module using err::init(), or a JS error). Rust panics are stored and
// delivered by the module's own hook; JS errors by the npm package on this page. The list
// below is the page's IndexedDB store, shared by both; the collector list is `err serve`'s.
import { init, captureError, reports, format } from "./npm/index.js";

const PANICS = ["bounds", "unwrap_none", "expect_err", "deep_panic", "refcell", "overflow", "trait_impl", "stack_overflow"];
const JS_ERRORS = ["js_type_error", "js_class_method", "js_eval", "js_overflow", "js_async"];
const COLLECTOR = new URL("/api/v1/errors", location.href).href;
const VIEWER = "/viewer/";
let selected = null;

/** A link that opens one report in the viewer (which reads this origin's store and the collector). */
function viewerLink(fingerprint, source) {
  const link = document.createElement("a");
  link.className = "open-in-viewer";
  link.href = `${VIEWER}${source ? `?src=${encodeURIComponent(source)}` : ""}#/r/${encodeURIComponent(fingerprint)}`;
  link.textContent = "open in the viewer";
  link.addEventListener("click", (e) => e.stopPropagation());
  return link;
}
let kind = "terse";

function runInFrame(name) {
  return new Promise((resolve, reject) => {
    const frame = document.getElementById("runner");
    const src = new URL(`page.html?case=${encodeURIComponent(name)}&collector=${encodeURIComponent(COLLECTOR)}&t=${Date.now()}`, location.href).href;
    frame.src = src;
    const started = Date.now();
    const poll = setInterval(() => {
      // Until the new page has replaced the last one, the frame still shows the last result.
      const page = frame.contentWindow;
      const result = page && page.location.href === src && page.__result;
      if (result) {
        clearInterval(poll);
        resolve(result);
      } else if (Date.now() - started > 20000) {
        clearInterval(poll);
        reject(new Error(`${name}: no result`));
      }
    }, 50);
  });
}

async function run(name) {
  const result = await runInFrame(name);
  if (result.reports.length > 0) {
    selected = JSON.parse(result.reports[0]).fingerprint;
  } else if (result.error) {
    const report = captureError(result.error);
    if (report) selected = report.fingerprint;
  }
  // Give the store a moment to merge what the frame queued.
  setTimeout(render, 200);
}

async function render() {
  const stored = await reports();
  const list = document.getElementById("reports");
  list.replaceChildren();
  for (const record of stored) {
    const item = document.createElement("li");
    item.className = record.fingerprint === selected ? "selected" : "";
    const title = document.createElement("div");
    title.textContent = `${record.report.exception.class}: ${record.report.message}`;
    const meta = document.createElement("div");
    meta.className = "meta";
    const traps = (record.secondary || []).length;
    meta.textContent = `${record.report.kind} · ×${record.count}${traps ? ` · ${traps} trap${traps > 1 ? "s" : ""} linked` : ""} · ${record.fingerprint.slice(0, 8)} · `;
    meta.append(viewerLink(record.fingerprint));
    item.append(title, meta);
    item.addEventListener("click", () => {
      selected = record.fingerprint;
      render();
    });
    list.append(item);
  }
  document.getElementById("count").textContent = stored.length ? `(${stored.length})` : "";
  const current = stored.find((r) => r.fingerprint === selected);
  document.getElementById("output").textContent = current ? format(current.report, kind) : "Click a button.";
  await refreshCollector();
}

async function refreshCollector() {
  const state = document.getElementById("collector-state");
  let rows;
  try {
    const response = await fetch(COLLECTOR);
    if (!response.ok) throw new Error(String(response.status));
    rows = await response.json();
  } catch (e) {
    state.textContent = "(not running: serve this page with `err serve`)";
    return;
  }
  state.textContent = `(${rows.length})`;
  const list = document.getElementById("collector");
  list.replaceChildren();
  for (const row of rows) {
    const item = document.createElement("li");
    const title = document.createElement("div");
    title.textContent = `${row.class}: ${row.message}`;
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = `${row.kind} · ×${row.count} · ${row.place} · `;
    meta.append(viewerLink(row.fingerprint, COLLECTOR));
    item.append(title, meta);
    list.append(item);
  }
}

function buttons(containerId, names) {
  const container = document.getElementById(containerId);
  for (const name of names) {
    const button = document.createElement("button");
    button.textContent = name.replace(/^js_/, "").replaceAll("_", " ");
    button.dataset.case = name;
    button.addEventListener("click", () => run(name).catch((e) => {
      document.getElementById("output").textContent = String(e);
    }));
    container.append(button);
  }
}

await init({ name: "demo", version: "1.0.0", collector: COLLECTOR, rootModules: ["gufo_err_panicker"] });
buttons("panics", PANICS);
buttons("js", JS_ERRORS);
for (const tab of document.querySelectorAll(".tabs button")) {
  tab.addEventListener("click", () => {
    kind = tab.dataset.format;
    document.querySelectorAll(".tabs button").forEach((t) => t.classList.toggle("active", t === tab));
    render();
  });
}
render();
