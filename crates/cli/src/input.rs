//! Inputs: files, folders, stdin and JSONL (plain, gzip or zstd, read by `dedupe::jsonl`),
//! one file at a time.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use dedupe::jsonl;

/// Where documents come from.
#[derive(Clone, Debug)]
pub enum Source {
    /// Standard input, read once and kept (it cannot be read twice).
    Stdin(Arc<Vec<u8>>),
    /// A file: JSONL when its name ends in `.jsonl`, `.jsonl.gz` or `.jsonl.zst`, one text
    /// document otherwise.
    File(PathBuf),
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::Stdin(_) => "-".to_owned(),
            Source::File(p) => p.display().to_string(),
        }
    }

    fn is_jsonl(&self) -> bool {
        match self {
            Source::Stdin(_) => false,
            Source::File(p) => {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") || name.ends_with(".jsonl.zst")
            }
        }
    }

    /// Bytes on disk (or on stdin), for the progress bar.
    pub fn size(&self) -> u64 {
        match self {
            Source::Stdin(b) => b.len() as u64,
            Source::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
        }
    }
}

/// One document, borrowed from the batch it came in.
#[derive(Clone, Debug)]
pub struct Doc<'a> {
    /// Index into the sources.
    pub source: usize,
    /// For JSONL, the 1-based line it was on.
    pub line: Option<u64>,
    /// For JSONL, its `"id"` as written (JSON), unless it has none or it is `null`.
    pub id: Option<&'a str>,
    /// For JSONL, the line as read, so that `--clean` can change the text and keep
    /// every other byte.
    pub jsonl: Option<jsonl::Document<'a>>,
    /// The text; empty, with `unread` set, when the caller said it was not needed.
    pub text: &'a str,
    /// For JSONL, true when the line was passed over unread (neither checked nor
    /// decoded): the document takes no part in the results and is written back as it came.
    pub unread: bool,
}

impl Doc<'_> {
    /// The id as a JSON value.
    pub fn id_value(&self) -> Option<serde_json::Value> {
        self.id
            .map(|raw| serde_json::from_str(raw).expect("checked when the line was read"))
    }
}

/// The sources named on the command line: folders walked recursively in sorted order,
/// hidden files and folders (names starting with '.') skipped; `-` is stdin.
pub fn sources(paths: &[PathBuf]) -> Result<Vec<Source>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let mut buf = Vec::new();
            io::stdin().read_to_end(&mut buf).map_err(|e| format!("-: {e}"))?;
            out.push(Source::Stdin(Arc::new(buf)));
        } else if p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(Source::File(p.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Source>) -> Result<(), String> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(Source::File(p));
        }
    }
    Ok(())
}

/// A reader that counts the bytes read through it (compressed bytes, for a compressed file).
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Where a document of a batch is.
enum Place {
    /// A line of a JSONL file: `jsonl[k]` of the batch.
    Line(usize),
    /// A whole file, `files[k]` of the batch.
    File(usize),
}

/// Documents read and waiting to be handed on together: about `bytes` of text at a time,
/// in buffers reused from batch to batch.
struct Batch {
    bytes: usize,
    /// JSONL documents, of one file or several.
    jsonl: jsonl::Batch,
    /// Whole-file documents.
    files: Vec<String>,
    places: Vec<(usize, Place)>,
    /// Documents read so far, in all batches.
    number: usize,
}

impl Batch {
    /// Whether the batch holds enough: its JSONL lines as read (decoded texts are no
    /// longer, and lines passed over unread have none) and its whole files.
    fn full(&self) -> bool {
        self.jsonl.bytes() + self.files.iter().map(String::len).sum::<usize>() >= self.bytes
            || self.places.len() >= BATCH_DOCS
    }

    /// Hands the documents on and empties the buffers (keeping the line being read).
    fn flush(&mut self, f: &mut impl FnMut(&[Doc]) -> Result<(), String>) -> Result<(), String> {
        if self.places.is_empty() {
            return Ok(());
        }
        let docs: Vec<Doc> = self
            .places
            .iter()
            .map(|&(source, ref place)| match *place {
                Place::Line(k) => {
                    let d = self.jsonl.get(k).expect("placed when read");
                    Doc {
                        source,
                        line: Some(d.line() as u64),
                        id: d.id(),
                        jsonl: Some(d),
                        text: d.text(),
                        unread: d.is_skipped(),
                    }
                }
                Place::File(k) => Doc {
                    source,
                    line: None,
                    id: None,
                    jsonl: None,
                    text: &self.files[k],
                    unread: false,
                },
            })
            .collect();
        f(&docs)?;
        drop(docs);
        self.jsonl.clear();
        self.files.clear();
        self.places.clear();
        Ok(())
    }

    /// Places the JSONL documents from `from` on, of source `k`, and checks their ids.
    fn place_lines(&mut self, k: usize, from: usize, name: &str) -> Result<(), String> {
        for i in from..self.jsonl.len() {
            let d = self.jsonl.get(i).expect("in the batch");
            // serde_json (with arbitrary_precision, as the JSON report and the attributes
            // are written) reads an object with its private number key as a number, and
            // refuses it unless it holds one: let it judge such an id now, not when the
            // report is written.
            if let Some(id) = d.id() {
                if memchr::memmem::find(id.as_bytes(), b"$serde_json").is_some()
                    && serde_json::from_str::<serde_json::Value>(id).is_err()
                {
                    return Err(format!(
                        "{name}:{}: not a JSON object with a \"text\" string: an \"id\" serde_json cannot read",
                        d.line()
                    ));
                }
            }
            self.places.push((k, Place::Line(i)));
        }
        Ok(())
    }
}

/// Calls `f` with every document of every source, in order, in batches of about `bytes`
/// of text (or [`BATCH_DOCS`] documents). `read` counts the bytes read from disk. A JSONL
/// document whose number (from 0, in order) `wanted` refuses is passed over unread.
pub fn for_each_batch(
    sources: &[Source],
    read: &Arc<AtomicU64>,
    bytes: usize,
    wanted: &dyn Fn(usize) -> bool,
    mut f: impl FnMut(&[Doc]) -> Result<(), String>,
) -> Result<(), String> {
    let mut batch = Batch {
        bytes,
        jsonl: jsonl::Batch::new(),
        files: Vec::new(),
        places: Vec::new(),
        number: 0,
    };
    for (k, source) in sources.iter().enumerate() {
        let name = source.name();
        let raw: Box<dyn Read + Send> = match source {
            Source::Stdin(b) => Box::new(io::Cursor::new(b.clone().to_vec())),
            Source::File(p) => Box::new(File::open(p).map_err(|e| format!("{name}: {e}"))?),
        };
        let counted = Counting {
            inner: raw,
            count: read.clone(),
        };
        if !source.is_jsonl() {
            let mut bytes = Vec::new();
            BufReader::new(counted)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{name}: {e}"))?;
            let text = String::from_utf8(bytes)
                .map_err(|e| format!("{name}: invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()))?;
            batch.places.push((k, Place::File(batch.files.len())));
            batch.number += 1;
            batch.files.push(text);
            if batch.full() {
                batch.flush(&mut f)?;
            }
            continue;
        }
        // Plain, gzip or zstd, as the file's first bytes say.
        let mut reader = jsonl::Reader::new(&name, counted).map_err(|e| e.to_string())?;
        let first = batch.number;
        loop {
            let placed = batch.jsonl.len();
            let eof = reader
                .fill_wanted(&mut batch.jsonl, bytes, &mut |n| wanted(first + n))
                .map_err(|e| e.to_string())?;
            batch.place_lines(k, placed, &name)?;
            batch.number = first + reader.documents();
            if batch.full() {
                batch.flush(&mut f)?;
            }
            if eof {
                break;
            }
        }
    }
    batch.flush(&mut f)
}

/// Documents handed on at once, at most.
const BATCH_DOCS: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dedupe-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Documents are numbered the same in every pass, across files of both kinds and
    /// batches of any size, whether or not some are passed over unread.
    #[test]
    fn numbering_is_the_same_with_documents_passed_over() {
        let a = file(
            "a.jsonl",
            b"{\"text\":\"a one\"}\n\n{\"text\":\"a two\"}\n{\"text\":\"a three\"}",
        );
        let b = file("b.txt", "plain file\n".as_bytes());
        let c = file(
            "c.jsonl",
            b"  \n{\"text\":\"c one\",\"id\":3}\r\n{\"text\":\"c two\"}\n",
        );
        let sources = [Source::File(a), Source::File(b), Source::File(c)];
        let docs = |bytes: usize, wanted: &dyn Fn(usize) -> bool| {
            let mut out = Vec::new();
            for_each_batch(&sources, &Arc::new(AtomicU64::new(0)), bytes, wanted, |docs| {
                out.extend(
                    docs.iter()
                        .map(|d| (d.source, d.line, d.text.to_owned(), d.unread)),
                );
                Ok(())
            })
            .unwrap();
            out
        };
        let all = docs(1 << 20, &|_| true);
        let lines: Vec<_> = all.iter().map(|d| (d.0, d.1)).collect();
        assert_eq!(
            lines,
            [
                (0, Some(1)),
                (0, Some(3)),
                (0, Some(4)),
                (1, None),
                (2, Some(2)),
                (2, Some(3))
            ]
        );
        for bytes in [0, 1, 20, 50, 1 << 20] {
            assert_eq!(docs(bytes, &|_| true), all, "batches of {bytes} bytes");
            let some = docs(bytes, &|d| d % 2 == 1);
            for (k, (one, other)) in all.iter().zip(&some).enumerate() {
                assert_eq!((one.0, one.1), (other.0, other.1));
                // Whole files are always read.
                let unread = k % 2 == 0 && one.1.is_some();
                assert_eq!(other.3, unread, "document {k}, batches of {bytes} bytes");
                assert_eq!(other.2, if unread { "" } else { one.2.as_str() });
            }
        }
    }

    /// An id serde_json refuses to read back (its private number key holding no number)
    /// is refused when the line is read, with the file and line; one it reads is kept.
    #[test]
    fn ids_serde_json_cannot_read_are_refused_when_read() {
        let ok = r#"{"text":"a","id":{"$serde_json::private::Number":"12"}}"#;
        let bad = r#"{"text":"b","id":{"$serde_json::private::Number":"abc"}}"#;
        // The ids of every document of `path` that reads.
        let ids = |path: PathBuf| {
            let mut ids = Vec::new();
            let sources = [Source::File(path)];
            let read = for_each_batch(&sources, &Arc::new(AtomicU64::new(0)), 0, &|_| true, |docs| {
                ids.extend(docs.iter().map(|d| d.id_value()));
                Ok(())
            });
            read.map(|()| ids)
        };
        let e = ids(file("ids.jsonl", format!("{ok}\n{bad}\n").as_bytes())).unwrap_err();
        assert!(
            e.ends_with(
                "ids.jsonl:2: not a JSON object with a \"text\" string: an \"id\" serde_json cannot read"
            ),
            "{e}"
        );
        let ids = ids(file("id.jsonl", ok.as_bytes())).unwrap();
        assert_eq!(ids, [Some(serde_json::json!(12))]);
    }
}
