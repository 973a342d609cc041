//! `err parse`: a raw stack trace to a report.

use std::io::Read;

use err::format::{render, Format};
use err::model::{Engine, Timestamp};
use err::normalize::InApp;
use err::pipeline::{build, Capture, Names, Settings};
use err::wasm::names::FunctionNames;

use super::out;
use crate::args::ParseArgs;
use crate::exit::{CliError, Exit};

/// Largest stack read.
const MAX_INPUT: u64 = err::parse::MAX_INPUT_BYTES as u64;

/// Parses the stack and prints the report.
pub fn run(options: ParseArgs) -> Result<Exit, CliError> {
    let format: Format = options.format.parse().map_err(CliError::InvalidArgs)?;
    let engine: Option<Engine> = options
        .engine
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(CliError::InvalidArgs)?;
    let text = read_input(options.file.as_deref())?;
    if text.trim().is_empty() {
        return Err(CliError::InvalidArgs(String::from(
            "the input is empty: give a stack trace",
        )));
    }
    let mut capture = Capture::from_text(text, engine);
    if options.class.is_some() || options.message.is_some() {
        let class = options.class.unwrap_or(capture.class);
        let message = options.message.unwrap_or(capture.message);
        if capture.engine != Some(Engine::Native) {
            capture.kind = err::analyze::classify(&class, &message);
        }
        capture.class = class;
        capture.message = message;
    }
    let settings = Settings {
        name: options.name,
        version: options.service_version,
        in_app: InApp::new(&options.root_modules),
        context_lines: 3,
    };
    let names = match &options.wasm {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| CliError::Read(path.display().to_string(), e))?;
            FunctionNames::from_module(&bytes)
                .map_err(|e| CliError::InvalidArgs(format!("{}: {e}", path.display())))?
        }
        None => FunctionNames::default(),
    };
    capture.timestamp = Some(Timestamp::from_system_time(std::time::SystemTime::now()));
    let lookup = |i| names.get(i).map(str::to_owned);
    let info = build(capture, &settings, &Names(&lookup));
    out(&render(&info, format));
    Ok(Exit::Ok)
}

fn read_input(file: Option<&std::path::Path>) -> Result<String, CliError> {
    let mut bytes = Vec::new();
    let result = match file {
        None => std::io::stdin().take(MAX_INPUT).read_to_end(&mut bytes),
        Some(p) if p.as_os_str() == "-" => std::io::stdin().take(MAX_INPUT).read_to_end(&mut bytes),
        Some(p) => std::fs::File::open(p).and_then(|f| f.take(MAX_INPUT).read_to_end(&mut bytes)),
    };
    let name = file.map_or_else(|| String::from("stdin"), |p| p.display().to_string());
    result.map_err(|e| CliError::Read(name, e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
