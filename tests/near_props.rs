//! Properties of the near-duplicate engine: edits are found, estimates stay within
//! their error bound, results do not depend on the thread count; CJK text.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::{mutate, paragraph, prose, vocabulary, Rng};
use dedupe::near::{
    jaccard, near_groups, std_dev, LshIndex, MinHasher, NearConfig, NearFinder, NearGroup, Signature,
};
use proptest::prelude::*;

fn vocab() -> &'static [String] {
    static V: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    V.get_or_init(|| vocabulary(3_000, 42))
}

fn groups_with_threads(texts: &[String], cfg: &NearConfig, threads: usize) -> Vec<NearGroup> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    pool.install(|| near_groups(texts, cfg).unwrap())
}

#[test]
fn types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<MinHasher>();
    check::<Signature>();
    check::<LshIndex<usize>>();
    check::<NearFinder>();
    check::<NearGroup>();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A unit of 40+ words and a copy with one word changed are grouped at a threshold
    /// their exact Jaccard meets, with the exact Jaccard as the pair's similarity.
    #[test]
    fn one_changed_word_is_found(
        picks in prop::collection::vec(0usize..3_000, 40..130),
        at in any::<prop::sample::Index>(),
        new in 0usize..3_000,
        noise in prop::collection::vec(prop::collection::vec(0usize..3_000, 20..60), 0..5),
    ) {
        let v = vocab();
        let words: Vec<&str> = picks.iter().map(|&i| v[i].as_str()).collect();
        let mut changed = words.clone();
        let i = at.index(words.len());
        prop_assume!(v[new] != words[i]);
        changed[i] = &v[new];
        let (a, b) = (words.join(" "), changed.join(" "));
        let mut texts: Vec<String> = noise.iter().map(|p| p.iter().map(|&i| v[i].as_str()).collect::<Vec<_>>().join(" ")).collect();
        let (ia, ib) = (texts.len() / 2, texts.len() + 1);
        texts.insert(ia, a.clone());
        texts.push(b.clone());
        let h = MinHasher::default();
        let j = jaccard(&h.shingles(&a), &h.shingles(&b));
        prop_assume!(j > 0.0);
        // A threshold 0.2 to 0.3 below J (at least 0.1): LSH misses such a pair with
        // probability below 1e-3.
        let mut cfg = NearConfig::default();
        cfg.threshold = (((j - 0.2) * 10.0).floor() / 10.0).max(0.1);
        prop_assert!(NearFinder::new(&cfg).unwrap().lsh_params().false_negative_probability(j) < 1e-3, "J {j}");
        let groups = near_groups(&texts, &cfg).unwrap();
        let g = groups.iter().find(|g| g.members().contains(&ia));
        prop_assert!(g.is_some(), "not grouped, J = {j}");
        let g = g.unwrap();
        let pa = g.members().iter().position(|&m| m == ia).unwrap();
        let pb = g.members().iter().position(|&m| m == ib);
        prop_assert!(pb.is_some());
        prop_assert!(g.pairs().iter().any(|p| (p.a(), p.b(), p.jaccard()) == (pa, pb.unwrap(), j)));
    }

    /// The estimate is within 5 standard deviations (sqrt(J(1-J)/128)) of the exact
    /// Jaccard.
    #[test]
    fn estimate_within_bound(seed in any::<u64>(), len in 40usize..400, rate in 0.0f64..0.4) {
        let mut rng = Rng(seed);
        let a = paragraph(&mut rng, vocab(), len);
        let b = mutate(&mut rng, vocab(), &a, rate);
        let (a, b) = (a.join(" "), b.join(" "));
        let h = MinHasher::default();
        let j = jaccard(&h.shingles(&a), &h.shingles(&b));
        let est = h.signature(&a).jaccard(&h.signature(&b));
        prop_assert!((est - j).abs() <= 5.0 * std_dev(j, 128), "J {j} estimate {est}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Identical results with 1, 2 and 4 threads, keeping shingles or not.
    #[test]
    fn thread_count_does_not_matter(seed in any::<u64>(), threshold in 0.5f64..0.95) {
        let mut rng = Rng(seed);
        let v = vocab();
        let mut words: Vec<Vec<String>> = (0..60).map(|_| { let n = 40 + rng.below(80); paragraph(&mut rng, v, n) }).collect();
        for _ in 0..60 {
            let src = rng.below(words.len());
            let rate = 0.1 * rng.unit();
            let copy = mutate(&mut rng, v, &words[src].clone(), rate);
            words.push(copy);
        }
        let texts: Vec<String> = words.iter().map(|w| prose(&mut rng, w)).collect();
        let mut cfg = NearConfig::default();
        cfg.threshold = threshold;
        let one = groups_with_threads(&texts, &cfg, 1);
        prop_assert!(!one.is_empty());
        prop_assert_eq!(&one, &groups_with_threads(&texts, &cfg, 4));
        // Recomputing shingles for verification gives the same groups as keeping them.
        cfg.keep_shingles = false;
        prop_assert_eq!(&one, &groups_with_threads(&texts, &cfg, 2));
        let sigs1 = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap().install(|| MinHasher::default().signatures(&texts));
        let sigs4 = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap().install(|| MinHasher::default().signatures(&texts));
        prop_assert_eq!(sigs1, sigs4);
    }
}

const ZH: &str = "春天来了，公园里的花都开了。孩子们在草地上放风筝，老人们坐在长椅上聊天。\
湖边的柳树长出了嫩绿的新芽，小鸟在枝头欢快地歌唱。我和朋友沿着小路慢慢散步，\
一边欣赏美丽的风景，一边谈论最近读过的书。阳光温暖地照在每个人的脸上。";

#[test]
fn chinese_paragraph_with_two_changed_characters_is_grouped() {
    let n = ZH.chars().filter(|c| dedupe_is_han(*c)).count();
    assert!((90..=110).contains(&n), "{n}");
    let changed = ZH.replacen("风筝", "风车", 1).replacen("新芽", "叶芽", 1);
    assert_ne!(changed, ZH);
    let other = "今天的会议讨论了明年的预算，大家一致同意增加图书馆的经费，并计划在秋天开放新的阅览室。";
    let texts = [other, ZH, changed.as_str()];
    let h = MinHasher::default();
    let j = jaccard(&h.shingles(ZH), &h.shingles(&changed));
    assert!(j > 0.85, "{j}");
    let groups = near_groups(&texts, &NearConfig::default()).unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].members(), &[1, 2]);
    let p = groups[0].pairs()[0];
    assert_eq!((p.a(), p.b(), p.jaccard()), (0, 1, j));
}

#[test]
fn japanese_paragraph_with_edits_is_grouped() {
    let ja = "東京の朝はとても早い。駅には通勤する人々があふれ、コンビニでは温かいコーヒーが売れていく。\
              私は毎朝同じ電車に乗り、窓の外の景色をぼんやりと眺めながら、今日の予定を考えている。";
    let changed = ja.replacen("コーヒー", "お茶", 1);
    let groups = near_groups(&[ja, changed.as_str()], &NearConfig::default()).unwrap();
    assert_eq!(groups.len(), 1);
}

fn dedupe_is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}
