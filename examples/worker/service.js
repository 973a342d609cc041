// A service worker (`navigator.serviceWorker.register("service.js?build=…", {type:
// "module"})`). A service worker may not await at its top level: the module starts at its
// first message.
import { answer } from "./worker-core.js";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
self.addEventListener("message", (event) => {
  const work = answer(event.data);
  // Keep the worker alive until the work is done; the error itself stays unhandled.
  event.waitUntil(work.then(() => {}, () => new Promise((resolve) => setTimeout(resolve, 3000))));
  work.then((result) => event.source && event.source.postMessage({ id: event.data.id, result }));
});
