//! Configuration: [`FinderBuilder`] builds a [`Finder`], which searches texts.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;

use crate::fingerprint::{fingerprint64, DEFAULT_SEED};
use crate::group::{self, NONE};
use crate::normalize::{Normalize, Normalizer, Scratch};
use crate::report::{Occurrence, RepeatBlock, RepeatGroup, Report, Stats};
use crate::split::{self, RawUnit, Unit};
use crate::{repair, Error, Result, Span};

/// Texts at least this long are normalized and hashed in parallel.
const PARALLEL_BYTES: usize = 1 << 20;
/// Units a parallel task takes at once.
const CHUNK_UNITS: usize = 4096;

#[derive(Clone, Debug)]
struct Config {
    unit: Unit,
    normalize: Normalize,
    fold_case: bool,
    min_bytes: usize,
    threads: Option<usize>,
    seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            unit: Unit::Auto,
            normalize: Normalize::Unicode,
            fold_case: false,
            min_bytes: 20,
            threads: None,
            seed: DEFAULT_SEED,
        }
    }
}

/// Sets up a [`Finder`].
///
/// ```
/// use dedupe::{FinderBuilder, Normalize, Unit};
///
/// let finder = FinderBuilder::new()
///     .unit(Unit::Line)
///     .normalize(Normalize::Unicode)
///     .fold_case(true)
///     .min_bytes(10)
///     .build()?;
/// let report = finder.find("Hello there, world\nhello there, WORLD\n");
/// assert_eq!(report.groups().len(), 1);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct FinderBuilder {
    config: Config,
}

impl FinderBuilder {
    /// A builder with the defaults: [`Unit::Auto`], [`Normalize::Unicode`], case kept,
    /// units shorter than 20 bytes (normalized) ignored, rayon's global thread pool.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().build()?;
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// What the text is cut into. Default [`Unit::Auto`].
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().unit(dedupe::Unit::Paragraph).build()?;
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn unit(&mut self, unit: Unit) -> &mut Self {
        self.config.unit = unit;
        self
    }

    /// How units are normalized before they are compared. Default [`Normalize::Unicode`].
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().normalize(dedupe::Normalize::Exact).build()?;
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn normalize(&mut self, normalize: Normalize) -> &mut Self {
        self.config.normalize = normalize;
        self
    }

    /// Whether units that differ only in case are equal (full Unicode lowercase mapping).
    /// Default `false`.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().fold_case(true).build()?;
    /// assert!(finder.find("SHOUTING IN THE TEXT\nshouting in the text").has_repeats());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn fold_case(&mut self, yes: bool) -> &mut Self {
        self.config.fold_case = yes;
        self
    }

    /// Units whose normalized text is shorter than this many bytes ("Advertisement",
    /// "Share this", a lone word) are never reported; they neither count toward a block
    /// nor break one. Default 20. Must be at least 1.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().min_bytes(1).build()?;
    /// assert!(finder.find("ok\nok").has_repeats());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn min_bytes(&mut self, bytes: usize) -> &mut Self {
        self.config.min_bytes = bytes;
        self
    }

    /// The number of threads: `None` (default) uses rayon's global pool, `Some(n)` a pool
    /// of its own with `n` threads. Results never depend on it.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().threads(Some(2)).build()?;
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn threads(&mut self, threads: Option<usize>) -> &mut Self {
        self.config.threads = threads;
        self
    }

    /// The seed of the unit fingerprints. The default is fixed; a secret random seed
    /// keeps crafted input from choosing collisions (which are verified anyway, so they
    /// cost time, never correctness).
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().hash_seed(0x5eed).build()?;
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn hash_seed(&mut self, seed: u64) -> &mut Self {
        self.config.seed = seed;
        self
    }

    /// Checks the configuration and builds the [`Finder`].
    ///
    /// Fails with [`Error::Config`] for `min_bytes(0)` or `threads(Some(0))`, and with
    /// [`Error::Pool`] when the thread pool cannot be built.
    ///
    /// ```
    /// assert!(dedupe::FinderBuilder::new().min_bytes(0).build().is_err());
    /// ```
    pub fn build(&self) -> Result<Finder> {
        let config = self.config.clone();
        if config.min_bytes == 0 {
            return Err(Error::Config("min_bytes must be at least 1"));
        }
        let pool = match config.threads {
            Some(0) => return Err(Error::Config("threads must be at least 1")),
            Some(n) => Some(Arc::new(
                rayon::ThreadPoolBuilder::new().num_threads(n).build()?,
            )),
            None => None,
        };
        Ok(Finder { config, pool })
    }
}

/// Finds repeats in texts; build it once with a [`FinderBuilder`], use it for many texts,
/// from many threads.
///
/// ```
/// let finder = dedupe::Finder::new();
/// let report = finder.find("a line that shows up twice\na line that shows up twice\n");
/// assert_eq!(report.groups()[0].occurrences().len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Finder {
    config: Config,
    pool: Option<Arc<rayon::ThreadPool>>,
}

impl Default for Finder {
    fn default() -> Self {
        Finder::new()
    }
}

impl Finder {
    /// A finder with the default configuration (see [`FinderBuilder::new`]).
    ///
    /// ```
    /// let report = dedupe::Finder::new().find("");
    /// assert!(!report.has_repeats());
    /// ```
    pub fn new() -> Self {
        Finder {
            config: Config::default(),
            pool: None,
        }
    }

    /// A builder, the same as [`FinderBuilder::new`].
    ///
    /// ```
    /// let finder = dedupe::Finder::builder().min_bytes(5).build()?;
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn builder() -> FinderBuilder {
        FinderBuilder::new()
    }

    /// The normalized form of `text`: what units are compared by.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// assert_eq!(finder.normalize("  \u{201C}Quoted\u{201D}\u{a0} text "), "\"Quoted\" text");
    /// ```
    pub fn normalize<'t>(&self, text: &'t str) -> Cow<'t, str> {
        self.normalizer().normalize_cow(text.trim())
    }

    fn normalizer(&self) -> Normalizer {
        Normalizer {
            level: self.config.normalize,
            fold_case: self.config.fold_case,
        }
    }

    /// Finds every repeat in `text`. Never fails.
    ///
    /// ```
    /// let text = "Breaking news from the capital\nMore details to follow soon\nBreaking news from the capital\n";
    /// let report = dedupe::Finder::new().find(text);
    /// let later = report.groups()[0].occurrences()[1];
    /// assert_eq!(later.line(), 3);
    /// assert_eq!(later.text(text), "Breaking news from the capital");
    /// ```
    pub fn find(&self, text: &str) -> Report {
        match &self.pool {
            Some(pool) => pool.install(|| self.find_here(text)),
            None => self.find_here(text),
        }
    }

    fn find_here(&self, text: &str) -> Report {
        let (unit, units) = split::split(text, self.config.unit);
        let fingerprints = self.fingerprints(text, &units);
        let normalizer = self.normalizer();
        let (groups, class) = group::group_units(text, &units, &fingerprints, normalizer);

        // The sequence of eligible units, each as its group id, except that each run of
        // units in no group becomes one id of its own: such units occur once, so they only
        // ever end a block, and a shorter sequence makes the suffix array cheaper.
        // `at[k]` is the position among eligible units of `seq[k]`.
        let eligible: Vec<u32> = (0..units.len() as u32)
            .filter(|&i| fingerprints[i as usize].is_some())
            .collect();
        let mut at: Vec<u32> = Vec::new();
        let blocks = if groups.is_empty() {
            Vec::new()
        } else {
            let alone = groups.len() as u32;
            let mut next = alone;
            let mut seq: Vec<u32> = Vec::new();
            for (k, &i) in eligible.iter().enumerate() {
                let id = match class[i as usize] {
                    NONE if seq.last().is_some_and(|&last| last >= alone) => continue,
                    NONE => {
                        next += 1;
                        next - 1
                    }
                    c => c,
                };
                seq.push(id);
                at.push(k as u32);
            }
            group::blocks(&seq, next as usize)
        };

        let occurrence = |first: usize, last: usize| Occurrence {
            span: Span {
                start: units[first].span.start,
                end: units[last].span.end,
            },
            line: units[first].line,
            end_line: units[last].end_line,
            unit: first,
        };
        let groups: Vec<RepeatGroup> = groups
            .iter()
            .map(|g| RepeatGroup {
                occurrences: g
                    .members
                    .iter()
                    .map(|&m| occurrence(m as usize, m as usize))
                    .collect(),
            })
            .collect();
        let blocks: Vec<RepeatBlock> = blocks
            .iter()
            .map(|b| RepeatBlock {
                units: b.len as usize,
                occurrences: b
                    .starts
                    .iter()
                    .map(|&s| {
                        let first = eligible[at[s as usize] as usize] as usize;
                        let last = eligible[at[(s + b.len - 1) as usize] as usize] as usize;
                        occurrence(first, last)
                    })
                    .collect(),
            })
            .collect();

        let stats = stats(text, &units, &groups, &blocks);
        let removals = repair::removals(text, &units, &groups);
        Report {
            bytes: text.len(),
            unit,
            groups,
            blocks,
            stats,
            removals,
        }
    }

    /// Each unit's fingerprint, or `None` when its normalized text is too short to count.
    fn fingerprints(&self, text: &str, units: &[RawUnit]) -> Vec<Option<u64>> {
        let normalizer = self.normalizer();
        let (min, seed) = (self.config.min_bytes, self.config.seed);
        let one = |u: &RawUnit, scratch: &mut Scratch| {
            let normal = normalizer.apply(&text[u.span], scratch);
            (normal.len() >= min).then(|| fingerprint64(normal.as_bytes(), seed))
        };
        if text.len() < PARALLEL_BYTES {
            return self.fingerprints_serial(text, units);
        }
        let mut out = vec![None; units.len()];
        out.par_chunks_mut(CHUNK_UNITS)
            .zip(units.par_chunks(CHUNK_UNITS))
            .for_each_init(Scratch::default, |scratch, (out, units)| {
                for (o, u) in out.iter_mut().zip(units) {
                    *o = one(u, scratch);
                }
            });
        out
    }

    /// [`fingerprints`](Finder::fingerprints) on the calling thread.
    pub(crate) fn fingerprints_serial(&self, text: &str, units: &[RawUnit]) -> Vec<Option<u64>> {
        let normalizer = self.normalizer();
        let (min, seed) = (self.config.min_bytes, self.config.seed);
        let mut scratch = Scratch::default();
        units
            .iter()
            .map(|u| {
                let normal = normalizer.apply(&text[u.span], &mut scratch);
                (normal.len() >= min).then(|| fingerprint64(normal.as_bytes(), seed))
            })
            .collect()
    }
}

/// The repetition statistics of a report under construction.
fn stats(text: &str, units: &[RawUnit], groups: &[RepeatGroup], blocks: &[RepeatBlock]) -> Stats {
    let mut spans: Vec<Span> = Vec::new();
    let mut repeated_units = 0;
    for g in groups {
        repeated_units += g.occurrences.len() - 1;
        spans.extend(g.occurrences[1..].iter().map(|o| o.span));
    }
    for b in blocks {
        spans.extend(b.occurrences[1..].iter().map(|o| o.span));
    }
    spans.sort_unstable();
    let mut repeated_bytes = 0;
    let mut covered_to = 0;
    for s in spans {
        let start = s.start.max(covered_to);
        if s.end > start {
            repeated_bytes += s.end - start;
            covered_to = s.end;
        }
    }
    Stats {
        units: units.len(),
        repeated_units,
        repeated_bytes,
        repeated_fraction: if text.is_empty() {
            0.0
        } else {
            repeated_bytes as f64 / text.len() as f64
        },
    }
}
