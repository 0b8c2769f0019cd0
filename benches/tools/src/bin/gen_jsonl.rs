//! Generates a JSONL corpus for benchmarks: deterministic, no downloads.
//!
//! ```text
//! cargo run --release -p dedupe-bench-tools --bin gen_jsonl -- OUT.jsonl BYTES [SEED]
//! ```
//!
//! Writes documents of 2-5 KB of prose, one JSON object a line (`"id"`, `"source"`,
//! `"text"`), until the file holds at least BYTES bytes. The text repeats the way scraped
//! corpora do:
//!
//! - boilerplate lines ("Subscribe to our newsletter ...") shared by many documents, at the
//!   top or bottom;
//! - syndicated paragraphs, drawn from a pool shared by the whole corpus;
//! - exact duplicate documents (about 3%: a copy of a recent document, new id);
//! - documents with a paragraph printed twice (about 5%);
//! - non-ASCII in about a quarter of the paragraphs: accented names, curly quotes, dashes,
//!   a few Cyrillic, CJK and other sentences.
//!
//! Paragraphs are single lines, separated by a blank line in most documents and by a
//! single line break in the others. The same arguments always give the same bytes.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

/// A tiny PRNG (SplitMix64): enough for text, the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the tiny bias does not matter here).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// True with probability `percent / 100`.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const NOUNS: &[&str] = &[
    "government",
    "market",
    "river",
    "village",
    "system",
    "report",
    "company",
    "water",
    "history",
    "people",
    "children",
    "research",
    "century",
    "minister",
    "team",
    "weather",
    "museum",
    "garden",
    "energy",
    "software",
    "language",
    "council",
    "festival",
    "mountain",
    "hospital",
    "school",
    "city",
    "economy",
    "election",
    "season",
    "policy",
    "budget",
    "station",
    "bridge",
    "library",
    "harbor",
    "farm",
    "factory",
    "court",
    "university",
    "study",
    "network",
    "climate",
    "region",
    "police",
    "coach",
    "player",
    "artist",
    "album",
    "recipe",
    "journey",
    "island",
    "border",
    "treaty",
    "vaccine",
    "patient",
    "engine",
    "airport",
    "railway",
    "election",
    "campaign",
    "committee",
    "survey",
    "forest",
    "coast",
];
const VERBS: &[&str] = &[
    "announced",
    "reported",
    "increased",
    "described",
    "remained",
    "developed",
    "believed",
    "approved",
    "rejected",
    "opened",
    "closed",
    "expanded",
    "reduced",
    "launched",
    "visited",
    "criticized",
    "welcomed",
    "delayed",
    "confirmed",
    "estimated",
    "discovered",
    "replaced",
    "supported",
    "questioned",
    "celebrated",
    "won",
    "lost",
    "built",
    "moved",
    "changed",
];
const ADJECTIVES: &[&str] = &[
    "new",
    "local",
    "national",
    "small",
    "large",
    "recent",
    "early",
    "final",
    "public",
    "major",
    "former",
    "regional",
    "annual",
    "rural",
    "historic",
    "modest",
    "surprising",
    "controversial",
    "popular",
    "quiet",
    "busy",
    "remote",
    "ancient",
    "digital",
    "private",
];
const SMALL: &[&str] = &[
    "the", "a", "this", "that", "every", "one", "their", "its", "our", "some", "another",
];
const LINKS: &[&str] = &[
    "after", "before", "while", "because", "although", "when", "since", "as", "until",
];
const PLACES: &[&str] = &[
    "in the capital",
    "near the coast",
    "across the region",
    "in Zürich",
    "in São Paulo",
    "on Monday",
    "last week",
    "in 2024",
    "this morning",
    "by 3.5 percent",
    "in the north",
    "at the market",
    "for the first time",
    "over the weekend",
    "in Chicago",
    "in Leeds",
    "in the south",
    "on Friday",
    "by 12 percent",
    "in the suburbs",
    "at the station",
    "in the spring",
    "since 2019",
    "after midnight",
    "under pressure",
    "in the valley",
];
const FOREIGN: &[&str] = &[
    "Правительство объявило о новых мерах поддержки для сельских районов.",
    "Городской совет утвердил бюджет на следующий год после долгих споров.",
    "市议会周一批准了新的交通计划，预计明年开始施工。",
    "研究人员发现，该地区的降雨量比去年增加了百分之十二。",
    "東京の博物館は週末に新しい展示を開きました。",
    "La municipalité a présenté un projet de rénovation du vieux port.",
    "Die Regierung kündigte am Dienstag neue Maßnahmen für Familien an.",
    "El ayuntamiento aprobó el plan después de una larga reunión pública.",
];
const BOILERPLATE: &[&str] = &[
    "Subscribe to our newsletter for the latest updates.",
    "Share this article on Facebook, Twitter and LinkedIn.",
    "All rights reserved. No part of this site may be reproduced without permission.",
    "Click here to read more stories like this one.",
    "Sign up for breaking news alerts delivered to your inbox.",
    "This article was originally published on our partner site.",
    "Photo: Staff photographer / Local News Network",
    "We use cookies to improve your experience. By continuing you accept our policy.",
    "Follow us on social media for more updates from the newsroom.",
    "Advertisement — story continues below this message from our sponsors.",
    "Copyright © 2024 Example Media Group. All rights reserved.",
    "Related: more coverage of this story is available in our archive.",
    "Have a news tip? Contact our editors at tips@example.com today.",
    "Comments are closed for this article after thirty days.",
    "Read the full report on our website, updated every hour.",
    "Support independent journalism: become a member for $5 a month.",
];

/// One sentence of prose, appended to `out`.
fn sentence(rng: &mut Rng, out: &mut String) {
    if rng.below(1000) < 5 {
        out.push_str(rng.pick(FOREIGN));
        return;
    }
    let start = out.len();
    let quoted = rng.below(1000) < 15;
    if quoted {
        out.push('“');
    }
    out.push_str(rng.pick(SMALL));
    out.push(' ');
    if rng.chance(50) {
        out.push_str(rng.pick(ADJECTIVES));
        out.push(' ');
    }
    out.push_str(rng.pick(NOUNS));
    out.push(' ');
    out.push_str(rng.pick(VERBS));
    out.push(' ');
    out.push_str(rng.pick(SMALL));
    out.push(' ');
    out.push_str(rng.pick(NOUNS));
    if rng.chance(60) {
        out.push(' ');
        out.push_str(rng.pick(PLACES));
    }
    if rng.chance(40) {
        out.push_str(if rng.chance(3) { " — " } else { ", " });
        out.push_str(rng.pick(LINKS));
        out.push(' ');
        out.push_str(rng.pick(SMALL));
        out.push(' ');
        out.push_str(rng.pick(NOUNS));
        out.push(' ');
        out.push_str(rng.pick(VERBS));
        if rng.chance(30) {
            out.push_str(" \"quietly\"");
        }
    }
    out.push('.');
    if quoted {
        out.push('”');
    }
    // Capitalize the first letter (after a possible opening quote).
    let at = if quoted { start + '“'.len_utf8() } else { start };
    let first = out.as_bytes()[at];
    out.replace_range(at..at + 1, &(first.to_ascii_uppercase() as char).to_string());
}

/// One paragraph of 2-7 sentences, on one line.
fn paragraph(rng: &mut Rng) -> String {
    let mut p = String::new();
    for k in 0..2 + rng.below(6) {
        if k > 0 {
            p.push(' ');
        }
        sentence(rng, &mut p);
    }
    p
}

/// Appends `text` as a JSON string.
fn json_string(text: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    for c in text.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\t' => out.extend_from_slice(b"\\t"),
            c if (c as u32) < 0x20 => out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes()),
            c => {
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

/// Paragraphs shared by the whole corpus, as syndicated copy.
const SYNDICATED: usize = 5000;
/// Recent documents kept for exact copies.
const RECENT: usize = 512;

fn document(rng: &mut Rng, syndicated: &[String]) -> String {
    let target = 2000 + rng.below(3000);
    let separator = if rng.chance(70) { "\n\n" } else { "\n" };
    let mut paras: Vec<String> = Vec::new();
    let mut title = paragraph(rng);
    if let Some(end) = title.find('.') {
        title.truncate(end);
    }
    paras.push(title);
    if rng.chance(40) {
        paras.push(rng.pick(BOILERPLATE).to_owned());
    }
    let mut len: usize = paras.iter().map(|p| p.len() + 2).sum();
    let footer: Vec<&str> = (0..rng.below(4)).map(|_| rng.pick(BOILERPLATE)).collect();
    let footer_len: usize = footer.iter().map(|p| p.len() + 2).sum();
    while len + footer_len < target {
        let p = if rng.chance(12) {
            syndicated[rng.below(syndicated.len())].clone()
        } else {
            paragraph(rng)
        };
        len += p.len() + separator.len();
        paras.push(p);
    }
    if rng.chance(5) && paras.len() > 2 {
        let k = 1 + rng.below(paras.len() - 1);
        let again = paras[k].clone();
        let at = (k + 1 + rng.below(paras.len() - k)).min(paras.len());
        paras.insert(at, again);
    }
    paras.extend(footer.into_iter().map(str::to_owned));
    paras.join(separator)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let usage = || {
        eprintln!("usage: gen_jsonl OUT.jsonl BYTES [SEED]");
        ExitCode::from(2)
    };
    if args.len() < 3 || args.len() > 4 {
        return usage();
    }
    let Ok(size) = args[2].replace('_', "").parse::<u64>() else {
        return usage();
    };
    let seed = match args.get(3).map(|s| s.parse::<u64>()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => return usage(),
    };
    let file = match File::create(&args[1]) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("gen_jsonl: {}: {e}", args[1]);
            return ExitCode::from(2);
        }
    };
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut rng = Rng(seed);
    let syndicated: Vec<String> = (0..SYNDICATED).map(|_| paragraph(&mut rng)).collect();
    let mut recent: Vec<String> = Vec::with_capacity(RECENT);
    let (mut written, mut docs) = (0u64, 0u64);
    let mut line = Vec::new();
    while written < size {
        let text = if recent.len() == RECENT && rng.chance(3) {
            recent[rng.below(RECENT)].clone()
        } else {
            document(&mut rng, &syndicated)
        };
        line.clear();
        line.extend_from_slice(
            format!("{{\"id\":\"doc-{docs:09}\",\"source\":\"gen_jsonl\",\"text\":").as_bytes(),
        );
        json_string(&text, &mut line);
        line.extend_from_slice(b"}\n");
        if let Err(e) = out.write_all(&line) {
            eprintln!("gen_jsonl: {}: {e}", args[1]);
            return ExitCode::from(2);
        }
        written += line.len() as u64;
        docs += 1;
        if recent.len() < RECENT {
            recent.push(text);
        } else {
            let k = rng.below(RECENT);
            recent[k] = text;
        }
    }
    if let Err(e) = out.flush() {
        eprintln!("gen_jsonl: {}: {e}", args[1]);
        return ExitCode::from(2);
    }
    eprintln!(
        "gen_jsonl: wrote {docs} documents, {written} bytes to {}",
        args[1]
    );
    ExitCode::SUCCESS
}
