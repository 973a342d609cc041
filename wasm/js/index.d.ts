/** A gufo-err report (`"$type": "errorinfo"`, `"$version": "2.0"`); see docs/errorinfo-2.0.schema.json. */
export interface Report {
  $type: "errorinfo";
  $version: "2.0";
  name: string;
  version: string;
  fingerprint: string;
  kind: "panic" | "js-error" | "unhandled-rejection" | "stack-overflow" | "trap" | "exception";
  message: string;
  exception: { class: string; args: unknown[] };
  stack: Frame[];
  recursion?: { start: number; cycle: string[]; repeats: number };
  [field: string]: unknown;
}

export interface Frame {
  name: string;
  module: string | null;
  function: string;
  frame_kind: "js" | "wasm" | "native" | "eval" | "builtin" | "unknown";
  file?: string;
  line?: number;
  column?: number;
  wasm_function?: number;
  wasm_offset?: number;
  in_app: boolean;
  raw?: string;
}

export interface Options {
  /** Service name (part of the fingerprint). */
  name?: string;
  /** Service version (part of the fingerprint). */
  version?: string;
  /** Collector URL (`err serve`'s /api/v1/errors). */
  collector?: string | null;
  /** Console format. */
  format?: "terse" | "extend" | "json";
  /** Print reports with console.error (default true). */
  console?: boolean;
  /** Rust crates whose wasm frames are in-app. */
  rootModules?: string[];
  /** Fraction of errors reported, 0 to 1 (default 1). */
  sampleRate?: number;
  /** At most this many reports a minute (default 60). */
  maxPerMinute?: number;
  /** At most this many reports kept in IndexedDB (default 1000). */
  maxReports?: number;
  /** Change a report, or return null to drop it. */
  beforeSend?: ((report: Report) => Report | null) | null;
  /** When to stop: "never" (default), "always", a list of kinds, or a predicate. */
  failFast?: "never" | "always" | Report["kind"][] | ((report: Report) => boolean);
  /** What stopping does: "none", "overlay", "reload" (loop-guarded) or a callback. */
  failAction?: "none" | "overlay" | "reload" | ((report: Report) => void);
  /** Where the engine's .wasm is (default: next to this module). */
  wasmUrl?: string | URL;
}

export interface StoredReport {
  fingerprint: string;
  report: Report;
  count: number;
  first_seen: number;
  last_seen: number;
  secondary?: { kind: "trap"; message: string; time: number }[];
}

export function init(options?: Options): Promise<{ merged: number; resent: number }>;
export function captureError(error: unknown, kind?: "js-error" | "unhandled-rejection"): Report | null;
export function reports(): Promise<StoredReport[]>;
export function clear(): Promise<void>;
export function format(report: Report | string, kind?: "terse" | "extend" | "json"): string;
export function parseStack(text: string): { engine: string; message: string | null; frames: Frame[] };
