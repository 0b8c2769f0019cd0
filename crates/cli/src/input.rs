//! Inputs: files, folders, stdin and JSONL (plain, gzip or zstd, read by `dedupe::jsonl`),
//! one file at a time.
//!
//! Folders are walked with the `ignore` crate, ripgrep's walker: `.gitignore`, `.ignore`
//! and hidden files are respected unless told otherwise, the walk runs in parallel, and
//! what it finds is sorted by path, so documents are numbered the same whatever the
//! threads did. Symbolic links met in a walk are followed only with `--follow`; a path
//! named on the command line is always read, link or not.
//!
//! Every file is read whole and decompressed when its first bytes say gzip or zstd,
//! whatever its name. A text file with a NUL byte in its first [`BINARY_BLOCK`] bytes
//! (after decompression) is binary, as grep and ripgrep judge: it is skipped with one
//! note on stderr, and that is no error. Text that is not valid UTF-8 is searched as the
//! library's bytes entry searches it ([`dedupe::EscapedBytes`]): reports come back with
//! byte offsets into the file, and `--clean` writes its invalid bytes as they were.
//!
//! A file that cannot be read (a dangling link, a loop, no permission, a corrupt gzip
//! stream) is one warning on stderr and the run goes on; it then ends with exit 2, as
//! grep's does ([`unreadable`]). Every warning is given once, in the first pass that
//! meets the file; later passes pass over it without a word.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use dedupe::jsonl;
use dedupe::{DocRepeats, EscapedBytes, Report};

/// Bytes of a file looked at for a NUL, to tell a binary file: ripgrep's buffer size.
pub const BINARY_BLOCK: usize = 64 * 1024;

/// Set once a file could not be read.
static UNREADABLE: AtomicBool = AtomicBool::new(false);

/// Whether some input could not be read (the run exits with 2).
pub fn unreadable() -> bool {
    UNREADABLE.load(Ordering::Relaxed)
}

/// One warning on stderr about input that could not be read.
fn warn_unreadable(message: impl std::fmt::Display) {
    UNREADABLE.store(true, Ordering::Relaxed);
    eprintln!("dedupe: {message}");
}

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

    /// Whether it is read as JSONL (by its name).
    pub fn is_jsonl(&self) -> bool {
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

/// A text file that is not valid UTF-8: the escaped string it is searched as, the only
/// copy of it kept while it is searched; the string of the bytes' length to show (each
/// invalid byte a `?`) is made when the results are shown, and the bytes themselves only
/// for `--clean`, so a 100 MB file with a stray Latin-1 byte costs one copy, not three.
#[derive(Debug)]
pub struct Invalid {
    escaped: EscapedBytes,
    shown: std::sync::OnceLock<String>,
}

impl Invalid {
    fn new(escaped: EscapedBytes) -> Invalid {
        Invalid {
            escaped,
            shown: std::sync::OnceLock::new(),
        }
    }

    /// The text to show, made on first use.
    fn shown(&self) -> &str {
        self.shown.get_or_init(|| self.escaped.to_lossy())
    }
}

/// A whole-file document of a batch.
enum FileText {
    Text(String),
    Bytes(Invalid),
    /// A file that is not valid UTF-8, once searched: the text to show, written over
    /// the escaped string (see [`Inputs::for_each_batch_then`]).
    Shown(dedupe::ShownBytes),
}

impl FileText {
    fn text(&self) -> &str {
        match self {
            FileText::Text(t) => t,
            FileText::Bytes(b) => b.escaped.as_str(),
            FileText::Shown(s) => s.as_str(),
        }
    }

    /// The escaped string of a file that is not valid UTF-8 made the text to show, in
    /// place.
    fn show(&mut self) {
        if matches!(self, FileText::Bytes(_)) {
            if let FileText::Bytes(b) = std::mem::replace(self, FileText::Text(String::new())) {
                *self = FileText::Shown(b.escaped.into_shown());
            }
        }
    }
}

/// The second step of a batch (see [`Inputs::for_each_batch_then`]): its documents
/// shown, with what the first step gave.
pub type Show<'s, T> = &'s mut dyn FnMut(&[Doc], T) -> Result<(), String>;

/// A text file that is not valid UTF-8, as a document holds it.
#[derive(Clone, Copy, Debug)]
pub enum Bytes<'a> {
    /// Being searched: the text is the escaped string.
    Escaped(&'a Invalid),
    /// Searched: the text is the one to show.
    Shown(&'a dedupe::ShownBytes),
}

/// One document, borrowed from the batch it came in.
#[derive(Clone, Debug)]
pub struct Doc<'a> {
    /// Index into the sources.
    pub source: usize,
    /// Its source's name: the path as given or found, `-` for stdin.
    pub path: &'a str,
    /// For JSONL, the 1-based line it was on.
    pub line: Option<u64>,
    /// For JSONL, its id field as written (JSON), unless it has none or it is `null`.
    pub id: Option<&'a str>,
    /// For JSONL, the line as read, so that `--clean` can change the text and keep
    /// every other byte.
    pub jsonl: Option<jsonl::Document<'a>>,
    /// The text searched; empty, with `unread` set, when the caller said it was not
    /// needed. For a file that is not valid UTF-8, the escaped string the search runs on
    /// until [`restored`](Doc::restored) gives the document to show.
    pub text: &'a str,
    /// For JSONL, true when the line was passed over unread (neither checked nor
    /// decoded): the document takes no part in the results and is written back as it came.
    pub unread: bool,
    /// For a text file that is not valid UTF-8: its bytes and how it is searched.
    pub invalid: Option<Bytes<'a>>,
}

impl<'a> Doc<'a> {
    /// The id as a JSON value.
    pub fn id_value(&self) -> Option<serde_json::Value> {
        self.id
            .map(|raw| serde_json::from_str(raw).expect("checked when the line was read"))
    }

    /// The name a report gives the document: its path for a file (`-` for stdin); for a
    /// JSONL line, `path:LINE`, and `path:LINE (id ID)` when it has an id (`ID` as written
    /// in the line, JSON: `"a-7"`, `12`). Never an invented id.
    ///
    /// This is the one name to use in every output; its shape is stable.
    pub fn name(&self) -> String {
        match (self.line, self.id) {
            (None, _) => self.path.to_owned(),
            (Some(line), None) => format!("{}:{line}", self.path),
            (Some(line), Some(id)) => format!("{}:{line} (id {id})", self.path),
        }
    }

    /// The document's bytes as read: the file's bytes for a text file that is not
    /// valid UTF-8 (invalid bytes and all, decoded again: a copy), else the text's.
    pub fn bytes(&self) -> std::borrow::Cow<'a, [u8]> {
        match self.invalid {
            Some(Bytes::Escaped(b)) => std::borrow::Cow::Owned(b.escaped.to_input()),
            Some(Bytes::Shown(s)) => std::borrow::Cow::Owned(s.to_input()),
            None => std::borrow::Cow::Borrowed(self.text.as_bytes()),
        }
    }

    /// `o`, found in [`text`](Doc::text), with its span moved to the file's bytes (for a
    /// file that is not valid UTF-8; as it is otherwise).
    pub fn restore_occurrence(&self, o: dedupe::Occurrence) -> dedupe::Occurrence {
        match self.invalid {
            Some(Bytes::Escaped(b)) => b.escaped.restore_occurrence(o),
            Some(Bytes::Shown(s)) => s.restore_occurrence(o),
            None => o,
        }
    }

    /// The document to show and its results with offsets into the file: for a file that
    /// is not valid UTF-8, `text` becomes a string as long as the file (each invalid byte
    /// a `?`, so that every offset of the file is a character boundary there) and every
    /// offset of `report` and `found`, made from the escaped text, is moved to the file's
    /// bytes. Other documents come back as they are.
    pub fn restored(&self, report: &mut Option<Report>, found: &mut DocRepeats) -> Doc<'a> {
        let b = match self.invalid {
            None => return self.clone(),
            Some(Bytes::Shown(s)) => {
                // The text is the one to show already.
                if let Some(r) = report {
                    s.restore(r);
                }
                s.restore_located(found);
                return self.clone();
            }
            Some(Bytes::Escaped(b)) => b,
        };
        if let Some(r) = report {
            b.escaped.restore(r);
        }
        b.escaped.restore_located(found);
        Doc {
            text: b.shown(),
            ..self.clone()
        }
    }
}

/// How folders are walked: the `ignore` crate's settings the command line gives.
#[derive(Clone, Debug, Default)]
pub struct Walk {
    /// Hidden files and folders too.
    pub hidden: bool,
    /// Do not respect `.gitignore`, `.ignore` and the like.
    pub no_ignore: bool,
    /// Follow symbolic links.
    pub follow: bool,
    /// Globs a file must match (`!GLOB` excludes), as ripgrep's `--glob`.
    pub globs: Vec<String>,
    /// Files larger than this many bytes are left out.
    pub max_filesize: Option<u64>,
    /// Threads for the walk (0: ignore's choice).
    pub threads: usize,
}

/// The JSONL fields that hold a document's text and id.
#[derive(Clone, Debug)]
pub struct Fields {
    pub text: String,
    pub id: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            text: "text".to_owned(),
            id: "id".to_owned(),
        }
    }
}

/// What a source turned out to be, once a pass has read it.
const UNSEEN: u8 = 0;
const READ: u8 = 1;
const SKIPPED: u8 = 2;

/// The inputs of a run, read in the same order by every pass.
pub struct Inputs {
    pub sources: Vec<Source>,
    names: Vec<String>,
    fields: Fields,
    /// Per source: [`UNSEEN`], [`READ`] or [`SKIPPED`].
    state: Vec<AtomicU8>,
    /// Read on the calling thread even when JSONL could be read ahead (see
    /// [`Inputs::read_ahead`]): the tests' oracle.
    pub sequential: bool,
}

impl Inputs {
    /// The sources named on the command line: folders walked (see the module docs);
    /// `-` is stdin. Never fails: what cannot be walked is warned about and left out.
    pub fn new(paths: &[PathBuf], walk: &Walk, fields: Fields) -> Inputs {
        let mut sources = Vec::new();
        for p in paths {
            if p.as_os_str() == "-" {
                let mut buf = Vec::new();
                match io::stdin().read_to_end(&mut buf) {
                    Ok(_) => sources.push(Source::Stdin(Arc::new(buf))),
                    Err(e) => warn_unreadable(format_args!("-: {e}")),
                }
            } else if p.is_dir() {
                sources.extend(walk_folder(p, walk).into_iter().map(Source::File));
            } else {
                // Named on the command line: read whatever it is (a missing file is
                // warned about when it is read).
                sources.push(Source::File(p.clone()));
            }
        }
        Inputs::of(sources, fields)
    }

    /// Inputs of the sources given, in that order.
    pub fn of(sources: Vec<Source>, fields: Fields) -> Inputs {
        Inputs {
            names: sources.iter().map(Source::name).collect(),
            state: sources.iter().map(|_| AtomicU8::new(UNSEEN)).collect(),
            sources,
            fields,
            sequential: false,
        }
    }

    /// The sources' names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Bytes on disk of every source, for the progress bar.
    pub fn size(&self) -> u64 {
        self.sources.iter().map(Source::size).sum()
    }
}

/// The files under `root`, sorted by path; what cannot be walked is warned about, in
/// path order too.
fn walk_folder(root: &Path, walk: &Walk) -> Vec<PathBuf> {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .hidden(!walk.hidden)
        .ignore(!walk.no_ignore)
        .git_ignore(!walk.no_ignore)
        .git_global(!walk.no_ignore)
        .git_exclude(!walk.no_ignore)
        .parents(!walk.no_ignore)
        .follow_links(walk.follow)
        .max_filesize(walk.max_filesize)
        .threads(walk.threads);
    if !walk.globs.is_empty() {
        let mut globs = ignore::overrides::OverrideBuilder::new(root);
        for g in &walk.globs {
            if let Err(e) = globs.add(g) {
                warn_unreadable(format_args!("--glob {g}: {e}"));
            }
        }
        match globs.build() {
            Ok(o) => {
                builder.overrides(o);
            }
            Err(e) => warn_unreadable(format_args!("--glob: {e}")),
        }
    }
    let found: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let errors: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(e) => {
                    // Links not followed come as links: they are passed over, as by
                    // ripgrep; with --follow they come as what they point to.
                    if e.file_type().is_some_and(|t| t.is_file()) {
                        found.lock().expect("no panic holding it").push(e.into_path());
                    }
                }
                Err(e) => {
                    let path = error_path(&e).unwrap_or_else(|| root.to_owned());
                    errors
                        .lock()
                        .expect("no panic holding it")
                        .push((path, e.to_string()));
                }
            }
            ignore::WalkState::Continue
        })
    });
    let mut errors = errors.into_inner().expect("no panic holding it");
    errors.sort();
    for (_, e) in errors {
        warn_unreadable(e);
    }
    let mut found = found.into_inner().expect("no panic holding it");
    found.sort();
    found.dedup();
    found
}

/// The path an error of the walk is about, to sort the warnings by.
fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        _ => None,
    }
}

/// Told the bytes read so far (from disk: compressed bytes for a compressed file), as
/// they are read, for the progress bar.
pub type Tick = Arc<dyn Fn(u64) + Send + Sync>;

/// A reader that counts the bytes read through it, a MiB at most at a time, so that the
/// progress bar moves inside a large file too.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
    tick: Tick,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let cap = buf.len().min(1 << 20);
        let n = self.inner.read(&mut buf[..cap])?;
        let total = self.count.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        (self.tick)(total);
        Ok(n)
    }
}

/// Stdin's bytes, shared by the passes.
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
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
    files: Vec<FileText>,
    places: Vec<(usize, Place)>,
    /// Documents read so far, in all batches.
    number: usize,
}

impl Batch {
    /// An empty batch of about `bytes`.
    fn new(bytes: usize) -> Batch {
        Batch {
            bytes,
            jsonl: jsonl::Batch::new(),
            files: Vec::new(),
            places: Vec::new(),
            number: 0,
        }
    }

    /// Whether the batch holds enough: its JSONL lines as read (decoded texts are no
    /// longer, and lines passed over unread have none) and its whole files.
    fn full(&self) -> bool {
        self.jsonl.bytes() + self.files.iter().map(|f| f.text().len()).sum::<usize>() >= self.bytes
            || self.places.len() >= BATCH_DOCS
    }

    /// Hands the documents on and empties the buffers (keeping the line being read):
    /// to `f`, and then, with files that are not valid UTF-8 made the text to show in
    /// place, to `then` with what `f` gave.
    fn flush<T>(
        &mut self,
        names: &[String],
        f: &mut impl FnMut(&[Doc]) -> Result<T, String>,
        then: &mut Option<Show<'_, T>>,
    ) -> Result<(), String> {
        if self.places.is_empty() {
            return Ok(());
        }
        let searched = f(&self.docs(names))?;
        if let Some(then) = then {
            for file in &mut self.files {
                file.show();
            }
            then(&self.docs(names), searched)?;
        }
        self.jsonl.clear();
        self.files.clear();
        self.places.clear();
        Ok(())
    }

    /// The batch's documents.
    fn docs<'a>(&'a self, names: &'a [String]) -> Vec<Doc<'a>> {
        self.places
            .iter()
            .map(|&(source, ref place)| match *place {
                Place::Line(k) => {
                    let d = self.jsonl.get(k).expect("placed when read");
                    Doc {
                        source,
                        path: &names[source],
                        line: Some(d.line() as u64),
                        id: d.id(),
                        jsonl: Some(d),
                        text: d.text(),
                        unread: d.is_skipped(),
                        invalid: None,
                    }
                }
                Place::File(k) => Doc {
                    source,
                    path: &names[source],
                    line: None,
                    id: None,
                    jsonl: None,
                    text: self.files[k].text(),
                    unread: false,
                    invalid: match &self.files[k] {
                        FileText::Text(_) => None,
                        FileText::Bytes(b) => Some(Bytes::Escaped(b)),
                        FileText::Shown(s) => Some(Bytes::Shown(s)),
                    },
                },
            })
            .collect()
    }

    /// Places the JSONL documents from `from` on, of source `k`, and checks their ids.
    fn place_lines(&mut self, k: usize, from: usize, name: &str, fields: &Fields) -> Result<(), String> {
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
                        "{name}:{}: not a JSON object with a {:?} string: an {:?} serde_json cannot read",
                        d.line(),
                        fields.text,
                        fields.id
                    ));
                }
            }
            self.places.push((k, Place::Line(i)));
        }
        Ok(())
    }
}

/// A whole file read: its text, `None` when it is binary (and skipped), or why it could
/// not be read.
///
/// The file is read into one buffer of `size` bytes (its length on disk, when known), so
/// that a large file is not copied as the buffer grows, and kept there; one that is not
/// valid UTF-8 is escaped into a new string and the buffer freed.
fn read_file(input: impl Read + Send + 'static, size: Option<u64>) -> io::Result<Option<FileText>> {
    let mut bytes = Vec::new();
    if let Some(size) = size.and_then(|s| usize::try_from(s).ok()) {
        // A compressed file grows past its size as it would have grown from nothing.
        bytes.reserve_exact(size);
    }
    jsonl::decompress(input)?.read_to_end(&mut bytes)?;
    file_text(bytes)
}

/// Files of at least this many bytes are read by the pool's threads at once, each into
/// its pieces of one buffer ([`read_positioned`]).
const PARALLEL_READ: u64 = 16 << 20;

/// The bytes a thread reads at once, and between ticks of the progress bar.
const READ_PIECE: usize = 4 << 20;

/// The file `file` of `size` bytes (as its metadata said), read as [`read_file`] reads it,
/// by positioned reads on the pool's threads, each into its pieces of one buffer: filling
/// a new buffer costs a page fault a page, and on one thread those (not the copy from
/// the page cache) made most of the 0.15 s that reading a 100 MB file took.
#[cfg(unix)]
fn read_positioned(file: &File, size: u64, read: &AtomicU64, tick: &Tick) -> io::Result<Option<FileText>> {
    use rayon::prelude::*;
    use std::io::{Seek, SeekFrom};
    use std::os::unix::fs::FileExt;
    let len = usize::try_from(size).map_err(|_| io::Error::other("the file does not fit in memory"))?;
    let counted = |n: usize| {
        let total = read.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
        tick(total);
    };
    let mut bytes = vec![0u8; len];
    let whole = bytes
        .par_chunks_mut(READ_PIECE)
        .enumerate()
        .map(|(i, piece)| -> io::Result<bool> {
            let at = (i * READ_PIECE) as u64;
            let mut n = 0;
            while n < piece.len() {
                match file.read_at(&mut piece[n..], at + n as u64) {
                    Ok(0) => break,
                    Ok(m) => n += m,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            counted(n);
            Ok(n == piece.len())
        })
        .try_reduce(|| true, |a, b| Ok(a && b))?;
    let mut rest: &File = file;
    if whole {
        // A file that grew since: the rest, as a read to its end would have read it.
        rest.seek(SeekFrom::Start(size))?;
    } else {
        // One that shrank: read again, from its start to its end.
        bytes.clear();
        rest.seek(SeekFrom::Start(0))?;
    }
    let before = bytes.len();
    rest.read_to_end(&mut bytes)?;
    counted(bytes.len() - before);
    if jsonl::is_compressed(&bytes) {
        let mut text = Vec::new();
        jsonl::decompress(io::Cursor::new(bytes))?.read_to_end(&mut text)?;
        bytes = text;
    }
    file_text(bytes)
}

/// The text of a file read whole into `bytes`, `None` when it is binary.
fn file_text(bytes: Vec<u8>) -> io::Result<Option<FileText>> {
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_BLOCK)]).is_some() {
        return Ok(None);
    }
    let escaped = EscapedBytes::from_vec(bytes);
    Ok(Some(if escaped.is_valid_utf8() {
        FileText::Text(escaped.into_string())
    } else {
        FileText::Bytes(Invalid::new(escaped))
    }))
}

impl Inputs {
    /// Puts the `text` read of the file of source `k` in `batch`, handing it to `full`
    /// when it is full; a binary file is skipped, and one that could not be read warned
    /// about ([`skip`](Inputs::skip)).
    fn place_file(
        &self,
        k: usize,
        text: io::Result<Option<FileText>>,
        batch: &mut Batch,
        full: &mut dyn FnMut(&mut Batch) -> Result<(), String>,
    ) -> Result<(), String> {
        match text {
            Ok(Some(text)) => {
                self.state[k].store(READ, Ordering::Relaxed);
                batch.places.push((k, Place::File(batch.files.len())));
                batch.number += 1;
                batch.files.push(text);
                if batch.full() {
                    full(batch)?;
                }
            }
            Ok(None) => {
                // Binary: skipped, as grep and ripgrep skip it, and no error.
                if self.state[k].swap(SKIPPED, Ordering::Relaxed) == UNSEEN {
                    eprintln!("dedupe: {}: binary file, skipped", self.names[k]);
                }
            }
            Err(e) => self.skip(k, e)?,
        }
        Ok(())
    }

    /// Source `k` could not be read, for `why`: warned about the first time. Fails when an
    /// earlier pass read it: the documents would no longer be numbered as they were.
    fn skip(&self, k: usize, why: impl std::fmt::Display) -> Result<(), String> {
        let name = &self.names[k];
        match self.state[k].swap(SKIPPED, Ordering::Relaxed) {
            READ => Err(format!("{name}: {why} (it was read in an earlier pass)")),
            SKIPPED => Ok(()),
            _ => {
                warn_unreadable(format_args!("{name}: {why}"));
                Ok(())
            }
        }
    }

    /// Calls `f` with every document of every source, in order, in batches of about
    /// `bytes` of text (or [`BATCH_DOCS`] documents). `read` counts the bytes read from
    /// disk and `tick` is told them as they are read. A JSONL document whose number (from
    /// 0, in order) `wanted` refuses is passed over unread.
    pub fn for_each_batch(
        &self,
        read: &Arc<AtomicU64>,
        tick: &Tick,
        bytes: usize,
        wanted: &(dyn Fn(usize) -> bool + Sync),
        f: impl FnMut(&[Doc]) -> Result<(), String>,
    ) -> Result<(), String> {
        self.for_each_batch_then(read, tick, bytes, wanted, f, None)
    }

    /// As [`for_each_batch`](Inputs::for_each_batch), in two steps a batch: `f` searches
    /// the documents, then `then` gets them again with what `f` gave, a file that is not
    /// valid UTF-8 now the text to show (written over its escaped string, so that one
    /// copy of it is held, not two) and its results still to be restored
    /// ([`Doc::restored`]).
    pub fn for_each_batch_then<T>(
        &self,
        read: &Arc<AtomicU64>,
        tick: &Tick,
        bytes: usize,
        wanted: &(dyn Fn(usize) -> bool + Sync),
        mut f: impl FnMut(&[Doc]) -> Result<T, String>,
        mut then: Option<Show<'_, T>>,
    ) -> Result<(), String> {
        let mut batch = Batch::new(bytes);
        if !self.read_ahead() {
            return self.fill_batches(read, tick, wanted, &mut batch, &mut |b| {
                b.flush(&self.names, &mut f, &mut then)
            });
        }
        // JSONL is read and parsed on a thread of its own, a batch ahead of the search:
        // the same batches, handed over in order, so nothing else changes.
        std::thread::scope(|scope| {
            let (full, from_reader) = std::sync::mpsc::sync_channel::<Result<Batch, String>>(0);
            let (empty, to_reader) = std::sync::mpsc::channel::<Batch>();
            scope.spawn(move || {
                let mut hand = |b: &mut Batch| {
                    if b.places.is_empty() {
                        return Ok(());
                    }
                    let mut next = to_reader.try_recv().unwrap_or_else(|_| Batch::new(bytes));
                    next.number = b.number;
                    b.jsonl.hand_over(&mut next.jsonl);
                    let filled = std::mem::replace(b, next);
                    // The search gave up (an error): stop reading.
                    full.send(Ok(filled)).map_err(|_| String::new())
                };
                if let Err(e) = self.fill_batches(read, tick, wanted, &mut batch, &mut hand) {
                    let _ = full.send(Err(e));
                }
            });
            for filled in from_reader {
                let mut filled = filled?;
                filled.flush(&self.names, &mut f, &mut then)?;
                // The reader may have ended already: then the batch is dropped.
                let _ = empty.send(filled);
            }
            Ok(())
        })
    }

    /// Whether batches are read on a thread of their own ([`for_each_batch_then`]): when
    /// every source is JSONL (a text file is one document, read whole, and reading the next
    /// while one is searched would hold two in memory) and the search has more than one
    /// thread.
    ///
    /// [`for_each_batch_then`]: Inputs::for_each_batch_then
    fn read_ahead(&self) -> bool {
        !self.sequential && rayon::current_num_threads() > 1 && self.sources.iter().all(Source::is_jsonl)
    }

    /// Reads every source into `batch`, in order, handing it to `full` whenever it is full
    /// and once at the end; `full` leaves it empty (but for the start of a line still
    /// being read).
    fn fill_batches(
        &self,
        read: &Arc<AtomicU64>,
        tick: &Tick,
        wanted: &(dyn Fn(usize) -> bool + Sync),
        batch: &mut Batch,
        full: &mut dyn FnMut(&mut Batch) -> Result<(), String>,
    ) -> Result<(), String> {
        let bytes = batch.bytes;
        for (k, source) in self.sources.iter().enumerate() {
            if self.state[k].load(Ordering::Relaxed) == SKIPPED {
                continue;
            }
            let name = &self.names[k];
            // The size, to read a whole file into a buffer of that size.
            let (raw, size): (Box<dyn Read + Send>, Option<u64>) = match source {
                Source::Stdin(b) => (Box::new(io::Cursor::new(Shared(b.clone()))), Some(b.len() as u64)),
                Source::File(p) => match File::open(p) {
                    Ok(file) => {
                        let size = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
                        #[cfg(unix)]
                        if let Some(size) = size.filter(|&s| {
                            !source.is_jsonl() && s >= PARALLEL_READ && rayon::current_num_threads() > 1
                        }) {
                            let text = read_positioned(&file, size, read, tick);
                            self.place_file(k, text, batch, full)?;
                            continue;
                        }
                        (Box::new(file), size)
                    }
                    Err(e) => {
                        self.skip(k, e)?;
                        continue;
                    }
                },
            };
            let counted = Counting {
                inner: raw,
                count: read.clone(),
                tick: tick.clone(),
            };
            if !source.is_jsonl() {
                self.place_file(k, read_file(counted, size), batch, full)?;
                continue;
            }
            // Plain, gzip or zstd, as the file's first bytes say.
            let mut reader = match jsonl::Reader::new(name, counted) {
                Ok(r) => r,
                Err(dedupe::Error::Io { source, .. }) => {
                    self.skip(k, source)?;
                    continue;
                }
                Err(e) => return Err(e.to_string()),
            };
            reader
                .text_field(self.fields.text.clone())
                .id_field(self.fields.id.clone());
            self.state[k].store(READ, Ordering::Relaxed);
            let first = batch.number;
            loop {
                let placed = batch.jsonl.len();
                let eof = reader
                    .fill_wanted(&mut batch.jsonl, bytes, &mut |n| wanted(first + n))
                    .map_err(|e| e.to_string())?;
                batch.place_lines(k, placed, name, &self.fields)?;
                batch.number = first + reader.documents();
                if batch.full() {
                    full(batch)?;
                }
                if eof {
                    break;
                }
            }
        }
        full(batch)
    }
}

/// Documents handed on at once, at most.
const BATCH_DOCS: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    fn counter() -> Arc<AtomicU64> {
        Arc::new(AtomicU64::new(0))
    }

    fn no_tick() -> Tick {
        Arc::new(|_| {})
    }

    fn file(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("dedupe-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// What a file's text is, to compare two ways of reading it.
    fn shown(text: Option<FileText>) -> Option<(bool, Vec<u8>)> {
        text.map(|t| match t {
            FileText::Text(s) => (true, s.into_bytes()),
            FileText::Bytes(b) => (false, b.escaped.as_str().as_bytes().to_vec()),
            FileText::Shown(_) => unreachable!("only a searched file is shown"),
        })
    }

    /// Positioned reads on the pool's threads give what one read to the end gives (the
    /// oracle): text over several pieces, invalid UTF-8, gzip, binary, and the bytes
    /// counted.
    #[cfg(unix)]
    #[test]
    fn positioned_reads_give_what_one_read_gives() {
        use std::io::Write as _;
        let line = "a line of a man page, é and 中文 in it\n".repeat(1 << 12);
        let mut text = line.repeat(3 * READ_PIECE / line.len() + 1).into_bytes();
        text.truncate(2 * READ_PIECE + 12_345);
        let mut invalid = text.clone();
        invalid[READ_PIECE + 7] = 0xFF;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&text).unwrap();
        let gz = gz.finish().unwrap();
        let mut binary = text.clone();
        binary[100] = 0;
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        for (name, bytes) in [
            ("text.txt", &text),
            ("invalid.txt", &invalid),
            ("text.txt.gz", &gz),
            ("binary", &binary),
        ] {
            let path = file(name, bytes);
            let oracle = read_file(File::open(&path).unwrap(), Some(bytes.len() as u64)).unwrap();
            let read = counter();
            let f = File::open(&path).unwrap();
            let got = pool
                .install(|| read_positioned(&f, bytes.len() as u64, &read, &no_tick()))
                .unwrap();
            assert_eq!(read.load(Ordering::Relaxed), bytes.len() as u64, "{name}");
            assert_eq!(shown(got), shown(oracle), "{name}");
            // The metadata's size, once too small and once too large: the file grew or
            // shrank after it was asked.
            for size in [bytes.len() as u64 / 2, bytes.len() as u64 + 5] {
                let again = read_positioned(&f, size, &counter(), &no_tick()).unwrap();
                let oracle = read_file(File::open(&path).unwrap(), None).unwrap();
                assert_eq!(shown(again), shown(oracle), "{name}, size {size}");
            }
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
        let inputs = Inputs::of(
            vec![Source::File(a), Source::File(b), Source::File(c)],
            Fields::default(),
        );
        let docs = |bytes: usize, wanted: &(dyn Fn(usize) -> bool + Sync)| {
            let mut out = Vec::new();
            inputs
                .for_each_batch(&counter(), &no_tick(), bytes, wanted, |docs| {
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

    /// JSONL read ahead on a thread of its own gives the same batches, in the same order,
    /// as read on the calling thread (the oracle), errors included, for batches of any
    /// size and documents passed over.
    #[test]
    fn reading_ahead_gives_the_same_batches() {
        let a = file(
            "ahead-a.jsonl",
            b"{\"text\":\"a one\"}\n\n{\"text\":\"a two\",\"id\":2}\n{\"text\":\"a \\u00e9three\"}",
        );
        let b = file("ahead-b.jsonl", b"\n\n  \n");
        let c = file(
            "ahead-c.jsonl",
            b"  \n{\"text\":\"c one\",\"id\":3}\r\n{\"text\":\"c two\"}\n",
        );
        let bad = file(
            "ahead-bad.jsonl",
            b"{\"text\":\"fine\"}\n{\"text\":7}\n{\"text\":\"never\"}\n",
        );
        let batches =
            |paths: &[&PathBuf], sequential: bool, bytes: usize, wanted: &(dyn Fn(usize) -> bool + Sync)| {
                let mut inputs = Inputs::of(
                    paths.iter().map(|&p| Source::File(p.clone())).collect(),
                    Fields::default(),
                );
                inputs.sequential = sequential;
                assert_eq!(inputs.read_ahead(), !sequential);
                let mut out = Vec::new();
                let result = inputs.for_each_batch(&counter(), &no_tick(), bytes, wanted, |docs| {
                    out.push(
                        docs.iter()
                            .map(|d| {
                                (
                                    d.source,
                                    d.line,
                                    d.id.map(str::to_owned),
                                    d.text.to_owned(),
                                    d.unread,
                                )
                            })
                            .collect::<Vec<_>>(),
                    );
                    Ok(())
                });
                (out, result)
            };
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        pool.install(|| {
            for paths in [vec![&a, &b, &c], vec![&c, &bad, &a], vec![&b]] {
                for bytes in [0, 1, 20, 50, 1 << 20] {
                    for wanted in [&|_| true, &|d: usize| d % 2 == 1] as [&(dyn Fn(usize) -> bool + Sync); 2]
                    {
                        let oracle = batches(&paths, true, bytes, wanted);
                        assert_eq!(
                            batches(&paths, false, bytes, wanted),
                            oracle,
                            "{paths:?}, {bytes} bytes"
                        );
                    }
                }
            }
        });
        let (docs, result) = pool.install(|| batches(&[&a, &bad], false, 1 << 20, &|_| true));
        assert!(result.unwrap_err().ends_with("ahead-bad.jsonl:2: not a JSON object with a \"text\" string: \"text\" is not a string at column 9"));
        assert!(docs.is_empty(), "the batch with the bad line is not handed on");
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
            let inputs = Inputs::of(vec![Source::File(path)], Fields::default());
            let read = inputs.for_each_batch(&counter(), &no_tick(), 0, &|_| true, |docs| {
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
