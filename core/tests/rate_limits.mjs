// The browser runtime's Sentry rate-limit parsing against the shared vectors
// (data/rate_limits.json; core/tests/rate_limits.rs runs the same ones against the Rust
// `RateLimits`). Run by `cargo xtask test`: `node core/tests/rate_limits.mjs`; exits 1 on a
// mismatch, naming each.
import { readFileSync } from "node:fs";
import { isSentryLimited, updateSentryLimits } from "../js/runtime/sentry-limits.js";

const { vectors } = JSON.parse(readFileSync(new URL("data/rate_limits.json", import.meta.url), "utf8"));
const failures = [];
for (const vector of vectors) {
  let limits = {};
  for (const r of vector.responses) {
    limits = updateSentryLimits(limits, r.now_ms, r.status, r.retry_after, r.rate_limits);
  }
  for (const [category, at, expected] of vector.checks) {
    const limited = isSentryLimited(limits, category, at);
    if (limited !== expected) {
      failures.push(`${vector.name}: ${category} at ${at} ms: limited ${limited}, expected ${expected} (limits ${JSON.stringify(limits)})`);
    }
  }
}
if (failures.length > 0) {
  console.error(`rate_limits.mjs: ${failures.length} mismatches with data/rate_limits.json:\n${failures.join("\n")}`);
  process.exit(1);
}
console.error(`rate_limits.mjs: ${vectors.length} vectors agree`);
