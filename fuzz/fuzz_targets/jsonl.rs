//! JSONL input as the example reads it (its own reader, included from the example):
//! every line either gives a document or a one-line error, never a panic; a document's
//! cleaned line keeps every field but "text", and its text is the repaired text.
#![no_main]

#[allow(dead_code)]
#[path = "../../examples/find_repeats/input.rs"]
mod input;

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
    let mut docs = Vec::new();
    let result = input::for_each_doc(&sources, &Arc::new(AtomicU64::new(0)), true, |doc| {
        docs.push(doc);
        Ok(())
    });
    if let Err(e) = &result {
        assert!(!e.contains('\n'), "one-line errors: {e}");
    }
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let report = finder.find_many(&texts);
    for (i, doc) in docs.iter().enumerate() {
        let repaired = report.repair(i, &doc.text).unwrap();
        let raw = doc.raw.as_ref().expect("raw line kept");
        // The reader refuses lines that are not UTF-8, so every kept line parses whole.
        let mut object: Map<String, Value> = serde_json::from_slice(raw).expect("it parsed once");
        let before = object.clone();
        object.insert("text".to_owned(), Value::String(repaired.clone()));
        let line = serde_json::to_string(&object).unwrap();
        let back: Map<String, Value> = serde_json::from_str(&line).unwrap();
        assert_eq!(back["text"], Value::String(repaired));
        for (k, v) in &before {
            if k != "text" {
                assert_eq!(&back[k], v);
            }
        }
    }
});
