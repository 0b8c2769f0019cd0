//! Inputs: files, folders, stdin and JSONL (plain, gzip or zstd), read one file at a time.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::jsonl;

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
    pub id: Option<&'a [u8]>,
    /// For JSONL, the line as written, so that `--clean` can change the text and keep
    /// every other byte.
    pub raw: Option<Raw<'a>>,
    /// The text; empty, with `unread` set, when the caller said it was not needed.
    pub text: &'a str,
    /// For JSONL, true when the line was passed over unread (neither checked nor
    /// decoded): the document takes no part in the results and is written back as it came.
    pub unread: bool,
}

/// A JSONL line as written: the line without its line break, where its `"text"` string
/// literal is, and where the escapes in that literal end.
#[derive(Clone, Debug)]
pub struct Raw<'a> {
    pub line: &'a [u8],
    pub literal: Range<usize>,
    pub escapes: &'a [jsonl::Escape],
}

impl Doc<'_> {
    /// The id as a JSON value.
    pub fn id_value(&self) -> Option<serde_json::Value> {
        self.id
            .map(|raw| serde_json::from_slice(raw).expect("checked when the line was read"))
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
    /// A line of a JSONL file: ranges into the batch's lines and decoded texts.
    Line {
        line: u64,
        raw: Range<usize>,
        literal: Range<usize>,
        id: Option<Range<usize>>,
        text: Range<usize>,
        escapes: Range<usize>,
    },
    /// A line of a JSONL file passed over unread: its range in the batch's lines.
    Unread { line: u64, raw: Range<usize> },
    /// A whole file, `files[k]` of the batch.
    File(usize),
}

/// Documents read and waiting to be handed on together: about `bytes` of text at a time,
/// in buffers reused from batch to batch.
struct Batch {
    bytes: usize,
    /// JSONL lines as read, in `lines[..filled]` (the rest is room for the next read,
    /// zeroed once, not at every read): those before `parsed` are `places` already; the
    /// rest are the start of a line still being read.
    lines: Vec<u8>,
    filled: usize,
    parsed: usize,
    /// The decoded texts of JSONL documents, one after another, and their escapes.
    texts: String,
    escapes: Vec<jsonl::Escape>,
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
        self.parsed + self.files.iter().map(String::len).sum::<usize>() >= self.bytes
            || self.places.len() >= BATCH_DOCS
    }

    /// Hands the documents on and empties the buffers (keeping the line being read).
    fn flush(&mut self, f: &mut impl FnMut(&[Doc]) -> Result<(), String>) -> Result<(), String> {
        if self.places.is_empty() {
            return Ok(());
        }
        let lines = &self.lines[..self.parsed];
        let docs: Vec<Doc> = self
            .places
            .iter()
            .map(|(source, place)| match place {
                Place::Line {
                    line,
                    raw,
                    literal,
                    id,
                    text,
                    escapes,
                } => Doc {
                    source: *source,
                    line: Some(*line),
                    id: id.clone().map(|r| &lines[r]),
                    raw: Some(Raw {
                        line: &lines[raw.clone()],
                        literal: literal.clone(),
                        escapes: &self.escapes[escapes.clone()],
                    }),
                    text: &self.texts[text.clone()],
                    unread: false,
                },
                Place::Unread { line, raw } => Doc {
                    source: *source,
                    line: Some(*line),
                    id: None,
                    raw: Some(Raw {
                        line: &lines[raw.clone()],
                        literal: 0..0,
                        escapes: &[],
                    }),
                    text: "",
                    unread: true,
                },
                Place::File(k) => Doc {
                    source: *source,
                    line: None,
                    id: None,
                    raw: None,
                    text: &self.files[*k],
                    unread: false,
                },
            })
            .collect();
        f(&docs)?;
        drop(docs);
        self.lines.copy_within(self.parsed..self.filled, 0);
        self.filled -= self.parsed;
        self.parsed = 0;
        // After a line far longer than a batch, give the room back.
        let room = 4 * self.bytes.max(1 << 16);
        if self.lines.len() > room && self.filled <= room / 4 {
            self.lines.truncate(room / 4);
            self.lines.shrink_to_fit();
        }
        if self.texts.capacity() > room {
            self.texts = String::new();
            self.escapes = Vec::new();
        }
        self.texts.clear();
        self.escapes.clear();
        self.files.clear();
        self.places.clear();
        Ok(())
    }

    /// Reads up to `want` more bytes; true at the end of the file.
    fn fill(&mut self, from: &mut impl Read, want: usize) -> io::Result<bool> {
        let end = self.filled + want;
        if self.lines.len() < end {
            self.lines.resize(end, 0);
        }
        while self.filled < end {
            match from.read(&mut self.lines[self.filled..end]) {
                Ok(0) => return Ok(true),
                Ok(n) => self.filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(false)
    }

    /// Reads the complete lines at `parsed..` (all of them at the end of the file).
    fn parse_lines(
        &mut self,
        k: usize,
        name: &str,
        line_no: &mut u64,
        eof: bool,
        wanted: &dyn Fn(usize) -> bool,
    ) -> Result<(), String> {
        while self.parsed < self.filled {
            let rest = &self.lines[self.parsed..self.filled];
            let (len, next) = match memchr::memchr(b'\n', rest) {
                Some(n) => (n, n + 1),
                None if eof => (rest.len(), rest.len()),
                None => break,
            };
            *line_no += 1;
            let start = self.parsed;
            self.parsed += next;
            let bytes = &self.lines[start..start + len];
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let number = self.number;
            self.number += 1;
            if !wanted(number) {
                self.places.push((
                    k,
                    Place::Unread {
                        line: *line_no,
                        raw: start..start + len,
                    },
                ));
                continue;
            }
            // The whole line, not only "text": --clean writes the other fields back. The
            // SIMD check says only yes or no; std's says where, when it is no.
            let line = simdutf8::basic::from_utf8(bytes).or_else(|_| {
                std::str::from_utf8(bytes).map_err(|e| {
                    format!(
                        "{name}:{line_no}: invalid UTF-8 at byte {} of the line",
                        e.valid_up_to()
                    )
                })
            })?;
            let (at, escapes) = (self.texts.len(), self.escapes.len());
            let fields = jsonl::parse(line, &mut self.texts, &mut self.escapes)
                .map_err(|e| format!("{name}:{line_no}: not a JSON object with a \"text\" string: {e}"))?;
            let shift = |r: Range<usize>| start + r.start..start + r.end;
            self.places.push((
                k,
                Place::Line {
                    line: *line_no,
                    raw: start..start + len,
                    literal: fields.text,
                    id: fields.id.map(shift),
                    text: at..self.texts.len(),
                    escapes: escapes..self.escapes.len(),
                },
            ));
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
        lines: Vec::new(),
        filled: 0,
        parsed: 0,
        texts: String::new(),
        escapes: Vec::new(),
        files: Vec::new(),
        places: Vec::new(),
        number: 0,
    };
    for (k, source) in sources.iter().enumerate() {
        let name = source.name();
        let raw: Box<dyn Read> = match source {
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
        let lower = name.to_lowercase();
        let mut decoded: Box<dyn Read> = if lower.ends_with(".gz") {
            Box::new(flate2::read::MultiGzDecoder::new(counted))
        } else if lower.ends_with(".zst") {
            Box::new(zstd::stream::read::Decoder::new(counted).map_err(|e| format!("{name}: {e}"))?)
        } else {
            Box::new(counted)
        };
        let mut line_no = 0u64;
        loop {
            // Read on until the batch is full or the file ends. A line longer than a batch
            // makes a batch of its own, read in reads that double, so that it is scanned
            // for its end a bounded number of times.
            let want = bytes.max(batch.filled - batch.parsed).max(1 << 16);
            let eof = batch
                .fill(&mut decoded, want)
                .map_err(|e| format!("{name}: {e}"))?;
            batch.parse_lines(k, &name, &mut line_no, eof, wanted)?;
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

    /// A document as read: line, id, text and the raw line.
    type ReadDoc = (Option<u64>, Option<String>, String, String);

    /// Every document of `path`, read in batches of `bytes`.
    fn read(path: &Path, bytes: usize) -> Result<Vec<ReadDoc>, String> {
        let mut out = Vec::new();
        let sources = [Source::File(path.to_owned())];
        for_each_batch(&sources, &Arc::new(AtomicU64::new(0)), bytes, &|_| true, |docs| {
            for d in docs {
                let raw = d
                    .raw
                    .as_ref()
                    .map_or(String::new(), |r| String::from_utf8(r.line.to_vec()).unwrap());
                let id = d.id.map(|id| String::from_utf8(id.to_vec()).unwrap());
                out.push((d.line, id, d.text.to_owned(), raw));
            }
            Ok(())
        })?;
        Ok(out)
    }

    fn file(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dedupe-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn batches_of_any_size_read_the_same_documents() {
        let long = "word ".repeat(50_000);
        let text = format!(
            "{{\"id\":1,\"text\":\"one\\ntwo\"}}\n\n  \r\n{{\"text\":\"crlf\"}}\r\n{{\"text\":\"{long}\",\"id\":\"x\"}}\n{{\"text\":\"\\u00e9 last, no newline\"}}"
        );
        let path = file("batches.jsonl", text.as_bytes());
        let whole = read(&path, 1 << 30).unwrap();
        assert_eq!(whole.len(), 4);
        assert_eq!(
            whole[0],
            (
                Some(1),
                Some("1".into()),
                "one\ntwo".into(),
                r#"{"id":1,"text":"one\ntwo"}"#.into()
            )
        );
        assert_eq!(whole[1].0, Some(4));
        assert_eq!(whole[1].3, "{\"text\":\"crlf\"}\r");
        assert_eq!(whole[2].2, long);
        assert_eq!(whole[3].2, "é last, no newline");
        for bytes in [0, 1, 7, 64, 1000, 300_000] {
            assert_eq!(read(&path, bytes).unwrap(), whole, "batches of {bytes} bytes");
        }
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

    #[test]
    fn bad_lines_are_named_by_line() {
        let path = file("bad.jsonl", b"{\"text\":\"fine\"}\n{\"text\":\"a\xffb\"}\n");
        let e = read(&path, 1 << 20).unwrap_err();
        assert!(
            e.ends_with("bad.jsonl:2: invalid UTF-8 at byte 10 of the line"),
            "{e}"
        );
        let path = file("bad2.jsonl", b"{\"text\":\"fine\"}\n\n{\"text\":7}\n");
        let e = read(&path, 1 << 20).unwrap_err();
        assert!(e.ends_with("bad2.jsonl:3: not a JSON object with a \"text\" string: \"text\" is not a string at column 9"), "{e}");
    }
}
