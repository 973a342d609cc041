// Types shared by gufo-err's page scripts (`relay.js` and the runtime's pieces in
// `runtime/`), for `tsc --checkJs` only (`cargo xtask test`'s JavaScript lint): nothing
// ships this file. A script file (no import or export), so its names are global.

/** What `relay.js` knows of its module: its identity for reports. */
interface GufoErrIdentity {
  name: string;
  version: string;
  roots: string[];
  buildId: string;
}

/** A relay module on this page (`relayConfigure`), for the engine's `relayFor`. */
interface GufoErrRelayModule {
  /** The module's URL as stacks show it, or "". */
  url: string;
  /** The module's own name as JavaScriptCore's stacks show it (`app.wasm`), or "". */
  name: string;
  identity: GufoErrIdentity;
  module: WebAssembly.Module;
}

/** A panic (or an uncaught error of a relay module) as the engine's `relayed` takes it. */
interface GufoErrCapture {
  kind: string;
  class: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  stack: string;
  time: number;
  page: string;
  agent: string;
  module: GufoErrIdentity;
}

/** A capture waiting for an engine (localStorage "gufo-err:relayed"), with the names of the
 * functions its stack shows. */
interface GufoErrWaitingCapture extends GufoErrCapture {
  id: string;
  pageLoad: string;
  names: Record<string, string>;
}

/** The panic the next trap belongs to. */
interface GufoErrLastPanic {
  /** "" while the engine has not built the report (a relayed panic). */
  fingerprint: string;
  pending?: boolean;
  time: number;
}

/** The page's engine (the npm package's `init()`), for relay modules. */
interface GufoErrEngine {
  relayed(capture: GufoErrCapture, names: Uint8Array | null, live: boolean): unknown;
}

/**
 * `globalThis.__gufoErr`: everything gufo-err's scripts on one page share, created by
 * whichever comes first. `v` is the layout: fields may be added, but a change that a script
 * of another version would misread needs a new `v`, and a script finding a `v` it does not
 * know keeps to itself.
 */
interface GufoErrShared {
  v: 1;
  /** This page load's id: a relayed capture taken on the same load is live. */
  pageLoad?: string;
  /** The latest panic, for the trap that follows it. */
  lastPanic?: GufoErrLastPanic;
  /** Whether the runtime's trap listener is installed (once per page). */
  trapListener?: boolean;
  /** The relay modules of this page, in registration order. */
  relays?: GufoErrRelayModule[];
  /** Captures waiting for an engine when localStorage is unavailable. */
  relayWaiting?: GufoErrWaitingCapture[];
  /** The page's engine, once the npm package's `init()` ran. */
  engine?: GufoErrEngine;
  /** The runtime's lists (queue, outbox, traps…) that localStorage could not take, by key. */
  memory?: Record<string, any[]>;
  /** The kinds of storage whose failure the console was told of (once each). */
  warned?: Record<string, boolean>;
}

declare var __gufoErr: GufoErrShared | undefined;
