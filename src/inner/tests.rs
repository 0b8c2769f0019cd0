//! Tests of the whole stage, through [`find_inner`].

use super::runs::{WORK_BASE, WORK_PER_TOKEN};
use super::*;
use crate::normalize::{Normalize, Normalizer};

const SEED: &str = include_str!("../../tests/data/doubled-article.txt");

fn find(text: &str) -> Vec<InnerRepeat> {
    find_inner(text, &[], &InnerConfig::default())
}

/// The stutters of `text`, as the text each occurrence covers.
fn stutter_texts(text: &str) -> Vec<&str> {
    find(text)
        .iter()
        .filter(|s| s.kind == InnerKind::Stutter)
        .map(|s| &text[..][s.occurrences[0].span])
        .collect()
}

fn kinds(found: &[InnerRepeat], kind: InnerKind) -> Vec<&InnerRepeat> {
    found.iter().filter(|s| s.kind == kind).collect()
}

#[test]
fn seed_stutters_at_the_known_offsets() {
    let covered = [Span {
        start: 3162,
        end: 6197,
    }];
    let found = find_inner(SEED, &covered, &InnerConfig::default());
    assert!(kinds(&found, InnerKind::Repeat).is_empty(), "{found:?}");
    let st = kinds(&found, InnerKind::Stutter);
    assert_eq!(st.len(), 2, "{st:?}");
    for (s, start, covered) in [(st[0], 1379, false), (st[1], 4415, true)] {
        let occ = s.occurrences[0];
        assert_eq!(
            occ.span,
            Span {
                start,
                end: start + 31
            }
        );
        assert_eq!(&SEED[occ.span], "President Ilham President Ilham");
        assert_eq!(
            s.first_copy,
            Some(Span {
                start,
                end: start + 15
            })
        );
        assert_eq!((s.tokens, s.copies, s.in_covered), (2, 2, covered));
        assert_eq!(occ.line, occ.end_line);
    }
    assert_eq!(st[0].occurrences[0].line, 6);
    assert_eq!(st[1].occurrences[0].line, 17);
}

#[test]
fn seed_without_covered_ranges_is_one_repeated_body() {
    let reps: Vec<InnerRepeat> = find(SEED)
        .into_iter()
        .filter(|s| s.kind == InnerKind::Repeat)
        .collect();
    assert_eq!(reps.len(), 1, "{reps:?}");
    let occ = &reps[0].occurrences;
    assert_eq!(occ.len(), 2);
    assert_eq!((occ[0].span.start, occ[1].span.end), (126, 6196));
    assert_eq!((occ[0].line, occ[1].line), (2, 13));
}

#[test]
fn stutters_are_found() {
    assert_eq!(stutter_texts("I saw the the cat."), vec!["the the"]);
    assert_eq!(stutter_texts("It is is broken."), vec!["is is"]);
    assert_eq!(stutter_texts("The The cat"), vec!["The The"]);
    assert_eq!(stutter_texts("and a a b"), vec!["a a"]);
    assert_eq!(
        stutter_texts("Azerbaijani President Ilham President Ilham Aliyev said"),
        vec!["President Ilham President Ilham"]
    );
    assert_eq!(
        stutter_texts("New York, New York, is a song"),
        vec!["New York, New York,"]
    );
    // Curly and straight quotes, case and fullwidth forms compare equal.
    assert_eq!(
        stutter_texts("we don\u{2019}t don't know"),
        vec!["don\u{2019}t don't"]
    );
    assert_eq!(stutter_texts("ＡＢＣ ABC x"), vec!["ＡＢＣ ABC"]);
    assert_eq!(stutter_texts("ａｂｃ abc x"), vec!["ａｂｃ abc"]);
    // A hard-wrapped phrase in one unit: the line break is inside a copy.
    let text = "Most of its offices are in the United States in the\nUnited States, and a few are not.";
    let whole = [Span {
        start: 0,
        end: text.len(),
    }];
    let found = find_counted(text, &whole, &[], &InnerConfig::default()).0;
    assert_eq!(
        &text[found[0].occurrences[0].span],
        "in the United States in the\nUnited States"
    );
}

#[test]
fn punctuation_shared_by_the_copies_is_part_of_them() {
    let text = "Free Software Foundation, Inc., Foundation, Inc., 51 Franklin Street";
    let found = find(text);
    let s = kinds(&found, InnerKind::Stutter)[0];
    assert_eq!(
        &text[..][s.occurrences[0].span],
        "Foundation, Inc., Foundation, Inc.,"
    );
    assert_eq!(s.first_copy.map(|c| &text[c]), Some("Foundation, Inc.,"));
    assert_eq!((s.tokens, s.copies), (2, 2));
}

#[test]
fn three_copies_are_one_stutter() {
    let text = "see the the the end";
    let found = find(text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[..][found[0].occurrences[0].span], "the the the");
    assert_eq!((found[0].tokens, found[0].copies), (1, 3));
    assert_eq!(found[0].first_copy.map(|c| &text[c]), Some("the"));
    let text = "go to the shop go to the shop go to the shop now";
    let found = find(text);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].tokens, found[0].copies), (4, 3));
}

#[test]
fn what_is_not_a_stutter() {
    for text in [
        "He had had enough.",
        "He said that that was fine.",
        "Ha ha, very funny.",
        "ha ha ha ha",
        "Bye bye now.",
        "It is very very good.",
        "It is very, very good.",
        "What it is, is a problem.",
        "No, no, no.",
        "a table 10 10 20 20 1.5 1.5",
        "rows 1 2 1 2 3",
        "It was the end. The end came fast.",
        "Why? Why did you go?",
        "He said \"stop.\" Stop was all he said.",
        "a line ends here\nhere it goes on",
        "x x y y",
        "grades A A B",
        "谢谢你。我们研究研究。妈妈说",
        "ここはいろいろです",
        "",
        "   \n\n  ",
        "word",
    ] {
        assert_eq!(stutter_texts(text), Vec::<&str>::new(), "{text:?}");
    }
}

/// Issue #14: each of these was reported as a stutter (most from Debian copyright files).
#[test]
fn punctuation_paths_and_units_fence_stutters() {
    for text in [
        "the Work and derivative works (\"Derivative Works\") thereof",
        "https://github.com/json-c/json-c/blob/master/COPYING",
        "Copyright 2019 Sebastian Huber <sebastian-huber@example.org>",
        "the _____ license (the \"[___] License\")",
        "rights (\"Copyright and\nRelated Rights\"). Copyright and Related Rights include",
        " boost/geometry/io/wkt/write.hpp\n libs/geometry/test/io/wkt/write.hpp\n",
        "see json-c json-c/README",
        "mail me at me me@example.org",
        "a_b a_b or x.y x.y or std::vec std::vec",
        "It was the end. The end came fast.",
        "quoted 'word' 'word' and [x y] [x y]",
        // An option and its value in a man page (the shared man-pages corpus).
        "Set the option auto-delete=AUTO-DELETE when the queue is created.",
        "use --color=color or key = key",
    ] {
        assert_eq!(stutter_texts(text), Vec::<&str>::new(), "{text:?}");
    }
}

/// Issue #14 item 5: each line was reported as a stutter in the shared man pages
/// (/work/data/man-pages.txt), found by classifying a seeded sample of 100 of them.
#[test]
fn man_page_tables_labels_and_names_are_not_stutters() {
    for text in [
        // Table columns: three or more spaces or a tab between the copies.
        "                15 no                  exists   exists   keep index",
        "       nlwp        NLWP      Anzahl der lwps (Threads) im Prozess (alias",
        "       drwxr-xr-x  20 root     root         1024 Jun 17 21:50 /",
        "                       -1       1 MiB       1        9 MiB    2 MiB",
        "APT(8)                                APT                               APT(8)",
        "col\tcol",
        // A type or a label, then the word in another case.
        "       typedef struct {\n           Window window;  /* which window this belongs to */",
        "           Display *dpy,\n           Drawable drawable,",
        "       To  get  a DestGroup with name GROUP_NAME, in region REGION in the cur",
        "       void XtGrabButton(Widget widget, int button, Modifiers modifiers, Bool",
        "       SECTION section ...",
        "               Sets VALUE value.",
        "       KiB    1,024 (2^10) 배수 정수값. Ki, k, kB, K, KB 단위를  KiB  동의어로",
        // A name and its description or argument, joined differently.
        "       gcloud  alpha  container aws clusters get-credentials - get credentials",
        "           Vérifie l'existence d'un processus avec le pid parent pid-parent",
        "             lokaal omgeleid naar: omgeleid-naar",
        // A word broken at a line end by U+2010 (the man pages' hyphen).
        "       gcloud alpha container bare-metal admin-clusters enroll - enroll an An\u{2010}",
        "plete and the VM is ready. The value of initial delay must  be  be\u{2010}\n           tween  0  and  3600  seconds.",
        // A phrase repeated after a comma, then going on: an apposition or a list.
        "       If x is a NaN, a NaN is returned.",
        "       After signal-delivery-stop is observed by the tracer, the tracer should",
        "       Once a syntax error is found in the function, the function will not be  callable",
        "            stochează dimensiunea dicționarului fie ca  2^n,  fie  ca 2^n  +  2^(n-1),  deci",
        "New York, New York is a song",
        // Legitimate doubles in German, Dutch, French, Portuguese, Swedish, and `ls -l`.
        "Wirkung  dieses  Befehls ist, dass die Datei, die die Funk\u{2010}",
        "Argument angegeben werden, um das Verzeichnis anzugeben, in das das",
        "hoedanigheid van root (systeembeheerder) moet uitvoeren, laat het het commando",
        "qu'avec  des  fichiers dont la taille non comprimée est connue. Si vous vous heurtez",
        "Esta definição define se se deve activar o modo dry-run.",
        "Lägg till beroenden som ska läggas till till control-filens",
        "-rw-r--r-- 1 root root 136536064 sep 14 09:51 155173",
    ] {
        assert_eq!(stutter_texts(text), Vec::<&str>::new(), "{text:?}");
    }
}

/// Issue #14 item 5: the rules above keep real stutters of the man pages.
#[test]
fn man_page_stutters_stay_reported() {
    for (text, want) in [
        (
            "           The partitions this subscriber should connect to  to  receive  mes",
            "to  to",
        ),
        (
            "       PGVERSION is set the the PostgreSQL major version number.",
            "the the",
        ),
        (
            "              If the the X server does not support the X Rendering  Extension,",
            "the the",
        ),
        (
            "       for an executable executable by using debug  symbols  information  con",
            "executable executable",
        ),
        ("care API API DICOM store to BigQuery", "API API"),
        (
            "nur für ein Element pro Zeile funktioniert, Sie sollten es nicht nicht",
            "nicht nicht",
        ),
        // A doubled word at a sentence start, its first copy capitalized.
        ("The the cat sat.", "The the"),
        ("It ends here. The the cat sat.", "The the"),
        ("A paragraph.\n\nThe the cat sat.", "The the"),
    ] {
        assert_eq!(stutter_texts(text), vec![want], "{text:?}");
    }
    // Not at a sentence start, the capitalized copy is a label or a type.
    assert_eq!(stutter_texts("a cat, The the cat"), Vec::<&str>::new());
}

#[test]
fn multibyte_whitespace_and_line_breaks_do_not_panic() {
    for text in [
        "a long enough line of text that wraps the:\n\u{a0}\u{a0}the the end",
        "a long enough line of text that wraps at\u{2028}at\u{2028}\u{3000}the the",
        "x-\u{a0}the the\u{a0}-y and\u{85}and\u{85} word\u{a0}:word",
    ] {
        let whole = [Span {
            start: 0,
            end: text.len(),
        }];
        find_counted(text, &whole, &[], &InnerConfig::default());
        find_counted(text, &[], &[], &InnerConfig::default());
    }
}

#[test]
fn a_line_break_inside_a_unit_is_not_a_boundary() {
    let text =
        "the licence of this package comes with no\nwith no warranty at all\n\nnext with no\n\nwith no more";
    let p = |a: &str| {
        let start = text.find(a).unwrap();
        Span {
            start,
            end: start + a.len(),
        }
    };
    let paragraphs = [
        p("the licence of this package comes with no\nwith no warranty at all"),
        p("next with no"),
        p("with no more"),
    ];
    assert_eq!(&text[paragraphs[1]], "next with no");
    let found = find_counted(text, &paragraphs, &[], &InnerConfig::default()).0;
    let st: Vec<&str> = kinds(&found, InnerKind::Stutter)
        .iter()
        .map(|s| &text[s.occurrences[0].span])
        .collect();
    assert_eq!(st, ["with no\nwith no"]);
    // Every line a unit: the break ends it.
    assert!(kinds(&find(text), InnerKind::Stutter).is_empty());
}

#[test]
fn three_cjk_characters_repeated_are_a_stutter() {
    assert_eq!(stutter_texts("中华人民中华人民共和国"), vec!["中华人民中华人民"]);
}

#[test]
fn stutters_can_be_turned_off() {
    let cfg = InnerConfig {
        stutters: false,
        ..InnerConfig::default()
    };
    assert!(find_inner("the the", &[], &cfg).is_empty());
    let cfg = InnerConfig {
        max_stutter_words: 1,
        ..InnerConfig::default()
    };
    assert!(find_inner("New York New York", &[], &cfg).is_empty());
}

const SENTENCE: &str = "The committee approved the new budget after a long debate on Tuesday";

#[test]
fn a_sentence_copied_into_a_later_paragraph() {
    let text = format!(
        "Opening words here.\n\nFirst paragraph says {SENTENCE}, and more.\n\nUnrelated filler text.\n\nLater, as reported: {SENTENCE}."
    );
    let found = find(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    let r = &found[0];
    assert_eq!((r.kind, r.tokens, r.copies), (InnerKind::Repeat, 12, 2));
    for o in &r.occurrences {
        assert_eq!(&text[..][o.span], SENTENCE);
    }
    assert_eq!((r.occurrences[0].line, r.occurrences[1].line), (3, 7));
    assert_eq!(r.first_copy, None);
}

#[test]
fn repeats_compare_normalized_words() {
    let other = "the Committee approved the NEW budget,\nafter a long debate on tuesday";
    let text = format!("{SENTENCE} and then. Again: {other}!");
    let found = find(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(&text[..][found[0].occurrences[1].span], other);
    assert_eq!(
        (found[0].occurrences[1].line, found[0].occurrences[1].end_line),
        (1, 2)
    );
}

#[test]
fn short_runs_are_not_repeats() {
    let text = "one two three four five six seven. Then one two three four five six seven.";
    assert!(find(text).is_empty());
    let cfg = InnerConfig {
        min_tokens: 7,
        ..InnerConfig::default()
    };
    assert_eq!(find_inner(text, &[], &cfg).len(), 1);
}

#[test]
fn three_places_and_adjacent_copies() {
    // Three copies in a row of a sentence longer than a stutter: one repeat, three
    // occurrences, not also "S S" twice (overlapping).
    let text = format!("{SENTENCE} {SENTENCE} {SENTENCE} done");
    let found = find(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].occurrences.len(), 3);
    let spans: Vec<&str> = found[0].occurrences.iter().map(|o| &text[..][o.span]).collect();
    assert_eq!(spans, vec![SENTENCE; 3]);
    // Three separate places.
    let text = format!("a {SENTENCE} b\nc {SENTENCE} d\ne {SENTENCE} f");
    let found = find(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].occurrences.iter().map(|o| o.line).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
}

#[test]
fn nested_repeats_with_different_counts() {
    // "x S y" twice and S a third time: the longer run twice, S three times.
    let long = format!("alpha {SENTENCE} omega");
    let text = format!("{long}. Filler one.\n{long}. Filler two.\nBare: {SENTENCE}.");
    let found = find(&text);
    let mut got: Vec<(usize, usize)> = found.iter().map(|r| (r.tokens, r.copies)).collect();
    got.sort_unstable();
    assert_eq!(got, vec![(12, 3), (15, 2)], "{found:?}");
}

#[test]
fn covered_occurrences_are_dropped() {
    let text = format!("{SENTENCE}.\n{SENTENCE}.\n{SENTENCE}.");
    let second_line = Span {
        start: SENTENCE.len() + 2,
        end: 2 * SENTENCE.len() + 3,
    };
    let found = find_inner(&text, &[second_line], &InnerConfig::default());
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].occurrences.iter().map(|o| o.line).collect::<Vec<_>>(),
        vec![1, 3]
    );
    let third_line = Span {
        start: second_line.end + 1,
        end: text.len(),
    };
    // Two covered lines separated by a line break cover a repeat across them.
    assert!(find_inner(&text, &[third_line, second_line], &InnerConfig::default()).is_empty());
}

#[test]
fn lines_count_every_terminator() {
    let text = format!("x\r\ny\rz\n\r\n{SENTENCE}\r{SENTENCE}");
    let found = find(&text);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].occurrences.iter().map(|o| o.line).collect::<Vec<_>>(),
        vec![5, 6]
    );
}

#[test]
fn units_are_assigned() {
    let text = format!("{SENTENCE}\nsomething else\n{SENTENCE}");
    let mut found = find(&text);
    let (_, units) = crate::split::split::<u32>(&text, crate::Unit::Line);
    assign_units(&mut found, &units);
    assert_eq!(
        found[0].occurrences.iter().map(|o| o.unit).collect::<Vec<_>>(),
        vec![0, 2]
    );
}

#[test]
fn cjk_and_odd_text_do_not_panic() {
    let cjk = "中华人民共和国成立于一九四九年。中华人民共和国成立于一九四九年。東京は日本の首都です東京は日本の首都です";
    let found = find(cjk);
    for s in &found {
        for o in &s.occurrences {
            assert!(cjk.is_char_boundary(o.span.start) && cjk.is_char_boundary(o.span.end));
        }
    }
    assert!(found.iter().any(|s| s.kind == InnerKind::Repeat));
    for text in [
        "",
        " ",
        "\u{200B}\u{FEFF}",
        "e\u{301}e\u{301}",
        "___ ___",
        "'' ''",
        "\r\r\r",
        "a",
    ] {
        let _ = find(text);
    }
}

fn assert_bounded(text: &str, max_found: usize) {
    let (found, work) = find_counted(text, &[], &[], &InnerConfig::default());
    let n = work.tokens;
    assert!(work.compared <= 40 * n + 64, "{work:?}");
    assert!(work.listed <= WORK_PER_TOKEN * n + WORK_BASE, "{work:?}");
    assert!(found.len() <= max_found, "{} found", found.len());
    let occurrences: usize = found.iter().map(|s| s.occurrences.len()).sum();
    assert!(occurrences <= WORK_PER_TOKEN * n + WORK_BASE);
}

#[test]
fn periodic_input_is_bounded() {
    const MB: usize = 1 << 20;
    let one = "word ".repeat(2 * MB / 5);
    let (found, work) = find_counted(&one, &[], &[], &InnerConfig::default());
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].tokens, found[0].copies), (1, 2 * MB / 5));
    assert_eq!(work.collapsed, 2);
    assert_bounded(&one, 1);

    let two = "alpha beta ".repeat(2 * MB / 11);
    let (found, work) = find_counted(&two, &[], &[], &InnerConfig::default());
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].tokens, found[0].copies), (2, 2 * MB / 11));
    assert_eq!(work.collapsed, 3);

    // A period longer than a stutter: one repeat with every copy.
    let long = format!("{SENTENCE} ").repeat(MB / (SENTENCE.len() + 1));
    let (found, work) = find_counted(&long, &[], &[], &InnerConfig::default());
    assert!(
        work.listed <= WORK_PER_TOKEN * work.tokens + WORK_BASE,
        "{work:?}"
    );
    let best = found
        .iter()
        .max_by_key(|s| s.occurrences.len())
        .map(|s| (s.tokens, s.copies));
    assert_eq!(best, Some((12, MB / (SENTENCE.len() + 1))));
    assert_bounded(&long, WORK_PER_TOKEN * work.tokens + WORK_BASE);
}

#[test]
#[ignore = "10 MB in a debug build is slow; run with --release -- --ignored"]
fn ten_megabytes_of_periodic_input() {
    let one = "word ".repeat(2 << 20);
    assert_bounded(&one, 1);
    let two = "alpha beta ".repeat(1 << 20);
    assert_bounded(&two, 1);
    let copies = (10 << 20) / (SENTENCE.len() + 1);
    let long = format!("{SENTENCE} ").repeat(copies);
    let (found, work) = find_counted(&long, &[], &[], &InnerConfig::default());
    assert!(
        work.listed <= WORK_PER_TOKEN * work.tokens + WORK_BASE,
        "{work:?}"
    );
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].tokens, found[0].copies), (12, copies));
}

/// The normalized words of `s`, by the crate's normalizer (an independent oracle).
fn normalized_words(s: &str) -> Vec<String> {
    let n = Normalizer {
        level: Normalize::Unicode,
        fold_case: true,
    };
    unicode_segmentation::UnicodeSegmentation::unicode_words(s)
        .map(|w| n.normalize_cow(w).into_owned())
        .collect()
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn word() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "the",
            "The",
            "cat",
            "sat",
            "on",
            "mat",
            "a",
            "dog",
            "10",
            "\u{201C}quote\u{201D}",
            "don\u{2019}t",
            "don't",
            "Ärger",
            "猫",
            "ここ",
            "Inc.,",
            "ｆｕｌｌ",
            "e\u{301}",
            "is",
            "had",
        ])
        .prop_map(str::to_owned)
    }

    fn sep() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            " ", " ", " ", ", ", ". ", "\n", "\r\n", "\n\n", "\r", "\t", "",
        ])
    }

    /// Text from a few phrases, repeated and mixed, so repeats occur.
    fn text() -> impl Strategy<Value = String> {
        let phrase = prop::collection::vec((word(), sep()), 1..12)
            .prop_map(|ws| ws.into_iter().map(|(w, s)| format!("{w}{s}")).collect::<String>());
        (
            prop::collection::vec(phrase, 1..5),
            prop::collection::vec(0usize..5, 0..12),
        )
            .prop_map(|(ps, order)| {
                let mut s = String::new();
                for i in order {
                    s.push_str(&ps[i % ps.len()]);
                    s.push(' ');
                }
                s
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The widest line by bytes is the widest line by characters, on ASCII text with
        /// every ASCII whitespace and line break, and on text with other ones.
        #[test]
        fn widest_line_is_naive(
            parts in prop::collection::vec(prop::sample::select(vec![
                "a", "word", " ", "  ", "\t", "\n", "\r", "\r\n", "\x0B", "\x0C", "\x1C", "\x1F",
                "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{3000}", "é",
            ]), 0..24),
        ) {
            let s: String = parts.concat();
            prop_assert_eq!(super::super::stutter::widest_line(&s), super::super::stutter::widest_line_naive(&s));
            let ascii: String = s.chars().filter(char::is_ascii).collect();
            prop_assert_eq!(super::super::stutter::widest_line(&ascii), super::super::stutter::widest_line_naive(&ascii));
        }

        #[test]
        fn reports_are_sound(text in text(), min in 2usize..10) {
            let cfg = InnerConfig { min_tokens: min, ..InnerConfig::default() };
            let found = find_inner(&text, &[], &cfg);
            for s in &found {
                prop_assert!(!s.occurrences.is_empty());
                for o in &s.occurrences {
                    let sp = o.span;
                    prop_assert!(sp.start < sp.end && sp.end <= text.len());
                    prop_assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
                    let line = 1 + text[..sp.start].matches('\n').count()
                        + text[..sp.start].matches('\r').count()
                        - text[..sp.start].matches("\r\n").count();
                    prop_assert_eq!(o.line, line);
                    prop_assert!(o.end_line >= o.line);
                }
                match s.kind {
                    InnerKind::Repeat => {
                        prop_assert!(s.occurrences.len() >= 2);
                        prop_assert!(s.tokens >= min);
                        let first = normalized_words(&text[..][s.occurrences[0].span]);
                        prop_assert_eq!(first.len(), s.tokens);
                        for (a, b) in s.occurrences.iter().zip(&s.occurrences[1..]) {
                            prop_assert!(a.span.end <= b.span.start);
                            prop_assert_eq!(&normalized_words(&text[..][b.span]), &first);
                        }
                    }
                    InnerKind::Stutter => {
                        let copy = normalized_words(&text[..][s.first_copy.unwrap()]);
                        prop_assert_eq!(copy.len(), s.tokens);
                        let all = normalized_words(&text[..][s.occurrences[0].span]);
                        prop_assert_eq!(all.len(), s.tokens * s.copies);
                        for chunk in all.chunks(s.tokens) {
                            prop_assert_eq!(chunk, &copy[..]);
                        }
                    }
                }
            }
        }
    }
}
