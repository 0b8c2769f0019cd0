//! The `dedupe` binary's reports (#11): the human report's lines, its defaults, exit
//! codes, `--json-lines`, `--html` and `--help`, run end to end.

mod common;

use std::path::Path;

use common::{run, scratch, stdout};
use serde_json::Value;

const SEED: &str = "tests/data/doubled-article.txt";

/// A small corpus like /usr/share/doc/*/copyright: licenses shared between files, some
/// files copies of others, a few with a stutter or a line repeated within.
fn corpus(dir: &Path) -> Vec<String> {
    let license = |k: usize| {
        (0..12)
            .map(|i| format!("License {k} clause {i}: permission is granted to use this software as stated."))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut names = Vec::new();
    for f in 0..40 {
        let text = match f % 4 {
            // An exact copy of file 0.
            0 => format!("Upstream: project zero\n\n{}\n", license(0)),
            1 => format!("Upstream: project {f}, a name of its own\n\n{}\n", license(1)),
            2 => format!(
                "Upstream: project {f} by the the authors\nFiles: * here in project {f}\nFiles: * here in project {f}\n{}\n",
                license(2)
            ),
            _ => format!("Upstream: project {f}, nothing shared with any other file at all\n"),
        };
        let name = dir.join(format!("f{f:02}.txt"));
        std::fs::write(&name, text).unwrap();
        names.push(name.to_str().unwrap().to_owned());
    }
    names
}

/// Every line starts with its file's path; a copy of an earlier file is one line; within
/// a file, findings come in line order.
#[test]
fn one_finding_per_line_each_naming_its_file_in_line_order() {
    let dir = scratch("corpus");
    let names = corpus(&dir);
    let args: Vec<&str> = names.iter().map(String::as_str).collect();
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let mut last: Option<(&str, usize)> = None;
    for line in text.lines() {
        let path = names
            .iter()
            .find(|n| line.starts_with(&format!("{n}:")))
            .unwrap_or_else(|| panic!("no path: {line}"));
        let rest = &line[path.len() + 1..];
        if let Some(n) = rest.split(':').next().and_then(|n| n.parse::<usize>().ok()) {
            if let Some((p, before)) = last.filter(|(p, _)| p == path) {
                assert!(before <= n, "{p}: line {n} after line {before}");
            }
            last = Some((path, n));
        }
    }
    // Files 4, 8, ... 36 are copies of file 0: one line each.
    for f in (4..40).step_by(4) {
        let name = &names[f];
        let mine: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with(&format!("{name}:")))
            .collect();
        assert_eq!(mine, [format!("{name}: same text as {}", names[0])], "{text}");
    }
    // Files without findings say nothing; files with findings end with their summary.
    assert!(!text.contains("f03.txt"), "{text}");
    assert!(
        text.contains(&format!("{}:3: repeats line 2 (bytes ", names[2])),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}:1: stutter, 2 copies", names[2])),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}:3: repeats lines 3-14 of {} (lines 3-14, bytes 40..929)",
            names[5], names[1]
        )),
        "{text}"
    );
    // The corpus summary is on stderr, not among the findings.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("dedupe: 40 documents, "), "{err}");
    assert!(err.contains("9 documents repeat an earlier one"), "{err}");
}

/// Snippets are one line, whitespace shown compactly, cut at about 80 characters.
#[test]
fn snippets_are_one_short_line() {
    let para = "A first   line\tof a paragraph that is long enough to be cut short in the report line here,\n    and its second line, indented.";
    let text = format!("{para}\n\nSomething else.\n\n{para}\n");
    let out = stdout(&run(&["--unit", "paragraph", "-"], Some(text.as_bytes())));
    let first = out.lines().next().unwrap();
    let snippet = first.split_once(": \"").unwrap().1;
    assert!(
        snippet == "A first line of a paragraph that is long enough to be cut short in the report li…\"",
        "{first}"
    );
    assert!(
        first.starts_with("-:6: repeats lines 1-2 (lines 6-7, bytes 144..269): "),
        "{first}"
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("found in 3 paragraphs"), "{out}");
}

/// Several findings starting on one line get columns; singular and plural are right.
#[test]
fn a_line_with_several_findings_names_columns() {
    let out = stdout(&run(&["-"], Some(b"I saw the the cat and and the dog today.\n")));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0], "-:1:7: stutter, 2 copies (bytes 6..13): \"the the\"",
        "{out}"
    );
    assert_eq!(
        lines[1], "-:1:19: stutter, 2 copies (bytes 18..25): \"and and\"",
        "{out}"
    );
    assert_eq!(
        lines[2],
        "-: found in 1 line, 41 bytes: 2 stutters; 0 bytes of 41 in repeated units (0.0%)"
    );
    let out = stdout(&run(&["-"], Some(b"He met the the minister.\n")));
    assert!(out.starts_with("-:1: stutter"), "{out}");
    assert!(out.contains(": 1 stutter;"), "{out}");
}

/// Two lines sharing a run of 10 words.
const RUNS: &[u8] = b"We will fight on the beaches and we will never surrender to them.\nLater he said: we will fight on the beaches and we will never give up.\n";

/// The default finds groups, blocks and stutters; repeated runs only with --runs (or
/// its old name --spans); --no-spans (now --no-stutters) looks inside nothing.
#[test]
fn repeated_runs_only_when_asked() {
    let text = RUNS;
    let plain = run(&["-"], Some(text));
    assert_eq!(plain.status.code(), Some(1), "{}", stdout(&plain));
    for flag in ["--runs", "--spans"] {
        let o = run(&["-", flag], Some(text));
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
        assert!(
            stdout(&o).starts_with("-:2: 10 words repeat line 1 (bytes 81..127): \"we will fight"),
            "{}",
            stdout(&o)
        );
    }
    let stutter = b"He met the the minister.\n";
    assert_eq!(run(&["-"], Some(stutter)).status.code(), Some(0));
    for flag in ["--no-stutters", "--no-spans"] {
        let o = run(&["-", flag], Some(stutter));
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    }
    let o = run(&["-", "--runs", "--min-run-words", "12"], Some(text));
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

/// grep's exit codes: 0 when anything was found (near duplicates too), 1 when nothing,
/// 2 on a bad option, whose message names the flag as typed.
#[test]
fn exit_codes_and_flag_names() {
    let near = b"The committee met on Tuesday to discuss the budget for the coming year and agreed to raise library funding by ten percent\nsomething else\nThe committee met on Tuesday to discuss the budget for the coming year and agreed to raise library funding by ten points\n";
    assert_eq!(run(&["-"], Some(near)).status.code(), Some(1));
    assert_eq!(run(&["-", "--near"], Some(near)).status.code(), Some(0));
    for (args, flag) in [
        (&["--min-bytes", "0", "-"][..], "'--min-bytes <BYTES>'"),
        (&["--near-threshold", "1.5", "-"][..], "'--near-threshold <J>'"),
        (&["--min-run-words", "1", "-"][..], "'--min-run-words <N>'"),
        (&["--threads", "0", "-"][..], "'--threads <N>'"),
    ] {
        let o = run(args, Some(b"x\n"));
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(flag), "{err}");
        assert!(!err.contains('_'), "a Rust name in {err}");
    }
}

/// `--json-lines`: one record a line, each with a type; every occurrence's text is the
/// slice of the input at its span; the first record a document, the last the summary.
#[test]
fn json_lines_records() {
    let dir = scratch("json-lines");
    let names = corpus(&dir);
    let args: Vec<&str> = ["--json-lines"]
        .into_iter()
        .chain(names[..6].iter().map(String::as_str))
        .collect();
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(0));
    let records: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(records[0]["type"], "document");
    assert_eq!(records.last().unwrap()["type"], "summary");
    assert_eq!(records.last().unwrap()["documents"], 6);
    let mut texts = 0;
    let mut doc = 0;
    let mut types = std::collections::BTreeSet::new();
    for r in &records {
        let t = r["type"].as_str().unwrap();
        types.insert(format!("{t}/{}", r["scope"].as_str().unwrap_or("-")));
        if t == "document" {
            doc = r["doc"].as_u64().unwrap() as usize;
            assert_eq!(r["path"], names[doc]);
        }
        let source = std::fs::read_to_string(&names[doc]).unwrap();
        let occurrences: Vec<&Value> = match (r.get("occurrences"), r.get("occurrence")) {
            (Some(list), _) => list.as_array().unwrap().iter().collect(),
            (None, Some(one)) => vec![one],
            _ => vec![],
        };
        for o in occurrences {
            assert_eq!(o["doc"], doc as u64, "{r}");
            let (a, b) = (
                o["span"]["start"].as_u64().unwrap() as usize,
                o["span"]["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(o["text"].as_str(), Some(&source[a..b]), "{r}");
            texts += 1;
        }
    }
    assert!(texts >= 8, "{texts}");
    let want = [
        "block/corpus",
        "document/-",
        "group/corpus",
        "group/document",
        "stutter/document",
        "summary/-",
    ];
    assert_eq!(types.iter().map(String::as_str).collect::<Vec<_>>(), want);
    // The copy of file 0 is a document record naming it, and nothing else.
    let copy = records
        .iter()
        .position(|r| r["type"] == "document" && r["doc"] == 4)
        .unwrap();
    assert_eq!(records[copy]["same_as"], 0);
    assert_eq!(records[copy + 1]["type"], "document");
    // With --runs, a run record.
    let out = stdout(&run(&["--json-lines", "--runs", "-"], Some(RUNS)));
    assert!(
        out.lines()
            .any(|l| l.starts_with("{\"type\":\"run\",\"scope\":\"document\"")),
        "{out}"
    );
}

/// `--html`: one self-contained page; the doubled article's body is one block, its first
/// copy outlined and the later one filled and pointing at it; stutters underlined; files
/// without findings left out; a long file cut with a note; the text escaped.
#[test]
fn html_page_structure() {
    let dir = scratch("html");
    let page = dir.join("seed.html");
    let quiet = dir.join("quiet.txt");
    std::fs::write(&quiet, "Nothing in this file repeats <b>at all</b>.\n").unwrap();
    let long = dir.join("long.txt");
    let mut text = String::from("<script>alert(1)</script> is shown as text, not run.\n");
    text.push_str("<script>alert(1)</script> is shown as text, not run.\n");
    for i in 0..40_000 {
        text.push_str(&format!("line number {i} of a long file, said once\n"));
    }
    std::fs::write(&long, &text).unwrap();
    let o = run(
        &[
            "--html",
            page.to_str().unwrap(),
            SEED,
            quiet.to_str().unwrap(),
            long.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    // Self-contained: nothing fetched.
    for fetch in ["src=", "href=", "@import", "url("] {
        assert!(!html.contains(fetch), "{fetch}");
    }
    assert_eq!(
        html.matches("<section class=\"doc\"").count(),
        2,
        "the quiet file is left out"
    );
    assert!(!html.contains("quiet.txt"));
    assert!(html.contains("2 of 3 documents shown; 1 without findings left out"));
    // The article: one block, outlined first, filled copy pointing at it.
    let first = "<mark class=\"first line\" style=\"--h:0\" id=\"d0b0-0\" title=\"lines 2-12: first of 2 occurrences of a block of 11 lines\">";
    assert_eq!(html.matches(first).count(), 1, "{html:.3000}");
    assert_eq!(
        html.matches("<mark class=\"copy line\" style=\"--h:0\" data-first=\"d0b0-0\" title=\"lines 13-23: repeats lines 2-12 (a block of 11 lines); click to see it\">").count(),
        1
    );
    // The groups inside the block are not marked again; the stutters are, inside it.
    assert_eq!(html.matches("<mark class=\"stutter\" style=").count(), 2);
    assert_eq!(html.matches("data-first=\"d0g").count(), 0);
    // Every copy points at a first that is on the page.
    for target in html.split("data-first=\"").skip(1) {
        let id = &target[..target.find('"').unwrap()];
        assert!(html.contains(&format!(" id=\"{id}\"")), "{id}");
    }
    // Escaped, and cut with a note.
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains(&format!(
        "Cut here: the first 262144 of {} bytes are shown.",
        text.len()
    )));
    // Marks nest: as many closes as opens.
    assert_eq!(html.matches("<mark ").count(), html.matches("</mark>").count());
}

/// `--help` is grouped by task.
#[test]
fn help_is_grouped_by_task() {
    let help = stdout(&run(&["--help"], None));
    let at = |h: &str| {
        help.find(&format!("\n{h}:\n"))
            .unwrap_or_else(|| panic!("{h}: {help}"))
    };
    let (input, find, output, scale) = (at("Input"), at("What to find"), at("Output"), at("Corpus scale"));
    assert!(help[find..].contains("--runs") && help[output..].contains("--json-lines"));
    assert!(input < find && find < scale && output < scale, "{help}");
}

/// A large corpus stays a page a browser opens: at most 1000 documents are shown, the
/// rest counted.
#[test]
fn html_page_shows_at_most_a_thousand_documents() {
    let dir = scratch("html-many");
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for k in 0..1003 {
        std::fs::write(
            docs.join(format!("{k:04}.txt")),
            format!("Document {k} met the the minister.\n"),
        )
        .unwrap();
    }
    let page = dir.join("many.html");
    let o = run(&["--html", page.to_str().unwrap(), docs.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(html.matches("<section class=\"doc\"").count(), 1000);
    assert!(html.contains(
        "1000 of 1003 documents shown; 0 without findings left out; 3 more with findings not shown"
    ));
    // The last three are the ones left out.
    assert!(html.contains("0999.txt</h2>"));
    assert!(!html.contains("1000.txt") && !html.contains("1002.txt"));
}
