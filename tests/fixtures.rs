//! Behaviour fixtures: a table of `{name, text, cases}` rows, each run under every
//! configuration in [`CONFIGS`].
//!
//! A case names the configurations it covers and gives the expected report and repair.
//! The report is rendered compactly (see [`render`]):
//!
//! ```text
//! L8 1,4,7 2,5,8 [2]1-2,4-5,7-8
//! ```
//!
//! reads "cut into Lines, 8 units; a group at lines 1, 4 and 7; a group at lines 2, 5
//! and 8; a block of 2 units at lines 1-2, 4-5 and 7-8". `P` is for paragraphs, and an
//! occurrence spanning lines `a` to `b` is `a-b`. Lines are enough because the runner
//! also checks every occurrence's byte span against the trimmed extent of its lines,
//! computed here independently. A repair of `"="` means the text comes back unchanged.

use std::collections::HashSet;

use dedupe::{Finder, FinderBuilder, Normalize, Occurrence, Report, Span, Unit};

/// The configurations every row runs under. `exact`, `ws` and `fold` keep `Unit::Auto`.
const CONFIGS: [&str; 6] = ["auto", "line", "para", "exact", "ws", "fold"];

fn finder(config: &str) -> Finder {
    builder(config).build().unwrap()
}

/// The builder of [`finder`], for rows that ask for more (runs, near duplicates).
fn builder(config: &str) -> FinderBuilder {
    let mut b = FinderBuilder::new();
    match config {
        "auto" => &mut b,
        "line" => b.unit(Unit::Line),
        "para" => b.unit(Unit::Paragraph),
        "exact" => b.normalize(Normalize::Exact),
        "ws" => b.normalize(Normalize::Whitespace),
        "fold" => b.fold_case(true),
        other => panic!("unknown configuration {other:?}"),
    };
    b
}

struct Row {
    name: &'static str,
    text: &'static str,
    /// `(configurations separated by spaces, expected rendering, expected repair)`.
    cases: &'static [(&'static str, &'static str, &'static str)],
}

// Lines long enough to count (the default `min_bytes` is 20).
macro_rules! a {
    () => {
        "Alpha line of the story here"
    };
}
macro_rules! b {
    () => {
        "Bravo line of the story here"
    };
}
macro_rules! c {
    () => {
        "Charlie line of the story here"
    };
}
macro_rules! u1 {
    () => {
        "Something else entirely, once"
    };
}
macro_rules! u2 {
    () => {
        "A second line that occurs once"
    };
}
// Longer than 100 characters: wrapped lines this long do not look hard-wrapped.
macro_rules! long1 { () => { "The committee met on Tuesday to discuss the budget for the coming year, and its members agreed on most points." }; }
macro_rules! long2 { () => { "Opposition members said the plan left too little for schools and hospitals, and they promised to fight it." }; }
macro_rules! long3 { () => { "A final vote is expected next month, after the public has had a chance to comment on the proposals in detail." }; }

const ALL_BUT_PARA: &str = "auto line exact ws fold";

const ROWS: &[Row] = &[
    Row {
        name: "empty_input",
        text: "",
        cases: &[(ALL_BUT_PARA, "L0", "="), ("para", "P0", "=")],
    },
    Row {
        name: "only_whitespace",
        text: " \n\t\r\n\u{a0}\u{3000}\n  \r",
        cases: &[(ALL_BUT_PARA, "L0", "="), ("para", "P0", "=")],
    },
    Row {
        name: "trailing_newline",
        text: concat!(a!(), "\n", u1!(), "\n", a!(), "\n"),
        cases: &[
            (ALL_BUT_PARA, "L3 1,3", concat!(a!(), "\n", u1!(), "\n")),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "no_trailing_newline",
        text: concat!(a!(), "\n", u1!(), "\n", a!()),
        cases: &[
            (ALL_BUT_PARA, "L3 1,3", concat!(a!(), "\n", u1!())),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "last_line_without_newline_ends_a_block",
        text: concat!(a!(), "\n", b!(), "\n", a!(), "\n", b!()),
        cases: &[
            (ALL_BUT_PARA, "L4 1,3 2,4 [2]1-2,3-4", concat!(a!(), "\n", b!())),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "crlf",
        text: concat!(a!(), "\r\n", u1!(), "\r\n", a!(), "\r\n"),
        cases: &[
            (ALL_BUT_PARA, "L3 1,3", concat!(a!(), "\r\n", u1!(), "\r\n")),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "crlf_paragraph_vs_lf_paragraph",
        text: concat!(
            a!(),
            "\r\n",
            b!(),
            "\r\n\r\n",
            c!(),
            "\n",
            u1!(),
            "\n\n",
            a!(),
            "\n",
            b!(),
            "\n",
        ),
        cases: &[
            (
                "auto para ws fold",
                "P3 1-2,7-8",
                concat!(a!(), "\r\n", b!(), "\r\n\r\n", c!(), "\n", u1!(), "\n"),
            ),
            // Exact: "\r\n" inside a paragraph is not "\n".
            ("exact", "P3", "="),
            (
                "line",
                "L6 1,7 2,8 [2]1-2,7-8",
                concat!(a!(), "\r\n", b!(), "\r\n\r\n", c!(), "\n", u1!(), "\n"),
            ),
        ],
    },
    Row {
        name: "license_paragraph_repeated",
        text: "\
Permission is hereby granted, free of charge, to any person
obtaining a copy of this software and associated documentation
files, to deal in the Software without restriction.

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

Permission is hereby granted, free of charge, to any person
obtaining a copy of this software and associated documentation
files, to deal in the Software without restriction.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND.
",
        cases: &[
            (
                "auto para exact ws fold",
                "P4 1-3,8-10",
                "\
Permission is hereby granted, free of charge, to any person
obtaining a copy of this software and associated documentation
files, to deal in the Software without restriction.

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND.
",
            ),
            (
                "line",
                "L9 1,8 2,9 3,10 [3]1-3,8-10",
                "\
Permission is hereby granted, free of charge, to any person
obtaining a copy of this software and associated documentation
files, to deal in the Software without restriction.

The above copyright notice and this permission notice shall be
included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND.
",
            ),
        ],
    },
    Row {
        name: "rewrapped_paragraph",
        text: "\
The above copyright notice and this permission
notice shall be included in all copies.

Some other paragraph of text that
wraps onto a second line.

The above copyright notice and this
permission notice shall be included in all copies.
",
        cases: &[
            (
                "auto para ws fold",
                "P3 1-2,7-8",
                "\
The above copyright notice and this permission
notice shall be included in all copies.

Some other paragraph of text that
wraps onto a second line.
",
            ),
            ("exact", "P3", "="),
            ("line", "L6", "="),
        ],
    },
    Row {
        name: "nbsp_vs_space",
        text: "Price:\u{a0}ten dollars per unit\n\u{a0}\u{a0}Indented with no-break spaces\n\
               Price: ten dollars per unit\nIndented with no-break spaces\u{a0}\n",
        cases: &[
            (
                "auto line ws fold",
                "L4 1,3 2,4 [2]1-2,3-4",
                "Price:\u{a0}ten dollars per unit\n\u{a0}\u{a0}Indented with no-break spaces\n",
            ),
            // Exact still trims (NBSP is whitespace), but an inner NBSP is not a space.
            (
                "exact",
                "L4 2,4",
                "Price:\u{a0}ten dollars per unit\n\u{a0}\u{a0}Indented with no-break spaces\n\
                 Price: ten dollars per unit\n",
            ),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "nfc_vs_nfd",
        text: "Caf\u{e9} au lait, served every morning\nCafe\u{301} au lait, served every morning\n",
        cases: &[
            (
                "auto line fold",
                "L2 1,2",
                "Caf\u{e9} au lait, served every morning\n",
            ),
            ("exact ws", "L2", "="),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "curly_vs_straight_quotes",
        text: "\u{201C}Quoted,\u{201D} she said, \u{2018}twice\u{2019}.\n\"Quoted,\" she said, 'twice'.\n",
        cases: &[
            (
                "auto line fold",
                "L2 1,2",
                "\u{201C}Quoted,\u{201D} she said, \u{2018}twice\u{2019}.\n",
            ),
            ("exact ws", "L2", "="),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "case_differs",
        text: "SHOUTING HEADLINE OF THE DAY\nShouting headline of the day\n",
        cases: &[
            ("auto line exact ws", "L2", "="),
            ("fold", "L2 1,2", "SHOUTING HEADLINE OF THE DAY\n"),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "whitespace_runs",
        text: "Too   many    spaces in this line\n\tToo many spaces\tin this line  \n",
        cases: &[
            (
                "auto line ws fold",
                "L2 1,2",
                "Too   many    spaces in this line\n",
            ),
            ("exact", "L2", "="),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "block_repeated_far_away",
        text: concat!(
            a!(),
            "\n",
            b!(),
            "\n",
            c!(),
            "\n",
            u1!(),
            "\n",
            u2!(),
            "\n",
            "Filler line number three here\n",
            "Filler line number four here\n",
            "Filler line number five here\n",
            a!(),
            "\n",
            b!(),
            "\n",
            c!(),
            "\n",
        ),
        cases: &[
            (
                ALL_BUT_PARA,
                "L11 1,9 2,10 3,11 [3]1-3,9-11",
                concat!(
                    a!(),
                    "\n",
                    b!(),
                    "\n",
                    c!(),
                    "\n",
                    u1!(),
                    "\n",
                    u2!(),
                    "\n",
                    "Filler line number three here\n",
                    "Filler line number four here\n",
                    "Filler line number five here\n",
                ),
            ),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "three_copies_of_a_block",
        text: concat!(
            a!(),
            "\n",
            b!(),
            "\n",
            u1!(),
            "\n",
            a!(),
            "\n",
            b!(),
            "\n",
            u2!(),
            "\n",
            a!(),
            "\n",
            b!(),
            "\n",
        ),
        cases: &[
            (
                ALL_BUT_PARA,
                "L8 1,4,7 2,5,8 [2]1-2,4-5,7-8",
                concat!(a!(), "\n", b!(), "\n", u1!(), "\n", u2!(), "\n"),
            ),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "adjacent_copies_with_advertisement_between",
        text: concat!(a!(), "\n", b!(), "\n", "Advertisement\n", a!(), "\n", b!(), "\n"),
        cases: &[
            (
                ALL_BUT_PARA,
                "L5 1,4 2,5 [2]1-2,4-5",
                concat!(a!(), "\n", b!(), "\n", "Advertisement\n"),
            ),
            ("para", "P1", "="),
        ],
    },
    Row {
        // The short line neither counts toward the block nor breaks it; repair keeps it.
        name: "short_line_inside_a_copy",
        text: concat!(
            a!(),
            "\n",
            b!(),
            "\n",
            c!(),
            "\n",
            "Advertisement\n",
            a!(),
            "\n",
            b!(),
            "\n",
            "Advertisement\n",
            c!(),
            "\n",
        ),
        cases: &[
            (
                ALL_BUT_PARA,
                "L8 1,5 2,6 3,8 [3]1-3,5-8",
                concat!(
                    a!(),
                    "\n",
                    b!(),
                    "\n",
                    c!(),
                    "\n",
                    "Advertisement\nAdvertisement\n"
                ),
            ),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "interleaved_abab_is_periodic",
        text: concat!(
            a!(),
            "\n",
            b!(),
            "\n",
            a!(),
            "\n",
            b!(),
            "\n",
            a!(),
            "\n",
            b!(),
            "\n"
        ),
        cases: &[
            (
                ALL_BUT_PARA,
                "L6 1,3,5 2,4,6 [2]1-2,3-4,5-6",
                concat!(a!(), "\n", b!(), "\n"),
            ),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "same_line_four_times_is_no_block",
        text: concat!(a!(), "\n", a!(), "\n", a!(), "\n", a!(), "\n"),
        cases: &[
            (ALL_BUT_PARA, "L4 1,2,3,4", concat!(a!(), "\n")),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "lone_cr_line_endings",
        text: concat!(a!(), "\r", u1!(), "\r", a!(), "\r"),
        cases: &[
            (ALL_BUT_PARA, "L3 1,3", concat!(a!(), "\r", u1!(), "\r")),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "bom_at_start",
        text: "\u{feff}Title line of the document\nBody text that follows the title\n\
               Title line of the document\n",
        cases: &[
            (
                "auto line fold",
                "L3 1,3",
                "\u{feff}Title line of the document\nBody text that follows the title\n",
            ),
            ("exact ws", "L3", "="),
            ("para", "P1", "="),
        ],
    },
    Row {
        // Regression: at line 8 the run `A A` has two earlier sources, line 1 (apart) and
        // line 7 (overlapping). The parse took the overlapping one, cut `A A` at period 1
        // and lost the block that `A A B A A A` reports; it now takes the leftmost source.
        name: "copied_run_with_an_overlapping_and_a_distant_source",
        text: concat!(
            a!(),
            "\n",
            a!(),
            "\n",
            b!(),
            "\n",
            a!(),
            "\n",
            c!(),
            "\n",
            b!(),
            "\n",
            a!(),
            "\n",
            a!(),
            "\n",
            a!(),
            "\n",
        ),
        cases: &[
            (
                ALL_BUT_PARA,
                "L9 1,2,4,7,8,9 3,6 [2]1-2,7-8 [2]3-4,6-7",
                concat!(a!(), "\n", b!(), "\n", c!(), "\n"),
            ),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "auto_seed_like_single_line_paragraphs",
        text: concat!(long1!(), "\n\n", long2!(), "\n\n", long1!(), "\n"),
        cases: &[
            (ALL_BUT_PARA, "L3 1,5", concat!(long1!(), "\n\n", long2!(), "\n")),
            ("para", "P3 1,5", concat!(long1!(), "\n\n", long2!(), "\n")),
        ],
    },
    Row {
        name: "auto_seed_like_lines_without_blank_lines",
        text: concat!(
            long1!(),
            "\n",
            long2!(),
            "\n",
            long3!(),
            "\n",
            long1!(),
            "\n",
            long2!(),
            "\n"
        ),
        cases: &[
            (
                ALL_BUT_PARA,
                "L5 1,4 2,5 [2]1-2,4-5",
                concat!(long1!(), "\n", long2!(), "\n", long3!(), "\n"),
            ),
            ("para", "P1", "="),
        ],
    },
    Row {
        name: "auto_long_wrapped_lines_stay_lines",
        text: concat!(
            long1!(),
            "\n",
            long2!(),
            "\n\n",
            long3!(),
            "\n",
            u1!(),
            "\n\n",
            long1!(),
            "\n",
            long2!(),
            "\n",
        ),
        cases: &[
            (
                ALL_BUT_PARA,
                "L6 1,7 2,8 [2]1-2,7-8",
                concat!(long1!(), "\n", long2!(), "\n\n", long3!(), "\n", u1!(), "\n"),
            ),
            (
                "para",
                "P3 1-2,7-8",
                concat!(long1!(), "\n", long2!(), "\n\n", long3!(), "\n", u1!(), "\n"),
            ),
        ],
    },
    // Issue #14, item 2: the 18-character Chinese phrase (52 bytes) of the issue, from the
    // preamble of the Universal Declaration of Human Rights, is shorter than the 20
    // characters a unit needs; before, its 52 bytes made it a repeated unit. A line of
    // seven hearts (42 bytes, 14 characters) neither.
    Row {
        name: "cjk_phrase_under_twenty_characters_is_no_unit",
        text: "鉴于有必要促进各国间友好关系的发展,\n❤️❤️❤️❤️❤️❤️❤️\n鉴于有必要促进各国间友好关系的发展,\n❤️❤️❤️❤️❤️❤️❤️\n",
        cases: &[(ALL_BUT_PARA, "L4", "="), ("para", "P1", "=")],
    },
];

/// The line an occurrence covers: `a` or `a-b`.
fn lines(o: &Occurrence) -> String {
    if o.line() == o.end_line() {
        o.line().to_string()
    } else {
        format!("{}-{}", o.line(), o.end_line())
    }
}

fn join(occurrences: &[Occurrence]) -> String {
    occurrences.iter().map(lines).collect::<Vec<_>>().join(",")
}

/// The compact form described at the top of the file.
fn render(report: &Report) -> String {
    let unit = match report.unit() {
        Unit::Line => "L",
        Unit::Paragraph => "P",
        _ => "?",
    };
    let mut parts = vec![format!("{unit}{}", report.units())];
    parts.extend(report.groups().iter().map(|g| join(g.occurrences())));
    parts.extend(
        report
            .blocks()
            .iter()
            .map(|b| format!("[{}]{}", b.units(), join(b.occurrences()))),
    );
    parts.join(" ")
}

/// Each line's content (terminator excluded) as `start..end`; `\n`, `\r\n`, lone `\r`.
fn line_bounds(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start, i));
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push((start, i));
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push((start, b.len()));
    out
}

/// The span an occurrence on lines `first..=last` must have: trimmed at both ends.
fn trimmed_span(text: &str, bounds: &[(usize, usize)], first: usize, last: usize) -> Span {
    let (s, _) = bounds[first - 1];
    let (_, e) = bounds[last - 1];
    let piece = &text[s..e];
    let start = s + (piece.len() - piece.trim_start().len());
    let end = s + piece.trim_end().len();
    Span { start, end }
}

fn check_spans(name: &str, config: &str, text: &str, report: &Report) {
    let bounds = line_bounds(text);
    let all = report
        .groups()
        .iter()
        .flat_map(|g| g.occurrences())
        .chain(report.blocks().iter().flat_map(|b| b.occurrences()));
    for o in all {
        let want = trimmed_span(text, &bounds, o.line(), o.end_line());
        assert_eq!(o.span(), want, "{name} [{config}]: span of {o:?}");
        assert_eq!(o.text(text), &text[want], "{name} [{config}]");
    }
}

#[test]
fn names_are_unique() {
    let mut seen = HashSet::new();
    for row in ROWS {
        assert!(seen.insert(row.name), "duplicate fixture name {}", row.name);
    }
}

#[test]
fn every_row_covers_every_config_once() {
    for row in ROWS {
        let mut configs: Vec<&str> = row.cases.iter().flat_map(|c| c.0.split_whitespace()).collect();
        configs.sort_unstable();
        let mut want = CONFIGS.to_vec();
        want.sort_unstable();
        assert_eq!(configs, want, "{}", row.name);
    }
}

#[test]
fn fixtures() {
    let finders: Vec<(&str, Finder)> = CONFIGS.iter().map(|&c| (c, finder(c))).collect();
    let mut failures = Vec::new();
    for row in ROWS {
        for &(configs, expected, repaired) in row.cases {
            for config in configs.split_whitespace() {
                let f = &finders.iter().find(|(c, _)| *c == config).unwrap().1;
                let report = f.find(row.text);
                check_spans(row.name, config, row.text, &report);
                let got = render(&report);
                if got != expected {
                    failures.push(format!(
                        "{} [{config}]: expected {expected:?}, got {got:?}",
                        row.name
                    ));
                }
                let want = if repaired == "=" { row.text } else { repaired };
                let got = report.repair(row.text).unwrap();
                if got != want {
                    failures.push(format!(
                        "{} [{config}]: repair expected {want:?}, got {got:?}",
                        row.name
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// Rows for what the unit table does not show: repeated runs, near groups and corpora
// (#14 item 7). Each case gives its configurations and the expected rendering:
//
// - runs (`FinderBuilder::runs`): one `{words}w@{lines}` per run, `a,b` its occurrences'
//   lines (`a-b` when one spans lines), `-` for none;
// - near (`FinderBuilder::near`): one `~{text}|{text}` per near group, each text as the
//   lines of its copies, `-` for none;
// - corpus (`Finder::find_many`, runs on): `={docs}` per set of duplicate documents, a
//   group as `doc:line,...`, a block as `[units]doc:lines,...`, then `runs:` and the
//   number of runs each document reports.

#[derive(Clone, Copy)]
enum Search {
    Runs,
    Near,
    Corpus,
}

struct Extra {
    name: &'static str,
    search: Search,
    docs: &'static [&'static str],
    /// `(configurations separated by spaces, expected rendering)`.
    cases: &'static [(&'static str, &'static str)],
}

macro_rules! openssl_tails {
    () => {
        include_str!("data/openssl-man-tails.txt")
    };
}

const EXTRA: &[Extra] = &[
    Extra {
        name: "run_sentence_copied_into_a_later_paragraph",
        search: Search::Runs,
        docs: &["The committee met on Tuesday to discuss the budget for the coming year.\n\nLater, it was said that the committee met on Tuesday to discuss the budget for the coming year again.\n"],
        cases: &[("auto para line ws fold exact", "13w@1,3")],
    },
    Extra {
        name: "run_inside_copies_of_a_repeated_unit_is_no_run",
        search: Search::Runs,
        docs: &[concat!(long1!(), "\n", u1!(), "\n", long1!(), "\n")],
        cases: &[("auto line ws fold exact", "-")],
    },
    Extra {
        name: "run_twice_inside_a_repeated_unit_is_reported_once",
        search: Search::Runs,
        docs: &["We will fight on the beaches and we will fight on the hills, and then we will fight on the beaches and we will fight on the hills.\nSomething else entirely, once\nWe will fight on the beaches and we will fight on the hills, and then we will fight on the beaches and we will fight on the hills.\n"],
        cases: &[("auto line ws fold exact", "13w@1,1")],
    },
    Extra {
        name: "run_words_compare_case_folded",
        search: Search::Runs,
        docs: &["The Quick Brown Fox Jumps Over The Lazy Dog today.\nAnd the quick brown fox jumps over the lazy dog today.\n"],
        cases: &[("auto line para ws fold exact", "10w@1,2")],
    },
    // `tests/data/openssl-man-tails.txt`: lines 401,646-401,805 of the rendered manual
    // pages of Debian 12 (openssl 3.0.19: the end of openssl-spkac(1ssl), all of
    // openssl-verify(1ssl)). Issue #14, item 6: a 58-word run over the repeated COPYRIGHT
    // paragraphs and the footer after them was reported; it is the paragraphs' repeat.
    Extra {
        name: "run_openssl_copyright_and_footer_is_no_run",
        search: Search::Runs,
        docs: &[openssl_tails!()],
        cases: &[("auto", "8w@5,150 12w@26-27,92-93 9w@28-30,97-99 9w@49,69,74 14w@69-70,74-75 8w@94-95,105-106")],
    },
    Extra {
        name: "near_paragraph_with_every_copy",
        search: Search::Near,
        // Three copies of one paragraph, near a fourth with one word changed: the near
        // group holds all four places, not one per text.
        docs: &[concat!(
            long1!(), " ", long2!(), " ", long3!(), "\n\n", u1!(), "\n\n",
            long1!(), " ", long2!(), " ", long3!(), "\n\n",
            long1!(), " ", long2!(), " ", long3!(), "\n\n",
            long1!(), " ", long2!(), " A final vote is expected next week, after the public has had a chance to comment on the proposals in detail.\n",
        )],
        cases: &[("auto line para ws fold exact", "~1,5,7|9")],
    },
    // `tests/data/krb5-copyright.txt` (see krb5_copyright_blocks_are_maximal). Issue #14,
    // item 4: near groups list every copy of each text, not one occurrence per text.
    Extra {
        name: "near_krb5_export_notices",
        search: Search::Near,
        docs: &[include_str!("data/krb5-copyright.txt")],
        cases: &[("auto", "~22-23,185-186,399-400,1214-1215,1262-1264,1300-1301|246-248,361-363,568-570,609-611,648-650,792-794,849-851,918-920,1046-1048,1177-1179 ~25-27,188-191,402-405,1217-1220,1266-1269,1303-1306|250-253,365-368,572-575,613-616,652-655,688-691,796-799,853-856,922-925,1050-1053,1181-1184 ~29-39,662-673,1308-1319|197-208,255-266,411-422,1222-1233,1276-1287|374-385,868-879|622-633|693-703|801-812|938-950|1059-1070|1190-1201 ~128-131,480-483,887-890,1146-1149|816-819 ~370-372,1055-1057|864-866")],
    },
    Extra {
        name: "corpus_shared_footer",
        search: Search::Corpus,
        docs: &[
            concat!(a!(), "\n", long1!(), "\n", long2!(), "\n"),
            concat!(b!(), "\n", long1!(), "\n", long2!(), "\n"),
            concat!(c!(), "\n", long2!(), "\n"),
        ],
        cases: &[("auto line", "0:2,1:2 0:3,1:3,2:2 [2]0:2-3,1:2-3 runs:0,0,0")],
    },
    // Issue #14, item 6: the runs of a document that duplicates an earlier one are the
    // first copy's (real text: the openssl tails above, and doubled-article.txt).
    Extra {
        name: "corpus_duplicate_document_has_no_runs",
        search: Search::Corpus,
        docs: &[openssl_tails!(), include_str!("data/doubled-article.txt"), openssl_tails!()],
        cases: &[("auto", "=0,2 0:1-2,2:1-2 0:4-5,2:4-5 0:7,2:7 0:9-10,0:152-153,2:9-10,2:152-153 0:12-15,0:155-158,2:12-15,2:155-158 0:17-18,2:17-18 0:20-21,2:20-21 0:23-37,2:23-37 0:39-41,2:39-41 0:43-45,2:43-45 0:47-50,2:47-50 0:52-54,2:52-54 0:56-59,2:56-59 0:61-62,2:61-62 0:64-67,2:64-67 0:69-70,2:69-70 0:72-75,2:72-75 0:77-79,2:77-79 0:81-83,2:81-83 0:85-86,2:85-86 0:88-90,2:88-90 0:92-95,2:92-95 0:97-106,2:97-106 0:108-111,2:108-111 0:113-115,2:113-115 0:117-120,2:117-120 0:122-124,2:122-124 0:126-127,2:126-127 0:129-135,2:129-135 0:137-139,2:137-139 0:141-142,2:141-142 0:144-145,2:144-145 0:147-148,2:147-148 0:150,2:150 0:160,2:160 [37]0:1-160,2:1-160 runs:6,0,0")],
    },
];

fn render_runs(report: &Report) -> String {
    let runs: Vec<String> = report
        .inner()
        .iter()
        .filter(|r| r.kind() == dedupe::InnerKind::Repeat)
        .map(|r| format!("{}w@{}", r.tokens(), join(r.occurrences())))
        .collect();
    if runs.is_empty() {
        "-".into()
    } else {
        runs.join(" ")
    }
}

fn render_near(report: &Report) -> String {
    let near: Vec<String> = report
        .near()
        .iter()
        .map(|n| {
            let texts: Vec<String> = n
                .texts()
                .iter()
                .map(|t| {
                    t.iter()
                        .map(|&i| lines(&n.occurrences()[i]))
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect();
            format!("~{}", texts.join("|"))
        })
        .collect();
    if near.is_empty() {
        "-".into()
    } else {
        near.join(" ")
    }
}

fn render_corpus(finder: &Finder, docs: &[&str]) -> String {
    let report = finder.find_many(docs.iter().copied());
    let at = |o: &Occurrence| format!("{}:{}", o.doc(), lines(o));
    let mut parts: Vec<String> = report
        .duplicate_documents()
        .iter()
        .map(|d| {
            format!(
                "={}",
                d.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
            )
        })
        .collect();
    parts.extend(
        report
            .groups()
            .iter()
            .map(|g| g.occurrences().iter().map(at).collect::<Vec<_>>().join(",")),
    );
    parts.extend(report.blocks().iter().map(|b| {
        format!(
            "[{}]{}",
            b.units(),
            b.occurrences().iter().map(at).collect::<Vec<_>>().join(",")
        )
    }));
    let runs: Vec<String> = report
        .documents()
        .iter()
        .map(|r| {
            r.inner()
                .iter()
                .filter(|i| i.kind() == dedupe::InnerKind::Repeat)
                .count()
                .to_string()
        })
        .collect();
    parts.push(format!("runs:{}", runs.join(",")));
    parts.join(" ")
}

/// Every occurrence of a run or near group starts and ends on a word or punctuation,
/// never on whitespace, and lies in its text.
fn check_inner_spans(name: &str, text: &str, report: &Report) {
    let all = report
        .inner()
        .iter()
        .flat_map(|r| r.occurrences())
        .chain(report.near().iter().flat_map(|n| n.occurrences()));
    for o in all {
        let t = o.text(text);
        assert!(!t.is_empty() && t.trim() == t, "{name}: span {o:?} is {t:?}");
    }
}

#[test]
fn extra_names_are_unique() {
    let mut seen: HashSet<&str> = ROWS.iter().map(|r| r.name).collect();
    let names = EXTRA.iter().map(|r| r.name).chain(BYTE_ROWS.iter().map(|r| r.0));
    for name in names {
        assert!(seen.insert(name), "duplicate fixture name {name}");
    }
}

#[test]
fn extra_fixtures() {
    let mut failures = Vec::new();
    for row in EXTRA {
        for &(configs, expected) in row.cases {
            for config in configs.split_whitespace() {
                let mut b = builder(config);
                let got = match row.search {
                    Search::Runs => {
                        let report = b.runs(true).build().unwrap().find(row.docs[0]);
                        check_inner_spans(row.name, row.docs[0], &report);
                        render_runs(&report)
                    }
                    Search::Near => {
                        let report = b.near(true).build().unwrap().find(row.docs[0]);
                        check_inner_spans(row.name, row.docs[0], &report);
                        render_near(&report)
                    }
                    Search::Corpus => render_corpus(&b.runs(true).build().unwrap(), row.docs),
                };
                if got != expected {
                    failures.push(format!(
                        "{} [{config}]: expected {expected:?}, got {got:?}",
                        row.name
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Rows on input that is not valid UTF-8 (issue #14, item 1: a file with a stray byte
/// was refused whole): `(name, input, expected rendering, expected repair)`, searched by
/// `Finder::find_bytes` under every configuration.
const BYTE_ROWS: &[(&str, &[u8], &str, &[u8])] = &[
    (
        "stray_latin1_byte_in_a_repeated_line",
        b"Caf\xE9 menu of the day, fresh fish\nSomething else entirely, once\nCaf\xE9 menu of the day, fresh fish\n",
        "L3 1,3",
        b"Caf\xE9 menu of the day, fresh fish\nSomething else entirely, once\n",
    ),
    (
        // An invalid byte equals only the same byte: 0xE9 and 0xE8 differ.
        "different_invalid_bytes_differ",
        b"Caf\xE9 menu of the day, fresh fish\nSomething else entirely, once\nCaf\xE8 menu of the day, fresh fish\n",
        "L3",
        b"=",
    ),
];

#[test]
fn byte_fixtures() {
    for &(name, input, expected, repaired) in BYTE_ROWS {
        for config in CONFIGS.iter().filter(|&&c| c != "para") {
            let report = finder(config).find_bytes(input);
            assert_eq!(render(&report), expected, "{name} [{config}]");
            let want = if repaired == b"=" { input } else { repaired };
            assert_eq!(report.repair_bytes(input).unwrap(), want, "{name} [{config}]");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Regression rows on real text in tests/data/, each naming its source.

/// `tests/data/krb5-copyright.txt` is Debian's `/usr/share/doc/krb5-locales/copyright`
/// (package krb5-locales 1.20.1-2+deb12u3, Debian 12). Issue #14, item 3: the pair of paragraphs at units 141-142
/// comes again at 284-285, and the greedy parse missed it; a 2-paragraph block with ten
/// places, each inside a place of a longer block, was reported.
#[test]
fn krb5_copyright_blocks_are_maximal() {
    let text = include_str!("data/krb5-copyright.txt");
    for config in ["auto", "line"] {
        let report = finder(config).find(text);
        let places = |b: &dedupe::Block| -> Vec<Span> { b.occurrences().iter().map(|o| o.span()).collect() };
        for (i, b) in report.blocks().iter().enumerate() {
            let inside =
                places(b).iter().all(|s| {
                    report.blocks().iter().enumerate().any(|(j, c)| {
                        j != i && places(c).iter().any(|t| t.start <= s.start && s.end <= t.end)
                    })
                });
            assert!(
                !inside,
                "[{config}] block {i} lies inside other blocks everywhere: {b:?}"
            );
        }
        if config == "auto" {
            let units: Vec<Vec<usize>> = report
                .blocks()
                .iter()
                .map(|b| b.occurrences().iter().map(|o| o.unit()).collect())
                .collect();
            assert!(units.contains(&vec![141, 284]), "{units:?}");
        }
    }
}

/// The stutters the default run reports in `text`, as the text each covers.
fn stutters(text: &str) -> Vec<&str> {
    let report = FinderBuilder::new().stutters(true).build().unwrap().find(text);
    report
        .inner()
        .iter()
        .filter(|s| s.kind() == dedupe::InnerKind::Stutter)
        .map(|s| s.occurrences()[0].text(text))
        .collect()
}

/// `tests/data/boost-copyright-excerpt.txt`: the nine stanzas of Debian's
/// `/usr/share/doc/libboost-filesystem1.74.0/copyright` (package 1.74.0+ds1-21, Debian 12)
/// that hold `io/wkt/write.hpp`, `hawick_circuits.cpp`, `crc/appveyor.yml`, `Andreas
/// Huber Dönni` or `yyyy`. Issue #14, item 5: file lists were stutters
/// (`write.hpp\n libs/geometry/.../wkt/`); the one left is the file's own `yyyy yyyy`.
#[test]
fn boost_copyright_file_lists_are_not_stutters() {
    let text = include_str!("data/boost-copyright-excerpt.txt");
    assert_eq!(stutters(text), ["yyyy yyyy"]);
}

/// `tests/data/binutils-copyright.txt`: Debian's `/usr/share/doc/binutils-common/copyright`
/// (package 2.40-2, Debian 12). Issue #14, item 5: `with no\nwith no` is a real double
/// across a line break inside a hard-wrapped paragraph.
#[test]
fn binutils_copyright_double_across_a_wrapped_line() {
    let text = include_str!("data/binutils-copyright.txt");
    assert_eq!(stutters(text), ["with no\nwith no"]);
}

// ---- stutters (#14 item 5) ----

/// `tests/data/man-pages-stutters.txt`: seventeen paragraphs of the shared man pages
/// (`man-pages.txt`, 25 languages, rendered by `man`), each holding a stutter the release
/// CLI reported before #14 item 5 (byte offsets into that file):
/// - real doubles, still reported: dsymutil(1) (381501, `executable executable`),
///   gcloud-pubsub-lite-subscriptions-subscribe(1) (13048513, `to  to` in justified
///   text), pg_virtualenv(1) (15192939, `the the`), gcloud-beta-healthcare-dicom-stores-export-bq(1)
///   (8175387, `API API`), Xft(3) (17739067, `the the`);
/// - table columns (three or more spaces): git-read-tree(1) (14120257), xz(1) (15618299),
///   the German ps(1) (20523514), the `ls -l` owner and group of fakeroot(1) (31372541);
/// - a type or label, then the word in another case: XmbufQueryExtension(3) (17983773,
///   17981004, `Window window`), gcloud-beta-iap-tcp-dest-groups-describe(1) (8306196,
///   `region REGION`);
/// - a name and its description or argument: gcloud-alpha-container-aws-clusters-get-credentials(1)
///   (2672554), the French start-stop-daemon(8) (24128806, `pid parent pid-parent`);
/// - a word broken at the line end by U+2010: gcloud-alpha-container-bare-metal-admin-clusters-enroll(1)
///   (2781794, `an An‐\n thos`);
/// - German relative pronouns: the German vim(1) (20886609) and xzgrep(1) (21133019), `die die`.
#[test]
fn man_page_stutters_are_the_real_ones() {
    let text = include_str!("data/man-pages-stutters.txt");
    assert_eq!(
        stutters(text),
        ["executable executable", "to  to", "the the", "API API", "the the"]
    );
}

/// One run of repeats is one finding: a stutter of 12 words with copies, with a shorter
/// stutter inside it, is not reported with its own sub-runs (issue #14 item 5). From
/// the shared man pages' xz(1) "Memory usage" table row, doubled; its phrase is over the
/// 8 words of a stutter, so it is one repeated run, never a stutter and its sub-stutter.
#[test]
fn a_long_doubled_phrase_is_one_finding() {
    let row = "Compress or decompress .xz and .lzma files in the background now ";
    let text = format!("{row}{row}and then stop");
    assert_eq!(stutters(&text), Vec::<&str>::new());
    let short = "files in the background files in the background now";
    assert_eq!(
        stutters(short),
        ["files in the background files in the background"]
    );
    let thrice = "see the the the end and go to the shop go to the shop go to the shop";
    assert_eq!(
        stutters(thrice),
        ["the the the", "go to the shop go to the shop go to the shop"]
    );
}
