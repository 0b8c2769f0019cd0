//! The Gopher rules: thresholds, and the rule that fires.

use super::{RepetitionStats, DUPLICATE_NGRAM_SIZES, TOP_NGRAM_SIZES};

/// A Gopher repetition rule, as named by datatrove.
///
/// [`Display`](std::fmt::Display) gives datatrove's reason string.
///
/// ```
/// assert_eq!(dedupe::GopherRule::TopNgram(2).to_string(), "top_2_gram");
/// assert_eq!(dedupe::GopherRule::DuplicateNgrams(5).to_string(), "duplicated_5_n_grams");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GopherRule {
    /// The text is empty (`empty`).
    Empty,
    /// Too many duplicate paragraphs (`dup_para_frac`).
    DuplicateParagraphs,
    /// Too many characters in duplicate paragraphs (`dup_para_char_frac`).
    DuplicateParagraphChars,
    /// Too many duplicate lines (`dup_line_frac`).
    DuplicateLines,
    /// Too many characters in duplicate lines (`dup_line_char_frac`).
    DuplicateLineChars,
    /// The top n-gram covers too many characters (`top_{n}_gram`).
    TopNgram(u8),
    /// Duplicated n-grams cover too many characters (`duplicated_{n}_n_grams`).
    DuplicateNgrams(u8),
}

impl std::fmt::Display for GopherRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GopherRule::Empty => f.write_str("empty"),
            GopherRule::DuplicateParagraphs => f.write_str("dup_para_frac"),
            GopherRule::DuplicateParagraphChars => f.write_str("dup_para_char_frac"),
            GopherRule::DuplicateLines => f.write_str("dup_line_frac"),
            GopherRule::DuplicateLineChars => f.write_str("dup_line_char_frac"),
            GopherRule::TopNgram(n) => write!(f, "top_{n}_gram"),
            GopherRule::DuplicateNgrams(n) => write!(f, "duplicated_{n}_n_grams"),
        }
    }
}

/// Thresholds of the Gopher repetition rules; a rule fires when its statistic is strictly
/// greater than its threshold, and `None` turns a rule off.
///
/// [`Default`] holds Gopher's values, which are datatrove's defaults: 0.3 for duplicate
/// paragraph and line fractions, 0.2 for their character fractions, 0.20 / 0.18 / 0.16 for
/// the top 2-, 3-, 4-grams and 0.15, 0.14, 0.13, 0.12, 0.11, 0.10 for duplicated 5- to
/// 10-grams.
///
/// One difference: datatrove also turns a paragraph or line rule off when its threshold
/// is `0`; here `Some(0.0)` fires on any duplicate.
///
/// ```
/// use dedupe::{GopherRule, GopherThresholds};
/// let stats = dedupe::repetition_stats("spam\nspam\nspam\neggs");
/// let mut gopher = GopherThresholds::default();
/// assert_eq!(gopher.check(&stats), Some(GopherRule::DuplicateLines));
/// gopher.duplicate_line_fraction = None;
/// assert_eq!(gopher.check(&stats), Some(GopherRule::DuplicateLineChars));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GopherThresholds {
    /// For [`RepetitionStats::duplicate_paragraph_fraction`].
    pub duplicate_paragraph_fraction: Option<f64>,
    /// For [`RepetitionStats::duplicate_paragraph_char_fraction`].
    pub duplicate_paragraph_char_fraction: Option<f64>,
    /// For [`RepetitionStats::duplicate_line_fraction`].
    pub duplicate_line_fraction: Option<f64>,
    /// For [`RepetitionStats::duplicate_line_char_fraction`].
    pub duplicate_line_char_fraction: Option<f64>,
    /// For [`RepetitionStats::top_ngram_char_fraction`], n = 2, 3, 4.
    pub top_ngram_char_fraction: [Option<f64>; 3],
    /// For [`RepetitionStats::duplicate_ngram_char_fraction`], n = 5 … 10.
    pub duplicate_ngram_char_fraction: [Option<f64>; 6],
}

impl Default for GopherThresholds {
    fn default() -> Self {
        GopherThresholds {
            duplicate_paragraph_fraction: Some(0.3),
            duplicate_paragraph_char_fraction: Some(0.2),
            duplicate_line_fraction: Some(0.3),
            duplicate_line_char_fraction: Some(0.2),
            top_ngram_char_fraction: [Some(0.2), Some(0.18), Some(0.16)],
            duplicate_ngram_char_fraction: [
                Some(0.15),
                Some(0.14),
                Some(0.13),
                Some(0.12),
                Some(0.11),
                Some(0.10),
            ],
        }
    }
}

impl GopherThresholds {
    /// The first rule that fires, in datatrove's order (empty text, paragraphs, paragraph
    /// characters, lines, line characters, top 2- to 4-grams, duplicated 5- to 10-grams),
    /// which is the reason datatrove gives; `None` if the text passes.
    ///
    /// ```
    /// let gopher = dedupe::GopherThresholds::default();
    /// let prose = "Quiet rivers carve deep valleys through ancient stone, while patient \
    ///              farmers tend terraced fields above, harvesting barley, lentils and sweet \
    ///              apricots every autumn.";
    /// assert_eq!(gopher.check(&dedupe::repetition_stats(prose)), None);
    /// // Short texts fail: the first 2-gram alone is more than 20% of the characters.
    /// let short = dedupe::repetition_stats("A short, plain sentence.");
    /// assert_eq!(gopher.check(&short), Some(dedupe::GopherRule::TopNgram(2)));
    /// assert_eq!(gopher.check(&dedupe::repetition_stats("")), Some(dedupe::GopherRule::Empty));
    /// ```
    pub fn check(&self, stats: &RepetitionStats) -> Option<GopherRule> {
        self.rules(stats).next()
    }

    /// Every rule that fires, in datatrove's order.
    ///
    /// ```
    /// use dedupe::GopherRule;
    /// let stats = dedupe::repetition_stats("la la la la la la la la la la la la");
    /// let fired = dedupe::GopherThresholds::default().fired(&stats);
    /// assert_eq!(fired[0], GopherRule::TopNgram(2));
    /// assert!(fired.contains(&GopherRule::DuplicateNgrams(10)));
    /// ```
    pub fn fired(&self, stats: &RepetitionStats) -> Vec<GopherRule> {
        self.rules(stats).collect()
    }

    fn rules<'a>(&'a self, s: &'a RepetitionStats) -> impl Iterator<Item = GopherRule> + 'a {
        let over = |value: f64, threshold: Option<f64>| threshold.is_some_and(|t| value > t);
        let empty = (s.chars == 0).then_some(GopherRule::Empty);
        let fixed = [
            (
                s.duplicate_paragraph_fraction,
                self.duplicate_paragraph_fraction,
                GopherRule::DuplicateParagraphs,
            ),
            (
                s.duplicate_paragraph_char_fraction,
                self.duplicate_paragraph_char_fraction,
                GopherRule::DuplicateParagraphChars,
            ),
            (
                s.duplicate_line_fraction,
                self.duplicate_line_fraction,
                GopherRule::DuplicateLines,
            ),
            (
                s.duplicate_line_char_fraction,
                self.duplicate_line_char_fraction,
                GopherRule::DuplicateLineChars,
            ),
        ];
        let top = (0..3).map(move |i| {
            (
                s.top_ngram_char_fraction[i],
                self.top_ngram_char_fraction[i],
                GopherRule::TopNgram(TOP_NGRAM_SIZES[i] as u8),
            )
        });
        let dup = (0..6).map(move |i| {
            (
                s.duplicate_ngram_char_fraction[i],
                self.duplicate_ngram_char_fraction[i],
                GopherRule::DuplicateNgrams(DUPLICATE_NGRAM_SIZES[i] as u8),
            )
        });
        let nonempty = s.chars > 0;
        empty.into_iter().chain(
            fixed
                .into_iter()
                .chain(top)
                .chain(dup)
                .filter(move |&(v, t, _)| nonempty && over(v, t))
                .map(|(_, _, rule)| rule),
        )
    }
}
