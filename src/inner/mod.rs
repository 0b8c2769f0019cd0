//! Repeats inside units: stutters (a phrase immediately repeated) and repeated runs
//! of words (a sentence copied into a later paragraph).
//!
//! Every rule is in the crate docs, from `rules.md` beside this file.

mod covered;
mod runs;
mod scan;
mod stutter;
#[cfg(test)]
mod tests;
mod tokens;

use crate::lines::LineIndex;
use crate::report::Occurrence;
use crate::split::{Pos, RawUnit};
use crate::Span;

use covered::{is_covered, merge_covered};
use runs::repeats;
#[cfg(test)]
use stutter::{stutters, Fences};
use tokens::Words;

/// What kind of repeat a [`InnerRepeat`] is.
///
/// ```
/// use dedupe::InnerKind;
/// fn describe(kind: InnerKind) -> &'static str {
///     match kind {
///         InnerKind::Stutter => "a phrase immediately repeated",
///         InnerKind::Repeat => "a run of words that occurs again",
///         _ => "something new",
///     }
/// }
/// assert_eq!(describe(InnerKind::Stutter), "a phrase immediately repeated");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum InnerKind {
    /// A phrase of a few words immediately followed by copies of itself ("the the").
    Stutter,
    /// A run of words that occurs more than once, not necessarily adjacent.
    Repeat,
}

/// A repeat inside units: a stutter, or a repeated run of words, with where it occurs.
///
/// Byte offsets start at 0; line numbers start at 1 and count `\n`, `\r\n` and a lone
/// `\r` as line ends. Spans start at the first byte of a word and end after the last byte
/// of a word (a stutter's also after punctuation its copies share, see
/// [`InnerRepeat::first_copy`]); they never include surrounding whitespace.
///
/// ```
/// use dedupe::{InnerKind, InnerRepeat};
/// // The fields a caller reads, whatever search made the repeat.
/// fn summary(s: &InnerRepeat, text: &str) -> String {
///     let first = &s.occurrences()[0];
///     match s.kind() {
///         InnerKind::Stutter => format!("line {}: {:?} x{}", first.line(), first.text(text), s.copies()),
///         _ => format!("{} words, {} times", s.tokens(), s.occurrences().len()),
///     }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InnerRepeat {
    pub(crate) kind: InnerKind,
    pub(crate) tokens: usize,
    pub(crate) copies: usize,
    pub(crate) occurrences: Vec<Occurrence>,
    pub(crate) first_copy: Option<Span>,
    pub(crate) in_covered: bool,
}

impl InnerRepeat {
    /// A stutter or a repeated run.
    ///
    /// ```
    /// fn is_stutter(s: &dedupe::InnerRepeat) -> bool {
    ///     s.kind() == dedupe::InnerKind::Stutter
    /// }
    /// ```
    pub fn kind(&self) -> InnerKind {
        self.kind
    }

    /// Words in one copy (a stutter) or one occurrence (a repeated run).
    ///
    /// ```
    /// // "President Ilham President Ilham" is a stutter of 2 words, 2 copies.
    /// fn words_repeated(s: &dedupe::InnerRepeat) -> usize {
    ///     s.tokens() * (s.copies() - 1)
    /// }
    /// ```
    pub fn tokens(&self) -> usize {
        self.tokens
    }

    /// For a stutter, how many copies of the phrase follow one another (2 for "the the",
    /// 3 for "the the the"); for a repeated run, the number of occurrences.
    ///
    /// ```
    /// fn tripled(s: &dedupe::InnerRepeat) -> bool {
    ///     s.copies() >= 3
    /// }
    /// ```
    pub fn copies(&self) -> usize {
        self.copies
    }

    /// Where it occurs, in text order. A stutter has one occurrence, covering all its
    /// copies; a repeated run has two or more, not overlapping.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().inner(true).build()?;
    /// let report = finder.find("A first line.\nI saw the the cat.");
    /// let lines: Vec<usize> = report.inner()[0].occurrences().iter().map(|o| o.line()).collect();
    /// assert_eq!(lines, [2]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn occurrences(&self) -> &[Occurrence] {
        &self.occurrences
    }

    /// For a stutter, the first copy with the punctuation attached to its end (up to the
    /// next whitespace or word): what is left once the stutter is repaired. `None` for a
    /// repeated run.
    ///
    /// ```
    /// // Repairing a stutter: keep the first copy, cut the rest of the occurrence.
    /// fn repaired(s: &dedupe::InnerRepeat, text: &str) -> Option<String> {
    ///     let copy = s.first_copy()?;
    ///     let occ = s.occurrences()[0].span();
    ///     Some(format!("{}{}{}", &text[..occ.start], &text[copy], &text[occ.end..]))
    /// }
    /// ```
    pub fn first_copy(&self) -> Option<Span> {
        self.first_copy
    }

    /// Whether a stutter lies wholly inside a range already reported as a repeated unit
    /// or block. Always `false` for a repeated run (no word in such ranges takes part
    /// in a run).
    ///
    /// ```
    /// fn fresh(s: &dedupe::InnerRepeat) -> bool {
    ///     !s.in_covered()
    /// }
    /// ```
    pub fn in_covered(&self) -> bool {
        self.in_covered
    }
}

/// What [`find_inner`] looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct InnerConfig {
    /// Repeated runs shorter than this many words are not reported (0 counts as 1).
    pub(crate) min_tokens: usize,
    /// Whether stutters are reported.
    pub(crate) stutters: bool,
    /// Whether repeated runs of words are reported.
    pub(crate) runs: bool,
    /// The longest stuttered phrase, in words.
    pub(crate) max_stutter_words: usize,
}

impl Default for InnerConfig {
    fn default() -> Self {
        InnerConfig {
            min_tokens: 8,
            stutters: true,
            runs: true,
            max_stutter_words: 8,
        }
    }
}

/// Finds the stutters and repeated runs of `text`, sorted by where their first
/// occurrence starts (stutters first on a tie, then longer first).
///
/// `covered` holds byte ranges already reported (the later occurrences of repeated units
/// and blocks), in any order: their words take no part in repeated runs, and no run
/// crosses one; stutters inside them are kept and marked. Occurrences carry unit 0: see [`assign_units`].
#[cfg(test)]
pub(crate) fn find_inner(text: &str, covered: &[Span], cfg: &InnerConfig) -> Vec<InnerRepeat> {
    find_counted(text, &[], covered, cfg).0
}

/// [`find_inner`] on a text cut into `units` (in text order), in two steps: a line break
/// inside a unit (a hard-wrapped paragraph) does not end a stutter, one between units
/// does. Without units, every line is one.
///
/// The stutters do not depend on the covered ranges, which only mark them, so their scan
/// ([`stutters_in`]) can run beside the search for exact repeats that gives those ranges;
/// [`find_inner_after`] then marks them and adds the repeated runs.
#[derive(Debug, Default)]
pub(crate) struct Stutters {
    found: Vec<InnerRepeat>,
    work: Work,
}

/// The stutters of `text` cut into `units` (none unless `cfg` asks for them), each
/// marked as outside every covered range until [`find_inner_after`] marks it.
pub(crate) fn stutters_in<U: UnitSpans + ?Sized>(text: &str, units: &U, cfg: &InnerConfig) -> Stutters {
    let mut s = Stutters::default();
    if cfg.stutters && cfg.max_stutter_words > 0 {
        scan::stutters_streaming(text, units, &[], cfg.max_stutter_words, &mut s.work, &mut s.found);
    }
    s
}

/// The repeats inside units of `text` from its `stutters` ([`stutters_in`] of the same
/// text, units and `cfg`): marks those inside `covered` and adds the repeated runs.
pub(crate) fn find_inner_after<P: Pos>(
    text: &str,
    units: &[RawUnit<P>],
    covered: &[Span],
    cfg: &InnerConfig,
    stutters: Stutters,
) -> Vec<InnerRepeat> {
    finish(text, units, covered, cfg, stutters, false).0
}

/// Units as the look inside units reads them: the split's, or spans (in tests).
pub(crate) trait UnitSpans: Sync {
    /// How many units.
    fn count(&self) -> usize;
    /// Where unit `i` is.
    fn span_of(&self, i: usize) -> Span;
    /// The first unit that ends after `pos` (units in text order).
    fn first_ending_after(&self, pos: usize) -> usize {
        let (mut lo, mut hi) = (0, self.count());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.span_of(mid).end <= pos {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

impl UnitSpans for [Span] {
    fn count(&self) -> usize {
        self.len()
    }
    fn span_of(&self, i: usize) -> Span {
        self[i]
    }
}

impl<P: Pos> UnitSpans for [RawUnit<P>] {
    fn count(&self) -> usize {
        self.len()
    }
    fn span_of(&self, i: usize) -> Span {
        self[i].span()
    }
}

/// Sets each occurrence's unit: the index of the unit its start falls in (or the last
/// unit starting before it). `units` in text order, as [`crate::split`] makes them.
pub(crate) fn assign_units<P: Pos>(found: &mut [InnerRepeat], units: &[RawUnit<P>]) {
    for s in found {
        for o in &mut s.occurrences {
            o.unit = units
                .partition_point(|u| u.span().start <= o.span.start)
                .saturating_sub(1);
        }
    }
}

/// Steps taken, for tests of the bounds.
#[derive(Clone, Copy, Debug, Default)]
struct Work {
    /// Words in the text.
    tokens: usize,
    /// Word ids compared by the stutter scan and the collapse.
    compared: usize,
    /// Length of the collapsed sequence.
    collapsed: usize,
    /// Occurrences listed for repeated runs.
    listed: usize,
    /// The most words the stutter scan held at once.
    held: usize,
}

#[cfg(test)]
fn find_counted(text: &str, units: &[Span], covered: &[Span], cfg: &InnerConfig) -> (Vec<InnerRepeat>, Work) {
    find_with(text, units, covered, cfg, false)
}

/// [`find_counted`] with the naive stutter scan over the whole text's words (`naive`),
/// the oracle of the streaming one.
#[cfg(test)]
fn find_with<U: UnitSpans + ?Sized>(
    text: &str,
    units: &U,
    covered: &[Span],
    cfg: &InnerConfig,
    naive: bool,
) -> (Vec<InnerRepeat>, Work) {
    let stutters = if naive {
        Stutters::default()
    } else {
        stutters_in(text, units, cfg)
    };
    finish(text, units, covered, cfg, stutters, naive)
}

/// [`find_with`] from the stutters the streaming scan found (none when `naive`).
fn finish<U: UnitSpans + ?Sized>(
    text: &str,
    units: &U,
    covered: &[Span],
    cfg: &InnerConfig,
    streamed: Stutters,
    naive: bool,
) -> (Vec<InnerRepeat>, Work) {
    // Only the naive scan of the tests reads the units here.
    #[cfg(not(test))]
    let _ = units;
    let Stutters {
        found: mut out,
        mut work,
    } = streamed;
    let covered = merge_covered(text, covered);
    for r in &mut out {
        r.in_covered = is_covered(&covered, r.occurrences[0].span);
    }
    let mut lines = LineIndex::new(text);
    let stutter = cfg.stutters && cfg.max_stutter_words > 0;
    if cfg.runs || (stutter && naive) {
        let words = Words::new(text);
        work.tokens = words.toks.len();
        #[cfg(test)]
        if stutter && naive {
            let spans: Vec<Span> = (0..units.count()).map(|i| units.span_of(i)).collect();
            let fences = Fences::new(text, &words.toks, &spans);
            stutters(
                text,
                &words,
                &fences,
                &covered,
                cfg.max_stutter_words,
                &mut lines,
                &mut work,
                &mut out,
            );
        }
        if cfg.runs {
            repeats(
                &words,
                &covered,
                cfg.min_tokens.max(1),
                &mut lines,
                &mut work,
                &mut out,
            );
        }
    }
    out.sort_by(|a, b| {
        (a.occurrences[0].span.start, a.kind, b.tokens).cmp(&(b.occurrences[0].span.start, b.kind, a.tokens))
    });
    (out, work)
}

/// The occurrence of `span` (unit 0 until [`assign_units`]).
fn occurrence(lines: &mut LineIndex, span: Span) -> Occurrence {
    Occurrence::of_span(lines, span)
}
