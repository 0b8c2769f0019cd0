//! The on-disk form of a [`CorpusIndex`]: versioned, little-endian, with the settings that
//! shape fingerprints written out field by field, so that an index is only ever used with
//! a finder that makes the same fingerprints.
//!
//! ```text
//! magic      8 bytes  "DEDUPEIX"
//! format     u32      4
//! unit       u8       0 auto, 1 line, 2 paragraph
//! normalize  u8       0 exact, 1 whitespace, 2 unicode
//! fold_case  u8       0 or 1
//! min_unit   u8       0 bytes, 1 characters
//! min_size   u64
//! seed       u64
//! documents  u64      D
//! entries    u64      E
//! shard      u64      fingerprint of the D documents' lengths (and ids, set_shard)
//! D x (fingerprint u64 u64, units u32)               20 bytes a document
//! E x (fingerprint u64 u64, document u32, unit u32)  24 bytes a unit
//! ```

use std::io::{BufWriter, Read, Write};
use std::path::Path;

use super::index::{CorpusIndex, DocEntry, Entry, ShardPrint};
use crate::fingerprint::MinSize;
use crate::{Error, Finder, Normalize, Result, Unit};

const MAGIC: &[u8; 8] = b"DEDUPEIX";
/// 2: a document's fingerprint is the hash of its units' fingerprints. 3: the settings
/// written field by field (format 2 held a hash of their `Debug` text). 4: the shard's
/// print (its documents' lengths), so that it is only used with its own input.
const FORMAT: u32 = 4;

/// The settings that shape unit fingerprints: indexes built under different ones cannot
/// be merged, nor used with another finder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Settings {
    unit: u8,
    normalize: u8,
    fold_case: bool,
    /// 0: `min_size` is in bytes, 1: in characters.
    min_unit: u8,
    min_size: u64,
    seed: u64,
}

impl Settings {
    pub(super) fn of(finder: &Finder) -> Settings {
        let keys = finder.keys();
        Settings {
            unit: match finder.unit_setting() {
                Unit::Auto => 0,
                Unit::Line => 1,
                Unit::Paragraph => 2,
            },
            normalize: match finder.normalize_setting() {
                Normalize::Exact => 0,
                Normalize::Whitespace => 1,
                Normalize::Unicode => 2,
            },
            fold_case: finder.fold_case_setting(),
            min_unit: match keys.min {
                MinSize::Bytes(_) => 0,
                MinSize::Chars(_) => 1,
            },
            min_size: match keys.min {
                MinSize::Bytes(n) | MinSize::Chars(n) => n as u64,
            },
            seed: keys.seed,
        }
    }

    /// The first setting in which `other` differs, with both values.
    pub(super) fn differs(&self, other: &Settings) -> Option<String> {
        let unit = |u: u8| {
            ["auto", "line", "paragraph"]
                .get(u as usize)
                .copied()
                .unwrap_or("?")
        };
        let normalize = |n: u8| {
            ["exact", "whitespace", "unicode"]
                .get(n as usize)
                .copied()
                .unwrap_or("?")
        };
        if self.unit != other.unit {
            Some(format!("unit {} against {}", unit(self.unit), unit(other.unit)))
        } else if self.normalize != other.normalize {
            Some(format!(
                "normalize {} against {}",
                normalize(self.normalize),
                normalize(other.normalize)
            ))
        } else if self.fold_case != other.fold_case {
            Some(format!(
                "fold_case {} against {}",
                self.fold_case, other.fold_case
            ))
        } else if (self.min_unit, self.min_size) != (other.min_unit, other.min_size) {
            let min = |s: &Settings| {
                let unit = if s.min_unit == 0 { "min_bytes" } else { "min_chars" };
                format!("{unit} {}", s.min_size)
            };
            Some(format!("{} against {}", min(self), min(other)))
        } else if self.seed != other.seed {
            Some(format!("hash seed {} against {}", self.seed, other.seed))
        } else {
            None
        }
    }
}

impl CorpusIndex {
    /// Writes the index in a compact binary form (little-endian, 24 bytes a unit; the
    /// layout is in the crate's DESIGN.md), streamed through a buffer.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// let mut index = dedupe::CorpusIndex::new(&finder);
    /// index.add(&["some text worth indexing here"]);
    /// let mut bytes = Vec::new();
    /// index.save(&mut bytes)?;
    /// let loaded = dedupe::CorpusIndex::load(&finder, &bytes[..])?;
    /// assert_eq!(loaded.units(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&self, w: impl Write) -> std::io::Result<()> {
        let mut w = BufWriter::with_capacity(1 << 16, w);
        let s = &self.settings;
        w.write_all(MAGIC)?;
        w.write_all(&FORMAT.to_le_bytes())?;
        w.write_all(&[s.unit, s.normalize, s.fold_case as u8, s.min_unit])?;
        w.write_all(&s.min_size.to_le_bytes())?;
        w.write_all(&s.seed.to_le_bytes())?;
        w.write_all(&(self.docs.len() as u64).to_le_bytes())?;
        w.write_all(&(self.entries.len() as u64).to_le_bytes())?;
        w.write_all(&self.shard.fingerprint().to_le_bytes())?;
        for d in &self.docs {
            w.write_all(&d.fp[0].to_le_bytes())?;
            w.write_all(&d.fp[1].to_le_bytes())?;
            w.write_all(&d.units.to_le_bytes())?;
        }
        for e in &self.entries {
            w.write_all(&e.fp[0].to_le_bytes())?;
            w.write_all(&e.fp[1].to_le_bytes())?;
            w.write_all(&e.doc.to_le_bytes())?;
            w.write_all(&e.unit.to_le_bytes())?;
        }
        w.flush()
    }

    /// Reads an index written by [`save`](CorpusIndex::save), for documents searched with
    /// `finder`.
    ///
    /// Fails with [`Error::Index`] when the bytes are not an index, are cut short, or were
    /// built with other settings than `finder`'s (the message names the first that
    /// differs), and with [`Error::Io`] when reading fails (its path is `<reader>`; see
    /// [`open`](CorpusIndex::open) for files).
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// assert!(dedupe::CorpusIndex::load(&finder, &b"not an index"[..]).is_err());
    /// ```
    pub fn load(finder: &Finder, mut r: impl Read) -> Result<Self> {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes).map_err(|source| Error::Io {
            path: "<reader>".into(),
            source,
        })?;
        parse(finder, &bytes)
    }

    /// Reads the index saved in the file at `path`; see [`load`](CorpusIndex::load).
    ///
    /// ```
    /// let err = dedupe::CorpusIndex::open(&dedupe::Finder::new(), "no/such/index").unwrap_err();
    /// assert!(matches!(err, dedupe::Error::Io { .. }));
    /// assert!(err.to_string().starts_with("no/such/index: "));
    /// ```
    pub fn open(finder: &Finder, path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
        parse(finder, &bytes).map_err(|e| match e {
            Error::Index(reason) => Error::Index(format!("{}: {reason}", path.display())),
            e => e,
        })
    }
}

fn parse(finder: &Finder, bytes: &[u8]) -> Result<CorpusIndex> {
    let bad = || Error::Index("not a dedupe index, or a truncated one".into());
    let mut at = 0usize;
    let mut take = |n: usize| -> Result<&[u8]> {
        let s = bytes
            .get(at..at.checked_add(n).ok_or_else(bad)?)
            .ok_or_else(bad)?;
        at += n;
        Ok(s)
    };
    let u64_at = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().expect("8 bytes"));
    let u32_at = |s: &[u8], i: usize| u32::from_le_bytes(s[i..i + 4].try_into().expect("4 bytes"));
    if take(8)? != MAGIC {
        return Err(bad());
    }
    let format = u32_at(take(4)?, 0);
    if format != FORMAT {
        return Err(Error::Index(format!(
            "index format {format}, this version reads format {FORMAT}: index the corpus again"
        )));
    }
    let s = take(4)?;
    let (unit, normalize, fold_case, min_unit) = (s[0], s[1], s[2], s[3]);
    if unit > 2 || normalize > 2 || fold_case > 1 || min_unit > 1 {
        return Err(bad());
    }
    let settings = Settings {
        unit,
        normalize,
        fold_case: fold_case == 1,
        min_unit,
        min_size: u64_at(take(8)?, 0),
        seed: u64_at(take(8)?, 0),
    };
    if let Some(what) = Settings::of(finder).differs(&settings) {
        return Err(Error::Index(format!(
            "index built with other settings ({what} in this run and the index)"
        )));
    }
    let ndocs = usize::try_from(u64_at(take(8)?, 0)).map_err(|_| bad())?;
    let nentries = usize::try_from(u64_at(take(8)?, 0)).map_err(|_| bad())?;
    let shard = ShardPrint::from_parts(ndocs as u64, u64_at(take(8)?, 0));
    let docs: Vec<DocEntry> = take(ndocs.checked_mul(20).ok_or_else(bad)?)?
        .chunks_exact(20)
        .map(|c| DocEntry {
            fp: [u64_at(c, 0), u64_at(c, 8)],
            units: u32_at(c, 16),
        })
        .collect();
    let entries: Vec<Entry> = take(nentries.checked_mul(24).ok_or_else(bad)?)?
        .chunks_exact(24)
        .map(|c| Entry {
            fp: [u64_at(c, 0), u64_at(c, 8)],
            doc: u32_at(c, 16),
            unit: u32_at(c, 20),
        })
        .collect();
    if at != bytes.len() || entries.iter().any(|e| e.doc as usize >= docs.len()) {
        return Err(bad());
    }
    Ok(CorpusIndex {
        finder: finder.clone(),
        settings,
        docs,
        entries,
        shard,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FinderBuilder;

    fn saved(finder: &Finder) -> Vec<u8> {
        let mut index = CorpusIndex::new(finder);
        index.add(&[
            "a shared line long enough\nanother line long enough",
            "a shared line long enough",
        ]);
        let mut bytes = Vec::new();
        index.save(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn round_trip_and_every_truncation_is_an_error() {
        let finder = Finder::new();
        let bytes = saved(&finder);
        let loaded = CorpusIndex::load(&finder, &bytes[..]).unwrap();
        assert_eq!((loaded.documents(), loaded.units()), (2, 3));
        let mut print = ShardPrint::new();
        print.add("a shared line long enough\nanother line long enough");
        print.add("a shared line long enough");
        assert_eq!(loaded.shard(), print);
        for cut in 0..bytes.len() {
            assert!(matches!(
                CorpusIndex::load(&finder, &bytes[..cut]),
                Err(Error::Index(_))
            ));
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(CorpusIndex::load(&finder, &longer[..]).is_err());
    }

    #[test]
    fn other_settings_are_named() {
        let bytes = saved(&Finder::new());
        let cases = [
            (
                FinderBuilder::new().unit(Unit::Line).build().unwrap(),
                "unit line against auto",
            ),
            (
                FinderBuilder::new().fold_case(true).build().unwrap(),
                "fold_case true against false",
            ),
            (
                FinderBuilder::new().min_bytes(5).build().unwrap(),
                "min_bytes 5 against min_chars 20",
            ),
            (
                FinderBuilder::new().normalize(Normalize::Exact).build().unwrap(),
                "normalize exact against unicode",
            ),
            (
                FinderBuilder::new().hash_seed(1).build().unwrap(),
                "hash seed 1 against",
            ),
        ];
        for (finder, what) in cases {
            let err = CorpusIndex::load(&finder, &bytes[..]).unwrap_err().to_string();
            assert!(err.contains(what), "{err}");
        }
        // Settings that do not shape fingerprints do not matter.
        let spans = FinderBuilder::new().inner(true).threads(Some(1)).build().unwrap();
        assert!(CorpusIndex::load(&spans, &bytes[..]).is_ok());
    }

    #[test]
    fn an_older_format_is_refused_with_a_reason() {
        let mut bytes = saved(&Finder::new());
        bytes[8..12].copy_from_slice(&2u32.to_le_bytes());
        let err = CorpusIndex::load(&Finder::new(), &bytes[..])
            .unwrap_err()
            .to_string();
        assert!(err.contains("index format 2"), "{err}");
    }
}
