//! Settings and entry points: [`FinderBuilder`] builds a [`Finder`], which searches texts
//! (the search itself is in [`pipeline`](crate::pipeline)).

use std::borrow::Cow;
use std::sync::Arc;

use crate::fingerprint::{Keys, MinSize, DEFAULT_SEED};
use crate::inner::InnerConfig;
use crate::near::{NearConfig, NearFinder};
use crate::normalize::{Normalize, Normalizer};
use crate::report::{Occurrence, Report};
use crate::split::{self, Unit};
use crate::{pipeline, Error, Result};

/// Texts at least this long are searched on the finder's thread pool.
const PARALLEL_BYTES: usize = 1 << 20;

#[derive(Clone, Debug)]
struct Config {
    unit: Unit,
    normalize: Normalize,
    fold_case: bool,
    min: MinSize,
    threads: Option<usize>,
    seed: u64,
    inner: Option<InnerConfig>,
    near: Option<NearConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            unit: Unit::Auto,
            normalize: Normalize::Unicode,
            fold_case: false,
            min: MinSize::Chars(20),
            threads: None,
            seed: DEFAULT_SEED,
            inner: None,
            near: None,
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
    /// units shorter than 20 characters (normalized) ignored, rayon's global thread pool.
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

    /// Units whose normalized text has fewer than this many characters ("Advertisement",
    /// "Share this", a lone word) are never reported; they neither count toward a block
    /// nor break one. Default 20. Must be at least 1.
    ///
    /// A character is a Unicode scalar value, counted after normalization, as datatrove
    /// and dolma count: a CJK ideograph, a letter with its accent composed by NFKC, each
    /// code point of an emoji sequence (`❤️` is two) count one each. So the 18-character
    /// Chinese phrase `鉴于有必要促进各国间友好关系的发展,` (52 bytes) does not count, nor
    /// do seven `❤️` (14 characters, 42 bytes), while a 20-character Vietnamese line
    /// counts although its diacritics make it 30 bytes or more.
    ///
    /// This and [`min_bytes`](FinderBuilder::min_bytes) set the same minimum: the last one
    /// set wins.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().min_chars(4).build()?;
    /// assert!(finder.find("中文字符\n中文字符").has_repeats());
    /// assert!(!finder.find("中文字\n中文字").has_repeats()); // 3 characters, 9 bytes
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn min_chars(&mut self, chars: usize) -> &mut Self {
        self.config.min = MinSize::Chars(chars);
        self
    }

    /// The minimum in UTF-8 bytes instead of characters: units whose normalized text is
    /// shorter than this many bytes are never reported. The alternative to
    /// [`min_chars`](FinderBuilder::min_chars) (the default, 20 characters) for callers
    /// that think in bytes; the last one set wins. Must be at least 1.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().min_bytes(1).build()?;
    /// assert!(finder.find("ok\nok").has_repeats());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn min_bytes(&mut self, bytes: usize) -> &mut Self {
        self.config.min = MinSize::Bytes(bytes);
        self
    }

    /// The number of threads: `None` (default) uses rayon's global pool, `Some(n)` a pool
    /// of its own with `n` threads. Results never depend on it. A finder used from a
    /// thread of a rayon pool (inside a parallel iterator) works on that pool instead.
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

    /// Whether to look inside units too: stutters ("the the", "President Ilham President
    /// Ilham") and runs of words that occur again (a sentence copied into a later
    /// paragraph); see [`Report::inner`]. Default `false`: this stage reads every word, so
    /// it runs at tens of MB/s where units and blocks alone run at about a GB/s.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().inner(true).build()?;
    /// let report = finder.find("He met President Ilham President Ilham Aliyev in Baku.");
    /// assert_eq!(report.inner()[0].kind(), dedupe::InnerKind::Stutter);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn inner(&mut self, yes: bool) -> &mut Self {
        self.config.inner = yes.then(|| InnerConfig {
            stutters: true,
            runs: true,
            ..self.config.inner.unwrap_or_default()
        });
        self
    }

    /// Whether to look inside units for stutters only: a phrase of up to 8 words
    /// immediately repeated ("President Ilham President Ilham"). One pass over the words,
    /// linear in the text; repeated runs stay as set by [`runs`](FinderBuilder::runs).
    /// Default `false`; [`inner`](FinderBuilder::inner) turns on both.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().stutters(true).build()?;
    /// let report = finder.find("He met President Ilham President Ilham Aliyev in Baku.");
    /// assert_eq!(report.inner()[0].kind(), dedupe::InnerKind::Stutter);
    /// let report = finder.find("We will fight on the beaches and the hills. Then we will fight on the beaches and the hills.");
    /// assert!(report.inner().is_empty()); // a repeated run, not a stutter: not asked for
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn stutters(&mut self, yes: bool) -> &mut Self {
        self.set_inner(|cfg| cfg.stutters = yes)
    }

    /// Whether to look inside units for repeated runs of words: a run of at least
    /// [`min_run_words`](FinderBuilder::min_run_words) words that occurs again anywhere in
    /// the text. Slower than units and stutters (a suffix array over the words). Default
    /// `false`; [`inner`](FinderBuilder::inner) turns on both.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().runs(true).min_run_words(4).build()?;
    /// let report = finder.find("We will fight on the beaches. Later: we will fight on the hills.");
    /// assert_eq!(report.inner()[0].kind(), dedupe::InnerKind::Repeat);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn runs(&mut self, yes: bool) -> &mut Self {
        self.set_inner(|cfg| cfg.runs = yes)
    }

    /// Changes one part of the inner search, starting from nothing asked when it was off;
    /// off again when neither stutters nor runs are asked.
    fn set_inner(&mut self, change: impl FnOnce(&mut InnerConfig)) -> &mut Self {
        let mut cfg = self.config.inner.unwrap_or(InnerConfig {
            stutters: false,
            runs: false,
            ..InnerConfig::default()
        });
        change(&mut cfg);
        self.config.inner = (cfg.stutters || cfg.runs).then_some(cfg);
        self
    }

    /// The fewest words a repeated run must have to be reported (with
    /// [`inner`](FinderBuilder::inner) on). Default 8; turns [`inner`](FinderBuilder::inner) on.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().min_run_words(4).build()?;
    /// let report = finder.find("We will fight on the beaches. Later: we will fight on the hills.");
    /// assert_eq!(report.inner()[0].tokens(), 5); // "we will fight on the"
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn min_run_words(&mut self, words: usize) -> &mut Self {
        let mut cfg = self.config.inner.unwrap_or_default();
        cfg.min_tokens = words;
        self.config.inner = Some(cfg);
        self
    }

    /// Whether to find near-duplicate units too: units similar but not equal, by exact
    /// Jaccard similarity of their word 5-shingles at least 0.8, found through MinHash and
    /// LSH (see [`near`](crate::near)); see [`Report::near`]. Default `false`.
    ///
    /// ```
    /// let text = "The committee met on Tuesday to discuss the budget for the coming year and agreed to raise library funding by ten percent.\n\
    ///             Elsewhere, the weather stayed sunny and warm for the whole week.\n\
    ///             The committee met on Tuesday to discuss the budget for the coming year and agreed to raise library funding by twelve percent.";
    /// let report = dedupe::FinderBuilder::new().near(true).build()?.find(text);
    /// let near = &report.near()[0];
    /// assert_eq!((near.occurrences()[0].line(), near.occurrences()[1].line()), (1, 3));
    /// assert!(near.pairs()[0].jaccard() >= 0.8);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn near(&mut self, yes: bool) -> &mut Self {
        self.config.near = yes.then(|| self.config.near.clone().unwrap_or_default());
        self
    }

    /// Near-duplicate settings of your own (threshold, shingle size, hashes, bands);
    /// turns near-duplicates on.
    ///
    /// ```
    /// let mut near = dedupe::near::NearConfig::default();
    /// near.threshold = 0.7;
    /// near.minhash.k = 3;
    /// let finder = dedupe::FinderBuilder::new().near_config(near).build()?;
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn near_config(&mut self, config: NearConfig) -> &mut Self {
        self.config.near = Some(config);
        self
    }

    /// Checks the configuration and builds the [`Finder`].
    ///
    /// Fails with [`Error::Config`] for `min_chars(0)` or `min_bytes(0)`, `min_run_words` under 2,
    /// `threads(Some(0))` or near-duplicate settings out of range (see
    /// [`NearFinder::new`]), and with [`Error::Pool`] when the thread pool cannot be built.
    ///
    /// ```
    /// assert!(dedupe::FinderBuilder::new().min_bytes(0).build().is_err());
    /// ```
    pub fn build(&self) -> Result<Finder> {
        let config = self.config.clone();
        match config.min {
            MinSize::Chars(0) => return Err(Error::Config("min_chars must be at least 1")),
            MinSize::Bytes(0) => return Err(Error::Config("min_bytes must be at least 1")),
            _ => {}
        }
        if config.inner.is_some_and(|s| s.min_tokens < 2) {
            return Err(Error::Config("min_run_words must be at least 2"));
        }
        let near = match &config.near {
            Some(c) => Some(Arc::new(NearFinder::new(c)?)),
            None => None,
        };
        let pool = match config.threads {
            Some(0) => return Err(Error::Config("threads must be at least 1")),
            Some(n) => Some(Arc::new(rayon::ThreadPoolBuilder::new().num_threads(n).build()?)),
            None => None,
        };
        Ok(Finder { config, pool, near })
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
    near: Option<Arc<NearFinder>>,
}

impl Default for Finder {
    fn default() -> Self {
        Finder::new()
    }
}

impl Finder {
    /// The fixed seed of unit fingerprints, unless [`FinderBuilder::hash_seed`] sets
    /// another.
    ///
    /// ```
    /// let same = dedupe::FinderBuilder::new().hash_seed(dedupe::Finder::DEFAULT_SEED).build()?;
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub const DEFAULT_SEED: u64 = DEFAULT_SEED;

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
            near: None,
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

    /// The units `text` is cut into (with [`Unit::Auto`] resolved), every one, short ones
    /// included, in order; [`Occurrence::unit`] numbers them.
    ///
    /// ```
    /// let units = dedupe::Finder::new().units("first line\n\n  second line  \n");
    /// assert_eq!(units.len(), 2);
    /// assert_eq!((units[1].line(), units[1].text("first line\n\n  second line  \n")), (3, "second line"));
    /// ```
    pub fn units(&self, text: &str) -> Vec<Occurrence> {
        let (_, units) = split::split::<usize>(text, self.config.unit);
        (0..units.len())
            .map(|i| Occurrence::of_units(&units, i, i))
            .collect()
    }

    /// Whether a unit's text is long enough to count, once normalized
    /// ([`FinderBuilder::min_chars`], [`FinderBuilder::min_bytes`]).
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// assert!(!finder.counts("Advertisement"));
    /// assert!(finder.counts("A paragraph long enough to count"));
    /// ```
    pub fn counts(&self, unit: &str) -> bool {
        self.config.min.reached(&self.normalize(unit))
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
        // A small text without near duplicates runs on this thread alone: entering a
        // pool would cost more (some 20 µs) than the search.
        if text.len() >= PARALLEL_BYTES || self.near.is_some() {
            self.install(|| self.find_here(text))
        } else {
            self.find_here(text)
        }
    }

    fn find_here(&self, text: &str) -> Report {
        pipeline::find(self, text)
    }
}

/// What the stages need of a finder.
impl Finder {
    pub(crate) fn unit_setting(&self) -> Unit {
        self.config.unit
    }

    /// What decides a unit's fingerprint.
    pub(crate) fn keys(&self) -> Keys {
        Keys {
            normalizer: self.normalizer(),
            min: self.config.min,
            seed: self.config.seed,
        }
    }

    pub(crate) fn inner_setting(&self) -> Option<&InnerConfig> {
        self.config.inner.as_ref()
    }

    pub(crate) fn near_setting(&self) -> Option<&NearFinder> {
        self.near.as_deref()
    }

    pub(crate) fn normalize_setting(&self) -> Normalize {
        self.config.normalize
    }

    pub(crate) fn fold_case_setting(&self) -> bool {
        self.config.fold_case
    }

    /// Runs `f` in the finder's thread pool (rayon's global pool when it has none).
    ///
    /// Called from a thread of some rayon pool already (a finder used inside a parallel
    /// iterator), it runs `f` there: a thread waiting on another pool steals more work
    /// while it waits, and such waits can nest until the stack overflows. The result is
    /// the same either way; only which threads do the work changes.
    pub(crate) fn install<R: Send>(&self, f: impl FnOnce() -> R + Send) -> R {
        match &self.pool {
            Some(pool) if rayon::current_thread_index().is_none() => pool.install(f),
            _ => f(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InnerKind;

    #[test]
    fn stutters_and_runs_switch_the_inner_search_separately() {
        let text =
            "He met President Ilham President Ilham Aliyev. We will fight on the beaches and the hills. \
                    Then we will fight on the beaches and the hills.";
        let kinds = |b: &mut FinderBuilder| -> Vec<InnerKind> {
            b.build()
                .unwrap()
                .find(text)
                .inner()
                .iter()
                .map(|r| r.kind())
                .collect()
        };
        assert_eq!(kinds(FinderBuilder::new().stutters(true)), [InnerKind::Stutter]);
        assert_eq!(kinds(FinderBuilder::new().runs(true)), [InnerKind::Repeat]);
        assert_eq!(kinds(FinderBuilder::new().inner(true)).len(), 2);
        assert_eq!(kinds(FinderBuilder::new().stutters(true).runs(true)).len(), 2);
        let mut off = FinderBuilder::new();
        off.stutters(true).stutters(false);
        assert!(off.config.inner.is_none());
        assert!(kinds(FinderBuilder::new().inner(true).runs(false))
            .iter()
            .all(|k| *k == InnerKind::Stutter));
    }
}
