//! Inputs: files, folders, stdin and JSONL (plain, gzip or zstd), read one file at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::Deserialize;

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

/// One document.
pub struct Doc {
    /// Index into the sources.
    pub source: usize,
    /// For JSONL, the 1-based line it was on.
    pub line: Option<u64>,
    /// For JSONL, its `"id"` as written (any JSON value).
    pub id: Option<serde_json::Value>,
    /// For JSONL, the whole line, so that `--clean` can keep every other field.
    pub raw: Option<Vec<u8>>,
    pub text: String,
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

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    text: std::borrow::Cow<'a, str>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// Calls `f` with every document of every source, in order. `read` counts the bytes read
/// from disk; `keep_raw` keeps each JSONL line whole for `--clean`.
pub fn for_each_doc(
    sources: &[Source],
    read: &Arc<AtomicU64>,
    keep_raw: bool,
    mut f: impl FnMut(Doc) -> Result<(), String>,
) -> Result<(), String> {
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
            f(Doc {
                source: k,
                line: None,
                id: None,
                raw: None,
                text,
            })?;
            continue;
        }
        let lower = name.to_lowercase();
        let decoded: Box<dyn Read> = if lower.ends_with(".gz") {
            Box::new(flate2::read::MultiGzDecoder::new(counted))
        } else if lower.ends_with(".zst") {
            Box::new(zstd::stream::read::Decoder::new(counted).map_err(|e| format!("{name}: {e}"))?)
        } else {
            Box::new(counted)
        };
        let mut reader = BufReader::with_capacity(1 << 20, decoded);
        let mut buf = Vec::new();
        let mut line_no = 0u64;
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| format!("{name}: {e}"))?;
            if n == 0 {
                break;
            }
            line_no += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            // The whole line, not only "text": a field that is not UTF-8 would otherwise pass
            // here and fail later, when --clean writes the line back.
            if let Err(e) = std::str::from_utf8(&buf) {
                return Err(format!(
                    "{name}:{line_no}: invalid UTF-8 at byte {} of the line",
                    e.valid_up_to()
                ));
            }
            let parsed: Line = serde_json::from_slice(&buf)
                .map_err(|e| format!("{name}:{line_no}: not a JSON object with a \"text\" string: {e}"))?;
            let doc = Doc {
                source: k,
                line: Some(line_no),
                id: parsed.id,
                raw: None,
                text: parsed.text.into_owned(),
            };
            let doc = if keep_raw {
                Doc {
                    raw: Some(buf.clone()),
                    ..doc
                }
            } else {
                doc
            };
            f(doc)?;
        }
    }
    Ok(())
}
