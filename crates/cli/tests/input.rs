//! The `dedupe` binary's input side, end to end: walking folders, binary and compressed
//! files, links, invalid UTF-8, JSONL fields, closed pipes, `--clean` on several files,
//! undersized Bloom filters and shard indexes used with the wrong input.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dedupe"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run dedupe")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What the run said on stderr but the corpus summary ("dedupe: N documents, ..."): the
/// warnings these tests are about.
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .filter(|l| !(l.starts_with("dedupe: ") && l.contains(" documents, ") && l.contains(" bytes, ")))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dedupe-input-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

const SHARED: &str = "A line that every file of the walk shares\n";

/// Issue #14: a file with a stray Latin-1 byte is searched, not refused: its repeats are
/// reported with byte offsets into the file, and `--clean` keeps the invalid bytes.
#[test]
fn regression_invalid_utf8_is_searched_and_cleaned_byte_for_byte() {
    let dir = folder("latin1");
    let input = b"Caf\xE9 menu of the day, soup\nopen daily \xFF\nCaf\xE9 menu of the day, soup\n";
    write(&dir, "latin1.txt", input);
    let out = run_in(&dir, &["--no-spans", "latin1.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("latin1.txt:3: repeats line 1 (bytes 40..66)"),
        "{}",
        stdout(&out)
    );
    let out = run_in(&dir, &["--json", "--no-spans", "latin1.txt"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &json["documents"][0]["report"];
    assert_eq!(report["bytes"], input.len());
    let second = &report["groups"][0]["occurrences"][1]["span"];
    let (start, end) = (
        second["start"].as_u64().unwrap() as usize,
        second["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&input[start..end], b"Caf\xE9 menu of the day, soup");
    let out = run_in(&dir, &["--clean", "latin1.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, b"Caf\xE9 menu of the day, soup\nopen daily \xFF\n");
}

/// A walk: sorted, hidden files and ignored files left out, a binary file skipped with
/// one note (no error), a gzip file decompressed whatever its name, links not followed.
#[test]
fn a_walk_reads_what_ripgrep_would() {
    let dir = folder("walk");
    write(&dir, "b/two.txt", format!("{SHARED}two\n").as_bytes());
    write(&dir, "a.txt", format!("{SHARED}one\n").as_bytes());
    write(&dir, ".hidden/h.txt", SHARED.as_bytes());
    write(&dir, "skipped.txt", SHARED.as_bytes());
    write(&dir, ".ignore", b"skipped.txt\n");
    write(&dir, "tool.bin", format!("{SHARED}\0\x01\x02").as_bytes());
    write(&dir, "ls.1.gz", &gzip(format!("{SHARED}a man page\n").as_bytes()));
    #[cfg(unix)]
    std::os::unix::fs::symlink("a.txt", dir.join("link.txt")).unwrap();
    let out = run_in(&dir, &["--no-spans", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    let named: Vec<&str> = report
        .lines()
        .filter(|l| l.contains(" repeats line 1 of ./a.txt"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(named, ["./b/two.txt", "./ls.1.gz"], "{report}");
    assert!(
        !report.contains("hidden") && !report.contains("skipped.txt"),
        "{report}"
    );
    assert!(
        !report.contains("link.txt") && !report.contains("tool.bin"),
        "{report}"
    );
    assert_eq!(stderr(&out), "dedupe: ./tool.bin: binary file, skipped\n");
    // --hidden, --no-ignore and --follow bring them in; a glob keeps only what matches.
    let out = run_in(&dir, &["--no-spans", "--hidden", "--no-ignore", "-L", "."]);
    let report = stdout(&out);
    for name in ["./.hidden/h.txt", "./skipped.txt", "./link.txt"] {
        assert!(report.contains(name), "{name}: {report}");
    }
    let out = run_in(&dir, &["--no-spans", "-g", "*.txt", "-g", "!two.txt", "."]);
    assert_eq!(stderr(&out), "", "the binary file is not even read");
    assert!(stdout(&out).contains("./a.txt"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("two.txt") && !stdout(&out).contains("ls.1"));
    // --max-filesize leaves out the larger files (the size on disk: ls.1.gz is over 60
    // bytes compressed; the text files are 46).
    let out = run_in(&dir, &["--no-spans", "--max-filesize", "50", "."]);
    assert!(stdout(&out).contains("./b/two.txt:1:"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("ls.1.gz"), "{}", stdout(&out));
}

/// Documents are numbered in path order whatever the walk's threads did.
#[test]
fn walk_order_does_not_depend_on_threads() {
    let dir = folder("order");
    for i in 0..40 {
        write(
            &dir,
            &format!("d{}/f{i:02}.txt", i % 5),
            format!("{SHARED}file {i} of the walk, its own line\n").as_bytes(),
        );
    }
    let one = run_in(&dir, &["--no-spans", "--threads", "1", "."]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    let first = stdout(&one).lines().next().unwrap().to_owned();
    assert!(first.starts_with("./d0/f05.txt:1:"), "{first}");
    for threads in ["2", "8"] {
        let many = run_in(&dir, &["--no-spans", "--threads", threads, "."]);
        assert_eq!(stdout(&many), stdout(&one), "{threads} threads");
    }
}

/// A dangling link and a loop (followed with -L) and an unreadable file are one warning
/// each; the walk goes on and the run ends with 2.
#[cfg(unix)]
#[test]
fn what_cannot_be_read_is_warned_about_and_the_walk_goes_on() {
    let dir = folder("broken");
    write(&dir, "a.txt", format!("{SHARED}one\n").as_bytes());
    write(&dir, "z.txt", format!("{SHARED}last\n").as_bytes());
    std::os::unix::fs::symlink("nowhere", dir.join("dangling")).unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    // Without -L the links are passed over: nothing to warn about.
    let out = run_in(&dir, &["--no-spans", "."]);
    assert_eq!((out.status.code(), stderr(&out)), (Some(0), String::new()));
    let out = run_in(&dir, &["--no-spans", "-L", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains("dedupe: ./dangling: "), "{err}");
    assert!(err.contains("loop"), "{err}");
    assert!(
        stdout(&out).contains("./z.txt:1: repeats line 1 of ./a.txt"),
        "{}",
        stdout(&out)
    );
    // A file named on the command line that is missing: warned about once (in the
    // first pass), the others still read.
    let out = run_in(&dir, &["--no-spans", "a.txt", "missing.txt", "z.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).matches("missing.txt").count(), 1, "{}", stderr(&out));
    assert!(stdout(&out).contains("z.txt:1:"), "{}", stdout(&out));
}

/// `dedupe x | head -1`: a closed stdout ends the run quietly.
#[test]
fn a_closed_stdout_ends_quietly() {
    let dir = folder("pipe");
    let mut text = String::new();
    for i in 0..30_000 {
        text.push_str(&format!("line {} of a long file that repeats itself\n", i % 3000));
    }
    write(&dir, "long.txt", text.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_dedupe"))
        .args(["--unit", "line", "long.txt"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(stderr(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

/// `--clean` on several text files refuses without `--output-dir`, and with it writes
/// each file's cleaned text to its own file; a file with nothing to cut comes back as
/// it was, with exit 0.
#[test]
fn clean_writes_each_file_separately() {
    let dir = folder("clean");
    write(&dir, "in/a.txt", format!("{SHARED}one\n").as_bytes());
    write(&dir, "in/sub/b.txt", format!("two\n{SHARED}").as_bytes());
    write(
        &dir,
        "in/c.txt.gz",
        &gzip(&[SHARED.as_bytes(), b"three \xC3\n"].concat()),
    );
    let out = run_in(&dir, &["--clean", "in"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--output-dir"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let out = run_in(&dir, &["--clean", "--output-dir", "out", "in"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let read = |p: &str| std::fs::read(dir.join(p)).unwrap();
    assert_eq!(read("out/in/a.txt"), format!("{SHARED}one\n").as_bytes());
    assert_eq!(read("out/in/sub/b.txt"), b"two\n");
    assert_eq!(read("out/in/c.txt"), b"three \xC3\n");
    write(&dir, "unique.txt", b"nothing in here repeats at all\n");
    let out = run_in(&dir, &["--clean", "unique.txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"nothing in here repeats at all\n");
}

/// A JSONL corpus whose 300 documents hold 301 distinct units.
fn corpus(dir: &Path) {
    let mut lines = String::new();
    for i in 0..300 {
        lines.push_str(&format!(
            "{{\"text\":\"story {i} of the corpus, long enough\\nShared footer line, all rights reserved\",\"meta\":{{\"n\":{i}}}}}\n"
        ));
    }
    write(dir, "c.jsonl", lines.as_bytes());
}

/// `--bloom N` past N warns with the estimated rate; with `--strict` it refuses.
#[test]
fn an_undersized_bloom_filter_warns_or_refuses() {
    let dir = folder("bloom");
    corpus(&dir);
    let out = run_in(&dir, &["--bloom", "1000", "--clean", "c.jsonl"]);
    assert_eq!((out.status.code(), stderr(&out)), (Some(0), String::new()));
    let out = run_in(
        &dir,
        &["--bloom", "100", "--bloom-rate", "0.001", "--clean", "c.jsonl"],
    );
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    // Fewer than the 301 distinct units: past its size, the filter takes new units for
    // ones seen.
    assert!(
        err.contains("--bloom 100: ") && err.contains(" units went in"),
        "{err}"
    );
    assert!(err.contains("false-positive rate is now about"), "{err}");
    let out = run_in(&dir, &["--bloom", "100", "--strict", "--clean", "c.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("refused: --strict"), "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "nothing of the batch that overfilled it is written"
    );
}

/// A shard's index used with another shard's input is refused, naming both.
#[test]
fn a_shard_index_with_other_input_is_refused() {
    let dir = folder("shards");
    corpus(&dir);
    let text = std::fs::read_to_string(dir.join("c.jsonl")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    write(&dir, "s0.jsonl", (lines[..150].join("\n") + "\n").as_bytes());
    write(&dir, "s1.jsonl", (lines[150..].join("\n") + "\n").as_bytes());
    for k in 0..2 {
        let out = run_in(
            &dir,
            &["--save-index", &format!("i{k}.idx"), &format!("s{k}.jsonl")],
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let with_shard_1 = |input: &str| {
        let args = [
            "--use-index",
            "i0.idx",
            "i1.idx",
            "--shard",
            "1",
            "--clean",
            input,
        ];
        run_in(&dir, &args)
    };
    let out = with_shard_1("s0.jsonl");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("i1.idx"), "{err}");
    assert!(err.contains("150 documents, fingerprint"), "{err}");
    assert!(out.stdout.is_empty());
    let out = with_shard_1("s1.jsonl");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 150);
}

/// `--text-field` and `--id-field`; a document without an id is named by file and line,
/// in the report and the attributes file.
#[test]
fn jsonl_fields_and_names() {
    let dir = folder("fields");
    write(
        &dir,
        "f.jsonl",
        b"{\"body\":\"Shared footer line, all rights reserved\",\"key\":\"a-1\"}\n\
          {\"body\":\"Shared footer line, all rights reserved\"}\n",
    );
    let out = run_in(
        &dir,
        &[
            "--text-field",
            "body",
            "--id-field",
            "key",
            "--attributes",
            "attrs.jsonl",
            "f.jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.contains("f.jsonl:2: same text as f.jsonl:1 (id \"a-1\")"),
        "{report}"
    );
    let attrs = std::fs::read_to_string(dir.join("attrs.jsonl")).unwrap();
    let ids: Vec<serde_json::Value> = attrs
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(ids, [serde_json::json!("a-1"), serde_json::json!("f.jsonl:2")]);
    let out = run_in(&dir, &["f.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("missing field \"text\""),
        "{}",
        stderr(&out)
    );
}

/// The shard print holds the ids too: input of the same lengths with other ids is
/// refused.
#[test]
fn a_shard_index_with_other_ids_is_refused() {
    let dir = folder("shard-ids");
    let line =
        |id: &str| format!("{{\"text\":\"Shared footer line, all rights reserved\",\"id\":\"{id}\"}}\n");
    write(&dir, "x.jsonl", (line("a") + &line("b")).as_bytes());
    write(&dir, "y.jsonl", (line("c") + &line("d")).as_bytes());
    let out = run_in(&dir, &["--save-index", "x.idx", "x.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run_in(&dir, &["--use-index", "x.idx", "--shard", "0", "y.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("x.idx is of another input (2 documents"),
        "{}",
        stderr(&out)
    );
    let out = run_in(&dir, &["--use-index", "x.idx", "--shard", "0", "x.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
