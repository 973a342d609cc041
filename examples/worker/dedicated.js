// A dedicated worker (`new Worker("dedicated.js?build=…", {type: "module"})`).
import { answer, warmUp } from "./worker-core.js";

warmUp();
self.onmessage = (event) => {
  // Not caught: a panic's trap reaches the worker's listeners (and the page's `onerror`).
  answer(event.data).then((result) => self.postMessage({ id: event.data.id, result }));
};
