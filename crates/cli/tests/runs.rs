//! `--runs` over several documents (issue #14, item 6): a document that is an exact
//! duplicate of an earlier one reports no repeated runs; the first copy reports them.

mod common;

use common::{run, scratch, stdout};

/// Document numbers of the `run` records of a `--json-lines` report.
fn run_docs(out: &str) -> Vec<u64> {
    out.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|r| r["type"] == "run")
        .map(|r| r["doc"].as_u64().unwrap())
        .collect()
}

/// Real text: the end of two openssl manual pages (see the root crate's tests/runs.rs).
const TEXT: &str = include_str!("../../../tests/data/openssl-man-tails.txt");

#[test]
fn a_duplicate_file_reports_no_runs() {
    let dir = scratch("runs-files");
    let (a, b, c) = (dir.join("a.txt"), dir.join("b.txt"), dir.join("c.txt"));
    std::fs::write(&a, TEXT).unwrap();
    std::fs::write(&b, "Another file, with nothing that repeats in it.\n").unwrap();
    std::fs::write(&c, TEXT).unwrap();
    let paths: Vec<&str> = [&a, &b, &c].iter().map(|p| p.to_str().unwrap()).collect();
    let out = stdout(&run(
        &["--json-lines", "--runs", paths[0], paths[1], paths[2]],
        None,
    ));
    let docs = run_docs(&out);
    assert!(docs.len() >= 5, "{out}");
    assert!(docs.iter().all(|&d| d == 0), "{docs:?}");
    // The JSON report too (it listed the copy's runs before #14).
    let json: serde_json::Value = serde_json::from_str(&stdout(&run(
        &["--json", "--runs", paths[0], paths[1], paths[2]],
        None,
    )))
    .unwrap();
    let runs_in = |d: usize| {
        json["documents"][d]["report"]["inner"]
            .as_array()
            .map_or(0, |a| a.iter().filter(|r| r["kind"] == "repeat").count())
    };
    assert_eq!((runs_in(0), runs_in(1), runs_in(2)), (docs.len(), 0, 0), "{json}");
    // Alone, the copy reports its runs.
    let alone = stdout(&run(&["--json-lines", "--runs", paths[2]], None));
    assert_eq!(run_docs(&alone).len(), docs.len());
}

#[test]
fn a_duplicate_jsonl_document_reports_no_runs() {
    let dir = scratch("runs-jsonl");
    let path = dir.join("docs.jsonl");
    let line = |id: u32, text: &str| serde_json::json!({"id": id, "text": text}).to_string();
    let jsonl = [line(1, TEXT), line(2, "a short one"), line(3, TEXT)].join("\n") + "\n";
    std::fs::write(&path, jsonl).unwrap();
    let out = stdout(&run(&["--json-lines", "--runs", path.to_str().unwrap()], None));
    let docs = run_docs(&out);
    assert!(!docs.is_empty(), "{out}");
    assert!(docs.iter().all(|&d| d == 0), "{docs:?}");
}

/// A run is not reported where it lies inside a line that repeats a line of an earlier
/// file: there it is that line's repeat. Its occurrences elsewhere still count.
#[test]
fn no_runs_inside_lines_repeated_from_another_file() {
    let dir = scratch("runs-across");
    let notice = "Copies of this manual may be made and shared under the same terms as the program.";
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    std::fs::write(&a, format!("The first page.\n{notice}\n")).unwrap();
    std::fs::write(
        &b,
        format!("{notice}\nOwn words. {notice}\nOther lines: {notice}\n"),
    )
    .unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let lines_of_runs = |out: &str| -> Vec<Vec<u64>> {
        out.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|r| r["type"] == "run")
            .map(|r| {
                r["occurrences"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|o| o["line"].as_u64().unwrap())
                    .collect()
            })
            .collect()
    };
    // Alone, the second file has the sentence three times.
    let alone = stdout(&run(&["--json-lines", "--runs", b], None));
    assert_eq!(lines_of_runs(&alone), [vec![1, 2, 3]], "{alone}");
    // After the first file, its first line is a repeat and the run is left with two.
    let both = stdout(&run(&["--json-lines", "--runs", a, b], None));
    assert_eq!(lines_of_runs(&both), [vec![2, 3]], "{both}");
}
