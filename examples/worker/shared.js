// A shared worker (`new SharedWorker("shared.js?build=…", {type: "module"})`).
import { answer, warmUp } from "./worker-core.js";

warmUp();
self.onconnect = (event) => {
  const port = event.ports[0];
  port.onmessage = (message) => {
    answer(message.data).then((result) => port.postMessage({ id: message.data.id, result }));
  };
};
