// The fail-fast actions, run after the hook: an overlay, a reload (guarded against a
// reload loop), or the app's callback. None calls back into wasm.

import { RELOAD_KEY, warnOnce } from "./storage.js";

/** Shows a plain overlay with the message and fingerprint (text only, no HTML).
 * @param {string} message
 * @param {string} fingerprint
 */
export function overlay(message, fingerprint) {
  const doc = globalThis.document;
  if (!doc || !doc.body) return;
  let box = doc.getElementById("gufo-err-overlay");
  if (!box) {
    box = doc.createElement("div");
    box.id = "gufo-err-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,22,28,.92);color:#fff;" +
      "font:14px/1.5 system-ui,sans-serif;padding:10vh 10vw;white-space:pre-wrap;overflow:auto";
    doc.body.appendChild(box);
  }
  const title = doc.createElement("h2");
  title.textContent = "The application stopped after an error";
  const text = doc.createElement("pre");
  text.textContent = message;
  const id = doc.createElement("p");
  id.textContent = `Error: ${fingerprint}`;
  box.replaceChildren(title, text, id);
}

/** Reloads the page unless it was reloaded for an error `limit` times within `windowMs`.
 * @param {number} limit
 * @param {number} windowMs
 * @returns {boolean} whether it reloads
 */
export function reloadGuarded(limit, windowMs) {
  const now = Date.now();
  /** @type {Storage | null} */
  let s = null;
  /** @type {number[]} */
  let times = [];
  try {
    // Reading the property throws in a sandboxed frame.
    s = globalThis.sessionStorage || null;
    times = JSON.parse((s && s.getItem(RELOAD_KEY)) || "[]").filter((/** @type {number} */ t) => now - t < windowMs);
  } catch (e) {
    warnOnce("sessionStorage", e);
    times = [];
  }
  if (times.length >= limit) return false;
  times.push(now);
  try {
    if (s) s.setItem(RELOAD_KEY, JSON.stringify(times));
  } catch (e) {
    // nothing to do
  }
  setTimeout(() => globalThis.location && globalThis.location.reload(), 0);
  return true;
}

/** Calls a JS function with the report, after the hook (never re-entering wasm from here).
 * @param {unknown} callback
 * @param {string} json
 */
export function callLater(callback, json) {
  if (typeof callback !== "function") return;
  setTimeout(() => {
    try {
      callback(JSON.parse(json));
    } catch (e) {
      console.error("gufo-err: the fail-fast callback failed", e);
    }
  }, 0);
}
