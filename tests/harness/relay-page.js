// Two builds of one Rust app on a page with the npm package: `relay-app` (err::init() as
// the relay hook, analyzed by the page's engine) and `engine-app` (the pipeline in the
// module). Leaves `window.__result`.
//
//   ?phase=live   a relay panic before the engine is ready, one after (uncaught, so its trap
//                 reaches the listeners), then the engine-in-module build's: one record;
//                 then an uncaught stack overflow in the relay module.
//   ?phase=leave  a relay panic with no engine on the page, then straight to ?phase=after.
//   ?phase=after  the engine starts and reports what the last page left waiting.
import { init, reports, clear } from "./npm/index.js";

const params = new URLSearchParams(location.search);
const phase = params.get("phase") || "live";
const collector = params.get("collector") || undefined;
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const logged = [];
const consoleError = console.error.bind(console);
console.error = (...args) => {
  logged.push(args.map(String).join(" "));
  consoleError(...args);
};

// A fresh instance of a build (a panic poisons its instance).
let fresh = 0;
async function instance(build) {
  fresh += 1;
  const app = await import(`./${build}/gufo_err_size_app.js?instance=${fresh}`);
  await app.default();
  return app;
}

function panicNow(app) {
  try {
    app.total([3, 4], [0, 7]);
  } catch (error) {
    return String(error);
  }
  return "no trap";
}

const waiting = () => JSON.parse(localStorage.getItem("gufo-err:relayed") || "[]").length;

async function stored() {
  return (await reports()).map((r) => ({ ...r, report: r.report }));
}

async function live() {
  await clear();
  const before = await instance("relay-app");
  const firstTrap = panicNow(before);
  const waitingBefore = waiting();
  // The capture waits with the names of the functions its stack shows (for another page).
  const waitingNames = Object.values(JSON.parse(localStorage.getItem("gufo-err:relayed") || "[]")[0]?.names || {});
  const loggedBefore = logged.slice();
  const failed = [];
  await init({ format: "terse", collector, console: true, failFast: ["panic"], failAction: (report) => failed.push(report.fingerprint) });
  await settle(300);
  const afterInit = await stored();
  const loggedAtInit = logged.length;
  // Uncaught: the trap reaches the page's listeners.
  const again = await instance("relay-app");
  setTimeout(() => again.total([3, 4], [0, 7]), 0);
  await settle(500);
  const loggedLive = logged.slice(loggedAtInit);
  const inModule = await instance("engine-app");
  const moduleTrap = panicNow(inModule);
  await settle(800);
  const records = await stored();
  // A stack overflow inside the relay module, uncaught: the engine reports it as the module's.
  const deep = await instance("relay-app");
  setTimeout(() => deep.overflow(0), 0);
  await settle(1500);
  const overflows = (await stored()).filter((r) => r.report.kind === "stack-overflow");
  return {
    firstTrap, moduleTrap, waitingBefore, waitingNames, loggedBefore, loggedLive,
    afterInit: afterInit.map((r) => r.count),
    records,
    overflows,
    raw: JSON.parse(localStorage.getItem("gufo-err:raw") || "[]").length,
    failed,
    waitingAfter: waiting(),
  };
}

async function leave() {
  await clear();
  const app = await instance("relay-app");
  panicNow(app);
  const left = waiting();
  location.replace(`relay.html?phase=after&left=${left}`);
  return null;
}

async function after() {
  await init({ format: "terse", console: true });
  await settle(300);
  return { left: Number(params.get("left")), records: await stored(), waitingAfter: waiting() };
}

const run = { live, leave, after }[phase];
run().then(
  (result) => {
    if (result === null) return;
    window.__result = result;
    document.getElementById("status").textContent = "done";
  },
  (error) => {
    window.__result = { failure: String((error && error.stack) || error) };
  },
);
