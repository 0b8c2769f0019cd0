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
    b.build().unwrap()
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
