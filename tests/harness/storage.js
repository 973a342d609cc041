// Storage that fails, then `n` panics, each in a fresh instance of the panicker (a panic
// poisons its instance), delivered to `collector`. Leaves `window.__result`:
// {printed, warnings, inMemory} (the panics printed, the console's warnings, the queue kept
// in memory).
//
//   fail=full          localStorage filled to its quota first
//   fail=blocked       reading `localStorage` throws (storage disabled)
//   fail=throwing      every localStorage write throws
//   fail=no-indexeddb  no IndexedDB
//   fail=sandboxed     the same page in a sandboxed iframe (an opaque origin: no storage)
//   fail=none          nothing fails (with n=0: a later page that merges what was left)
const params = new URLSearchParams(location.search);
const fail = params.get("fail") || "none";
const n = Number(params.get("n") || "20");
const collector = params.get("collector") || undefined;

const printed = [];
const warnings = [];
const consoleError = console.error.bind(console);
console.error = (...args) => {
  printed.push(args.map(String).join(" "));
  consoleError(...args);
};
const consoleWarn = console.warn.bind(console);
console.warn = (...args) => {
  warnings.push(args.map(String).join(" "));
  consoleWarn(...args);
};

function breakStorage() {
  if (fail === "full") {
    const chunk = "x".repeat(256 * 1024);
    for (let i = 0; i < 1000; i += 1) {
      try {
        localStorage.setItem(`filler:${i}`, chunk);
      } catch (e) {
        break;
      }
    }
    // Fill what is left to the byte, as far as it goes.
    for (let size = 128 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        localStorage.setItem(`filler:rest:${size}`, "y".repeat(size));
      } catch (e) {
        // smaller next
      }
    }
  } else if (fail === "blocked") {
    const blocked = () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    Object.defineProperty(window, "localStorage", { get: blocked, configurable: true });
    Object.defineProperty(window, "sessionStorage", { get: blocked, configurable: true });
  } else if (fail === "throwing") {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  } else if (fail === "no-indexeddb") {
    Object.defineProperty(window, "indexedDB", { value: undefined, configurable: true });
  }
}

async function panics() {
  breakStorage();
  for (let i = 0; i < n; i += 1) {
    const panicker = await import(`./pkg/gufo_err_panicker.js?instance=${i}`);
    await panicker.default();
    panicker.install(collector);
    try {
      panicker.run("bounds");
    } catch (e) {
      // the trap; the report is out already
    }
  }
  if (n === 0) {
    const panicker = await import("./pkg/gufo_err_panicker.js");
    await panicker.default();
    panicker.install(collector);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const memory = (globalThis.__gufoErr && globalThis.__gufoErr.memory) || {};
  return {
    printed: printed.filter((line) => line.includes("index out of bounds")).length,
    warnings,
    inMemory: (memory["gufo-err:queue"] || []).length,
  };
}

function done(result) {
  window.__result = result;
  document.getElementById("status").textContent = "done";
}

if (fail === "sandboxed") {
  // The page again, in a frame without `allow-same-origin`: it reports back by message.
  addEventListener("message", (event) => done(event.data));
  const inner = new URLSearchParams(params);
  inner.set("fail", "in-sandbox");
  const frame = document.createElement("iframe");
  frame.setAttribute("sandbox", "allow-scripts");
  frame.src = `storage.html?${inner}`;
  document.body.append(frame);
} else {
  panics().then(
    (result) => (fail === "in-sandbox" ? parent.postMessage(result, "*") : done(result)),
    (error) => {
      const failure = { failure: String((error && error.stack) || error) };
      if (fail === "in-sandbox") parent.postMessage(failure, "*");
      else done(failure);
    },
  );
}
