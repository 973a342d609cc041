// What every kind of worker runs (dedicated.js, shared.js, service.js import it): the Rust
// module of the build named in the worker's URL, `?build=`:
//   engine  gufo-err's pipeline inside the module (./pkg/)
//   relay   the relay hook (./pkg-relay/); the npm package's engine, started first in the
//           worker, analyzes, stores and delivers
//   js      no Rust: the npm package's `init()` reports the worker's JavaScript errors
// Errors are left uncaught, as in an app: gufo-err's listeners in the worker see them.
import { init as initGufoErr } from "./npm/index.js";
import initEngineBuild, { total as engineTotal } from "./pkg/worker.js";
import initRelayBuild, { total as relayTotal } from "./pkg-relay/worker.js";

const build = new URLSearchParams(self.location.search).get("build") || "engine";

/** @type {Promise<((prices: number[], picked: number[]) => number) | null> | null} */
let ready = null;

function start() {
  if (!ready) {
    ready = (async () => {
      if (build !== "engine") {
        await initGufoErr({ name: "worker", version: "0.1.0", collector: "/api/v1/errors", console: true });
      }
      if (build === "relay") {
        await initRelayBuild();
        return relayTotal;
      }
      if (build === "engine") {
        await initEngineBuild();
        return engineTotal;
      }
      return null;
    })();
  }
  return ready;
}

/** The answer to one message: `{op: "total", prices, picked}` gives the total (and panics
 * on an index past the end); `{op: "js-error"}` throws a TypeError.
 * @param {{op: string, prices?: number[], picked?: number[]}} message
 */
export async function answer(message) {
  const total = await start();
  if (message.op === "js-error") {
    /** @type {any} */
    const order = null;
    return order.items.length;
  }
  if (!total) throw new Error(`no Rust module in the ${build} build`);
  return total(message.prices || [], message.picked || []);
}

/** Starts the module now (at the worker's start, not at the first message). */
export function warmUp() {
  return start();
}
