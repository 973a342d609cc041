// Errors before the npm package's engine is ready. Leaves `window.__result`.
//
//   phase=tick    a TypeError thrown and a RangeError rejected in the same tick as init():
//                 reported on this page once the engine is ready
//   phase=leave   the same, on a page whose engine never loads (a wasm URL that is not
//                 there), then straight to phase=after
//   phase=after   the engine starts and reports what the last page kept
import { init, reports } from "./npm/index.js";

const params = new URLSearchParams(location.search);
const phase = params.get("phase") || "tick";
const collector = params.get("collector") || undefined;
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function done(result) {
  window.__result = result;
  document.getElementById("status").textContent = "done";
}

async function stored() {
  await settle(1000);
  const records = await reports();
  return records.map((r) => ({ class: r.report.exception.class, message: r.report.message, count: r.count, page: r.report.page_url, engine: r.report.engine }));
}

if (phase === "after") {
  init({ name: "early", collector }).then(stored).then((records) => done({ records }), (e) => done({ failure: String(e) }));
} else {
  const wasmUrl = phase === "leave" ? "./npm/not-there.wasm" : undefined;
  init({ name: "early", collector, wasmUrl }).then(
    () => stored().then((records) => done({ records })),
    () => {
      // The engine never loaded: what was thrown waits for a page where it does.
      const kept = JSON.parse(localStorage.getItem("gufo-err:early") || "[]").length;
      location.replace(`early.html?phase=after&kept=${kept}${collector ? `&collector=${encodeURIComponent(collector)}` : ""}`);
    },
  );
  Promise.reject(new RangeError("rejected in the same tick as init()"));
  throw new TypeError("thrown in the same tick as init()"); // site:early_type_error
}
