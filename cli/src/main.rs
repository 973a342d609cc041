//! `err`: the gufo-err command line.
//!
//! Gufo Err's `err list|view|clear|version`, with the same directory (`--prefix` or
//! `GUFO_ERR_PREFIX`), expressions and exit codes, plus what a web team needs: `parse` a raw
//! stack, `symbolicate` wasm frames from DWARF, `stats`, and `serve` the local collector with
//! the viewer and the demo.

mod args;
mod commands;
mod exit;
mod repo;
mod serve;
mod symbolicate;
mod table;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    exit::Exit::Ok
                }
                _ => exit::Exit::InvalidArgs,
            };
            let _ = e.print();
            return code.into();
        }
    };
    match commands::run(cli) {
        Ok(code) => code.into(),
        Err(e) => {
            eprintln!("err: {e}");
            e.exit().into()
        }
    }
}
