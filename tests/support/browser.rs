//! Opening a page in a real headless browser (Chromium or Chrome): a
//! screenshot, the DOM after loading, and every console message. Found on
//! PATH or named by `TOEWIJZER_BROWSER`; `.ci/install-browser` installs
//! Chromium where it can.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browsers tried, in order, when `TOEWIJZER_BROWSER` is not set.
const NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long one page may take before the browser is stopped.
const TIMEOUT: Duration = Duration::from_secs(90);

/// A browser to open pages in, or `None` when none can be found.
pub fn find() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("TOEWIJZER_BROWSER") {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// What the browser made of a page.
pub struct Opened {
    /// The screenshot, PNG bytes.
    pub png: Vec<u8>,
    /// The DOM after loading, serialised.
    pub dom: String,
    /// Every console message the page caused (a page without scripts
    /// should cause none), and every load error the browser logged for it.
    pub console: Vec<String>,
}

/// Opens `page` (a file) in `browser`, with a profile of its own under
/// `work`, and takes a screenshot and the DOM.
pub fn open(browser: &Path, page: &Path, work: &Path) -> Result<Opened, String> {
    let url = format!("file://{}", page.display());
    let png_path = work.join("screenshot.png");
    let _ = std::fs::remove_file(&png_path);
    // One start does both: the DOM goes to stdout, the picture to a file.
    let (dom, log) = run(
        browser,
        work,
        &[
            &format!("--screenshot={}", png_path.display()),
            "--dump-dom",
            "--window-size=1280,2000",
            &url,
        ],
    )?;
    let png = std::fs::read(&png_path).map_err(|e| format!("no screenshot: {e}"))?;
    let console = log
        .lines()
        .filter(|l| is_console(l))
        .map(str::to_owned)
        .collect();
    Ok(Opened { png, dom, console })
}

/// A log line that reports something the page did: a console message, an
/// uncaught error or a resource that failed to load.
fn is_console(line: &str) -> bool {
    line.contains(":CONSOLE")
        || line.contains("Uncaught")
        || line.contains("Failed to load resource")
}

/// Runs the browser headless with `args`; its stdout and stderr, or why
/// it failed.
fn run(browser: &Path, work: &Path, args: &[&str]) -> Result<(String, String), String> {
    let profile = work.join("profile");
    let out_path = work.join("stdout.txt");
    let err_path = work.join("stderr.txt");
    let stdout = std::fs::File::create(&out_path).map_err(|e| e.to_string())?;
    let stderr = std::fs::File::create(&err_path).map_err(|e| e.to_string())?;
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--enable-logging=stderr",
            "--v=0",
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start `{}`: {e}", browser.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "`{}` took longer than {TIMEOUT:?}",
                browser.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = std::fs::read_to_string(&out_path).unwrap_or_default();
    let err = std::fs::read_to_string(&err_path).unwrap_or_default();
    if !status.success() {
        return Err(format!(
            "`{}` {args:?} exited with {status}:\n{err}",
            browser.display()
        ));
    }
    Ok((out, err))
}
