//! One module a command.

mod addr2line;
mod build_id;
mod bundle;
mod clear;
mod list;
mod parse;
mod stats;
mod symbolicate;
mod view;

use std::io::Write;

use clap::CommandFactory;

use crate::args::{Cli, Command};
use crate::exit::{CliError, Exit};
use crate::repo::Repo;

/// Runs the command.
pub fn run(cli: Cli) -> Result<Exit, CliError> {
    let color = crate::table::use_color(&cli.color);
    let prefix = cli.prefix.as_deref();
    match cli.command {
        Command::List { expressions } => list::run(&Repo::open(prefix)?, &expressions, color),
        Command::View {
            format,
            expressions,
        } => view::run(prefix, &format, &expressions),
        Command::Clear { expressions } => clear::run(&Repo::open(prefix)?, &expressions),
        Command::Parse(args) => parse::run(args),
        Command::Symbolicate(args) => symbolicate::run(args),
        Command::Bundle(args) => bundle::run(args),
        Command::Addr2line(args) => addr2line::run(args),
        Command::BuildId(args) => build_id::run(args),
        Command::Stats { top } => stats::run(&Repo::open(prefix)?, top),
        Command::Serve(mut args) => {
            args.dir = Some(
                args.dir
                    .or_else(|| cli.prefix.clone())
                    .ok_or(CliError::NoPrefix)?,
            );
            crate::serve::run(args)
        }
        Command::Version => {
            println!("gufo-err {}", env!("CARGO_PKG_VERSION"));
            Ok(Exit::Ok)
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "err", &mut std::io::stdout());
            Ok(Exit::Ok)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| CliError::Read("man".into(), e))?;
            std::io::stdout()
                .write_all(&out)
                .map_err(|e| CliError::Read("stdout".into(), e))?;
            Ok(Exit::Ok)
        }
    }
}

/// Prints a line, ignoring a closed pipe (`err list | head`).
pub(crate) fn out(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
}

/// The outcome of a command that went through several reports.
pub(crate) fn outcome(faults: usize) -> Result<Exit, CliError> {
    if faults == 0 {
        Ok(Exit::Ok)
    } else {
        Err(CliError::Faults(faults))
    }
}
