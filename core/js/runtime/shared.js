// The page's gufo-err namespace, `globalThis.__gufoErr` (see GufoErrShared in
// ../gufo-err.d.ts): what every gufo-err script on a page shares in memory — the relay
// modules' `relay.js`, each module's runtime and the npm package's. `relay.js` has its own
// copy of this function, since it must not import the runtime.

const SHARED_VERSION = 1;

/** @type {GufoErrShared | null} */
let own = null;

/** The namespace, created by whichever script comes first. One of another layout version
 * is left alone: this script keeps to itself rather than misread it. */
export function shared() {
  const found = globalThis.__gufoErr;
  if (!found) return (globalThis.__gufoErr = { v: SHARED_VERSION });
  if (found.v === SHARED_VERSION) return found;
  return own || (own = { v: SHARED_VERSION });
}
