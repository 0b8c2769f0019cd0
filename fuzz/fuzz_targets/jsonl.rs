//! JSONL input as the example reads it (its own reader, included from the example):
//! every line either gives a document or a one-line error, never a panic; a document's
//! cleaned line keeps every field but "text", and its text is the repaired text.
#![no_main]

#[allow(dead_code)]
#[path = "../../examples/find_repeats/input.rs"]
mod input;
#[allow(dead_code)]
#[path = "../../examples/find_repeats/jsonl.rs"]
mod jsonl;

use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use dedupe::Finder;
use serde_json::{Map, Value};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("dedupe-fuzz-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("in.jsonl");
    std::fs::write(&path, data).unwrap();
    let sources = vec![input::Source::File(path)];
    let finder = Finder::new();
    // Small batches, so that lines cross batch boundaries.
    let mut all = Vec::new();
    let result = input::for_each_batch(&sources, &Arc::new(AtomicU64::new(0)), 64, &|_| true, |docs| {
        all.extend(docs.iter().map(|d| (d.line, d.raw.as_ref().map(|r| r.line.to_vec()), d.text.to_owned())));
        let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
        let report = finder.find_many(&texts);
        for (i, doc) in docs.iter().enumerate() {
            let repaired = report.repair(i, doc.text).unwrap();
            // An id that was read is one serde_json reads (the JSON report and the
            // attributes parse it again, and may not fail).
            let _ = doc.id_value();
            let raw = doc.raw.as_ref().expect("a JSONL line");
            // What --clean writes: the line, its text literal cut as the repair cuts.
            let cuts = report.located(i).removals();
            let ends = cuts.iter().map(|c| c.start).chain([doc.text.len()]);
            let starts = [0].into_iter().chain(cuts.iter().map(|c| c.end));
            let mut line = raw.line[..raw.literal.start].to_vec();
            jsonl::write_kept(raw.line, raw.literal.clone(), raw.escapes, starts.zip(ends).map(|(s, e)| s..e), &mut line);
            line.extend_from_slice(&raw.line[raw.literal.end..]);
            let before: Map<String, Value> = serde_json::from_slice(raw.line).expect("it parsed once");
            let back: Map<String, Value> = serde_json::from_slice(&line).expect("the cleaned line parses");
            assert_eq!(back["text"], Value::String(repaired));
            for (k, v) in &before {
                if k != "text" {
                    assert_eq!(&back[k], v);
                }
            }
        }
        Ok(())
    });
    if let Err(e) = &result {
        assert!(!e.contains('\n'), "one-line errors: {e}");
        return;
    }
    // Passing documents over unread changes nothing else: every line is still there,
    // as it was, and the documents read are read the same.
    let mut some = Vec::new();
    input::for_each_batch(&sources, &Arc::new(AtomicU64::new(0)), 64, &|d| d % 2 == 0, |docs| {
        some.extend(docs.iter().map(|d| (d.line, d.raw.as_ref().map(|r| r.line.to_vec()), d.text.to_owned(), d.unread)));
        Ok(())
    })
    .expect("a file read whole reads in part");
    assert_eq!(some.len(), all.len());
    for (k, (a, b)) in all.iter().zip(&some).enumerate() {
        assert_eq!((a.0, &a.1), (b.0, &b.1));
        assert_eq!(b.3, k % 2 == 1);
        assert_eq!(b.2, if b.3 { "" } else { a.2.as_str() });
    }
});
