//! `--html FILE`: one self-contained page (inline CSS and script, nothing fetched): a
//! summary, then each document with findings, its text with every repeated group and
//! block highlighted, one color per group or block; a first occurrence outlined, later
//! copies filled; stutters underlined. Hovering a copy lights its first occurrence up, a
//! click scrolls to it.
//!
//! A large corpus stays readable: documents without findings are left out (counted in
//! the summary), at most [`MAX_DOCS`] documents and [`MAX_PAGE_TEXT`] bytes of text are
//! shown, and each document shows at most [`MAX_TEXT`] bytes of its text, with a note
//! where it is cut.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use dedupe::{InnerKind, Report, Span, Unit};

use super::json::Spill;
use super::{count, lines, Across, Of};

/// Documents shown at most.
pub(super) const MAX_DOCS: usize = 1000;
/// Bytes of a document's text shown at most.
pub(super) const MAX_TEXT: usize = 256 << 10;
/// Bytes of text on the page at most: past them, documents are counted, not shown (a
/// browser slows down on pages much larger).
pub(super) const MAX_PAGE_TEXT: usize = 16 << 20;

/// The page as it is made: the documents' sections go to a temporary file, the summary
/// (known at the end) goes first.
pub(super) struct Html {
    path: PathBuf,
    body: Spill,
    read: usize,
    shown: usize,
    /// Documents with findings not shown (past [`MAX_DOCS`]).
    over: usize,
    capped: usize,
    copies: usize,
    /// Bytes of text on the page so far.
    text_bytes: usize,
}

/// A highlighted range.
struct Mark {
    span: Span,
    /// `first`, `copy` or `stutter`.
    class: &'static str,
    hue: u32,
    /// The element id of its first occurrence (on a copy), or its own (on a first).
    first: String,
    title: String,
}

impl Html {
    pub(super) fn new(path: &Path) -> io::Result<Self> {
        // Fail now, not after the whole corpus is read.
        File::create(path)?;
        Ok(Html {
            path: path.to_owned(),
            body: Spill::new()?,
            read: 0,
            shown: 0,
            over: 0,
            capped: 0,
            copies: 0,
            text_bytes: 0,
        })
    }

    /// One document's section (nothing when it has no findings).
    pub(super) fn document(
        &mut self,
        number: usize,
        name: &str,
        text: &str,
        report: &Report,
        across: &[Across],
        same_as: Option<&str>,
    ) -> io::Result<()> {
        self.read += 1;
        if let Some(first) = same_as {
            self.copies += 1;
            if !self.full() {
                self.shown += 1;
                let out = &mut self.body.file;
                write!(out, "<section class=\"doc\"><h2>")?;
                escape(out, name)?;
                write!(out, "</h2><p class=\"note\">The same text as ")?;
                escape(out, first)?;
                writeln!(out, ".</p></section>")?;
            } else {
                self.over += 1;
            }
            return Ok(());
        }
        if !report.has_repeats() && across.is_empty() {
            return Ok(());
        }
        if self.full() {
            self.over += 1;
            return Ok(());
        }
        self.shown += 1;
        let marks = marks(number, report, across);
        let out = &mut self.body.file;
        write!(out, "<section class=\"doc\" id=\"d{number}\"><h2>")?;
        escape(out, name)?;
        write!(out, "</h2><p class=\"stats\">")?;
        let st = report.stats();
        let units = if report.unit() == Unit::Paragraph {
            "paragraphs"
        } else {
            "lines"
        };
        let stutters = report
            .inner()
            .iter()
            .filter(|r| r.kind() == InnerKind::Stutter)
            .count();
        let found: Vec<String> = [
            (report.groups().len(), "group", "groups"),
            (report.blocks().len(), "block", "blocks"),
            (stutters, "stutter", "stutters"),
            (report.inner().len() - stutters, "repeated run", "repeated runs"),
            (
                report.near().len(),
                "near-duplicate group",
                "near-duplicate groups",
            ),
            (
                across.iter().filter(|a| a.first.is_some()).count(),
                "repeat of another document",
                "repeats of other documents",
            ),
            (
                across.iter().filter(|a| a.first.is_none()).count(),
                "first occurrence of a repeat in another document",
                "first occurrences of repeats in other documents",
            ),
        ]
        .iter()
        .filter(|p| p.0 > 0)
        .map(|&(n, one, many)| count(n, one, many))
        .collect();
        write!(
            out,
            "{} {units}, {}; {} ({:.1}%) in {}{}{}</p>",
            st.units(),
            count(report.bytes(), "byte", "bytes"),
            count(st.repeated_bytes(), "byte", "bytes"),
            100.0 * st.repeated_fraction(),
            count(st.repeated_units(), "repeated unit", "repeated units"),
            if found.is_empty() { "" } else { "; " },
            found.join(", "),
        )?;
        let mut shown = text.len().min(MAX_TEXT);
        while !text.is_char_boundary(shown) {
            shown -= 1;
        }
        self.text_bytes += shown;
        write!(out, "<div class=\"text\">")?;
        render(out, &text[..shown], &marks)?;
        write!(out, "</div>")?;
        if shown < text.len() {
            self.capped += 1;
            write!(
                out,
                "<p class=\"note\">Cut here: the first {} of {} bytes are shown.</p>",
                shown,
                text.len()
            )?;
        }
        writeln!(out, "</section>")
    }

    /// Whether the page holds all it may.
    fn full(&self) -> bool {
        self.shown >= MAX_DOCS || self.text_bytes >= MAX_PAGE_TEXT
    }

    /// Writes the page: the summary, then the sections.
    pub(super) fn finish(self, summary: &str, found: bool) -> io::Result<()> {
        let mut out = BufWriter::new(File::create(&self.path)?);
        out.write_all(HEAD.as_bytes())?;
        write!(out, "<header><h1>dedupe report</h1><p>")?;
        escape(&mut out, summary)?;
        write!(out, "</p><p>")?;
        let left = self.read - self.shown - self.over;
        if found {
            write!(
                out,
                "{} of {} documents shown; {} without findings left out",
                self.shown, self.read, left
            )?;
        } else {
            write!(out, "Nothing repeats in {} documents.", self.read)?;
        }
        if self.over > 0 {
            write!(
                out,
                "; {} more with findings not shown (at most {MAX_DOCS} documents and {} MB of text are)",
                self.over,
                MAX_PAGE_TEXT >> 20
            )?;
        }
        if self.capped > 0 {
            write!(out, "; {} cut at {} KB", self.capped, MAX_TEXT >> 10)?;
        }
        if self.copies > 0 {
            write!(
                out,
                "; {} copies of earlier documents, named and not shown again",
                self.copies
            )?;
        }
        write!(out, ".</p>{LEGEND}</header><main>")?;
        self.body.copy_to(&mut out)?;
        writeln!(out, "</main>{SCRIPT}</body></html>")?;
        out.flush()
    }
}

/// The highlighted ranges of a document: blocks, then groups, then the groups and blocks
/// across documents, each kept where it overlaps none kept before (a group's unit inside
/// a block says nothing more); stutters inside one of them or outside all.
fn marks(number: usize, report: &Report, across: &[Across]) -> Vec<Mark> {
    let unit = if report.unit() == Unit::Paragraph {
        ("paragraph", "paragraphs")
    } else {
        ("line", "lines")
    };
    let mut kept = Layer::default();
    let mut marks = Vec::new();
    let mut add =
        |kept: &mut Layer, key: String, hue: u32, occurrences: &[dedupe::Occurrence], what: &str| {
            let first = &occurrences[0];
            let first_id = format!("{key}-0");
            for (k, o) in occurrences.iter().enumerate() {
                if !kept.insert(o.span()) {
                    continue;
                }
                let place = lines(o.line(), o.end_line());
                let (class, title) = if k == 0 {
                    (
                        "first",
                        format!("{place}: first of {} occurrences of {what}", occurrences.len()),
                    )
                } else {
                    (
                        "copy",
                        format!(
                            "{place}: repeats {} ({what}); click to see it",
                            lines(first.line(), first.end_line())
                        ),
                    )
                };
                marks.push(Mark {
                    span: o.span(),
                    class,
                    hue,
                    first: first_id.clone(),
                    title,
                });
            }
        };
    for (b, block) in report.blocks().iter().enumerate() {
        let n = block.units();
        let what = format!("a block of {n} {}", if n == 1 { unit.0 } else { unit.1 });
        add(
            &mut kept,
            format!("d{number}b{b}"),
            hue(2 * b),
            block.occurrences(),
            &what,
        );
    }
    for (g, group) in report.groups().iter().enumerate() {
        add(
            &mut kept,
            format!("d{number}g{g}"),
            hue(2 * g + 1),
            group.occurrences(),
            "a repeated unit",
        );
    }
    for a in across {
        if !kept.insert(a.occ.span()) {
            continue;
        }
        let (key, what) = match a.of {
            Of::Group => (
                format!("cg{}", a.id),
                "a unit repeated across documents".to_owned(),
            ),
            Of::Block => (
                format!("cb{}", a.id),
                format!("a block of {} units repeated across documents", a.units),
            ),
        };
        let place = lines(a.occ.line(), a.occ.end_line());
        let (class, title) = match a.first {
            None => ("first", format!("{place}: first occurrence of {what}")),
            Some(first) => (
                "copy",
                format!(
                    "{place}: repeats {} of {} ({what}); click to see it",
                    lines(first.line, first.end_line),
                    first.name
                ),
            ),
        };
        marks.push(Mark {
            span: a.occ.span(),
            class,
            hue: hue(a.id * 2 + 7),
            first: format!("{key}-0"),
            title,
        });
    }
    let mut stutters = Layer::default();
    for r in report.inner().iter().filter(|r| r.kind() == InnerKind::Stutter) {
        let o = &r.occurrences()[0];
        if kept.crosses(o.span()) || !stutters.insert(o.span()) {
            continue;
        }
        marks.push(Mark {
            span: o.span(),
            class: "stutter",
            hue: 0,
            first: String::new(),
            title: format!(
                "{}: stutter, {} copies",
                lines(o.line(), o.end_line()),
                r.copies()
            ),
        });
    }
    marks
}

/// Colors far apart for consecutive numbers (the golden angle).
fn hue(n: usize) -> u32 {
    ((n as f64 * 137.508) % 360.0) as u32
}

/// Disjoint ranges, by start.
#[derive(Default)]
struct Layer(BTreeMap<usize, usize>);

impl Layer {
    /// Adds `s` unless it is empty or overlaps a range already in.
    fn insert(&mut self, s: Span) -> bool {
        if s.is_empty() || self.overlaps(s) {
            return false;
        }
        self.0.insert(s.start, s.end);
        true
    }

    fn overlaps(&self, s: Span) -> bool {
        let before = self.0.range(..s.end).next_back();
        before.is_some_and(|(_, &end)| end > s.start)
    }

    /// Whether `s` overlaps a range without lying inside it.
    fn crosses(&self, s: Span) -> bool {
        let mut overlapping = self.0.range(..s.end).rev().take_while(|(_, &end)| end > s.start);
        match (overlapping.next(), overlapping.next()) {
            (None, _) => false,
            (Some((&start, &end)), None) => !(start <= s.start && s.end <= end),
            (Some(_), Some(_)) => true,
        }
    }
}

/// `text` with the marks as `<mark>` elements; marks past its end are cut at it.
fn render(out: &mut impl Write, text: &str, marks: &[Mark]) -> io::Result<()> {
    // Opens and closes, in text order: at one place closes first (the stutter inside
    // before the range around it), then opens (the range around before the stutter in it).
    let mut events: Vec<(usize, u8, usize)> = Vec::new();
    for (k, m) in marks.iter().enumerate() {
        let (start, end) = (m.span.start.min(text.len()), m.span.end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let inner = u8::from(m.class == "stutter");
        events.push((start, 2 + inner, k));
        events.push((end, 1 - inner, k));
    }
    events.sort_unstable();
    let mut at = 0;
    let mut ids = std::collections::HashSet::<&str>::new();
    // A mark of whole lines is a box of its own (an outline around it, not around each
    // line of it); the line end after it is its bottom edge.
    let whole = |m: &Mark| {
        let (s, e) = (m.span.start, m.span.end.min(text.len()));
        m.class != "stutter"
            && (s == 0 || text[..s].ends_with(['\n', '\r']))
            && (e == text.len() || text[e..].starts_with(['\n', '\r']))
    };
    for (pos, what, k) in events {
        if pos >= at {
            escape(out, &text[at..pos])?;
            at = pos;
        }
        let m = &marks[k];
        if what < 2 {
            out.write_all(b"</mark>")?;
            if whole(m) {
                let rest = &text[at..];
                at += if rest.starts_with("\r\n") {
                    2
                } else {
                    usize::from(!rest.is_empty())
                };
            }
            continue;
        }
        let wide = if whole(m) { " line" } else { "" };
        write!(out, "<mark class=\"{}{wide}\" style=\"--h:{}\"", m.class, m.hue)?;
        if m.class == "first" && ids.insert(&m.first) {
            write!(out, " id=\"{}\"", m.first)?;
        } else if m.class == "copy" {
            write!(out, " data-first=\"{}\"", m.first)?;
        }
        write!(out, " title=\"")?;
        escape(out, &m.title)?;
        write!(out, "\">")?;
    }
    escape(out, &text[at..])
}

/// Writes `s` escaped for HTML text and attribute values.
fn escape(out: &mut impl Write, s: &str) -> io::Result<()> {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\0' => "\u{fffd}",
            _ => continue,
        };
        out.write_all(&s.as_bytes()[last..i])?;
        out.write_all(rep.as_bytes())?;
        last = i + c.len_utf8();
    }
    out.write_all(&s.as_bytes()[last..])
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dedupe">
<title>dedupe report</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { padding: 12px 24px; background: #fff; border-bottom: 1px solid #ddd; position: sticky; top: 0; z-index: 1; }
header h1 { font-size: 18px; margin: 0 0 4px; }
header p { margin: 2px 0; color: #444; }
.legend mark { margin-right: 12px; }
main { padding: 8px 24px 48px; }
.doc { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 16px 0; padding: 8px 16px; }
.doc h2 { font: 600 14px ui-monospace, monospace; margin: 4px 0; word-break: break-all; }
.stats, .note { color: #666; font-size: 13px; margin: 4px 0; }
.text { font: 13px/1.6 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: none; color: inherit; border-radius: 3px; cursor: default; }
mark.first { outline: 2px solid hsl(var(--h) 65% 45%); outline-offset: -1px; background: hsl(var(--h) 80% 97%); }
mark.copy { background: hsl(var(--h) 75% 82%); cursor: pointer; }
mark.line { display: block; padding: 1px 2px; margin: 2px 0; }
mark.stutter { text-decoration: underline wavy #d22; text-underline-offset: 3px; background: none; outline: none; }
mark.lit { box-shadow: 0 0 0 4px hsl(var(--h) 80% 60%); }
</style></head><body>
"#;

const LEGEND: &str = r#"<p class="legend"><mark class="first" style="--h:210">first occurrence</mark><mark class="copy" style="--h:210">later copy (hover: its first is lit; click: go there)</mark><mark class="stutter">stutter</mark></p>"#;

const SCRIPT: &str = r#"<script>
(function () {
  function first(e) {
    var m = e.target.closest && e.target.closest("mark[data-first]");
    return m ? document.getElementById(m.dataset.first) : null;
  }
  document.addEventListener("mouseover", function (e) { var f = first(e); if (f) f.classList.add("lit"); });
  document.addEventListener("mouseout", function (e) { var f = first(e); if (f) f.classList.remove("lit"); });
  document.addEventListener("click", function (e) {
    var f = first(e);
    if (!f) return;
    f.scrollIntoView({ behavior: "smooth", block: "center" });
    f.classList.add("lit");
    setTimeout(function () { f.classList.remove("lit"); }, 1500);
  });
})();
</script>
"#;
