//! The example binary `find_repeats`, run end to end as a user runs it.
//!
//! `cargo test` builds the examples next to the test binaries; these tests find the
//! binary there (as rust-csv's tests do), and build it when a narrower command such as
//! `cargo test --test example` did not.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn exe() -> PathBuf {
    let mut dir = std::env::current_exe().expect("test binary path");
    dir.pop(); // the test binary
    if dir.ends_with("deps") {
        dir.pop();
    }
    let exe = dir
        .join("examples")
        .join(format!("find_repeats{}", std::env::consts::EXE_SUFFIX));
    if !exe.exists() {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--example", "find_repeats"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("run cargo");
        assert!(
            status.success() && exe.exists(),
            "could not build {}",
            exe.display()
        );
    }
    exe
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(exe())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run find_repeats");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const SEED: &str = "tests/data/doubled-article.txt";

#[test]
fn human_report_on_the_bundled_sample() {
    let out = run(&[], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.contains(
            "examples/data/sample.txt:13: lines 13-23 repeat lines 2-12: 11 paragraphs, 3035 bytes"
        ),
        "{text}"
    );
    // The units inside the block are not listed again.
    assert_eq!(text.lines().count(), 2, "{text}");
}

#[test]
fn json_report_has_the_documented_fields() {
    let out = run(&["--json", SEED], None);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["documents"][0]["path"], SEED);
    assert_eq!(v["documents"][0]["bytes"], 6197);
    assert_eq!(v["documents"][0]["units"], 23);
    assert_eq!(v["groups"].as_array().unwrap().len(), 11);
    assert_eq!(v["groups"][0]["kind"], "exact");
    assert_eq!(v["groups"][0]["occurrences"][0]["start"], 126);
    assert_eq!(v["groups"][0]["occurrences"][0]["end"], 453);
    assert_eq!(v["groups"][0]["occurrences"][0]["line"], 2);
    let blocks = v["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0]["units"], 11);
    let occ = &blocks[0]["occurrences"];
    assert_eq!(
        (occ[0]["start"].as_u64(), occ[0]["end"].as_u64()),
        (Some(126), Some(3161))
    );
    assert_eq!(
        (occ[1]["start"].as_u64(), occ[1]["end"].as_u64()),
        (Some(3162), Some(6197))
    );
    assert_eq!(
        (occ[1]["line"].as_u64(), occ[1]["end_line"].as_u64()),
        (Some(13), Some(23))
    );
    assert_eq!(v["stats"]["units"], 23);
    assert_eq!(v["stats"]["repeated_units"], 11);
    assert_eq!(v["stats"]["repeated_bytes"], 3035);
    // Byte-identical run to run.
    assert_eq!(run(&["--json", SEED], None).stdout, out.stdout);
}

#[test]
fn clean_prints_lines_one_to_twelve() {
    let out = run(&["--clean", SEED], None);
    let seed = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    let first_twelve: Vec<&str> = seed.lines().take(12).collect();
    assert_eq!(stdout(&out), first_twelve.join("\n"));
}

#[test]
fn stdin_and_exit_status_one_when_nothing_repeats() {
    let out = run(&["-"], Some(b"nothing repeats in here\nat all, not one line\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("-: 2 lines, 0 repeated"),
        "{}",
        stdout(&out)
    );
    let out = run(
        &["-", "--unit", "line", "--min-bytes", "2", "-i"],
        Some(b"Ab\nab\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("-:2: line 2 repeats line 1: 2 bytes"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("dedupe-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"fine line\nbroken \xff here\n").unwrap();
    let out = run(&[bad.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.txt: invalid UTF-8 at byte 17"), "{err}");
    let out = run(&["/no/such/file"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn several_files_are_reported_each_on_its_own() {
    let out = run(&["--json", SEED, SEED], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    assert_eq!(v["blocks"].as_array().unwrap().len(), 2);
    assert_eq!(v["blocks"][1]["occurrences"][0]["doc"], 1);
}
