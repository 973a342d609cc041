// Runs the case named by `?case=` and leaves the outcome in `window.__result`.
//
//   collector=URL   deliver reports to this collector too
//   sentry=DSN      send Sentry envelopes to this DSN too
//   uncaught=1      let the trap after a panic reach `window` (for trap correlation)
//   leave=1         leave the page right after the panic (for the no-loss test)
//   case=none       only load gufo-err (it replays what earlier pages left behind)
//   hook=KIND       a foreign panic hook instead of `install` (see install_foreign_hook);
//                   what it prints is in the result's `console`
import init, { install, install_foreign_hook, run } from "./pkg/gufo_err_panicker.js";
import { jsCases, describe } from "./cases.js";

const params = new URLSearchParams(location.search);
const name = params.get("case");
const collector = params.get("collector");
const sentry = params.get("sentry");

window.__consoleErrors = [];
const consoleError = console.error.bind(console);
console.error = (...args) => {
  window.__consoleErrors.push(args.map(String).join(" "));
  consoleError(...args);
};

async function main() {
  Error.stackTraceLimit = 1000;
  if (name === "blank") {
    return { case: name, reports: [], error: null };
  }
  if (name in jsCases) {
    return { case: name, reports: [], error: describe(await jsCases[name]()) };
  }
  await init();
  const fail = params.get("fail") || undefined;
  const hook = params.get("hook");
  if (hook) {
    if (!install_foreign_hook(hook)) throw new Error(`unknown hook ${hook}`);
  } else {
    install(collector || undefined, fail, (report) => {
      window.__failCallback = report.fingerprint;
    }, sentry || undefined);
  }
  if (name === "none") {
    return { case: name, reports: [], error: null };
  }
  if (params.get("uncaught")) {
    // The trap goes to window's error listeners, as in an app that does not catch it.
    setTimeout(() => run(name), 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { case: name, reports: globalThis.__gufoReports || [], error: null };
  }
  let thrown = null;
  try {
    run(name);
  } catch (error) {
    thrown = describe(error);
  }
  if (params.get("leave")) {
    location.replace("about:blank");
  }
  return { case: name, reports: globalThis.__gufoReports || [], error: thrown, console: window.__consoleErrors };
}

main().then(
  (result) => {
    window.__result = result;
    document.getElementById("status").textContent = "done";
  },
  (error) => {
    window.__result = { case: name, failure: String(error && error.stack || error) };
  },
);
