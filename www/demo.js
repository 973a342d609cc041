// The demo page: runs each case in a fresh iframe (page.html from the test harness) and
// shows the reports gufo-err built there, grouped by fingerprint.
import init, { format_report, report_js_error } from "./pkg/gufo_err_panicker.js";

const PANICS = ["bounds", "unwrap_none", "expect_err", "deep_panic", "refcell", "overflow", "trait_impl", "stack_overflow"];
const JS_ERRORS = ["js_type_error", "js_class_method", "js_eval", "js_overflow", "js_async"];
const groups = new Map(); // fingerprint -> { report, count }
let selected = null;
let format = "terse";

function runInFrame(name) {
  return new Promise((resolve, reject) => {
    const frame = document.getElementById("runner");
    frame.src = `page.html?case=${encodeURIComponent(name)}&t=${Date.now()}`;
    const started = Date.now();
    const poll = setInterval(() => {
      const result = frame.contentWindow && frame.contentWindow.__result;
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

// Delivers a report to the collector (`err serve`, same origin) and shows its list.
async function deliver(json) {
  try {
    await fetch("/api/v1/errors", { method: "POST", body: json, keepalive: true });
  } catch (e) {
    document.getElementById("collector-state").textContent = "(unreachable)";
  }
  await refreshCollector();
}

async function refreshCollector() {
  const state = document.getElementById("collector-state");
  let rows;
  try {
    const response = await fetch("/api/v1/errors");
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
    meta.textContent = `${row.kind} · ×${row.count} · ${row.place}`;
    item.append(title, meta);
    list.append(item);
  }
}

function add(json) {
  deliver(json);
  const report = JSON.parse(json);
  const group = groups.get(report.fingerprint);
  if (group) group.count += 1;
  else groups.set(report.fingerprint, { report, json, count: 1 });
  selected = report.fingerprint;
}

async function run(name) {
  const result = await runInFrame(name);
  if (result.reports.length > 0) result.reports.forEach(add);
  else if (result.error) add(report_js_error(result.error.name, result.error.message, result.error.stack));
  render();
}

function render() {
  const list = document.getElementById("reports");
  list.replaceChildren();
  for (const [fingerprint, { report, count }] of groups) {
    const item = document.createElement("li");
    item.className = fingerprint === selected ? "selected" : "";
    const title = document.createElement("div");
    title.textContent = `${report.exception.class}: ${report.message}`;
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = `${report.kind} · ×${count} · ${fingerprint.slice(0, 8)}`;
    item.append(title, meta);
    item.addEventListener("click", () => { selected = fingerprint; render(); });
    list.append(item);
  }
  document.getElementById("count").textContent = groups.size ? `(${groups.size})` : "";
  const group = groups.get(selected);
  document.getElementById("output").textContent = group ? format_report(group.json, format) : "Click a button.";
}

function buttons(containerId, names) {
  const container = document.getElementById(containerId);
  for (const name of names) {
    const button = document.createElement("button");
    button.textContent = name.replace(/^js_/, "").replaceAll("_", " ");
    button.dataset.case = name;
    button.addEventListener("click", () => run(name).catch((e) => { document.getElementById("output").textContent = String(e); }));
    container.append(button);
  }
}

await init();
refreshCollector();
buttons("panics", PANICS);
buttons("js", JS_ERRORS);
for (const tab of document.querySelectorAll(".tabs button")) {
  tab.addEventListener("click", () => {
    format = tab.dataset.format;
    document.querySelectorAll(".tabs button").forEach((t) => t.classList.toggle("active", t === tab));
    render();
  });
}
