//! `err parse`: a raw stack trace to a report.

use std::io::Read;

use err::format::{render, Format};
use err::model::{Engine, Kind};
use err::normalize::InApp;
use err::pipeline::{build_with_names, Capture, Settings};
use err::wasm_names::FunctionNames;

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
    let engine = engine.unwrap_or_else(|| err::parse::detect_engine(&text));
    let (header_class, header_message) = header(&text);
    let class = options.class.or(header_class);
    let message = options.message.or(header_message).unwrap_or_default();
    let mut capture = match (engine, class) {
        (Engine::Native, class) => Capture::new(
            Kind::Panic,
            class.unwrap_or_else(|| "panic".into()),
            message,
            text,
        ),
        (_, class) => Capture::js(class.unwrap_or_else(|| "Error".into()), message, text),
    };
    capture.engine = Some(engine);
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
    let info = build_with_names(capture, &settings, &|i| names.get(i).map(str::to_owned));
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

/// `TypeError: x is undefined` on the first line (V8 writes it; so does a panic message).
fn header(text: &str) -> (Option<String>, Option<String>) {
    let first = text.lines().next().unwrap_or_default().trim();
    if first.starts_with("at ")
        || first.contains('@')
        || err::parse::parse_stack(first).frames.len() == 1
    {
        return (None, None);
    }
    match first.split_once(": ") {
        Some((class, message)) if !class.is_empty() && !class.contains(' ') => {
            (Some(class.to_owned()), Some(message.to_owned()))
        }
        _ if !first.is_empty() && !first.contains(' ') => (Some(first.to_owned()), None),
        _ => (None, None),
    }
}
