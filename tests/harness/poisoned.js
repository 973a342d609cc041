// A module built without `restart_after_panic` (the size app, `?build=relay-app` with the
// npm package's engine on the page, or `?build=engine-app`) panics, then is called again,
// uncaught, as an app that does not know would: whatever the poisoned instance throws
// reaches the page's listeners. Leaves `window.__result = {thrown}` (the messages).
const build = new URLSearchParams(location.search).get("build") || "engine-app";
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const thrown = [];
addEventListener("error", (event) => thrown.push(String((event.error && event.error.message) || event.message)));

async function main() {
  if (build === "relay-app") {
    const { init } = await import("./npm/index.js");
    await init({ console: true });
  }
  const app = await import(`./${build}/gufo_err_size_app.js`);
  await app.default();
  try {
    app.total([3, 4], [0, 7]);
  } catch (error) {
    // the panic's own trap, caught by the app
  }
  // The same bug again (a panic, counted), and a call that works on a healthy instance.
  setTimeout(() => app.total([3, 4], [0, 7]), 0);
  setTimeout(() => app.greet("again"), 10);
  await settle(1500);
  return { thrown };
}

main().then(
  (result) => {
    window.__result = result;
    document.getElementById("status").textContent = "done";
  },
  (error) => {
    window.__result = { failure: String((error && error.stack) || error) };
  },
);
