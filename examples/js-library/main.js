// The page that uses the library. `./pkg/` is the build with gufo-err's engine inside
// (`cargo build --release`); `?build=relay` loads the relay build (`--no-default-features`)
// from `./pkg-relay/` after the npm package's engine, which then analyzes, stores and
// delivers what the module captures.
const relay = new URLSearchParams(location.search).get("build") === "relay";

if (relay) {
  const { init } = await import("./npm/index.js");
  await init({ collector: "/api/v1/errors" });
}
const library = await import(relay ? "./pkg-relay/js_library.js" : "./pkg/js_library.js");
await library.default();

const result = document.getElementById("result");
document.getElementById("parse").addEventListener("click", () => {
  const order = /** @type {HTMLTextAreaElement} */ (document.getElementById("order")).value;
  try {
    result.textContent = `Total: ${library.parse_order(order)} cents`;
  } catch (error) {
    // The panic is reported already; the next call runs in a fresh instance.
    result.textContent = `Failed: ${error}`;
  }
});
document.body.dataset.ready = "true";
