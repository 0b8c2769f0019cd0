//! Deterministic text for the near-duplicate tests, benches and peer comparison:
//! a SplitMix64 generator, a synthetic vocabulary, paragraphs and planted edits.
//!
//! Shared by `tests/near_*.rs`, `benches/near.rs` and `benches/tools/src/bin/near_corpus.rs` through
//! `#[path]`; `benches/peers/near_peers.py` reads the file near_corpus writes.
#![allow(dead_code)]

/// SplitMix64 (Steele, Lea, Flood 2014).
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `n` distinct lower-case words of 2 to 9 letters.
pub fn vocabulary(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed);
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let len = 2 + rng.below(8);
        let w: String = (0..len).map(|_| (b'a' + rng.below(26) as u8) as char).collect();
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

/// A word drawn with a skew towards the start of the vocabulary (a few very common
/// words, a long tail), like natural text.
pub fn word<'v>(rng: &mut Rng, vocab: &'v [String]) -> &'v str {
    let u = rng.unit();
    &vocab[((u * u * u) * vocab.len() as f64) as usize]
}

/// `n` words.
pub fn paragraph(rng: &mut Rng, vocab: &[String], n: usize) -> Vec<String> {
    (0..n).map(|_| word(rng, vocab).to_string()).collect()
}

/// A copy of `words` in which each word is, with probability `rate`, replaced,
/// deleted or followed by an inserted word (a third each).
pub fn mutate(rng: &mut Rng, vocab: &[String], words: &[String], rate: f64) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len() + 4);
    for w in words {
        if rng.unit() < rate {
            match rng.below(3) {
                0 => out.push(word(rng, vocab).to_string()),
                1 => {}
                _ => {
                    out.push(w.clone());
                    out.push(word(rng, vocab).to_string());
                }
            }
        } else {
            out.push(w.clone());
        }
    }
    out
}

/// Words joined as prose: spaces, a capital after each full stop, a comma now and
/// then, a full stop every 8 to 20 words.
pub fn prose(rng: &mut Rng, words: &[String]) -> String {
    let mut s = String::with_capacity(words.len() * 7);
    let mut next_stop = 8 + rng.below(13);
    let mut capital = true;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        if capital {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
            capital = false;
        } else {
            s.push_str(w);
        }
        next_stop -= 1;
        if next_stop == 0 || i + 1 == words.len() {
            s.push('.');
            capital = true;
            next_stop = 8 + rng.below(13);
        } else if rng.below(12) == 0 {
            s.push(',');
        }
    }
    s
}

/// Documents of 2 to 5 KB adding up to at least `total_bytes`. About one in five is a
/// near-duplicate of an earlier document (edit rate 0.2% to 3%).
pub fn documents(total_bytes: usize, seed: u64) -> Vec<String> {
    let vocab = vocabulary(20_000, seed ^ 1);
    let mut rng = Rng(seed);
    let mut bases: Vec<Vec<String>> = Vec::new();
    let mut docs = Vec::new();
    let mut total = 0;
    while total < total_bytes {
        let words = if !bases.is_empty() && rng.below(5) == 0 {
            let base = &bases[rng.below(bases.len())];
            let rate = 0.002 + 0.028 * rng.unit();
            mutate(&mut rng, &vocab, base, rate)
        } else {
            // About 6.3 bytes per word with separators.
            let bytes = 2048 + rng.below(3 * 1024);
            let w = paragraph(&mut rng, &vocab, bytes * 10 / 63);
            bases.push(w.clone());
            w
        };
        let doc = prose(&mut rng, &words);
        total += doc.len();
        docs.push(doc);
    }
    docs
}
