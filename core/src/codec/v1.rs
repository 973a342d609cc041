//! Gufo Err 1.0 reports (the Python package's format) and their conversion to 2.0.

use std::collections::BTreeMap;

use serde::Deserialize;
use uuid::Uuid;

use crate::model::{
    ErrorInfo, Exception, Frame, FrameKind, Kind, Runtime, SourceContext, Timestamp,
};

/// A 1.0 report as Python `gufo.err.codec.to_dict` writes it.
#[derive(Deserialize)]
pub(super) struct Report {
    name: String,
    version: String,
    fingerprint: Uuid,
    exception: Exception,
    stack: Vec<StackFrame>,
    #[serde(default)]
    timestamp: Option<Timestamp>,
    #[serde(default)]
    root_module: Option<String>,
}

#[derive(Deserialize)]
struct StackFrame {
    name: String,
    module: Option<String>,
    locals: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    source: Option<SourceContext>,
}

impl From<Report> for ErrorInfo {
    fn from(report: Report) -> Self {
        let message = match report.exception.args.first() {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        let root = report.root_module.clone();
        let stack = report
            .stack
            .into_iter()
            .map(|f| python_frame(f, root.as_deref()))
            .collect();
        ErrorInfo {
            name: report.name,
            version: report.version,
            fingerprint: report.fingerprint,
            message,
            exception: report.exception,
            stack,
            timestamp: report.timestamp,
            root_module: report.root_module,
            runtime: Some(Runtime::Python),
            engine: None,
            ..ErrorInfo::new(Kind::Exception, "", "")
        }
    }
}

fn python_frame(frame: StackFrame, root_module: Option<&str>) -> Frame {
    let function = match &frame.module {
        Some(module) if !module.is_empty() => format!("{module}.{}", frame.name),
        _ => frame.name.clone(),
    };
    let in_app = is_python_in_app(root_module, frame.module.as_deref());
    Frame {
        name: frame.name,
        module: frame.module,
        locals: frame.locals,
        file: frame.source.as_ref().map(|s| s.file_name.clone()),
        line: frame.source.as_ref().map(|s| s.current_line),
        source: frame.source,
        function,
        frame_kind: FrameKind::Unknown,
        column: None,
        wasm_function: None,
        wasm_offset: None,
        in_app,
        raw: None,
    }
}

/// Gufo Err's in-app rule: the module is the root module or inside it.
pub(super) fn is_python_in_app(root_module: Option<&str>, module: Option<&str>) -> bool {
    match (root_module, module) {
        (Some(root), Some(module)) => {
            module == root
                || module
                    .strip_prefix(root)
                    .is_some_and(|rest| rest.starts_with('.'))
        }
        _ => false,
    }
}
