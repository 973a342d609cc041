//! Installs what the build and the tests need, skipping what is already there at the right
//! version.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Error};

/// Debian packages for the real-browser tests.
const APT_PACKAGES: [&str; 5] = [
    "chromium",
    "chromium-driver",
    "firefox-esr",
    "webkit2gtk-driver",
    "xvfb",
];
/// binaryen on npm (Debian's binaryen 108 rejects modern Rust wasm).
const BINARYEN: &str = "binaryen@132.0.0";
/// Vite, to build a web app that imports the npm package (the Vite-app test).
const VITE: &str = "vite@6.4.6";
/// TypeScript, to check the JSDoc types of the browser scripts (`tsc --noEmit --checkJs`).
/// 5.x: TypeScript 7 on npm is a native binary per platform.
const TYPESCRIPT: &str = "typescript@5.9.3";
/// The Python package whose 1.0 reports the tests read.
const PYTHON_GUFO_ERR: &str = "gufo-err==0.6.0";
/// The JSON Schema validator the schema test uses.
const PYTHON_JSONSCHEMA: &str = "jsonschema==4.23.0";

/// Paths of the installed tools.
pub struct Tools {
    /// wasm-bindgen, at the version in Cargo.lock.
    pub wasm_bindgen: PathBuf,
    /// geckodriver.
    pub geckodriver: PathBuf,
    /// wasm-opt from npm's binaryen.
    pub wasm_opt: PathBuf,
    /// A Python with gufo-err 0.6.0.
    pub python: PathBuf,
    /// Vite's command line.
    pub vite: PathBuf,
    /// TypeScript's `tsc`.
    pub tsc: PathBuf,
}

/// Installs everything missing.
pub fn ensure_all() -> Result<Tools, Error> {
    ensure_wasm_targets()?;
    let wasm_bindgen = ensure_wasm_bindgen()?;
    ensure_apt_packages()?;
    let geckodriver = ensure_geckodriver()?;
    let wasm_opt = ensure_wasm_opt()?;
    let python = ensure_python_gufo()?;
    let vite = ensure_npm_tool(
        VITE,
        "vite",
        &format!("vite/{}", VITE.rsplit('@').next().unwrap_or_default()),
    )?;
    let tsc = ensure_typescript()?;
    Ok(Tools {
        wasm_bindgen,
        geckodriver,
        wasm_opt,
        python,
        vite,
        tsc,
    })
}

/// The wasm targets: the browser's, and WASI's (the core is checked for it: a WASI build must
/// not pull the browser's crates).
fn ensure_wasm_targets() -> Result<(), Error> {
    let installed = cmd::output(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    for target in ["wasm32-unknown-unknown", "wasm32-wasip1"] {
        if !installed.lines().any(|l| l.trim() == target) {
            cmd::run(Command::new("rustup").args(["target", "add", target]))?;
        }
    }
    Ok(())
}

/// The version of a package in Cargo.lock.
pub fn lock_version(package: &str) -> Result<String, Error> {
    let path = cmd::root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&path).map_err(|e| Error::Io(path.clone(), e))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            if let Some(version) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_owned());
            }
        }
    }
    Err(Error::Missing(format!("{package} is not in Cargo.lock")))
}

fn cargo_bin(name: &str) -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

/// An executable on PATH, or in cargo's bin directory.
fn find_executable(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .chain([cargo_bin(name)])
        .find(|p| p.is_file())
}

fn ensure_wasm_bindgen() -> Result<PathBuf, Error> {
    let version = lock_version("wasm-bindgen")?;
    let wanted = format!("wasm-bindgen {version}");
    if let Some(path) = find_executable("wasm-bindgen") {
        if cmd::output(Command::new(&path).arg("--version")).is_some_and(|v| v.trim() == wanted) {
            return Ok(path);
        }
    }
    // Not `--locked`: one of its locked dependencies is gone from the registry.
    cmd::run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))?;
    Ok(cargo_bin("wasm-bindgen"))
}

fn is_root() -> bool {
    cmd::output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0")
}

fn apt_installed(package: &str) -> bool {
    cmd::output(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_some_and(|s| s.contains("install ok installed"))
}

fn ensure_apt_packages() -> Result<(), Error> {
    ensure_apt(&APT_PACKAGES)
}

/// Installs Debian packages that are missing (as root, `apt-get update` first).
pub fn ensure_apt(packages: &[&str]) -> Result<(), Error> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !apt_installed(p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        return Err(Error::Missing(format!(
            "missing Debian packages: {}; install them with `sudo apt-get install -y {}`",
            missing.join(" "),
            missing.join(" ")
        )));
    }
    cmd::run(Command::new("apt-get").arg("update"))?;
    cmd::run(
        Command::new("apt-get")
            .args(["install", "-y"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn ensure_geckodriver() -> Result<PathBuf, Error> {
    if let Some(path) = std::env::var_os("GECKODRIVER")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
    {
        return Ok(path);
    }
    if let Some(path) = find_executable("geckodriver") {
        return Ok(path);
    }
    cmd::run(Command::new("cargo").args(["install", "geckodriver"]))?;
    Ok(cargo_bin("geckodriver"))
}

/// The directory tools are installed into: `target/tools`.
fn tools_dir() -> PathBuf {
    cmd::target_dir().join("tools")
}

fn ensure_wasm_opt() -> Result<PathBuf, Error> {
    // `wasm-opt --version` says `wasm-opt version 132 (version_132)`.
    let major = BINARYEN
        .rsplit('@')
        .next()
        .unwrap_or_default()
        .split('.')
        .next()
        .unwrap_or_default();
    ensure_npm_tool(BINARYEN, "wasm-opt", &format!("version {major}"))
}

/// An npm package's command (`bin`) in `target/tools`, installed at `spec`'s version
/// unless `<bin> --version` already prints `version_text`.
fn ensure_npm_tool(spec: &str, bin: &str, version_text: &str) -> Result<PathBuf, Error> {
    let dir = tools_dir();
    let path = dir.join("node_modules").join(".bin").join(bin);
    if cmd::output(Command::new(&path).arg("--version")).is_some_and(|v| v.contains(version_text)) {
        return Ok(path);
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
    cmd::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir)
            .arg(spec),
    )?;
    Ok(path)
}

/// TypeScript's `tsc` in `target/tools`.
pub fn ensure_typescript() -> Result<PathBuf, Error> {
    let version = TYPESCRIPT.rsplit('@').next().unwrap_or_default();
    ensure_npm_tool(TYPESCRIPT, "tsc", &format!("Version {version}"))
}

fn ensure_python_gufo() -> Result<PathBuf, Error> {
    let venv = tools_dir().join("venv");
    let python = venv.join("bin").join("python");
    let check = |python: &Path| {
        let script =
            "import importlib.metadata as m; print(m.version('gufo-err'), m.version('jsonschema'))";
        cmd::output(Command::new(python).args(["-c", script]))
            .is_some_and(|v| v.trim() == "0.6.0 4.23.0")
    };
    if check(&python) {
        return Ok(python);
    }
    if !python.is_file() {
        cmd::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    cmd::run(Command::new(&python).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        PYTHON_GUFO_ERR,
        PYTHON_JSONSCHEMA,
    ]))?;
    Ok(python)
}

/// Runs the parser fuzz target (`core/fuzz`) for `seconds` (default 60).
pub fn fuzz(seconds: Option<&str>) -> Result<(), Error> {
    let seconds: u32 = match seconds {
        Some(s) => s
            .parse()
            .map_err(|_| Error::Usage(format!("fuzz takes seconds, not {s:?}")))?,
        None => 60,
    };
    if find_executable("cargo-fuzz").is_none() {
        cmd::run(Command::new("cargo").args(["install", "cargo-fuzz"]))?;
    }
    let mut command = Command::new("cargo");
    command
        .args([
            "fuzz",
            "run",
            "parse_stack",
            "--",
            &format!("-max_total_time={seconds}"),
        ])
        .current_dir(cmd::root().join("core"))
        // cargo-fuzz passes nightly flags; the machine has one stable toolchain.
        .env("RUSTC_BOOTSTRAP", "1");
    cmd::run(&mut command)
}
