//! JSONL input through `dedupe::jsonl`: every line either gives a document or a one-line
//! error, never a panic; a document's cleaned line keeps every field but "text", and its
//! text is the repaired text; skipping documents changes nothing else.
#![no_main]

use dedupe::jsonl::{Batch, Reader};
use dedupe::Finder;
use serde_json::{Map, Value};

/// A document as read: line, raw line, text, whether skipped.
type Read = (usize, Vec<u8>, String, bool);

/// Every document of `data`, in parts of 64 bytes (so that lines cross parts), with the
/// checks of `each` on every batch.
fn read(data: &[u8], wanted: &mut dyn FnMut(usize) -> bool, each: &mut dyn FnMut(&Batch)) -> dedupe::Result<Vec<Read>> {
    let mut reader = Reader::new("in.jsonl", std::io::Cursor::new(data.to_vec()))?;
    let mut batch = Batch::new();
    let mut all = Vec::new();
    loop {
        let done = reader.fill_wanted(&mut batch, 64, wanted)?;
        each(&batch);
        all.extend(batch.iter().map(|d| (d.line(), d.raw().to_vec(), d.text().to_owned(), d.is_skipped())));
        batch.clear();
        if done {
            return Ok(all);
        }
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let finder = Finder::new();
    let result = read(data, &mut |_| true, &mut |batch| {
        let texts: Vec<&str> = batch.iter().map(|d| d.text()).collect();
        let report = finder.find_many(&texts);
        for (i, doc) in batch.iter().enumerate() {
            let repaired = report.repair(i, doc.text()).unwrap();
            // An id that was read is JSON.
            if let Some(id) = doc.id() {
                if !id.contains("$serde_json") {
                    serde_json::from_str::<Value>(id).expect("an id is JSON");
                }
            }
            // What --clean writes: the line, its text literal cut as the repair cuts.
            let mut line = Vec::new();
            doc.write_cut(report.located(i).unwrap().removals(), &mut line);
            let before: Map<String, Value> = serde_json::from_slice(doc.raw()).expect("it parsed once");
            let back: Map<String, Value> = serde_json::from_slice(&line).expect("the cleaned line parses");
            assert_eq!(back["text"], Value::String(repaired));
            for (k, v) in &before {
                if k != "text" {
                    assert_eq!(&back[k], v);
                }
            }
        }
    });
    let all = match result {
        Ok(all) => all,
        Err(e) => {
            assert!(!e.to_string().contains('\n'), "one-line errors: {e}");
            return;
        }
    };
    // Passing documents over unread changes nothing else: every line is still there,
    // as it was, and the documents read are read the same.
    let some = read(data, &mut |d| d % 2 == 0, &mut |_| {}).expect("a file read whole reads in part");
    assert_eq!(some.len(), all.len());
    for (k, (a, b)) in all.iter().zip(&some).enumerate() {
        assert_eq!((a.0, &a.1), (b.0, &b.1));
        assert_eq!(b.3, k % 2 == 1);
        assert_eq!(b.2, if b.3 { "" } else { a.2.as_str() });
    }
});
