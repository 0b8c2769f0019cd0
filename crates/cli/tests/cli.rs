//! The `dedupe` binary, run end to end as a user runs it (from this crate's folder, on
//! `tests/data/`).

mod common;

use std::io::Write;

use common::{run, scratch, stdout};

const SEED: &str = "tests/data/doubled-article.txt";

const SAMPLE: &str = "tests/data/sample.txt";

#[test]
fn human_report_on_the_sample() {
    let out = run(&[SAMPLE], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.contains(
            "tests/data/sample.txt:13: repeats lines 2-12, a block of 11 lines (lines 13-23, bytes 3162..6197): \"General Valery"
        ),
        "{text}"
    );
    assert!(
        text.starts_with(
            "tests/data/sample.txt:6: stutter, 2 copies (bytes 1379..1410): \"President Ilham President Ilham\"\n"
        ),
        "{text}"
    );
    assert!(text
        .contains("tests/data/sample.txt:17: stutter, 2 copies, inside a repeat above (bytes 4415..4446)"));
    // The units inside the block are not listed again.
    assert_eq!(text.lines().count(), 4, "{text}");
    let plain = stdout(&run(&["--no-spans", SAMPLE], None));
    assert_eq!(plain.lines().count(), 2, "{plain}");
}

/// With no path, stdin is read (a terminal on stdin gets the usage instead, exit 2).
#[test]
fn no_path_reads_stdin() {
    let sample = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap();
    let out = run(&["--no-spans"], Some(&sample));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.starts_with("-:13: repeats lines 2-12, a block of 11 lines (lines 13-23, bytes 3162..6197): "),
        "{text}"
    );
    assert_eq!(stdout(&run(&["-", "--no-spans"], Some(&sample))), text);
    let out = run(&[], Some(b"one line only, nothing repeats\n"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn help_and_errors_name_the_program_dedupe() {
    let out = run(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).starts_with("Find repeated lines"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("Usage: dedupe [OPTIONS] [PATHS]..."),
        "{}",
        stdout(&out)
    );
    let out = run(&["/no/such/file"], None);
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("dedupe: /no/such/file: "),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn json_spans_and_repetition_statistics() {
    let out = run(&["--json", "--stats", SEED], None);
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    take_texts(&mut v, &seed_text());
    // The document's own report, as the library serializes `Report::inner`.
    let inner = v["documents"][0]["report"]["inner"].as_array().unwrap();
    assert_eq!(inner.len(), 2);
    assert_eq!(
        inner[0],
        serde_json::json!({"kind": "stutter", "tokens": 2, "copies": 2,
            "occurrences": [{"doc": 0, "span": {"start": 1379, "end": 1410}, "line": 6, "end_line": 6, "unit": 5}],
            "first_copy": {"start": 1379, "end": 1394}, "in_covered": false})
    );
    assert_eq!(inner[1]["occurrences"][0]["span"]["start"], 4415);
    assert_eq!(inner[1]["in_covered"], true);
    let rep = &v["documents"][0]["repetition"];
    assert_eq!(rep["gopher_rule"], "dup_line_frac");
    assert!((rep["duplicate_line_fraction"].as_f64().unwrap() - 11.0 / 23.0).abs() < 1e-12);
    // Only when asked: they read every n-gram.
    let v: serde_json::Value = serde_json::from_slice(&run(&["--json", SEED], None).stdout).unwrap();
    assert!(v["documents"][0].get("repetition").is_none());
    // JSONL documents skip the look inside units unless asked.
    let dir = scratch("jsonl-spans");
    let docs = dir.join("d.jsonl");
    std::fs::write(&docs, "{\"text\": \"He met the the minister\"}\n").unwrap();
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["--json", docs.to_str().unwrap()], None).stdout).unwrap();
    assert!(v["documents"][0]["report"]["inner"]
        .as_array()
        .unwrap()
        .is_empty());
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["--json", "--spans", docs.to_str().unwrap()], None).stdout).unwrap();
    assert_eq!(v["documents"][0]["report"]["inner"][0]["kind"], "stutter");
}

#[test]
fn json_report_has_the_documented_fields() {
    let out = run(&["--json", SEED], None);
    assert_eq!(out.status.code(), Some(0));
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(take_texts(&mut v, &seed_text()), 11 * 2 + 2 + 2);
    assert_eq!(v["version"], 2);
    let doc = &v["documents"][0];
    assert_eq!(doc["path"], SEED);
    assert_eq!(doc["cut_bytes"], 3036);
    assert_eq!(doc["corpus_units"], 0);
    // Within the document: its `dedupe::Report`, serialized by the library.
    let report = &doc["report"];
    assert_eq!(report["bytes"], 6197);
    assert_eq!(report["unit"], "line");
    assert_eq!(report["groups"].as_array().unwrap().len(), 11);
    assert_eq!(
        report["groups"][0],
        serde_json::json!({"occurrences": [
            {"doc": 0, "span": {"start": 126, "end": 453}, "line": 2, "end_line": 2, "unit": 1},
            {"doc": 0, "span": {"start": 3162, "end": 3489}, "line": 13, "end_line": 13, "unit": 12}]})
    );
    assert_eq!(
        report["blocks"],
        serde_json::json!([{"units": 11, "occurrences": [
            {"doc": 0, "span": {"start": 126, "end": 3161}, "line": 2, "end_line": 12, "unit": 1},
            {"doc": 0, "span": {"start": 3162, "end": 6197}, "line": 13, "end_line": 23, "unit": 12}]}])
    );
    assert_eq!(report["stats"]["units"], 23);
    assert_eq!(report["stats"]["repeated_units"], 11);
    assert_eq!(report["stats"]["repeated_bytes"], 3035);
    assert_eq!(
        report["removals"],
        serde_json::json!([{"start": 3161, "end": 6197}])
    );
    // One document: nothing across documents.
    for key in ["groups", "blocks", "near", "duplicate_documents"] {
        assert_eq!(v[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(v["stats"]["documents"], 1);
    assert_eq!(v["stats"]["units"], 23);
    assert_eq!(v["stats"]["repeated_bytes"], 3035);
    assert_eq!(v["stats"]["bytes"], 6197);
    assert_eq!(v["stats"]["corpus_cut_bytes"], 3036);
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
        stdout(&out).starts_with("-: nothing repeats in 2 lines, 45 bytes"),
        "{}",
        stdout(&out)
    );
    let out = run(
        &["-", "--unit", "line", "--min-bytes", "2", "-i"],
        Some(b"Ab\nab\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("-:2: repeats line 1 (bytes 3..5): \"ab\""),
        "{}",
        stdout(&out)
    );
}

/// A file that cannot be read is named on stderr and the run ends with 2 (text with
/// invalid UTF-8 is searched: see tests/input.rs).
#[test]
fn a_missing_file_is_an_error() {
    let out = run(&["/no/such/file"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file"));
}

#[test]
fn several_files_are_one_corpus() {
    let out = run(&["--json", SEED, SEED], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    // Each copy of the article has its doubled body, and the body repeats across the two.
    for (n, doc) in v["documents"].as_array().unwrap().iter().enumerate() {
        let blocks = doc["report"]["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), 1);
        // Occurrences within a document carry its number.
        assert_eq!(blocks[0]["occurrences"][1]["doc"], n);
        assert_eq!(
            blocks[0]["occurrences"][1]["span"],
            serde_json::json!({"start": 3162, "end": 6197})
        );
    }
    let blocks = v["blocks"].as_array().unwrap();
    assert!(!blocks.is_empty());
    let docs: Vec<u64> = blocks[0]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["doc"].as_u64().unwrap())
        .collect();
    assert!(docs.contains(&0) && docs.contains(&1), "{docs:?}");
    assert_eq!(v["duplicate_documents"], serde_json::json!([[0, 1]]));
    let out = run(&[SEED, SEED], None);
    let text = stdout(&out);
    // The copy is one line, not a second listing.
    assert!(
        text.ends_with("\ntests/data/doubled-article.txt: same text as tests/data/doubled-article.txt\n"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 5, "{text}");
    // The corpus summary goes to stderr: every line of the report names a file.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("dedupe: 2 documents, 12394 bytes"), "{err}");
}

const FOOTER: &str = "Shared footer line, all rights reserved";

fn jsonl() -> String {
    [
        serde_json::json!({"id": "d1", "text": format!("Alpha story, long enough to count\n{FOOTER}"), "meta": {"k": 5}}),
        serde_json::json!({"id": "d2", "text": format!("Beta story, écrit en français ici\n{FOOTER}"), "score": 0.5}),
        serde_json::json!({"text": format!("{FOOTER}\nGamma story has no id at all")}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect()
}

#[test]
fn a_folder_is_walked_in_order_and_hidden_files_are_skipped() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::write(
        dir.join("b.txt"),
        format!("Story B, long enough to count\n{FOOTER}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("a.txt"),
        format!("Story A, long enough to count\n{FOOTER}\n"),
    )
    .unwrap();
    std::fs::write(dir.join("sub/c.txt"), format!("{FOOTER}\n")).unwrap();
    std::fs::write(dir.join(".hidden/d.txt"), format!("{FOOTER}\n")).unwrap();
    let out = run(&["--json", dir.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<String> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .rsplit(['/', '\\'])
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(paths, ["a.txt", "b.txt", "c.txt"]);
    let corpus: Vec<&serde_json::Value> = v["groups"].as_array().unwrap().iter().collect();
    assert_eq!(corpus.len(), 1);
    let docs: Vec<u64> = corpus[0]["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["doc"].as_u64().unwrap())
        .collect();
    assert_eq!(docs, [0, 1, 2]);
}

#[test]
fn jsonl_plain_gzip_and_zstd_clean_to_jsonl_keeping_other_fields() {
    let dir = scratch("jsonl");
    let text = jsonl();
    std::fs::write(dir.join("plain.jsonl"), &text).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    std::fs::write(dir.join("packed.jsonl.gz"), gz.finish().unwrap()).unwrap();
    std::fs::write(
        dir.join("packed.jsonl.zst"),
        zstd::encode_all(text.as_bytes(), 3).unwrap(),
    )
    .unwrap();
    for name in ["plain.jsonl", "packed.jsonl.gz", "packed.jsonl.zst"] {
        let out = run(&["--clean", dir.join(name).to_str().unwrap()], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines: Vec<serde_json::Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[0]["text"],
            format!("Alpha story, long enough to count\n{FOOTER}")
        );
        assert_eq!(lines[0]["meta"]["k"], 5);
        assert_eq!(lines[1]["text"], "Beta story, écrit en français ici");
        assert_eq!(lines[1]["id"], "d2");
        assert_eq!(lines[1]["score"], 0.5);
        assert_eq!(lines[2]["text"], "Gamma story has no id at all");
    }
    // Every file given in one run is one corpus: the copies are cut whole.
    let out = run(&["--json", dir.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 9);
    assert_eq!(v["documents"][0]["line"], 1);
    assert_eq!(v["documents"][1]["id"], "d2");
    assert_eq!(v["duplicate_documents"].as_array().unwrap().len(), 3);
}

#[test]
fn attributes_in_dolma_layout_count_characters_or_bytes() {
    let dir = scratch("attrs");
    std::fs::write(dir.join("docs.jsonl"), jsonl()).unwrap();
    let attrs = dir.join("attrs.jsonl");
    let docs = dir.join("docs.jsonl");
    for (offsets, start, end) in [("chars", 33, 73), ("bytes", 35, 75)] {
        let out = run(
            &[
                "--attributes",
                attrs.to_str().unwrap(),
                "--attribute-offsets",
                offsets,
                docs.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(0));
        let lines: Vec<serde_json::Value> = std::fs::read_to_string(&attrs)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(
            lines[0],
            serde_json::json!({"id": "d1", "attributes": {"dedupe_repeats": []}})
        );
        // "Beta story, écrit en français ici" is 33 characters and 35 bytes; the cut takes
        // the line break before the footer and the footer.
        assert_eq!(
            lines[1]["attributes"]["dedupe_repeats"],
            serde_json::json!([[start, end, 1.0]])
        );
        let text = format!("Beta story, écrit en français ici\n{FOOTER}");
        let cut: String = if offsets == "chars" {
            text.chars().skip(start).take(end - start).collect()
        } else {
            text[start..end].to_owned()
        };
        assert_eq!(cut, format!("\n{FOOTER}"));
    }
}

#[test]
fn bloom_mode_cuts_what_the_exact_mode_cuts() {
    let dir = scratch("bloom");
    let docs = dir.join("docs.jsonl");
    std::fs::write(&docs, jsonl()).unwrap();
    let exact = run(&["--clean", docs.to_str().unwrap()], None);
    let bloom = run(&["--clean", "--bloom", "1000", docs.to_str().unwrap()], None);
    assert_eq!(bloom.status.code(), Some(0));
    assert_eq!(stdout(&bloom), stdout(&exact));
}

/// `--clean` runs in one pass (each unit checked against the units seen before it); with
/// a saved index it runs the two passes (index, then locate). Both cut the same bytes, on
/// the real fixtures, each file and then all of them again, so that whole files repeat.
#[test]
fn clean_in_one_pass_cuts_what_the_two_passes_cut() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data");
    let mut files: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.to_str().unwrap().to_owned())
        .collect();
    files.sort();
    assert!(files.len() >= 6);
    let dir = scratch("one-pass");
    let mut copies = Vec::new();
    for copy in ["a", "b"] {
        std::fs::create_dir_all(dir.join(copy)).unwrap();
        for f in &files {
            let to = dir.join(copy).join(std::path::Path::new(f).file_name().unwrap());
            std::fs::copy(f, &to).unwrap();
            copies.push(to.to_str().unwrap().to_owned());
        }
    }
    let twice: Vec<&str> = copies.iter().map(String::as_str).collect();
    let index = dir.join("all.idx");
    let out = run(
        &[&["--save-index", index.to_str().unwrap()], &twice[..]].concat(),
        None,
    );
    succeeded(&out);
    for unit in ["auto", "line", "paragraph"] {
        let (one, two) = (dir.join(format!("one-{unit}")), dir.join(format!("two-{unit}")));
        let common = ["--clean", "--unit", unit, "--output-dir"];
        let out = run(
            &[&common[..], &[one.to_str().unwrap()], &twice[..]].concat(),
            None,
        );
        succeeded(&out);
        let indexed = ["--use-index", index.to_str().unwrap(), "--shard", "0", "--"];
        let out = run(
            &[&common[..], &[two.to_str().unwrap()], &indexed[..], &twice[..]].concat(),
            None,
        );
        if unit != "auto" {
            // The index was saved with --unit auto: other settings are refused.
            assert_eq!(out.status.code(), Some(2));
            continue;
        }
        succeeded(&out);
        let (a, b) = (files_in(&one), files_in(&two));
        assert_eq!(a.len(), copies.len());
        assert_eq!(a, b);
        // Within the files something is cut, and of their second copies all but the
        // short lines (under --min-chars, never cut).
        let size = |f: &str| std::fs::metadata(f).unwrap().len() as usize;
        let (first, second) = a.split_at(files.len());
        assert!(first.iter().zip(&files).any(|((_, got), f)| got.len() < size(f)));
        assert!(second.iter().all(|(_, got)| got.len() < 64), "{second:?}");
    }
}

/// Asserts that the run exited 0, showing its stderr if not.
fn succeeded(out: &std::process::Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir`, by path from it, with its bytes.
fn files_in(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn sharded_indexes_give_the_single_run() {
    let dir = scratch("shards");
    let lines: Vec<String> = jsonl().lines().map(str::to_owned).collect();
    for (k, line) in lines.iter().enumerate() {
        std::fs::write(dir.join(format!("shard{k}.jsonl")), format!("{line}\n")).unwrap();
    }
    let whole = dir.join("whole.jsonl");
    std::fs::write(&whole, jsonl()).unwrap();
    let single = stdout(&run(&["--clean", whole.to_str().unwrap()], None));
    let mut indexes = Vec::new();
    for k in 0..lines.len() {
        let shard = dir.join(format!("shard{k}.jsonl"));
        let index = dir.join(format!("shard{k}.idx"));
        let out = run(
            &["--save-index", index.to_str().unwrap(), shard.to_str().unwrap()],
            None,
        );
        assert!(
            out.status.code().unwrap() < 2,
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        indexes.push(index.to_str().unwrap().to_owned());
    }
    let mut sharded = String::new();
    for k in 0..lines.len() {
        let shard = dir.join(format!("shard{k}.jsonl"));
        let mut args = vec![
            "--clean".to_owned(),
            "--shard".to_owned(),
            k.to_string(),
            "--use-index".to_owned(),
        ];
        args.extend(indexes.iter().cloned());
        args.push("--".to_owned());
        args.push(shard.to_str().unwrap().to_owned());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        sharded.push_str(&stdout(&run(&args, None)));
    }
    assert_eq!(sharded, single);
}

#[test]
fn near_duplicates_within_a_document_and_across_documents() {
    let dir = scratch("near");
    let para = |last: &str| {
        format!(
            "The committee met on Tuesday to discuss the budget for the coming year and agreed to raise \
             library funding by ten {last}"
        )
    };
    let text = format!(
        "{}\nThe weather stayed sunny and warm all week long.\n{}\n",
        para("percent"),
        para("points")
    );
    let file = dir.join("one.txt");
    std::fs::write(&file, &text).unwrap();
    let out = stdout(&run(&["--near", "--no-spans", file.to_str().unwrap()], None));
    assert!(
        out.contains("one.txt:3: near duplicate of line 1, jaccard 0.89 (bytes 171..291): \"The committee"),
        "{out}"
    );
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["--near", "--json", file.to_str().unwrap()], None).stdout).unwrap();
    let near = v["documents"][0]["report"]["near"].as_array().unwrap();
    assert_eq!(near.len(), 1);
    assert_eq!(near[0]["occurrences"][1]["line"], 3);
    assert_eq!(
        (&near[0]["pairs"][0]["a"], &near[0]["pairs"][0]["b"]),
        (&0.into(), &1.into())
    );
    let j = near[0]["pairs"][0]["jaccard"].as_f64().unwrap();
    assert!((j - 17.0 / 19.0).abs() < 1e-12, "{j}"); // 22 words: 18 shingles each, 17 shared

    // Documents: the second is the first with one word changed in 100 (91 of 101 shingles).
    let words: Vec<String> = (0..100).map(|i| format!("word{i}")).collect();
    let a = words.join(" ");
    let b = a.replace("word50", "changed");
    std::fs::write(dir.join("a.txt"), &a).unwrap();
    std::fs::write(dir.join("b.txt"), &b).unwrap();
    std::fs::remove_file(&file).unwrap();
    let out = stdout(&run(&["--near", dir.to_str().unwrap()], None));
    assert!(out.contains("b.txt: near duplicate of "), "{out}");
    assert!(out.contains("a.txt, the whole document, jaccard 0.90\n"), "{out}");
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["--near", "--json", dir.to_str().unwrap()], None).stdout).unwrap();
    // The two documents are one unit each: near-duplicate units and documents.
    let near = v["near"].as_array().unwrap();
    assert_eq!(near.len(), 2);
    assert_eq!(near[0]["unit"], "unit");
    assert_eq!(near[0]["occurrences"][1]["doc"], 1);
    let near = &near[1..];
    assert_eq!(near[0]["unit"], "document");
    assert_eq!(near[0]["documents"], serde_json::json!([0, 1]));
    let j = near[0]["pairs"][0]["jaccard"].as_f64().unwrap();
    assert!((j - 91.0 / 101.0).abs() < 1e-12, "{j}");
}

#[test]
fn near_duplicate_paragraphs_across_documents() {
    let dir = scratch("near-units");
    let para = |last: &str| {
        format!(
            "The committee met on Tuesday to discuss the budget for the coming year and agreed to raise \
             library funding by ten {last}"
        )
    };
    std::fs::write(
        dir.join("a.txt"),
        format!("First page, its own opening line\n{}\n", para("percent")),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.txt"),
        format!("Second page opens differently\n{}\n", para("points")),
    )
    .unwrap();
    let out = stdout(&run(&["--near", "--no-spans", dir.to_str().unwrap()], None));
    assert!(
        out.contains("b.txt:2: near duplicate of line 2 of ")
            && out.contains("a.txt, jaccard 0.89 (bytes 30..150)"),
        "{out}"
    );
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["--near", "--json", dir.to_str().unwrap()], None).stdout).unwrap();
    let (units, docs) = near_units(&v);
    assert_eq!(docs, [0, 1]);
    assert_eq!(units[0]["occurrences"][1]["line"], 2);
}

/// Within each document of a corpus, the near duplicates come from the sketches of the
/// corpus-wide search of units (each unit sketched once), and are those the library's
/// finder with near duplicates finds in the document alone (its report's "near").
#[test]
fn near_duplicates_within_documents_of_a_corpus_are_the_finders() {
    let dir = scratch("near-within");
    let words = |seed: usize, n: usize| -> String {
        (0..n)
            .map(|i| format!("w{}", (seed * 7 + i * 13) % 40))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut texts = Vec::new();
    for d in 0..6 {
        let a = format!("{} end{d}", words(d, 24));
        let b = a.replace(&format!("end{d}"), "changed");
        let c = words(100 + d, 30);
        // Exact copies within the document and across documents, near copies within.
        let shared = words(7, 26);
        let text = format!(
            "{a}\nshort line {d}\n{c}\n{b}\n{a}\n{shared}\n{}\n",
            shared.replace("w", "W")
        );
        std::fs::write(dir.join(format!("{d}.txt")), &text).unwrap();
        texts.push(text);
    }
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["--near", "--json", dir.to_str().unwrap()], None).stdout).unwrap();
    let finder = dedupe::FinderBuilder::new()
        .near(true)
        .stutters(true)
        .build()
        .unwrap();
    let mut found = 0;
    for (k, doc) in v["documents"].as_array().unwrap().iter().enumerate() {
        let name = doc["path"].as_str().unwrap_or_default();
        let d: usize = name
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".txt")
            .parse()
            .unwrap();
        let want = serde_json::to_value(finder.find(&texts[d]).near()).unwrap();
        // The CLI adds each occurrence's text, and numbers its document.
        let mut got = doc["report"]["near"].clone();
        for g in got.as_array_mut().unwrap() {
            for o in g["occurrences"].as_array_mut().unwrap() {
                o.as_object_mut().unwrap().remove("text");
                o["doc"] = 0.into();
            }
        }
        assert_eq!(got, want, "document {k}");
        found += want.as_array().unwrap().len();
    }
    assert!(found >= 6, "{found}");
}

/// The corpus-wide near groups of units in a JSON report, and the documents of the first
/// one's occurrences.
fn near_units(v: &serde_json::Value) -> (Vec<&serde_json::Value>, Vec<u64>) {
    let units: Vec<&serde_json::Value> = v["near"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["unit"] == "unit")
        .collect();
    assert_eq!(units.len(), 1);
    let docs = occurrence_field(units[0], "doc");
    (units, docs)
}

/// A number field of each occurrence of a JSON group.
fn occurrence_field(group: &serde_json::Value, key: &str) -> Vec<u64> {
    group["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o[key].as_u64().unwrap())
        .collect()
}

/// A paragraph that ends in a word of the caller's.
const COMMITTEE: &str =
    "The committee met on Tuesday to discuss the budget for the coming year and agreed to raise library funding by ten";

/// A near group across documents lists every copy of each text (#14 item 4): a paragraph
/// in two documents near a paragraph in two others is four occurrences, two texts, one pair.
#[test]
fn near_groups_across_documents_list_every_copy() {
    let dir = scratch("near-copies");
    for (name, opening, last) in [
        ("a.txt", "First page, its own opening line", "percent"),
        ("b.txt", "Second page opens differently", "points"),
        ("c.txt", "Third page, another start here", "percent"),
        ("d.txt", "Fourth page begins its own way", "points"),
    ] {
        std::fs::write(dir.join(name), format!("{opening}\n{COMMITTEE} {last}\n")).unwrap();
    }
    let out = stdout(&run(&["--near", "--no-spans", dir.to_str().unwrap()], None));
    let near: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("near duplicate of line 2 of "))
        .collect();
    assert_eq!(near.len(), 2, "{out}");
    assert!(
        near[0].contains("b.txt:2") && near[1].contains("d.txt:2"),
        "{out}"
    );
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["--near", "--json", dir.to_str().unwrap()], None).stdout).unwrap();
    let (units, docs) = near_units(&v);
    assert_eq!(docs, [0, 1, 2, 3]);
    assert_eq!(units[0]["texts"], serde_json::json!([[0, 2], [1, 3]]));
    assert_eq!(units[0]["pairs"].as_array().unwrap().len(), 1);
}

/// A near group across documents lists the copies of a unit repeated only within one
/// document too (#14 item 4): they were left out of the corpus search and not put back.
#[test]
fn near_groups_across_documents_list_copies_within_one_document() {
    let dir = scratch("near-copies-within");
    let a = format!("First page, its own opening line\n{COMMITTEE} percent\nA line between the two copies\n{COMMITTEE} percent\n");
    std::fs::write(dir.join("a.txt"), a).unwrap();
    std::fs::write(
        dir.join("b.txt"),
        format!("Second page opens differently\n{COMMITTEE} points\n"),
    )
    .unwrap();
    let v: serde_json::Value =
        serde_json::from_slice(&run(&["--near", "--json", dir.to_str().unwrap()], None).stdout).unwrap();
    let (units, docs) = near_units(&v);
    assert_eq!(docs, [0, 0, 1]);
    assert_eq!(occurrence_field(units[0], "line"), [2, 4, 2]);
    assert_eq!(units[0]["texts"], serde_json::json!([[0, 1], [2]]));
    assert_eq!(units[0]["pairs"].as_array().unwrap().len(), 1);
}

/// `--clean` changes nothing in a line but the parts of its "text" literal that are cut:
/// spacing, key order, escapes as written (`\u00e9`, `\/`) and CRLF line ends stay.
#[test]
fn clean_keeps_every_other_byte_of_a_jsonl_line() {
    let dir = scratch("clean-bytes");
    let path = dir.join("odd.jsonl");
    let input = concat!(
        "{ \"meta\" : [1, 2.50, {\"k\": null}],\"text\" : \"Caf\\u00e9 opens at noon, see a\\/b\\nShared footer line, all rights reserved\" }\r\n",
        "{\"text\":\"Shared footer line, all rights reserved\\nA second story, told once here\",  \"id\":7}\n",
        "{\"text\":\"Nothing repeats in this document at all\", \"x\":\"\\ud800\"}\n",
    );
    std::fs::write(&path, input).unwrap();
    let out = run(&["--clean", path.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want = concat!(
        "{ \"meta\" : [1, 2.50, {\"k\": null}],\"text\" : \"Caf\\u00e9 opens at noon, see a\\/b\\nShared footer line, all rights reserved\" }\r\n",
        "{\"text\":\"A second story, told once here\",  \"id\":7}\n",
        "{\"text\":\"Nothing repeats in this document at all\", \"x\":\"\\ud800\"}\n",
    );
    assert_eq!(stdout(&out), want);
    // The third document takes no part in any repeat: pass two passes it over unread,
    // and it still counts in the human report's totals.
    let out = run(&[path.to_str().unwrap()], None);
    let report = stdout(&out);
    assert!(!report.contains("odd.jsonl#3"), "{report}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("dedupe: 3 documents, 177 bytes"), "{err}");
}

/// Found by the `jsonl` fuzz target: invalid UTF-8 in a field other than "text" passed the
/// first pass and failed only when `--clean` wrote the line back. Now the line is refused
/// when read, with its file and line.
#[test]
fn regression_jsonl_invalid_utf8_in_another_field() {
    let path = "tests/data/fuzz/jsonl-invalid-utf8-in-other-field.jsonl";
    for args in [&["--clean", path][..], &[path][..]] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("jsonl-invalid-utf8-in-other-field.jsonl:1: invalid UTF-8 at byte 8 of the line"),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "nothing written before the error");
    }
}

/// Found by the `jsonl` fuzz target: a number too long for an f64 in another field was
/// rounded when `--clean` wrote the line back. Numbers now keep every digit.
#[test]
fn regression_jsonl_big_number_in_another_field() {
    let path = "tests/data/fuzz/jsonl-big-number-in-other-field.jsonl";
    let out = run(&["--clean", path], None);
    assert_eq!(
        out.status.code().map(|c| c < 2),
        Some(true),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let first = stdout(&out).lines().next().unwrap().to_owned();
    assert!(
        first.contains(r#""m":3333333333333333333333333333333333333333335"#),
        "{first}"
    );
}

#[test]
fn a_stutter_alone_is_a_finding() {
    let o = run(&["-"], Some(b"He met the the president of the company today.\n"));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("-:1: stutter, 2 copies (bytes 7..14): \"the the\""),
        "{}",
        stdout(&o)
    );
}

#[test]
fn clean_with_nothing_to_cut_exits_zero_and_keeps_the_text() {
    let text = b"one line of its own\nanother line of its own\n";
    let o = run(&["--clean", "-"], Some(text));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, text);
}

/// The seed article's text.
fn seed_text() -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap()
}

/// Checks that every occurrence's `text` in `v` is the slice of `text` at its span, and
/// takes it out (so that the rest compares as the library serializes it); how many.
fn take_texts(v: &mut serde_json::Value, text: &str) -> usize {
    let mut n = 0;
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(t), Some(span)) = (m.get("text"), m.get("span")) {
                let (a, b) = (
                    span["start"].as_u64().unwrap() as usize,
                    span["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(t.as_str(), Some(&text[a..b]), "the text at {a}..{b}");
                m.remove("text");
                n += 1;
            }
            for x in m.values_mut() {
                n += take_texts(x, text);
            }
        }
        serde_json::Value::Array(a) => {
            for x in a {
                n += take_texts(x, text);
            }
        }
        _ => {}
    }
    n
}
