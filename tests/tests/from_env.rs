//! `Client::from_env()` reads `TELNYX_API_KEY` and `TELNYX_BASE_URL`.

use std::process::Command;

fn run(vars: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_client_from_env"));
    command
        .env_remove("TELNYX_API_KEY")
        .env_remove("TELNYX_BASE_URL");
    for (name, value) in vars {
        command.env(name, value);
    }
    match command.output() {
        Ok(out) => String::from_utf8_lossy(&out.stdout).into_owned(),
        Err(e) => panic!("cannot run the helper: {e}"),
    }
}

#[test]
fn the_key_comes_from_the_environment_and_never_shows() {
    let out = run(&[("TELNYX_API_KEY", "KEY-from-env-SECRET")]);
    assert!(
        out.starts_with("ok base_url=https://api.telnyx.com/v2 "),
        "{out}"
    );
    assert!(!out.contains("KEY-from-env-SECRET"), "{out}");
}

#[test]
fn the_base_url_can_be_overridden() {
    let out = run(&[
        ("TELNYX_API_KEY", "k"),
        ("TELNYX_BASE_URL", "http://127.0.0.1:9/v2/"),
    ]);
    assert!(
        out.starts_with("ok base_url=http://127.0.0.1:9/v2 "),
        "{out}"
    );
    let out = run(&[("TELNYX_API_KEY", "k"), ("TELNYX_BASE_URL", "")]);
    assert!(
        out.starts_with("ok base_url=https://api.telnyx.com/v2 "),
        "{out}"
    );
}

#[test]
fn a_missing_key_or_bad_url_is_a_config_error() {
    let out = run(&[]);
    assert!(
        out.starts_with("err ") && out.contains("TELNYX_API_KEY is not set"),
        "{out}"
    );
    assert!(out.contains("Config"), "{out}");
    let out = run(&[
        ("TELNYX_API_KEY", "KEY-SECRET"),
        ("TELNYX_BASE_URL", "not a url"),
    ]);
    assert!(out.contains("malformed base URL"), "{out}");
    assert!(!out.contains("KEY-SECRET"), "{out}");
}
