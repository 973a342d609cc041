//! The command line, with clap.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// gufo-err reports: list, view, clear, parse raw stacks, collect.
///
/// Reports live in a directory as `<fingerprint>.json` (or `.json.gz`, `.bz2`, `.xz`), in
/// gufo-err's 2.0 format or Gufo Err's 1.0. Expressions name reports: `all` or `*`, a
/// fingerprint, or a unique prefix of one.
///
/// Exit codes: 0 ok, 1 directory missing, 2 directory not readable, 3 a report cannot be read
/// or found, 4 bad arguments, 5 bad expression.
#[derive(Debug, Parser)]
#[command(name = "err", version, propagate_version = true)]
pub struct Cli {
    /// The report directory.
    #[arg(
        short,
        long,
        env = "GUFO_ERR_PREFIX",
        global = true,
        value_name = "DIR"
    )]
    pub prefix: Option<PathBuf>,
    /// Colors: auto (on a terminal), always, never.
    #[arg(long, default_value = "auto", global = true, value_parser = ["auto", "always", "never"])]
    pub color: String,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List reports, newest first: fingerprint, kind/exception, service, count, last seen, place.
    List {
        /// Expressions (default: all).
        expressions: Vec<String>,
    },
    /// Show reports.
    View {
        /// Format: terse, extend or json.
        #[arg(short, long, default_value = "extend")]
        format: String,
        /// Expressions.
        #[arg(required = true)]
        expressions: Vec<String>,
    },
    /// Remove reports.
    Clear {
        /// Expressions.
        #[arg(required = true)]
        expressions: Vec<String>,
    },
    /// Parse a raw stack trace (any engine, or a native Rust backtrace) into a report.
    ///
    /// A V8 stack's first line (`TypeError: x is undefined`) gives the class and message.
    Parse(ParseArgs),
    /// Add Rust file:line, inlined frames and source to the wasm frames of reports.
    ///
    /// Reads the module's DWARF (build with `debug = "line-tables-only"` or more and keep it
    /// through `wasm-bindgen --keep-debug`, or give the `*_bg.debug.wasm` of
    /// `--split-debug-info`): V8 and SpiderMonkey byte offsets map to the exact line;
    /// JavaScriptCore frames (no offset) to their function's first line. A report of another
    /// build (its build id against the module's) is refused unless --any-build.
    Symbolicate(SymbolicateArgs),
    /// Write a symbol bundle (.errsym) the viewer loads to symbolicate wasm frames offline.
    ///
    /// The bundle holds the module's line table as module byte offsets, its function
    /// bodies, and the text of the source files found under --src (libraries left out),
    /// gzip-compressed JSON (format: docs/SYMBOLICATION.md).
    Bundle(BundleArgs),
    /// Print a wasm module's build id, or with --write give it one (and its debug files).
    ///
    /// The id lives in the module's `build_id` custom section (WebAssembly tool
    /// conventions); reports from the module carry it, so `err symbolicate` can tell a
    /// report's debug file. --write derives one from the code (SHA-256 of the Code section,
    /// 16 bytes) when the first module has none, and puts the same id into every file given
    /// (the module, then its `*_bg.debug.wasm` from `wasm-bindgen --split-debug-info`).
    BuildId(BuildIdArgs),
    /// Print the function and file:line:column of wasm module byte offsets (the offsets V8
    /// and SpiderMonkey print), as `llvm-addr2line -f` does, from the module's DWARF.
    ///
    /// Offsets are given as arguments or one a line on standard input (`0x1a2b` or `6699`).
    Addr2line(Addr2lineArgs),
    /// Counts by kind, service, version, engine, and the top in-app places.
    Stats {
        /// How many places to show.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Serve the collector API, the viewer and the demo site.
    ///
    /// POST /api/v1/errors stores a report (JSON, or gzip with Content-Encoding: gzip) as the
    /// directory store does; GET /api/v1/errors lists summaries; GET and DELETE
    /// /api/v1/errors/{fingerprint} read and remove one.
    Serve(ServeArgs),
    /// Print the version.
    Version,
    /// Print shell completions.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(hide = true)]
    Man,
}

/// The options of `err parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The file with the stack; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Format: terse, extend or json.
    #[arg(short, long, default_value = "terse")]
    pub format: String,
    /// Force the engine: v8, spidermonkey, jsc, native.
    #[arg(long)]
    pub engine: Option<String>,
    /// The error class, when the stack does not say it (SpiderMonkey and JavaScriptCore stacks don't).
    #[arg(long)]
    pub class: Option<String>,
    /// The message, when the stack does not say it.
    #[arg(long)]
    pub message: Option<String>,
    /// The application's root crates, for in-app frames (repeatable).
    #[arg(long = "root-module", value_name = "CRATE")]
    pub root_modules: Vec<String>,
    /// Service name for the fingerprint.
    #[arg(long, default_value = "unknown")]
    pub name: String,
    /// Service version for the fingerprint.
    #[arg(long = "service-version", default_value = "unknown")]
    pub service_version: String,
    /// The wasm module the stack came from: its `name` section names the wasm frames the
    /// engine left unnamed (JavaScriptCore does, at times).
    #[arg(long, value_name = "FILE")]
    pub wasm: Option<PathBuf>,
}

/// The options of `err symbolicate`.
#[derive(Debug, clap::Args)]
pub struct SymbolicateArgs {
    /// The wasm module the reports came from, with its DWARF.
    #[arg(long, value_name = "FILE")]
    pub wasm: PathBuf,
    /// The source tree, for the lines around each frame (paths are matched by their longest
    /// tail that exists under it).
    #[arg(long, value_name = "DIR")]
    pub src: Option<PathBuf>,
    /// Source lines on each side.
    #[arg(long, default_value_t = 3)]
    pub context: u32,
    /// Where to write: a file (one report), or an existing directory (`<fingerprint>.json`
    /// each). Without it the report goes to standard output.
    #[arg(short, long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Symbolicate reports whose build id differs from the module's (by default they are
    /// refused: their offsets belong to another build).
    #[arg(long)]
    pub any_build: bool,
    /// The reports (.json, .json.gz, .bz2, .xz; 2.0 or 1.0).
    #[arg(required = true, value_name = "REPORT")]
    pub reports: Vec<PathBuf>,
}

/// The options of `err build-id`.
#[derive(Debug, clap::Args)]
pub struct BuildIdArgs {
    /// Add the first module's id (derived from its code if it has none) to every file that
    /// has none; a file with another id is an error.
    #[arg(long)]
    pub write: bool,
    /// The module, then its debug files.
    #[arg(required = true, value_name = "WASM")]
    pub modules: Vec<PathBuf>,
}

/// The options of `err addr2line`.
#[derive(Debug, clap::Args)]
pub struct Addr2lineArgs {
    /// The wasm module, with its DWARF.
    #[arg(long, value_name = "FILE")]
    pub wasm: PathBuf,
    /// Module byte offsets; none reads them from standard input.
    #[arg(value_name = "OFFSET")]
    pub offsets: Vec<String>,
}

/// The options of `err bundle`.
#[derive(Debug, clap::Args)]
pub struct BundleArgs {
    /// The wasm module, with its DWARF.
    #[arg(long, value_name = "FILE")]
    pub wasm: PathBuf,
    /// The source tree whose files go into the bundle.
    #[arg(long, value_name = "DIR")]
    pub src: Option<PathBuf>,
    /// The bundle to write (`app.errsym`).
    #[arg(short, long, value_name = "FILE")]
    pub out: PathBuf,
    /// Leave out the inline chains (the frames a release build inlined, restored as `err
    /// symbolicate` restores them): a bundle about a third the size.
    #[arg(long)]
    pub no_inline: bool,
}

/// The options of `err serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The report directory (default: --prefix); created if missing.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Origins allowed to post from other pages (repeatable; `*` for any).
    #[arg(long = "cors", value_name = "ORIGIN")]
    pub cors: Vec<String>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 1 << 20)]
    pub body_limit: usize,
    /// Static site served at / (the demo).
    #[arg(long, value_name = "DIR")]
    pub www: Option<PathBuf>,
    /// The built viewer, served at /viewer/.
    #[arg(long, value_name = "DIR")]
    pub viewer: Option<PathBuf>,
    /// Store reports gzip-compressed.
    #[arg(long)]
    pub compress: bool,
}
