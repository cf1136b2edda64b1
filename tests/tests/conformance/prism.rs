//! Stoplight Prism as a child process: the specs it serves, starting it on a free port of
//! 127.0.0.1, waiting until it answers, and stopping it whatever happens.

use std::fs::{self, File};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Prism may take to load a spec and answer. It takes 1 to 4 s on a 2-core machine
/// (the upstream subset is 176 KB of YAML); the bound only turns a hang into a failure.
const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// How often the readiness wait looks again.
const POLL_INTERVAL: Duration = Duration::from_millis(100);

/// How many free ports to try: another process may take the one picked before Prism binds it.
const PORT_ATTEMPTS: usize = 3;

/// The OpenAPI files in `../shared/openapi`, relative to the repository root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    /// `create-porting-order.yml`: `POST /porting_orders` only, as the Telnyx docs embed it.
    CreatePortingOrder,
    /// `telnyx-porting.upstream-spec3-subset.yml`: every porting path of the upstream spec.
    UpstreamSubset,
    /// `telnyx-documents.upstream-spec3-subset.yml`: `/documents` and `/document_links`.
    Documents,
}

impl Spec {
    /// The file's name in `../shared/openapi`.
    pub fn file_name(self) -> &'static str {
        match self {
            Spec::CreatePortingOrder => "create-porting-order.yml",
            Spec::UpstreamSubset => "telnyx-porting.upstream-spec3-subset.yml",
            Spec::Documents => "telnyx-documents.upstream-spec3-subset.yml",
        }
    }

    /// The file's path; fails the test if it is not there.
    pub fn path(self) -> PathBuf {
        let path = repo_root()
            .join("..")
            .join("shared")
            .join("openapi")
            .join(self.file_name());
        assert!(
            path.is_file(),
            "the OpenAPI spec {} is missing: the conformance suite expects the shared folder \
             beside the repository (../shared/openapi relative to the repository root)",
            path.display()
        );
        path
    }
}

/// The repository root: the parent of the tests crate.
pub fn repo_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// `<repo>/node_modules/.bin/prism`; fails the test, saying how to install it, when absent.
pub fn prism_bin() -> PathBuf {
    let bin = repo_root().join("node_modules").join(".bin").join("prism");
    assert!(
        bin.exists(),
        "Stoplight Prism is not installed: {} is missing.\n\
         The conformance suite needs it (pinned in package.json / package-lock.json). Run the \
         tests with `bash scripts/test.sh`, which installs it, or run `npm ci` in {} first.",
        bin.display(),
        repo_root().display()
    );
    bin
}

/// A running Prism, killed and reaped when dropped (also when the test panics).
pub struct Prism {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Prism {
    /// `prism mock` on `spec`: it answers with the spec's examples (or, for a request with
    /// `Prefer: dynamic=true`, with a body generated from the schemas), and answers 422 or 401
    /// with an `sl-violations` header when a request breaks the spec.
    ///
    /// Generated bodies come from `seed`, so they are the same on every run (the suite must
    /// never be flaky). Prism seeds each answer afresh: one process gives one generated body
    /// per operation, whatever the number of requests.
    ///
    /// Prism serves the spec's paths without the `servers` base path (`/v2`): the client's base
    /// URL is the returned [`url`](Prism::url) itself.
    pub async fn mock(label: &str, spec: Spec, seed: &str) -> Prism {
        let args = vec![
            "mock".to_owned(),
            "--seed".to_owned(),
            seed.to_owned(),
            // Generated objects hold only the properties the schema names.
            "--json-schema-faker-fillProperties=false".to_owned(),
            spec.path().display().to_string(),
        ];
        Prism::start(label, &args).await
    }

    /// `prism proxy --errors` on `spec` in front of `upstream` (a base URL such as the
    /// sandbox's `http://127.0.0.1:PORT/v2`): it validates each request, forwards it to
    /// `upstream` + the request's path, and validates the answer; a violation marked as an
    /// error becomes an error answer, and every violation is listed in `sl-violations`.
    pub async fn proxy(label: &str, spec: Spec, upstream: &str) -> Prism {
        let args = vec![
            "proxy".to_owned(),
            "--errors".to_owned(),
            spec.path().display().to_string(),
            upstream.to_owned(),
        ];
        Prism::start(label, &args).await
    }

    /// Starts Prism with `args` plus `--host 127.0.0.1 --port <free port>` and waits until it
    /// answers. Tries another port when Prism exits before listening (the port was taken).
    async fn start(label: &str, args: &[String]) -> Prism {
        let bin = prism_bin();
        let log_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance");
        if let Err(e) = fs::create_dir_all(&log_dir) {
            panic!("cannot create {}: {e}", log_dir.display());
        }
        let log = log_dir.join(format!("prism-{label}.log"));
        let mut failures = Vec::new();
        for _ in 0..PORT_ATTEMPTS {
            let port = free_port();
            match Prism::spawn(&bin, args, port, &log).await {
                Ok(prism) => return prism,
                Err(why) => failures.push(why),
            }
        }
        panic!(
            "Prism ({label}) did not start after {PORT_ATTEMPTS} attempts:\n{}",
            failures.join("\n")
        );
    }

    async fn spawn(bin: &Path, args: &[String], port: u16, log: &Path) -> Result<Prism, String> {
        let out = File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err = out
            .try_clone()
            .map_err(|e| format!("cannot share {}: {e}", log.display()))?;
        let child = Command::new(bin)
            .args(args)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .current_dir(repo_root())
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let url = format!("http://127.0.0.1:{port}");
        // From here on, dropping `prism` kills the child, whatever happens.
        let mut prism = Prism {
            child,
            url,
            log: log.to_path_buf(),
        };
        prism.wait_ready().await?;
        Ok(prism)
    }

    /// Polls every 100 ms, for at most [`READY_TIMEOUT`], until Prism has logged that it
    /// listens on our port (so the answer comes from this process, not from another one that
    /// took the port) and answers an HTTP request.
    async fn wait_ready(&mut self) -> Result<(), String> {
        let listening = format!("Prism is listening on {}", self.url);
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| format!("cannot build an HTTP client: {e}"))?;
        let started = Instant::now();
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    return Err(format!(
                        "Prism exited with {status} before it listened on {}; its output ({}):\n{}",
                        self.url,
                        self.log.display(),
                        self.log_text()
                    ));
                }
                Ok(None) => {}
                Err(e) => return Err(format!("cannot check on Prism: {e}")),
            }
            if self.log_text().contains(&listening) && http.get(&self.url).send().await.is_ok() {
                return Ok(());
            }
            if started.elapsed() > READY_TIMEOUT {
                return Err(format!(
                    "Prism did not answer on {} within {READY_TIMEOUT:?}; its output ({}):\n{}",
                    self.url,
                    self.log.display(),
                    self.log_text()
                ));
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Where Prism's output goes.
    pub fn log_path(&self) -> &Path {
        &self.log
    }

    /// Everything Prism has written so far.
    pub fn log_text(&self) -> String {
        fs::read(&self.log)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    }

    /// The last `lines` lines of Prism's output, for a failure message.
    pub fn log_tail(&self, lines: usize) -> String {
        let text = self.log_text();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // Already exited: kill fails harmlessly, wait reaps it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port of 127.0.0.1 that was free a moment ago (the OS picks it).
fn free_port() -> u16 {
    match TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()) {
        Ok(addr) => addr.port(),
        Err(e) => panic!("cannot find a free port on 127.0.0.1: {e}"),
    }
}
