// Node runner: `node node.mjs <pkg-dir> <case>` prints the outcome as JSON.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { jsCases, describe } from "./cases.js";

const [pkgDir, name] = process.argv.slice(2);
Error.stackTraceLimit = 1000;
let result;
if (name in jsCases) {
  result = { case: name, reports: [], error: describe(await jsCases[name]()) };
} else {
  const pkg = await import(pathToFileURL(path.resolve(pkgDir, "gufo_err_panicker.js")).href);
  pkg.install(undefined, undefined, undefined);
  let thrown = null;
  try {
    pkg.run(name);
  } catch (error) {
    thrown = describe(error);
  }
  result = { case: name, reports: globalThis.__gufoReports || [], error: thrown };
}
process.stdout.write(JSON.stringify(result));
