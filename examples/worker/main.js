// The page: starts a worker of the kind `?kind=dedicated|shared|service` (default
// dedicated) with the build `?build=engine|relay|js` (default engine), and sends it work.
// The page is a JavaScript app with gufo-err too: its `init()` also sends what a worker
// that is gone left in the outbox. `window.workerDemo` is the page's handle on the worker.
import { init } from "./npm/index.js";

const params = new URLSearchParams(location.search);
const kind = params.get("kind") || "dedicated";
const build = params.get("build") || "engine";
const script = `${kind}.js?build=${build}`;
const result = document.getElementById("result");
document.getElementById("kind").textContent = kind;
document.getElementById("build").textContent = build;

await init({ name: "worker-page", collector: "/api/v1/errors" });

/** @type {Map<number, (value: unknown) => void>} */
const waiting = new Map();
let nextId = 0;
const onReply = (/** @type {MessageEvent} */ event) => {
  const resolve = waiting.get(event.data.id);
  waiting.delete(event.data.id);
  if (resolve) resolve(event.data.result);
};

/** @returns {Promise<{post: (m: object) => void, terminate: () => void}>} */
async function connect() {
  if (kind === "shared") {
    const worker = new SharedWorker(script, { type: "module" });
    worker.port.onmessage = onReply;
    return { post: (m) => worker.port.postMessage(m), terminate: () => worker.port.close() };
  }
  if (kind === "service") {
    const registration = await navigator.serviceWorker.register(script, { type: "module", scope: "./" });
    navigator.serviceWorker.onmessage = onReply;
    const worker = registration.installing || registration.waiting || registration.active;
    if (worker && worker.state !== "activated") {
      await new Promise((resolve) => worker.addEventListener("statechange", () => worker.state === "activated" && resolve(null)));
    }
    const active = registration.active;
    return { post: (m) => active && active.postMessage(m), terminate: () => registration.unregister() };
  }
  const worker = new Worker(script, { type: "module" });
  worker.onmessage = onReply;
  // A panic's trap, uncaught in the worker, reaches the page as the worker's error event.
  worker.onerror = (event) => {
    event.preventDefault();
    result.textContent = `The worker failed: ${event.message}`;
  };
  return { post: (m) => worker.postMessage(m), terminate: () => worker.terminate() };
}

const worker = await connect();

/** Sends a message; resolves with the answer (never, when the worker failed). */
function send(/** @type {object} */ message) {
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.post({ ...message, id });
  });
}

const prices = [120, 80, 310];
document.getElementById("total").addEventListener("click", async () => {
  result.textContent = `Total: ${await send({ op: "total", prices, picked: [0, 1] })} cents`;
});
document.getElementById("bug").addEventListener("click", () => send({ op: "total", prices, picked: [7] }));
document.getElementById("js-error").addEventListener("click", () => send({ op: "js-error" }));

window.workerDemo = { send, terminate: worker.terminate };
document.body.dataset.ready = "true";
