//! JSONL corpora: one document a line, read in batches, and written back with cuts.
//!
//! A [`Reader`] reads a JSONL file, plain, gzip or zstd (told apart by their first bytes,
//! not by the file name), into a [`Batch`] of [`Document`]s: each non-blank line is one
//! JSON object with a string field holding the text (`"text"` by default) and, optionally,
//! an id field (`"id"` by default), as dolma and datatrove write them. Each line is checked
//! whole as JSON; only the text is decoded, into a buffer that is reused from batch to
//! batch, so a line costs one scan and no allocation once the buffers have grown.
//!
//! [`Document::write_cut`] writes a line back with parts of its text cut (for example
//! the [`Report::removals`](crate::Report::removals) of its text) and every other byte as
//! it came: other fields, spacing, key order, and the escapes of the text literal as they
//! were written.
//!
//! ```
//! use dedupe::jsonl::{Batch, Reader};
//!
//! let corpus = b"{\"id\": 1, \"text\": \"Subscribe now\\nFirst story\"}\n\
//!                {\"id\": 2, \"text\": \"Subscribe now\\nSecond story\"}\n";
//! let mut reader = Reader::new("corpus.jsonl", &corpus[..])?;
//! let mut batch = Batch::new();
//! while !reader.fill(&mut batch, 1 << 20)? {}
//!
//! let texts: Vec<&str> = batch.iter().map(|d| d.text()).collect();
//! let found = dedupe::FinderBuilder::new().min_bytes(5).build()?.find_many(&texts);
//! let second = batch.get(1).unwrap();
//! let mut cleaned = Vec::new();
//! second.write_cut(found.located(1)?.removals(), &mut cleaned);
//! assert_eq!(cleaned, b"{\"id\": 2, \"text\": \"Second story\"}");
//! # Ok::<(), dedupe::Error>(())
//! ```
//!
//! # What a line must be
//!
//! A line is read as JSON by RFC 8259, with serde_json's choices where the RFC leaves
//! room: the text must be a string; the text and id fields may each appear once; keys,
//! the text and the id must not hold a lone surrogate escape (`"\ud800"`), and the id may
//! nest at most 128 levels deep (the values of other fields are only checked, not
//! decoded, and may nest without limit). A line that is a JSON array is refused (serde_json
//! would read it into the fields in order). Blank lines are passed over; line ends are
//! `\n`, and a `\r` before it is kept as part of the line. The module's tests hold these
//! verdicts to serde_json's. One more difference: serde_json built with its
//! `arbitrary_precision` feature reads an object holding its private key
//! `"$serde_json::private::Number"` as a number, and refuses it unless it holds one; such
//! an id is read here as the JSON it is.

use std::fs::File;
use std::io::{self, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use memchr::memchr2;

use crate::{Error, Result, Span};

/// Reads JSONL documents from a file or any reader, plain, gzip or zstd, into a
/// [`Batch`].
///
/// ```
/// use dedupe::jsonl::{Batch, Reader};
///
/// let mut reader = Reader::new("docs.jsonl", &b"{\"text\": \"one\"}\n\n{\"text\": \"two\"}"[..])?;
/// let mut batch = Batch::new();
/// let mut texts = Vec::new();
/// loop {
///     let done = reader.fill(&mut batch, 1 << 20)?;
///     texts.extend(batch.iter().map(|d| d.text().to_owned()));
///     batch.clear();
///     if done {
///         break;
///     }
/// }
/// assert_eq!(texts, ["one", "two"]);
/// # Ok::<(), dedupe::Error>(())
/// ```
pub struct Reader {
    path: PathBuf,
    input: Box<dyn Read + Send>,
    names: Names,
    /// Lines read so far.
    line: usize,
    /// Documents (non-blank lines) read so far.
    documents: usize,
    done: bool,
    /// Tells this reader's partial line in a batch from another's.
    key: u64,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("path", &self.path)
            .field("text_field", &self.names.text)
            .field("id_field", &self.names.id)
            .field("line", &self.line)
            .field("documents", &self.documents)
            .finish_non_exhaustive()
    }
}

/// The names of the fields that matter, as given (for messages) and as paths of keys
/// (`"meta.id"` is key `id` in the object at key `meta`).
#[derive(Clone, Debug)]
struct Names {
    text: String,
    id: String,
    text_path: Vec<String>,
    id_path: Vec<String>,
}

impl Names {
    fn new(text: &str, id: &str) -> Names {
        let path = |name: &str| name.split('.').map(str::to_owned).collect();
        Names {
            text: text.to_owned(),
            id: id.to_owned(),
            text_path: path(text),
            id_path: path(id),
        }
    }
}

/// What a key is at some level of nesting: the text or the id (the path ends here), on
/// the way to one of them or both (an object to look into), or neither.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Text,
    Id,
    Inside,
    Other,
}

/// gzip's and zstd's first bytes.
const GZIP: &[u8] = &[0x1f, 0x8b];
const ZSTD: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// Whether bytes starting with `head` are gzip or zstd, as [`decompress`] tells them.
///
/// ```
/// assert!(dedupe::jsonl::is_compressed(&[0x1f, 0x8b, 8, 0]));
/// assert!(!dedupe::jsonl::is_compressed(b"{\"text\": \"a\"}"));
/// ```
pub fn is_compressed(head: &[u8]) -> bool {
    head.starts_with(GZIP) || head.starts_with(ZSTD)
}

/// `input`, decompressed when its first bytes say it is gzip (several members are read
/// one after another) or zstd, as it is otherwise; whatever its name. Reading those
/// first bytes is the only I/O done here.
///
/// ```
/// use std::io::Read;
/// let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
/// std::io::Write::write_all(&mut gz, b"a man page\n")?;
/// let packed = gz.finish()?;
/// let mut text = String::new();
/// dedupe::jsonl::decompress(std::io::Cursor::new(packed))?.read_to_string(&mut text)?;
/// assert_eq!(text, "a man page\n");
/// let mut plain = String::new();
/// dedupe::jsonl::decompress(&b"as it is"[..])?.read_to_string(&mut plain)?;
/// assert_eq!(plain, "as it is");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn decompress(mut input: impl Read + Send + 'static) -> io::Result<Box<dyn Read + Send>> {
    let mut head = [0u8; 4];
    let mut got = 0;
    while got < head.len() {
        match input.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let whole = io::Cursor::new(head).take(got as u64).chain(input);
    Ok(if head[..got].starts_with(GZIP) {
        Box::new(flate2::read::MultiGzDecoder::new(whole))
    } else if head[..got].starts_with(ZSTD) {
        Box::new(zstd::stream::read::Decoder::new(whole)?)
    } else {
        Box::new(whole)
    })
}

impl Reader {
    /// Opens the file at `path`; it is named in errors.
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("dedupe-doc-open-{}.jsonl", std::process::id()));
    /// std::fs::write(&path, "{\"text\": \"hello\"}\n")?;
    /// let mut reader = dedupe::jsonl::Reader::open(&path)?;
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// assert!(reader.fill(&mut batch, 1 << 20)?);
    /// assert_eq!(batch.get(0).unwrap().text(), "hello");
    /// # std::fs::remove_file(&path)?;
    /// assert!(matches!(dedupe::jsonl::Reader::open("/no/such/file"), Err(dedupe::Error::Io { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(path: impl AsRef<Path>) -> Result<Reader> {
        let path = path.as_ref();
        let file = File::open(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        Reader::new(path, file)
    }

    /// Reads from `input`, named `path` in errors (`"-"` for stdin, say). Its first bytes
    /// say whether it is gzip (several members are read one after another), zstd or plain;
    /// reading them is the only I/O done here.
    ///
    /// ```
    /// let mut reader = dedupe::jsonl::Reader::new("-", std::io::stdin())?;
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn new(path: impl Into<PathBuf>, input: impl Read + Send + 'static) -> Result<Reader> {
        static READERS: AtomicU64 = AtomicU64::new(0);
        let path = path.into();
        let io_error = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let input = decompress(input).map_err(io_error)?;
        Ok(Reader {
            path,
            input,
            names: Names::new("text", "id"),
            line: 0,
            documents: 0,
            done: false,
            key: READERS.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// The field that holds the text (`"text"` unless set). It must be a string. A dotted
    /// name is a path into nested objects: `"content.body"` is key `body` of the object at
    /// key `content` (a key holding a dot cannot be named).
    ///
    /// ```
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"doc\": {\"body\": \"hi\", \"n\": 1}}"[..])?;
    /// reader.text_field("doc.body");
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// reader.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.get(0).unwrap().text(), "hi");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    ///
    ///
    /// ```
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"content\": \"hi\", \"text\": 1}"[..])?;
    /// reader.text_field("content");
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// reader.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.get(0).unwrap().text(), "hi");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn text_field(&mut self, name: impl Into<String>) -> &mut Self {
        self.names = Names::new(&name.into(), &self.names.id);
        self
    }

    /// The field that holds the id (`"id"` unless set); a document may have none. When it
    /// has the same name as the text field, it is the text. A dotted name is a path into
    /// nested objects, as for [`text_field`](Reader::text_field).
    ///
    /// ```
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"text\": \"hi\", \"meta\": {\"id\": 7}}"[..])?;
    /// reader.id_field("meta.id");
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// reader.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.get(0).unwrap().id(), Some("7"));
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    ///
    ///
    /// ```
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"doc_id\": [7], \"text\": \"hi\"}"[..])?;
    /// reader.id_field("doc_id");
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// reader.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.get(0).unwrap().id(), Some("[7]"));
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn id_field(&mut self, name: impl Into<String>) -> &mut Self {
        self.names = Names::new(&self.names.text, &name.into());
        self
    }

    /// The name given to [`open`](Reader::open) or [`new`](Reader::new).
    ///
    /// ```
    /// let reader = dedupe::jsonl::Reader::new("x.jsonl", std::io::empty())?;
    /// assert_eq!(reader.path(), std::path::Path::new("x.jsonl"));
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many documents (non-blank lines) have been added to batches so far, skipped
    /// ones included.
    ///
    /// ```
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"text\":\"a\"}\n\n{\"text\":\"b\"}\n"[..])?;
    /// reader.fill(&mut dedupe::jsonl::Batch::new(), 1 << 20)?;
    /// assert_eq!(reader.documents(), 2);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Reads the next part of the input and adds the documents on its complete lines to
    /// `batch`; returns `true` once the input has ended and every line is in a batch.
    ///
    /// A part is about `bytes` long (at least 64 KiB; while one line is longer, parts
    /// double, so that a long line is searched for its end a bounded number of times). The
    /// start of a line still being read stays in the batch, across
    /// [`clear`](Batch::clear), until a later call completes it.
    ///
    /// A line that is not a JSON object with a string text field, or not UTF-8, is
    /// [`Error::Jsonl`] with the path and line number; failing reads are [`Error::Io`].
    ///
    /// # Panics
    ///
    /// When `batch` holds the start of a line of another reader: fill a batch from one
    /// reader until it returns `true` before filling it from the next.
    ///
    /// ```
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"text\":\"a\"}\n{\"text\":7}\n"[..])?;
    /// let e = reader.fill(&mut dedupe::jsonl::Batch::new(), 1 << 20).unwrap_err();
    /// assert_eq!(
    ///     e.to_string(),
    ///     "x.jsonl:2: not a JSON object with a \"text\" string: \"text\" is not a string at column 9"
    /// );
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn fill(&mut self, batch: &mut Batch, bytes: usize) -> Result<bool> {
        self.fill_wanted(batch, bytes, &mut |_| true)
    }

    /// As [`fill`](Reader::fill), but a document whose number in this reader (from 0,
    /// counting non-blank lines) `wanted` refuses is passed over: neither checked nor
    /// decoded, it is added [skipped](Document::is_skipped), with its line as it came.
    ///
    /// ```
    /// let input = &b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c\"}\n"[..];
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", input)?;
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// reader.fill_wanted(&mut batch, 1 << 20, &mut |n| n != 1)?;
    /// let texts: Vec<&str> = batch.iter().map(|d| d.text()).collect();
    /// assert_eq!(texts, ["a", "", "c"]);
    /// assert!(batch.get(1).unwrap().is_skipped());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn fill_wanted(
        &mut self,
        batch: &mut Batch,
        bytes: usize,
        wanted: &mut dyn FnMut(usize) -> bool,
    ) -> Result<bool> {
        if self.done {
            return Ok(true);
        }
        assert!(
            batch.filled == batch.parsed || batch.owner == Some(self.key),
            "a batch holds the start of a line of another reader"
        );
        batch.owner = Some(self.key);
        batch.room = bytes;
        let want = bytes.max(batch.filled - batch.parsed).max(1 << 16);
        let eof = batch.read(&mut self.input, want).map_err(|source| Error::Io {
            path: self.path.clone(),
            source,
        })?;
        self.parse_lines(batch, eof, wanted)?;
        self.done = eof;
        Ok(eof)
    }

    /// Adds the complete lines at `batch.parsed..` (all of them at the end of the input).
    fn parse_lines(
        &mut self,
        batch: &mut Batch,
        eof: bool,
        wanted: &mut dyn FnMut(usize) -> bool,
    ) -> Result<()> {
        while batch.parsed < batch.filled {
            let rest = &batch.lines[batch.parsed..batch.filled];
            let (len, next) = match memchr::memchr(b'\n', rest) {
                Some(n) => (n, n + 1),
                None if eof => (rest.len(), rest.len()),
                None => break,
            };
            self.line += 1;
            let start = batch.parsed;
            batch.parsed += next;
            let bytes = &batch.lines[start..start + len];
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let number = self.documents;
            self.documents += 1;
            let raw = start..start + len;
            if !wanted(number) {
                batch.docs.push(Place {
                    line: self.line,
                    raw,
                    read: None,
                });
                continue;
            }
            // The whole line, not only the text: it is written back. The SIMD check says
            // only yes or no; std's says where, when it is no.
            let line = simdutf8::basic::from_utf8(bytes).or_else(|_| {
                std::str::from_utf8(bytes).map_err(|e| Error::Jsonl {
                    path: self.path.clone(),
                    line: self.line,
                    message: format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                })
            })?;
            let (at, escapes) = (batch.texts.len(), batch.escapes.len());
            let fields =
                parse(line, &self.names, &mut batch.texts, &mut batch.escapes).map_err(|message| {
                    Error::Jsonl {
                        path: self.path.clone(),
                        line: self.line,
                        message: format!("not a JSON object with a {:?} string: {message}", self.names.text),
                    }
                })?;
            let text = at..batch.texts.len();
            let id = fields.id.map(|r| {
                let from = batch.texts.len();
                batch.texts.push_str(&line[r]);
                from..batch.texts.len()
            });
            batch.docs.push(Place {
                line: self.line,
                raw,
                read: Some(Parsed {
                    literal: fields.text,
                    text,
                    id,
                    escapes: escapes..batch.escapes.len(),
                }),
            });
        }
        Ok(())
    }
}

/// Documents read by a [`Reader`], in buffers reused from batch to batch.
///
/// ```
/// let mut batch = dedupe::jsonl::Batch::new();
/// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"text\":\"a\"}\n{\"text\":\"b\"}"[..])?;
/// reader.fill(&mut batch, 1 << 20)?;
/// assert_eq!((batch.len(), batch.bytes()), (2, 25));
/// batch.clear();
/// assert!(batch.is_empty());
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Batch {
    /// Lines as read, in `lines[..filled]` (the rest is room for the next read, zeroed
    /// once, not at every read): those before `parsed` are `docs` (or blank); the rest are
    /// the start of a line still being read.
    lines: Vec<u8>,
    filled: usize,
    parsed: usize,
    /// The decoded texts and the ids, one after another, and the texts' escapes.
    texts: String,
    escapes: Vec<Escape>,
    docs: Vec<Place>,
    /// The size of the parts last read into it.
    room: usize,
    /// The reader whose line `lines[parsed..filled]` is the start of.
    owner: Option<u64>,
}

/// Where a document of a batch is.
#[derive(Clone, Debug)]
struct Place {
    /// The line number, from 1.
    line: usize,
    /// The line in `lines`, without its `\n`.
    raw: Range<usize>,
    /// `None` when the line was passed over unread.
    read: Option<Parsed>,
}

/// Where the parts of a line that was read are.
#[derive(Clone, Debug)]
struct Parsed {
    /// The text literal in the line, quotes included.
    literal: Range<usize>,
    /// The decoded text and the id as written, in `texts`.
    text: Range<usize>,
    id: Option<Range<usize>>,
    escapes: Range<usize>,
}

impl Batch {
    /// An empty batch.
    ///
    /// ```
    /// assert_eq!(dedupe::jsonl::Batch::new().len(), 0);
    /// ```
    pub fn new() -> Batch {
        Batch::default()
    }

    /// The number of documents in the batch.
    ///
    /// ```
    /// assert_eq!(dedupe::jsonl::Batch::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether the batch holds no document.
    ///
    /// ```
    /// assert!(dedupe::jsonl::Batch::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The bytes of input the documents came from: their lines, blank lines and line
    /// ends included (not the start of a line still being read).
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"\n{\"text\":\"a\"}\n"[..])?;
    /// reader.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.bytes(), 14);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn bytes(&self) -> usize {
        self.parsed
    }

    /// Document `i` of the batch (from 0), if there is one.
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"text\":\"a\"}"[..])?;
    /// reader.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.get(0).map(|d| d.text()), Some("a"));
    /// assert!(batch.get(1).is_none());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn get(&self, i: usize) -> Option<Document<'_>> {
        self.docs.get(i).map(|place| self.document(place))
    }

    /// The documents of the batch, in order.
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"text\":\"a\"}\n{\"text\":\"b\"}"[..])?;
    /// reader.fill(&mut batch, 1 << 20)?;
    /// let lines: Vec<usize> = batch.iter().map(|d| d.line()).collect();
    /// assert_eq!(lines, [1, 2]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Document<'_>> + '_ {
        self.docs.iter().map(|place| self.document(place))
    }

    /// Forgets the documents, keeping the buffers (and the start of a line still being
    /// read) for the next [`Reader::fill`].
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// let mut reader = dedupe::jsonl::Reader::new("x.jsonl", &b"{\"text\":\"a\"}"[..])?;
    /// reader.fill(&mut batch, 1 << 20)?;
    /// batch.clear();
    /// assert_eq!((batch.len(), batch.bytes()), (0, 0));
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn clear(&mut self) {
        self.lines.copy_within(self.parsed..self.filled, 0);
        self.filled -= self.parsed;
        self.parsed = 0;
        // After a line far longer than a part, give the room back.
        let room = 4 * self.room.max(1 << 16);
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
        self.docs.clear();
    }

    /// Moves the start of a line still being read to `next`, an empty batch, so that the
    /// reader can go on filling `next` while this batch's documents are still in use
    /// (say on another thread); this batch keeps its documents, and once
    /// [cleared](Batch::clear) can be filled again, from any reader.
    ///
    /// # Panics
    ///
    /// When `next` holds documents or the start of a line.
    ///
    /// ```
    /// use dedupe::jsonl::{Batch, Reader};
    ///
    /// let input = &b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c\"}"[..];
    /// let mut reader = Reader::new("x.jsonl", input)?;
    /// let (mut one, mut two) = (Batch::new(), Batch::new());
    /// let mut texts = Vec::new();
    /// loop {
    ///     let done = reader.fill(&mut one, 0)?;
    ///     one.hand_over(&mut two);
    ///     texts.extend(one.iter().map(|d| d.text().to_owned()));
    ///     one.clear();
    ///     std::mem::swap(&mut one, &mut two);
    ///     if done {
    ///         break;
    ///     }
    /// }
    /// assert_eq!(texts, ["a", "b", "c"]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn hand_over(&mut self, next: &mut Batch) {
        assert!(
            next.docs.is_empty() && next.filled == next.parsed,
            "a batch handed over to holds a line"
        );
        let start = &self.lines[self.parsed..self.filled];
        if next.lines.len() < start.len() {
            next.lines.resize(start.len(), 0);
        }
        next.lines[..start.len()].copy_from_slice(start);
        next.filled = start.len();
        next.parsed = 0;
        next.owner = self.owner;
        next.room = self.room;
        self.filled = self.parsed;
    }

    fn document(&self, place: &Place) -> Document<'_> {
        let raw = &self.lines[place.raw.clone()];
        match &place.read {
            Some(r) => Document {
                line: place.line,
                raw,
                text: &self.texts[r.text.clone()],
                id: r.id.clone().map(|id| &self.texts[id]),
                literal: (r.literal.start, r.literal.end),
                escapes: &self.escapes[r.escapes.clone()],
                skipped: false,
            },
            None => Document {
                line: place.line,
                raw,
                text: "",
                id: None,
                literal: (0, 0),
                escapes: &[],
                skipped: true,
            },
        }
    }

    /// Reads up to `want` more bytes; true at the end of the input.
    fn read(&mut self, from: &mut dyn Read, want: usize) -> io::Result<bool> {
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
}

/// One document of a [`Batch`]: its line as written, its decoded text and its id.
///
/// ```
/// let mut batch = dedupe::jsonl::Batch::new();
/// let line = br#"{"text": "caf\u00e9", "id": "d-1", "lang": "fr"}"#;
/// dedupe::jsonl::Reader::new("x.jsonl", &line[..])?.fill(&mut batch, 1 << 20)?;
/// let doc = batch.get(0).unwrap();
/// assert_eq!((doc.line(), doc.text(), doc.id()), (1, "café", Some("\"d-1\"")));
/// assert_eq!(doc.raw(), line);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    line: usize,
    raw: &'a [u8],
    text: &'a str,
    id: Option<&'a str>,
    literal: (usize, usize),
    escapes: &'a [Escape],
    skipped: bool,
}

impl<'a> Document<'a> {
    /// The line it is on, from 1 (blank lines counted).
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// dedupe::jsonl::Reader::new("x.jsonl", &b"\n\n{\"text\":\"a\"}"[..])?.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.get(0).unwrap().line(), 3);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn line(&self) -> usize {
        self.line
    }

    /// The line as written, without its `\n` (a `\r` before it is kept).
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// dedupe::jsonl::Reader::new("x.jsonl", &b"{\"text\":\"a\"}\r\n"[..])?.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.get(0).unwrap().raw(), b"{\"text\":\"a\"}\r");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn raw(&self) -> &'a [u8] {
        self.raw
    }

    /// The text, decoded; empty when the document was [skipped](Document::is_skipped).
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// dedupe::jsonl::Reader::new("x.jsonl", &br#"{"text":"a\nb"}"#[..])?.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.get(0).unwrap().text(), "a\nb");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The id as written (JSON: a string keeps its quotes), unless the document has none,
    /// its id is `null`, or it was skipped.
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// let input = &b"{\"text\":\"a\",\"id\":12}\n{\"text\":\"b\",\"id\":null}"[..];
    /// dedupe::jsonl::Reader::new("x.jsonl", input)?.fill(&mut batch, 1 << 20)?;
    /// assert_eq!(batch.get(0).unwrap().id(), Some("12"));
    /// assert_eq!(batch.get(1).unwrap().id(), None);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn id(&self) -> Option<&'a str> {
        self.id
    }

    /// Whether the line was passed over unread ([`Reader::fill_wanted`]): neither checked
    /// nor decoded, with an empty text and no id.
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// dedupe::jsonl::Reader::new("x.jsonl", &b"not even JSON"[..])?.fill_wanted(&mut batch, 1 << 20, &mut |_| false)?;
    /// assert!(batch.get(0).unwrap().is_skipped());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn is_skipped(&self) -> bool {
        self.skipped
    }

    /// Appends to `out` the line with the parts `cuts` (byte ranges of the decoded text,
    /// in order, apart, on character boundaries, as [`Report::removals`](crate::Report::removals)
    /// gives them) cut from its text, and every other byte as written; no line end. A
    /// skipped document is written as it came. Panics when a cut ends after the text.
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// let line = br#"{ "text" : "keep\u0020this, cut this" , "n": 1.50 }"#;
    /// dedupe::jsonl::Reader::new("x.jsonl", &line[..])?.fill(&mut batch, 1 << 20)?;
    /// let doc = batch.get(0).unwrap();
    /// let mut out = Vec::new();
    /// doc.write_cut(&[dedupe::Span { start: 9, end: 19 }], &mut out);
    /// assert_eq!(out, br#"{ "text" : "keep\u0020this" , "n": 1.50 }"#);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn write_cut(&self, cuts: &[Span], out: &mut Vec<u8>) {
        let ends = cuts.iter().map(|c| c.start).chain([self.text.len()]);
        let starts = [0].into_iter().chain(cuts.iter().map(|c| c.end));
        self.write_kept(starts.zip(ends).map(|(s, e)| s..e), out);
    }

    /// Appends to `out` the line with only the parts `kept` of its text (byte ranges of
    /// the decoded text, in order, on character boundaries), and every other byte as
    /// written; no line end. A skipped document is written as it came.
    ///
    /// # Panics
    ///
    /// When a part ends before it starts or after the text.
    ///
    /// ```
    /// let mut batch = dedupe::jsonl::Batch::new();
    /// let line = br#"{"text":"a\tb\tc","id":1}"#;
    /// dedupe::jsonl::Reader::new("x.jsonl", &line[..])?.fill(&mut batch, 1 << 20)?;
    /// let mut out = Vec::new();
    /// batch.get(0).unwrap().write_kept([0..2, 4..5], &mut out);
    /// assert_eq!(out, br#"{"text":"a\tc","id":1}"#);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn write_kept(&self, kept: impl IntoIterator<Item = Range<usize>>, out: &mut Vec<u8>) {
        if self.skipped {
            out.extend_from_slice(self.raw);
            return;
        }
        let literal = self.literal.0..self.literal.1;
        out.extend_from_slice(&self.raw[..literal.start]);
        let len = self.text.len();
        let checked = kept.into_iter().inspect(|part| {
            assert!(
                part.start <= part.end && part.end <= len,
                "part {part:?} of a text of {len} bytes"
            );
        });
        write_literal(self.raw, literal.clone(), self.escapes, checked, out);
        out.extend_from_slice(&self.raw[literal.end..]);
    }
}

/// Where the fields that matter sit in a line, as byte ranges into it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fields {
    /// The text value: its string literal, quotes included.
    text: Range<usize>,
    /// The id value as written, unless there is none or it is `null`.
    id: Option<Range<usize>>,
}

/// Nesting this deep is refused inside the id (the line's own object is depth 1), as by
/// serde_json, which decodes it; the values it only skips may nest without limit.
const MAX_DEPTH: u32 = 128;

/// The end of an escape sequence in the text literal: its offset in the decoded text and
/// in the line. Between two escapes, decoded text and literal are the same bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Escape {
    decoded: usize,
    raw: usize,
}

/// Checks `line` as one JSON object with a text string and finds its fields. The decoded
/// text is appended to `text`, and where its escapes end to `escapes`. The error says what
/// is wrong and at which byte (from 1).
fn parse(
    line: &str,
    names: &Names,
    text: &mut String,
    escapes: &mut Vec<Escape>,
) -> std::result::Result<Fields, String> {
    let mut p = Parser {
        s: line,
        b: line.as_bytes(),
        i: 0,
        names,
        escapes,
    };
    p.line(text)
        .map_err(|(what, at)| format!("{} at column {}", what.say(names), at + 1))
}

/// Appends to `out` the parts `kept` (byte ranges of the decoded text, in order) of the
/// text literal at `literal` in `line`, as a string literal: the bytes of the line
/// itself, escapes as they were written, found through `escapes` (as [`parse`] gave them).
fn write_literal(
    line: &[u8],
    literal: Range<usize>,
    escapes: &[Escape],
    kept: impl IntoIterator<Item = Range<usize>>,
    out: &mut Vec<u8>,
) {
    let start = Escape {
        decoded: 0,
        raw: literal.start + 1,
    };
    // Where decoded offset `d` is in the line: after the last escape that ends at or
    // before it, bytes are copied one for one. `d` is never inside an escape: the kept
    // parts start and end on characters.
    let mut e = 0;
    let mut raw_of = |d: usize| {
        while e < escapes.len() && escapes[e].decoded <= d {
            e += 1;
        }
        let base = if e == 0 { start } else { escapes[e - 1] };
        base.raw + (d - base.decoded)
    };
    out.push(b'"');
    for part in kept {
        let (a, b) = (raw_of(part.start), raw_of(part.end));
        out.extend_from_slice(&line[a..b]);
    }
    out.push(b'"');
}

/// The fields found so far in a line.
#[derive(Default)]
struct Found {
    text: Option<Range<usize>>,
    id: Option<Range<usize>>,
    seen_id: bool,
}

/// What went wrong, and the byte where it did.
type Fail = (What, usize);

/// A step of parsing.
type Parse<T> = std::result::Result<T, Fail>;

/// What went wrong: most messages are fixed, those about the two fields name them.
#[derive(Clone, Copy, Debug)]
enum What {
    Said(&'static str),
    DuplicateText,
    DuplicateId,
    TextNotString,
    MissingText,
}

impl What {
    fn say(self, names: &Names) -> String {
        match self {
            What::Said(s) => s.to_owned(),
            What::DuplicateText => format!("duplicate field {:?}", names.text),
            What::DuplicateId => format!("duplicate field {:?}", names.id),
            What::TextNotString => format!("{:?} is not a string", names.text),
            What::MissingText => format!("missing field {:?}", names.text),
        }
    }
}

/// How strictly a string is read: serde_json decodes keys and the values it keeps (the
/// text and the id), refusing lone surrogate escapes there, and only skips the other values.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Strings {
    Skip,
    Check,
}

struct Parser<'a, 'e> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    names: &'a Names,
    escapes: &'e mut Vec<Escape>,
}

impl Parser<'_, '_> {
    fn fail<T>(&self, what: &'static str) -> Parse<T> {
        Err((What::Said(what), self.i))
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8, what: &'static str) -> Parse<()> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            self.fail(what)
        }
    }

    fn line(&mut self, text: &mut String) -> Parse<Fields> {
        self.ws();
        if self.peek() != Some(b'{') {
            return self.fail("expected a JSON object");
        }
        let mut found = Found::default();
        self.object(0, text, &mut found)?;
        self.ws();
        if self.i < self.b.len() {
            return self.fail("trailing characters");
        }
        match found.text {
            Some(text) => Ok(Fields { text, id: found.id }),
            None => Err((What::MissingText, self.b.len().saturating_sub(1))),
        }
    }

    /// What key `name` is at nesting `level` (0: the line's own object).
    fn key_kind(&self, name: &str, level: usize) -> Key {
        let at = |path: &[String]| path.get(level).is_some_and(|k| k == name);
        let (text, id) = (&self.names.text_path, &self.names.id_path);
        if at(text) && text.len() == level + 1 {
            Key::Text
        } else if at(id) && id.len() == level + 1 {
            Key::Id
        } else if at(text) || at(id) {
            Key::Inside
        } else {
            Key::Other
        }
    }

    /// An object, at its opening brace, at nesting `level` of the paths to the text and
    /// the id: what it holds of them goes to `found`.
    fn object(&mut self, level: usize, text: &mut String, found: &mut Found) -> Parse<()> {
        self.eat(b'{', "expected a JSON object")?;
        self.ws();
        let mut key = String::new();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return self.fail("expected a key");
            }
            let plain = self.key(&mut key)?;
            let line = self.s;
            let name = match plain {
                Some(r) => &line[r],
                None => key.as_str(),
            };
            let kind = self.key_kind(name, level);
            self.ws();
            self.eat(b':', "expected ':'")?;
            self.ws();
            let start = self.i;
            match kind {
                Key::Text => {
                    if found.text.is_some() {
                        return Err((What::DuplicateText, start));
                    }
                    if self.peek() != Some(b'"') {
                        return Err((What::TextNotString, self.i));
                    }
                    self.text(text)?;
                    found.text = Some(start..self.i);
                }
                Key::Id => {
                    if found.seen_id {
                        return Err((What::DuplicateId, start));
                    }
                    found.seen_id = true;
                    self.value(Strings::Check)?;
                    let raw = &self.b[start..self.i];
                    found.id = (raw != b"null").then_some(start..self.i);
                }
                Key::Inside if self.peek() == Some(b'{') => self.object(level + 1, text, found)?,
                Key::Inside | Key::Other => self.value(Strings::Skip)?,
            }
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return self.fail("expected ',' or '}'"),
            }
        }
    }

    /// A key, at its opening quote: where its text is when it has no escape, else `None`
    /// and the key decoded into `buf`.
    fn key(&mut self, buf: &mut String) -> Parse<Option<Range<usize>>> {
        let start = self.i + 1;
        let escaped = memchr2(b'"', b'\\', &self.b[start..]).is_some_and(|k| self.b[start + k] == b'\\');
        if escaped {
            buf.clear();
            self.string(Some(buf), Strings::Check)?;
            Ok(None)
        } else {
            self.string(None, Strings::Check)?;
            Ok(Some(start..self.i - 1))
        }
    }

    /// A string literal, at its opening quote; decoded into `out` when one is given.
    fn string(&mut self, mut out: Option<&mut String>, strings: Strings) -> Parse<()> {
        self.i += 1;
        let body = self.i;
        loop {
            // Escapes often come in runs ("\n\n" between paragraphs): the next one is
            // taken without a search.
            let k = match self.peek() {
                Some(b'"' | b'\\') => 0,
                _ => match memchr2(b'"', b'\\', &self.b[self.i..]) {
                    Some(k) => k,
                    None => {
                        self.i = self.b.len();
                        return self.fail("unterminated string");
                    }
                },
            };
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&self.s[self.i..self.i + k]);
            }
            self.i += k;
            if self.b[self.i] == b'"' {
                self.i += 1;
                return self.no_control(body, self.i - 1);
            }
            self.i += 1;
            let Some(decoded) = self.escape(strings)? else {
                continue;
            };
            if let Some(out) = out.as_deref_mut() {
                out.push(decoded);
            }
        }
    }

    /// The text's string literal, at its opening quote, decoded onto `out`, where each of
    /// its escapes ends going to `escapes`: [`string`](Parser::string) with
    /// [`Strings::Check`], in a loop of its own for the one string that is most of a line.
    /// The rest of the line is reserved at once (a decoded text is never longer than its
    /// literal), and a run of escapes ("\n\n" between paragraphs) is decoded without a
    /// search or a copy between them.
    fn text(&mut self, out: &mut String) -> Parse<()> {
        let base = out.len();
        out.reserve(self.b.len() - self.i);
        self.i += 1;
        let body = self.i;
        loop {
            let Some(k) = memchr2(b'"', b'\\', &self.b[self.i..]) else {
                self.i = self.b.len();
                return self.fail("unterminated string");
            };
            out.push_str(&self.s[self.i..self.i + k]);
            self.i += k;
            if self.b[self.i] == b'"' {
                self.i += 1;
                return self.no_control(body, self.i - 1);
            }
            while self.peek() == Some(b'\\') {
                // The one-letter escapes here, `\u` escapes (and errors) by `escape`.
                match self.b.get(self.i + 1).copied().and_then(one_letter) {
                    Some(c) => {
                        self.i += 2;
                        out.push(char::from(c));
                    }
                    None => {
                        self.i += 1;
                        let decoded = self.escape(Strings::Check)?.expect("checked escapes are decoded");
                        out.push(decoded);
                    }
                }
                self.escapes.push(Escape {
                    decoded: out.len() - base,
                    raw: self.i,
                });
            }
        }
    }

    /// The escape just after a backslash, at `self.i`, read past: the character it stands
    /// for (`None` for a `\u` escape that is only skipped, not decoded).
    #[inline]
    fn escape(&mut self, strings: Strings) -> Parse<Option<char>> {
        let Some(e) = self.peek() else {
            return self.fail("unterminated string");
        };
        self.i += 1;
        if let Some(c) = one_letter(e) {
            return Ok(Some(char::from(c)));
        }
        Ok(Some(match e {
            b'u' => {
                let unit = self.hex4()?;
                if strings == Strings::Skip {
                    return Ok(None);
                }
                match unit {
                    0xD800..=0xDBFF => {
                        if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                            return self.fail("lone leading surrogate in a hex escape");
                        }
                        self.i += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return self.fail("lone leading surrogate in a hex escape");
                        }
                        let c = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                        char::from_u32(c).expect("a surrogate pair is a scalar value")
                    }
                    0xDC00..=0xDFFF => return self.fail("lone trailing surrogate in a hex escape"),
                    _ => char::from_u32(u32::from(unit)).expect("not a surrogate"),
                }
            }
            _ => {
                self.i -= 1;
                return self.fail("invalid escape");
            }
        }))
    }

    /// Fails at the first control character in `b[from..to]`, the body of a string:
    /// one pass over the whole body once its end is known, by the least byte (vector
    /// minimums), cheaper than a test between every two escapes.
    fn no_control(&mut self, from: usize, to: usize) -> Parse<()> {
        let body = &self.b[from..to];
        if body.iter().fold(u8::MAX, |m, &c| m.min(c)) >= 0x20 {
            return Ok(());
        }
        self.i = from + body.iter().position(|&c| c < 0x20).expect("a byte below 0x20");
        self.fail("control character in a string")
    }

    fn hex4(&mut self) -> Parse<u16> {
        let mut v = 0u16;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return self.fail("invalid hex escape"),
            };
            v = v << 4 | u16::from(d);
            self.i += 1;
        }
        Ok(v)
    }

    fn literal(&mut self, word: &'static [u8]) -> Parse<()> {
        if self.b[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(())
        } else {
            self.fail("expected a value")
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    fn number(&mut self) -> Parse<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail("invalid number"),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return self.fail("invalid number");
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return self.fail("invalid number");
            }
        }
        Ok(())
    }

    /// One value of a field, without recursion: `open` holds one bit a level (set for an
    /// object, clear for an array) for the innermost 128 levels, `deeper` the levels
    /// outside those, 128 at a time.
    fn value(&mut self, strings: Strings) -> Parse<()> {
        let mut open: u128 = 0;
        let mut deeper: Vec<u128> = Vec::new();
        let mut depth: u32 = 0;
        loop {
            // A value.
            self.ws();
            match self.peek() {
                Some(b'"') => self.string(None, strings)?,
                Some(c @ (b'{' | b'[')) => {
                    // The line's object is level 1, this one level `depth + 2`.
                    if strings == Strings::Check && depth + 2 >= MAX_DEPTH {
                        return self.fail("recursion limit exceeded");
                    }
                    self.i += 1;
                    let object = c == b'{';
                    if depth > 0 && depth % 128 == 0 {
                        deeper.push(open);
                        open = 0;
                    }
                    open = open << 1 | u128::from(object);
                    depth += 1;
                    self.ws();
                    if self.peek() != Some(if object { b'}' } else { b']' }) {
                        if object {
                            self.member_key(strings)?;
                        }
                        continue;
                    }
                    self.i += 1;
                    close(&mut open, &mut deeper, &mut depth);
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                _ => return self.fail("expected a value"),
            }
            // What follows a value: the end of its containers, or a comma and the next one.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                self.ws();
                let object = open & 1 == 1;
                match (self.peek(), object) {
                    (Some(b','), _) => {
                        self.i += 1;
                        if object {
                            self.ws();
                            self.member_key(strings)?;
                        }
                        break;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.i += 1;
                        close(&mut open, &mut deeper, &mut depth);
                    }
                    _ => {
                        return self.fail(if object {
                            "expected ',' or '}'"
                        } else {
                            "expected ',' or ']'"
                        })
                    }
                }
            }
        }
    }

    /// A key inside a nested object and its colon. serde_json only skips these, but "id"
    /// is decoded whole, keys included.
    fn member_key(&mut self, strings: Strings) -> Parse<()> {
        if self.peek() != Some(b'"') {
            return self.fail("expected a key");
        }
        self.string(None, strings)?;
        self.ws();
        self.eat(b':', "expected ':'")
    }
}

/// What the escape of one letter `e` (`\n`, `\"`, ...) stands for, unless it is not one.
#[inline]
fn one_letter(e: u8) -> Option<u8> {
    Some(match e {
        b'"' => b'"',
        b'\\' => b'\\',
        b'/' => b'/',
        b'b' => 0x08,
        b'f' => 0x0C,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        _ => return None,
    })
}

/// Leaves the innermost open level.
fn close(open: &mut u128, deeper: &mut Vec<u128>, depth: &mut u32) {
    *open >>= 1;
    *depth -= 1;
    if *depth > 0 && *depth % 128 == 0 {
        *open = deeper.pop().expect("saved when this level opened");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Line<'a> {
        #[serde(borrow)]
        text: std::borrow::Cow<'a, str>,
        #[serde(default)]
        id: Option<serde_json::Value>,
    }

    fn names() -> Names {
        Names::new("text", "id")
    }

    /// Our verdict and serde_json's on one line: the same acceptance, text and id.
    fn agree(line: &str) {
        let mut text = String::new();
        let mut escapes = Vec::new();
        let ours = parse(line, &names(), &mut text, &mut escapes);
        if line.trim_start().starts_with('[') {
            // serde_json reads an array into the fields in order; a document must be an
            // object here (see the module's documentation).
            assert!(ours.is_err(), "{line:?}");
            return;
        }
        let theirs: std::result::Result<Line, _> = serde_json::from_str(line);
        match (&ours, &theirs) {
            (Ok(f), Ok(l)) => {
                assert_eq!(text, l.text, "text of {line:?}");
                let raw = &line[f.text.clone()];
                assert_eq!(serde_json::from_str::<String>(raw).unwrap(), text);
                // Any parts kept, written from the literal, read back as those parts.
                let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
                for step in [1, 2, 3, 7] {
                    let parts: Vec<Range<usize>> = bounds
                        .chunks(step)
                        .map(|c| c[0]..*c.last().unwrap())
                        .step_by(2)
                        .collect();
                    let mut out = Vec::new();
                    write_literal(
                        line.as_bytes(),
                        f.text.clone(),
                        &escapes,
                        parts.iter().cloned(),
                        &mut out,
                    );
                    let back: String = serde_json::from_slice(&out).unwrap();
                    let want: String = parts.iter().map(|r| &text[r.clone()]).collect();
                    assert_eq!(back, want, "{line:?} {parts:?}");
                }
                let id =
                    f.id.clone()
                        .map(|r| serde_json::from_str::<serde_json::Value>(&line[r]).unwrap());
                assert_eq!(id, l.id, "id of {line:?}");
            }
            (Err(_), Err(_)) => {}
            // serde_json's private number key in an id (see the module's documentation).
            (Ok(_), Err(_)) if line.contains("$serde_json") => {}
            _ => panic!("{line:?}: ours {ours:?}, serde_json's {:?}", theirs.err()),
        }
    }

    /// A document as read: line, id, text and the raw line.
    type ReadDoc = (usize, Option<String>, String, String);

    /// Every document of `input`, read in parts of `bytes`, the batch cleared after each.
    fn read_all(input: &[u8], bytes: usize) -> crate::Result<Vec<ReadDoc>> {
        let mut reader = Reader::new("in.jsonl", std::io::Cursor::new(input.to_vec()))?;
        let mut batch = Batch::new();
        let mut out = Vec::new();
        loop {
            let done = reader.fill(&mut batch, bytes)?;
            out.extend(batch.iter().map(|d| {
                (
                    d.line(),
                    d.id().map(str::to_owned),
                    d.text().to_owned(),
                    String::from_utf8(d.raw().to_vec()).unwrap(),
                )
            }));
            batch.clear();
            if done {
                return Ok(out);
            }
        }
    }

    /// Dotted field names are paths into nested objects, at any depth; a path through
    /// something that is not an object finds nothing; a field found twice on the way is
    /// refused as at the top.
    #[test]
    fn dotted_fields_are_paths_into_objects() {
        let names = Names::new("doc.body.text", "meta.id");
        let read = |line: &str| {
            let (mut text, mut escapes) = (String::new(), Vec::new());
            parse(line, &names, &mut text, &mut escapes).map(|f| (text, f.id.map(|r| line[r].to_owned())))
        };
        let line = r#"{"meta":{"id":"a-7","x":[1,{"id":2}]},"text":"top","doc":{"text":"no","body":{"text":"yes \n there"}}}"#;
        assert_eq!(
            read(line),
            Ok(("yes \n there".to_owned(), Some("\"a-7\"".to_owned())))
        );
        assert_eq!(
            read(r#"{"doc":{"body":{"text":"t"}}}"#),
            Ok(("t".to_owned(), None))
        );
        for missing in [
            r#"{"doc":{"body":"text"}}"#,
            r#"{"doc":["body",{"text":"t"}]}"#,
            r#"{"doc.body.text":"t"}"#,
            r#"{"text":"t"}"#,
        ] {
            let e = read(missing).unwrap_err();
            assert!(e.starts_with("missing field \"doc.body.text\""), "{missing}: {e}");
        }
        let twice = r#"{"doc":{"body":{"text":"a"}},"doc":{"body":{"text":"b"}}}"#;
        assert!(read(twice)
            .unwrap_err()
            .starts_with("duplicate field \"doc.body.text\""));
        let ids = r#"{"doc":{"body":{"text":"a"}},"meta":{"id":1,"id":2}}"#;
        assert!(read(ids).unwrap_err().starts_with("duplicate field \"meta.id\""));
        // Broken JSON inside an object looked into is still an error.
        assert!(read(r#"{"doc":{"body":{"text":"a"},}}"#).is_err());
    }

    #[test]
    fn parts_of_any_size_read_the_same_documents() {
        let long = "word ".repeat(50_000);
        let text = format!(
            "{{\"id\":1,\"text\":\"one\\ntwo\"}}\n\n  \r\n{{\"text\":\"crlf\"}}\r\n{{\"text\":\"{long}\",\"id\":\"x\"}}\n{{\"text\":\"\\u00e9 last, no newline\"}}"
        );
        let whole = read_all(text.as_bytes(), 1 << 30).unwrap();
        assert_eq!(whole.len(), 4);
        assert_eq!(
            whole[0],
            (
                1,
                Some("1".into()),
                "one\ntwo".into(),
                r#"{"id":1,"text":"one\ntwo"}"#.into()
            )
        );
        assert_eq!(whole[1].0, 4);
        assert_eq!(whole[1].3, "{\"text\":\"crlf\"}\r");
        assert_eq!(whole[2].1.as_deref(), Some("\"x\""));
        assert_eq!(whole[2].2, long);
        assert_eq!(whole[3].2, "é last, no newline");
        for bytes in [0, 1, 7, 64, 1000, 300_000] {
            assert_eq!(
                read_all(text.as_bytes(), bytes).unwrap(),
                whole,
                "parts of {bytes} bytes"
            );
        }
    }

    #[test]
    fn gzip_and_zstd_are_told_by_their_first_bytes() {
        use std::io::Write;
        let text = "{\"text\":\"one\"}\n{\"text\":\"two\",\"id\":2}\n".repeat(1000);
        let plain = read_all(text.as_bytes(), 100).unwrap();
        assert_eq!(plain.len(), 2000);
        // Two gzip members one after another are one input, as `cat a.gz b.gz` makes.
        let (half, rest) = text.split_at(text.len() / 2);
        let mut gz = Vec::new();
        for part in [half, rest] {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(part.as_bytes()).unwrap();
            gz.extend(e.finish().unwrap());
        }
        assert_eq!(read_all(&gz, 100).unwrap(), plain);
        let zst = zstd::encode_all(text.as_bytes(), 3).unwrap();
        assert_eq!(read_all(&zst, 100).unwrap(), plain);
        // Shorter than a magic number, or empty: plain.
        assert_eq!(
            read_all(b"{}", 100).unwrap_err().to_string(),
            "in.jsonl:1: not a JSON object with a \"text\" string: missing field \"text\" at column 2"
        );
        assert!(read_all(b"", 100).unwrap().is_empty());
        // A cut gzip or zstd stream is an I/O error, not a short corpus.
        for cut in [&gz[..gz.len() / 4], &zst[..zst.len() / 2]] {
            match read_all(cut, 100) {
                Err(crate::Error::Io { path, .. }) => assert_eq!(path, Path::new("in.jsonl")),
                Err(e) => panic!("{e}"),
                Ok(docs) => panic!("{} documents from a cut stream", docs.len()),
            }
        }
    }

    #[test]
    fn field_names_are_configurable() {
        let line = br#"{"text":1,"content":"the text","id":"not this one","doc":{"n":[1]}}"#;
        let mut reader = Reader::new("x.jsonl", &line[..]).unwrap();
        reader.text_field("content").id_field("doc");
        let mut batch = Batch::new();
        assert!(reader.fill(&mut batch, 1 << 20).unwrap());
        let doc = batch.get(0).unwrap();
        assert_eq!((doc.text(), doc.id()), ("the text", Some(r#"{"n":[1]}"#)));
        let mut out = Vec::new();
        doc.write_kept(std::iter::once(4..8), &mut out);
        assert_eq!(
            out,
            br#"{"text":1,"content":"text","id":"not this one","doc":{"n":[1]}}"#
        );
        let mut reader = Reader::new("x.jsonl", &br#"{"body":"a","body":"b"}"#[..]).unwrap();
        reader.text_field("body");
        let e = reader.fill(&mut Batch::new(), 1 << 20).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.jsonl:1: not a JSON object with a \"body\" string: duplicate field \"body\" at column 20"
        );
    }

    #[test]
    fn bad_lines_are_named_by_line() {
        let e = read_all(b"{\"text\":\"fine\"}\n{\"text\":\"a\xffb\"}\n", 1 << 20).unwrap_err();
        assert_eq!(e.to_string(), "in.jsonl:2: invalid UTF-8 at byte 10 of the line");
        assert!(matches!(e, crate::Error::Jsonl { line: 2, .. }));
        let e = read_all(b"{\"text\":\"fine\"}\n\n{\"text\":7}\n", 1 << 20).unwrap_err();
        assert_eq!(
            e.to_string(),
            "in.jsonl:3: not a JSON object with a \"text\" string: \"text\" is not a string at column 9"
        );
    }

    /// Skipped documents are numbered and placed as read ones, in parts of any size, and
    /// written back as they came.
    #[test]
    fn documents_passed_over_keep_their_numbers_and_lines() {
        let input = b"{\"text\":\"a\"}\n\nnot JSON at all\n{\"text\":\"c\",\"id\":3}\r\n{\"text\":\"d\"}";
        for bytes in [0, 1, 20, 1 << 20] {
            let mut reader = Reader::new("x.jsonl", &input[..]).unwrap();
            let mut batch = Batch::new();
            let mut got = Vec::new();
            loop {
                let done = reader.fill_wanted(&mut batch, bytes, &mut |n| n != 1).unwrap();
                for d in batch.iter() {
                    let mut out = Vec::new();
                    d.write_cut(&[], &mut out);
                    assert_eq!(out, d.raw());
                    got.push((d.line(), d.text().to_owned(), d.is_skipped()));
                }
                batch.clear();
                if done {
                    break;
                }
            }
            assert_eq!(reader.documents(), 4);
            let want = [(1, "a", false), (3, "", true), (4, "c", false), (5, "d", false)];
            let want: Vec<_> = want.iter().map(|&(l, t, s)| (l, t.to_owned(), s)).collect();
            assert_eq!(got, want, "parts of {bytes} bytes");
        }
    }

    #[test]
    #[should_panic(expected = "another reader")]
    fn a_batch_holding_another_readers_line_is_refused() {
        let mut batch = Batch::new();
        let long = format!("{{\"text\":\"{}\"}}\n", "x".repeat(100_000));
        let mut one = Reader::new("one.jsonl", std::io::Cursor::new(long.into_bytes())).unwrap();
        assert!(!one.fill(&mut batch, 0).unwrap());
        let mut two = Reader::new("two.jsonl", &b"{\"text\":\"b\"}"[..]).unwrap();
        let _ = two.fill(&mut batch, 0);
    }

    #[test]
    fn agrees_with_serde_json() {
        for line in [
            r#"{"text":"a"}"#,
            r#"{"text":"a","id":1}"#,
            r#"  {"id" : "x-1" , "text" : "hello\nworld" }  "#,
            r#"{"text":"a","id":null}"#,
            r#"{"text":"a","id":{"$serde_json::private::Number":"abc"}}"#,
            r#"{"text":"a","id":{"$serde_json::private::Number":"12"}}"#,
            r#"{"text":"a","id":{"$serde_json::private::Number":12}}"#,
            r#"{"text":"a","id":{"$serde_json::private::Number":"1","b":2}}"#,
            r#"{"text":"a","id":[{"$serde_json::private::Number":"x"}]}"#,
            r#"{"text":"a","x":{"$serde_json::private::Number":"abc"}}"#,
            r#"{"$serde_json::private::Number":"1","text":"a"}"#,
            r#"["a line of text", 1]"#,
            r#"{"text":"tab\there \"q\" \\ \/ \b\f\r \u00e9 \ud83d\ude00"}"#,
            r#"{"te\u0078t":"escaped key"}"#,
            r#"{"text":"a","text":"b"}"#,
            r#"{"text":"a","id":1,"id":2}"#,
            r#"{"text":1}"#,
            r#"{"text":null}"#,
            r#"{"id":1}"#,
            r#"{}"#,
            r#"[]"#,
            r#""text""#,
            r#"{"text":"a"} x"#,
            r#"{"text":"a",}"#,
            r#"{"text":"a" "id":1}"#,
            r#"{"text":"\ud800"}"#,
            r#"{"text":"\udc00"}"#,
            r#"{"text":"\ud800\u0041"}"#,
            r#"{"text":"a","other":"\ud800"}"#,
            r#"{"text":"a","id":"\ud800"}"#,
            r#"{"text":"a","id":{"\ud800":1}}"#,
            r#"{"text":"a","m":{"\ud800":1}}"#,
            r#"{"\ud800":1,"text":"a"}"#,
            r#"{"text":"bad \x escape"}"#,
            r#"{"text":"\u12"}"#,
            r#"{"text":"a","n":01}"#,
            r#"{"text":"a","n":-}"#,
            r#"{"text":"a","n":1.}"#,
            r#"{"text":"a","n":1.5e}"#,
            r#"{"text":"a","n":-0.5E+10}"#,
            r#"{"text":"a","n":3333333333333333333333333333333333333333335}"#,
            r#"{"text":"a","l":[true,false,null,[],{},[1,{"k":[2]}]]}"#,
            r#"{"text":"a","l":[1,]}"#,
            r#"{"text":"a","l":[1 2]}"#,
            r#"{"text":"a","l":{"k" 1}}"#,
            r#"{"text":"a","l":{"k":1,}}"#,
            r#"{"text":"a","l":{1:1}}"#,
            r#"{"text":"a","l":tru}"#,
            r#"{"text":"a","l":nul}"#,
            r#"{"text":"a","l":[}"#,
            r#"{"text":"a","l":{]}"#,
            r#"{"text":"unterminated}"#,
            "{\"text\":\"raw\ncontrol\"}",
            "{\"text\":\"a\"}\r\n",
            "{\"text\":\"a\",\"x\":\"\u{7f}\"}",
            "",
            "   ",
            r#"{"text":"a""#,
            r#"{"text""#,
            r#"{"text":"#,
            r#"{"#,
        ] {
            agree(line);
        }
    }

    #[test]
    fn nesting_limit_is_serde_jsons() {
        // Each as (open, middle, close, after): a level's kind must be told right after
        // 128 more close ("mixed"), and a wrong close found ("wrong").
        let shapes = [
            ("[", "", "]", ""),
            (r#"{"k":"#, "1", "}", ""),
            (r#"[{"k":"#, "1", "}]", r#","after":1"#),
            (r#"[{"k":"#, "1", "]}", ""),
        ];
        for key in ["x", "id"] {
            for depth in (120..=135).chain([255, 256, 257, 300, 1000]) {
                for (open, middle, close, after) in shapes {
                    let (open, close) = (open.repeat(depth), close.repeat(depth));
                    agree(&format!(r#"{{"text":"a","{key}":{open}{middle}{close}{after}}}"#));
                }
            }
        }
    }

    #[test]
    fn agrees_on_every_prefix_and_every_one_byte_change() {
        let line = r#"{"id":{"a":[1,-2.5e3,"\u00e9"]},"text":"x\ny \"z\" \ud83d\ude00","k":[true,null]}"#;
        for end in 0..=line.len() {
            agree(&line[..end]);
        }
        let alphabet = b"{}[]\":,\\ 0-.eu tnfx1";
        for at in 0..line.len() {
            for &c in alphabet {
                let mut b = line.as_bytes().to_vec();
                b[at] = c;
                if let Ok(s) = std::str::from_utf8(&b) {
                    agree(s);
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Lines made of JSON tokens, mostly almost right: the verdicts agree.
        #[test]
        fn agrees_on_token_soup(
            start in proptest::sample::select(vec!["", "{", r#"{"text":"x","#, r#"{"id":"#]),
            tokens in proptest::collection::vec(proptest::sample::select(vec![
                "{", "}", "[", "]", ":", ",", " ", r#""text""#, r#""id""#, r#""k""#,
                r#""a\nb""#, r#""\ud800""#, r#""\ud83d\ude00""#, "1", "-2.5e3", "0.", "01",
                "null", "true", "false", r#"""#, "\\", "\t", "é", r#""$serde_json::private::Number""#,
            ]), 0..24),
        ) {
            agree(&format!("{start}{}", tokens.concat()));
        }

        /// Text literals with escapes near and far apart (runs of plain text shorter and
        /// longer than a vector), decoded and written back as serde_json reads them.
        #[test]
        fn long_texts_agree(
            parts in proptest::collection::vec((0usize..150, proptest::sample::select(vec![
                r#"\n"#, r#"\""#, r#"\\"#, r#"\u00e9"#, "é", r#"\t"#, r#"\ud83d\ude00"#,
            ])), 0..12),
        ) {
            let body: String = parts.iter().map(|(n, e)| format!("{}{e}", "x".repeat(*n))).collect();
            agree(&format!(r#"{{"id":"{body}","text":"{body}"}}"#));
        }
    }
}
