// Stack parsing in one Node process: gufo-err's parser compiled to wasm (the npm package's
// engine) against Sentry's browser stack parser and error-stack-parser, on the same corpus of
// stacks captured from real Chromium, Firefox, WebKitGTK and Node (tests/corpus).
//
//   node parse_bench.mjs CORPUS_DIR NPM_PACKAGE_DIR PEERS_NODE_MODULES_DIR
//
// Prints JSON: throughput (stacks/s and input MB/s, median of rounds of at least 300 ms),
// and for each engine how many frames each peer gets right. Ground truth is gufo-err's own
// parse, which the corpus tests check against the `// site:` marks of the failing sources.
// A peer's frame is right when the peer has a frame for that line (same count and order)
// with the same function (its raw name lightly cleaned so that naming conventions do not
// count: `<module>.wasm.` prefix, `::h<hash>`, `[<hex>]` crate disambiguators, ` externref
// shim`, `async `, Firefox's `/<`, `Object.`, an eval frame's `eval`) and the same place (file, line and column for JS, with
// `<anonymous>` as no file; the wasm function index for wasm), matched in any order. Stacks over 50 frames are left out of that count:
// Sentry keeps 50 by design.

import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const [corpusDir, npmDir, peersDir] = process.argv.slice(2).map((p) => resolve(p));
const require = createRequire(join(peersDir, "node_modules", "x.js"));
const sentry = await import(pathToFileURL(require.resolve("@sentry/browser")).href);
const espModule = require("error-stack-parser");
const ErrorStackParser = espModule.default || espModule;
const engine = await import(pathToFileURL(join(npmDir, "gufo_err_wasm.js")).href);
engine.initSync({ module: readFileSync(join(npmDir, "gufo_err_wasm_bg.wasm")) });

// The corpus: every stack text, with the engine folder it came from.
const stacks = [];
for (const engineName of readdirSync(corpusDir).sort()) {
  for (const file of readdirSync(join(corpusDir, engineName)).sort()) {
    const sample = JSON.parse(readFileSync(join(corpusDir, engineName, file), "utf8"));
    for (const report of sample.reports || []) {
      const raw = JSON.parse(report).raw_stack;
      if (raw) stacks.push({ engine: engineName, text: raw, name: `${engineName}/${file} (hook)` });
    }
    if (sample.error && sample.error.stack) {
      stacks.push({ engine: engineName, text: sample.error.stack, name: `${engineName}/${file} (thrown)` });
    }
  }
}
const bytes = stacks.reduce((n, s) => n + Buffer.byteLength(s.text), 0);

const parsers = {
  "gufo-err (wasm)": (text) =>
    JSON.parse(engine.parseStack(text)).frames.map((f) => ({
      fn: f.function || "",
      file: f.file || "",
      line: f.line,
      column: f.column,
      wasm: f.wasm_function,
    })),
  "@sentry/browser defaultStackParser": (text) =>
    sentry.defaultStackParser(text).map((f) => ({
      fn: f.function === "?" ? "" : f.function || "",
      file: f.filename || "",
      line: f.lineno,
      column: f.colno,
      wasm: wasmIndex(f.filename),
    })),
  "error-stack-parser": (text) => {
    let frames;
    try {
      frames = ErrorStackParser.parse({ stack: text });
    } catch (e) {
      return [];
    }
    return frames
      .map((f) => ({
        fn: f.functionName || "",
        file: f.fileName || "",
        line: f.lineNumber,
        column: f.columnNumber,
        wasm: wasmIndex(f.fileName),
      }))
      .reverse();
  },
};

function clean(name) {
  return name
    .replace(/ externref shim$/, "")
    .replace(/^[\w$-]+\.wasm\./, "")
    .replace(/::h[0-9a-f]{16}$/, "")
    .replace(/\[[0-9a-f]+\]/g, "")
    .replaceAll("{{closure}}", "{closure}")
    .replace(/^async\*|^\*|^async /, "")
    .replace(/(\/<)+$/, "")
    .replace(/^Object\./, "")
    .replace(/^eval$/, "");
}

function cleanFile(file) {
  return file === "<anonymous>" || file === "[native code]" ? "" : file;
}

// The wasm function index a peer's frame carries, in its file name (`…:wasm-function[N]:…`).
function wasmIndex(file) {
  const m = /wasm-function\[(\d+)\]/.exec(file || "");
  return m ? Number(m[1]) : undefined;
}

function samePlace(truth, frame) {
  if (truth.wasm !== undefined && truth.wasm !== null) {
    return frame.wasm === truth.wasm;
  }
  return cleanFile(truth.file) === cleanFile(frame.file) && truth.line === frame.line && truth.column === frame.column;
}

// Throughput: rounds of the whole corpus, each at least 300 ms; the median round.
function throughput(parse) {
  const rates = [];
  for (let round = 0; round < 7; round++) {
    let passes = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < 0.3) {
      for (const s of stacks) parse(s.text);
      passes += 1;
      elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    }
    rates.push(passes / elapsed);
  }
  rates.sort((a, b) => a - b);
  const passesPerSecond = rates[3];
  return { stacks_per_s: passesPerSecond * stacks.length, mb_per_s: (passesPerSecond * bytes) / 1e6 };
}

const truth = stacks.map((s) => parsers["gufo-err (wasm)"](s.text));
const results = {};
for (const [name, parse] of Object.entries(parsers)) {
  const byEngine = {};
  const misses = [];
  stacks.forEach((s, i) => {
    const expected = truth[i];
    if (expected.length > 50) return;
    const got = parse(s.text);
    const tally = (byEngine[s.engine] ||= { frames: 0, right: 0, stacks: 0, stacks_right: 0 });
    // Each expected frame is matched by one frame of the peer's (in any order).
    const unused = got.slice();
    let right = 0;
    for (const t of expected) {
      const at = unused.findIndex((f) => clean(f.fn) === clean(t.fn) && samePlace(t, f));
      if (at >= 0) {
        unused.splice(at, 1);
        right += 1;
      } else if (misses.length < 4) {
        const near = got.find((f) => samePlace(t, f)) || null;
        misses.push({ stack: s.name, expected: t, closest: near, frames: got.length, expected_frames: expected.length });
      }
    }
    tally.frames += expected.length;
    tally.right += right;
    tally.stacks += 1;
    if (right === expected.length) tally.stacks_right += 1;
  });
  results[name] = { ...throughput(parse), engines: byEngine, examples_of_misses: misses };
}

console.log(
  JSON.stringify({ node: process.version, stacks: stacks.length, bytes, parsers: results }, null, 2),
);
