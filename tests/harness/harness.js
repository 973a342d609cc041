// Runs the case named by `?case=` and leaves the outcome in `window.__result`.
import init, { install, run } from "./pkg/gufo_err_panicker.js";
import { jsCases, describe } from "./cases.js";

const name = new URLSearchParams(location.search).get("case");

async function main() {
  Error.stackTraceLimit = 1000;
  if (name in jsCases) {
    return { case: name, reports: [], error: describe(await jsCases[name]()) };
  }
  await init();
  install();
  let thrown = null;
  try {
    run(name);
  } catch (error) {
    thrown = describe(error);
  }
  return { case: name, reports: globalThis.__gufoReports || [], error: thrown };
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
