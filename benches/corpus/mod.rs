//! A deterministic generated corpus for benches and `benches/tools/src/bin/gen_corpus.rs`.
//!
//! Scraped-web-like prose: unique paragraphs of about 300 bytes, each on one line, with
//! planted repeats whose count is known exactly, so benches can assert their results:
//!
//! - single paragraphs repeated once later (a quarter of them with a variant that
//!   normalizes to the same text: trailing spaces, a doubled space, a no-break space),
//! - blocks of 3 to 8 consecutive paragraphs repeated once later,
//! - boilerplate lines ("Subscribe to our newsletter ...") repeated throughout, and
//!   short ones ("Advertisement") under the default `min_bytes` that never count.
//!
//! Every planted copy sits between fresh paragraphs, so no repeat run is longer than
//! planted. English text is mostly ASCII with some curly quotes, dashes and accents;
//! Russian and Chinese texts are for the non-ASCII paths. No `rand`: a xorshift PRNG.

#![allow(dead_code)] // Each user takes what it needs.

/// The language of the generated prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Mostly ASCII, some curly quotes, dashes and accented words.
    English,
    /// Cyrillic: every byte of a word is non-ASCII.
    Russian,
    /// Han characters, no spaces, fullwidth punctuation (which NFKC changes).
    Chinese,
}

impl Lang {
    /// Parses `english`, `russian` or `chinese`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "english" | "en" => Some(Lang::English),
            "russian" | "ru" => Some(Lang::Russian),
            "chinese" | "zh" => Some(Lang::Chinese),
            _ => None,
        }
    }
}

/// A generated text and what `dedupe::find_repeats` must find in it.
pub struct Corpus {
    /// The text: one unit per line, `\n`-terminated.
    pub text: String,
    /// Non-blank lines (every line is one).
    pub units: usize,
    /// Groups of equal units (of at least 20 bytes) planted.
    pub groups: usize,
    /// Blocks of two or more units planted.
    pub blocks: usize,
}

/// xorshift64*: small, fast, deterministic.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (slightly biased, which does not matter here).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }
}

const ENGLISH: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "no",
    "people",
    "city",
    "council",
    "report",
    "government",
    "market",
    "company",
    "year",
    "week",
    "study",
    "research",
    "water",
    "school",
    "children",
    "health",
    "energy",
    "policy",
    "price",
    "prices",
    "local",
    "national",
    "public",
    "private",
    "new",
    "old",
    "first",
    "last",
    "long",
    "great",
    "little",
    "own",
    "other",
    "right",
    "big",
    "high",
    "different",
    "small",
    "large",
    "next",
    "early",
    "young",
    "important",
    "few",
    "bad",
    "same",
    "able",
    "said",
    "says",
    "announced",
    "expected",
    "reported",
    "increased",
    "declined",
    "according",
    "officials",
    "residents",
    "experts",
    "analysts",
    "scientists",
    "teachers",
    "workers",
    "project",
    "program",
    "plan",
    "budget",
    "election",
    "community",
    "region",
    "river",
    "bridge",
    "road",
    "station",
    "hospital",
    "university",
    "museum",
    "library",
    "garden",
    "weather",
    "summer",
    "winter",
    "morning",
    "evening",
    "afternoon",
    "during",
    "after",
    "before",
    "between",
    "about",
    "against",
    "without",
    "through",
    "because",
    "although",
    "while",
    "however",
    "also",
    "still",
    "already",
    "nearly",
    "almost",
    "recently",
    "quickly",
    "slowly",
    "carefully",
    "several",
    "many",
    "most",
    "some",
    "each",
    "every",
    "percent",
    "million",
    "billion",
    "thousand",
    "hundred",
    "dollars",
    "data",
    "results",
];

const ENGLISH_SPICE: &[&str] = &[
    "café",
    "naïve",
    "résumé",
    "São Paulo",
    "Zürich",
    "—",
    "…",
    "façade",
    "Ångström",
];

const RUSSIAN: &[&str] = &[
    "и",
    "в",
    "не",
    "на",
    "что",
    "с",
    "по",
    "это",
    "как",
    "к",
    "из",
    "у",
    "за",
    "от",
    "город",
    "совет",
    "отчёт",
    "правительство",
    "рынок",
    "компания",
    "год",
    "неделя",
    "исследование",
    "вода",
    "школа",
    "дети",
    "здоровье",
    "энергия",
    "политика",
    "цена",
    "местный",
    "национальный",
    "новый",
    "старый",
    "первый",
    "последний",
    "большой",
    "маленький",
    "важный",
    "сказал",
    "объявил",
    "сообщил",
    "вырос",
    "снизился",
    "эксперты",
    "жители",
    "учёные",
    "учителя",
    "рабочие",
    "проект",
    "программа",
    "план",
    "бюджет",
    "выборы",
    "регион",
    "река",
    "мост",
    "дорога",
    "станция",
    "больница",
    "университет",
    "музей",
    "библиотека",
    "погода",
    "лето",
    "зима",
    "утро",
    "вечер",
    "после",
    "перед",
    "между",
    "против",
    "через",
    "потому",
    "однако",
    "также",
    "уже",
    "почти",
    "недавно",
    "быстро",
    "медленно",
    "несколько",
    "много",
    "каждый",
    "процентов",
    "миллионов",
];

const CHINESE: &[&str] = &[
    "我们",
    "城市",
    "政府",
    "报告",
    "市场",
    "公司",
    "今年",
    "研究",
    "学校",
    "孩子",
    "健康",
    "能源",
    "政策",
    "价格",
    "地方",
    "国家",
    "公共",
    "新的",
    "第一",
    "最后",
    "重要",
    "宣布",
    "预计",
    "增加",
    "下降",
    "根据",
    "官员",
    "居民",
    "专家",
    "科学家",
    "教师",
    "工人",
    "项目",
    "计划",
    "预算",
    "选举",
    "社区",
    "地区",
    "河流",
    "大桥",
    "道路",
    "车站",
    "医院",
    "大学",
    "博物馆",
    "图书馆",
    "天气",
    "夏天",
    "冬天",
    "早上",
    "晚上",
    "期间",
    "之后",
    "之前",
    "因为",
    "但是",
    "已经",
    "几乎",
    "最近",
    "很快",
    "慢慢",
    "许多",
    "每个",
    "百分之",
    "数据",
    "结果",
    "发展",
    "经济",
    "社会",
    "问题",
    "情况",
    "工作",
    "时间",
    "认为",
    "表示",
];

/// Boilerplate lines of at least 20 bytes: each planted one repeats.
const ENGLISH_BOILERPLATE: &[&str] = &[
    "Subscribe to our newsletter to get the latest stories delivered to your inbox.",
    "All rights reserved. Reproduction without written permission is prohibited.",
    "Click here to read more articles from our archive.",
    "This article was updated to correct an earlier error.",
    "Sign up for our daily briefing and never miss a story.",
    "Follow us on social media for breaking news and updates.",
    "Photo: Staff photographer / The Daily Record",
    "Continue reading the main story",
    "We use cookies to improve your experience on our site.",
    "Comments are closed for this article.",
];

/// Boilerplate shorter than 20 bytes: never counted, never breaks a block.
const ENGLISH_SHORT: &[&str] = &["Advertisement", "Share this:", "Read more", "Related"];

struct Style {
    words: &'static [&'static str],
    space: &'static str,
    comma: &'static str,
    stop: &'static str,
    capitalize: bool,
}

fn style(lang: Lang) -> Style {
    match lang {
        Lang::English => Style {
            words: ENGLISH,
            space: " ",
            comma: ",",
            stop: ".",
            capitalize: true,
        },
        Lang::Russian => Style {
            words: RUSSIAN,
            space: " ",
            comma: ",",
            stop: ".",
            capitalize: false,
        },
        Lang::Chinese => Style {
            words: CHINESE,
            space: "",
            comma: "，",
            stop: "。",
            capitalize: false,
        },
    }
}

/// One sentence of `lo..=hi` words.
fn sentence(rng: &mut Rng, lang: Lang, st: &Style, lo: usize, hi: usize, out: &mut String) {
    let n = lo + rng.below(hi - lo + 1);
    let quoted = lang == Lang::English && rng.chance(20);
    if quoted {
        out.push('\u{201C}');
    }
    for i in 0..n {
        if i > 0 {
            if rng.chance(60) {
                out.push_str(st.comma);
            }
            out.push_str(st.space);
        }
        let w = if lang == Lang::English && rng.chance(1) {
            ENGLISH_SPICE[rng.below(ENGLISH_SPICE.len())]
        } else {
            st.words[rng.below(st.words.len())]
        };
        if i == 0 && st.capitalize {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(w);
        }
    }
    out.push_str(st.stop);
    if quoted {
        out.push('\u{201D}');
    }
}

/// A paragraph of about 200 to 400 bytes, on one line, without the newline.
fn paragraph(rng: &mut Rng, lang: Lang, st: &Style) -> String {
    let target = 200 + rng.below(201);
    let mut p = String::with_capacity(target + 120);
    while p.len() < target {
        if !p.is_empty() {
            p.push_str(st.space);
        }
        sentence(rng, lang, st, 6, 18, &mut p);
    }
    p
}

/// A copy of `p` that normalizes to the same text under the default settings.
fn variant(rng: &mut Rng, p: &str) -> String {
    match rng.below(3) {
        0 => format!("{p}  "),
        1 => p.replacen(' ', "  ", 1),
        _ => p.replacen(' ', "\u{a0}", 1),
    }
}

enum Item {
    /// A fresh paragraph, by index into `fresh`.
    Fresh(usize),
    Other,
}

/// Generates at least `bytes` bytes of `lang` prose with planted repeats.
pub fn generate(lang: Lang, bytes: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed ^ ((lang as u64) << 40));
    let st = style(lang);
    let (boiler, short): (Vec<String>, Vec<String>) = if lang == Lang::English {
        (
            ENGLISH_BOILERPLATE.iter().map(|s| s.to_string()).collect(),
            ENGLISH_SHORT.iter().map(|s| s.to_string()).collect(),
        )
    } else {
        let mut b = Vec::new();
        for _ in 0..10 {
            let mut s = String::new();
            sentence(&mut rng, lang, &st, 5, 9, &mut s);
            b.push(s);
        }
        // One word plus the stop: under 20 bytes in every vocabulary here.
        let s = (0..4)
            .map(|i| format!("{}{}", st.words[i * 3], st.stop))
            .collect();
        (b, s)
    };
    let mut boiler_uses = vec![0usize; boiler.len()];

    let mut text = String::with_capacity(bytes + 4096);
    let mut fresh: Vec<String> = Vec::new();
    let mut used: Vec<bool> = Vec::new();
    let mut stream: Vec<Item> = Vec::new();
    let (mut units, mut groups, mut blocks) = (0usize, 0usize, 0usize);

    let line = |text: &mut String, s: &str| {
        text.push_str(s);
        text.push('\n');
    };
    while text.len() < bytes {
        // At most one special item, always between two fresh paragraphs.
        if !stream.is_empty() {
            let roll = rng.below(1000);
            if roll < 30 {
                // A single paragraph repeated once, maybe as a normalizing variant.
                let k = rng.below(fresh.len());
                if !used[k] {
                    used[k] = true;
                    groups += 1;
                    let copy = if rng.chance(250) {
                        variant(&mut rng, &fresh[k])
                    } else {
                        fresh[k].clone()
                    };
                    line(&mut text, &copy);
                    stream.push(Item::Other);
                    units += 1;
                }
            } else if roll < 40 && stream.len() > 10 {
                // A block: `n` consecutive unused fresh paragraphs, not at the very end.
                let n = 3 + rng.below(6);
                let s = rng.below(stream.len() - n - 1);
                let run: Option<Vec<usize>> = stream[s..s + n]
                    .iter()
                    .map(|it| match it {
                        Item::Fresh(k) if !used[*k] => Some(*k),
                        _ => None,
                    })
                    .collect();
                if let Some(run) = run {
                    for &k in &run {
                        used[k] = true;
                        line(&mut text, &fresh[k]);
                        stream.push(Item::Other);
                    }
                    units += n;
                    groups += n;
                    blocks += 1;
                }
            } else if roll < 190 {
                let b = rng.below(boiler.len());
                boiler_uses[b] += 1;
                line(&mut text, &boiler[b]);
                stream.push(Item::Other);
                units += 1;
            } else if roll < 230 {
                line(&mut text, &short[rng.below(short.len())]);
                stream.push(Item::Other);
                units += 1;
            }
        }
        let p = paragraph(&mut rng, lang, &st);
        line(&mut text, &p);
        stream.push(Item::Fresh(fresh.len()));
        fresh.push(p);
        used.push(false);
        units += 1;
    }
    groups += boiler_uses.iter().filter(|&&n| n >= 2).count();
    Corpus {
        text,
        units,
        groups,
        blocks,
    }
}
