//! Suffix arrays over integer sequences (SA-IS, prefix doubling for short inputs) and their
//! LCP arrays: what blocks, repeats inside units and corpus blocks are found with.

/// Suffix array of `s` (`s[i] < alphabet`): SA-IS, `O(n + alphabet)`; a suffix that is a
/// prefix of another sorts first.
pub(crate) fn suffix_array(s: &[u32], alphabet: usize) -> Vec<u32> {
    suffix_array_rounds(s, alphabet).0
}

/// Below this length, prefix doubling beats SA-IS's fixed costs.
const DOUBLING_BELOW: usize = 40;

/// [`suffix_array`], and the work it took in units of `n`: 1 for SA-IS, whose recursion
/// on at most half the length keeps all its levels under `2n`, or the number of
/// prefix-doubling rounds (at most `1 + log2 n`) for short inputs.
pub(crate) fn suffix_array_rounds(s: &[u32], alphabet: usize) -> (Vec<u32>, u64) {
    if s.len() < DOUBLING_BELOW {
        return prefix_doubling(s, alphabet);
    }
    let upper = s.iter().max().map_or(0, |&m| m as usize);
    (sa_is(s, upper), 1)
}

/// The SA-IS suffix array (Nong, Zhang and Chan, 2009) of `s`, whose values are at most
/// `upper`, as in the AtCoder Library's `sa_is` (CC0). `u32::MAX` marks an empty slot.
fn sa_is(s: &[u32], upper: usize) -> Vec<u32> {
    const EMPTY: u32 = u32::MAX;
    let n = s.len();
    if n < DOUBLING_BELOW {
        return prefix_doubling(s, upper + 1).0;
    }
    // `ls[i]`: suffix `i` is S-type (smaller than suffix `i + 1`); the last is L-type.
    let mut ls = vec![false; n];
    for i in (0..n - 1).rev() {
        ls[i] = if s[i] == s[i + 1] {
            ls[i + 1]
        } else {
            s[i] < s[i + 1]
        };
    }
    // Bucket starts: `sum_l[c]` for L-type suffixes of `c`, `sum_s[c]` for S-type ones.
    let mut sum_l = vec![0u32; upper + 2];
    let mut sum_s = vec![0u32; upper + 2];
    for i in 0..n {
        if ls[i] {
            sum_l[s[i] as usize + 1] += 1;
        } else {
            sum_s[s[i] as usize] += 1;
        }
    }
    for c in 0..=upper {
        sum_s[c] += sum_l[c];
        sum_l[c + 1] += sum_s[c];
    }
    let mut sa = vec![EMPTY; n];
    let mut buf = vec![0u32; upper + 2];
    let mut induce = |sa: &mut [u32], lms: &[u32]| {
        sa.fill(EMPTY);
        buf.copy_from_slice(&sum_s);
        for &d in lms {
            let c = s[d as usize] as usize;
            sa[buf[c] as usize] = d;
            buf[c] += 1;
        }
        buf.copy_from_slice(&sum_l);
        let c = s[n - 1] as usize;
        sa[buf[c] as usize] = (n - 1) as u32;
        buf[c] += 1;
        for i in 0..n {
            let v = sa[i];
            if v != EMPTY && v >= 1 && !ls[v as usize - 1] {
                let c = s[v as usize - 1] as usize;
                sa[buf[c] as usize] = v - 1;
                buf[c] += 1;
            }
        }
        buf.copy_from_slice(&sum_l);
        for i in (0..n).rev() {
            let v = sa[i];
            if v != EMPTY && v >= 1 && ls[v as usize - 1] {
                let c = s[v as usize - 1] as usize + 1;
                buf[c] -= 1;
                sa[buf[c] as usize] = v - 1;
            }
        }
    };
    // LMS positions (S-type right after L-type), and each one's number among them.
    let mut lms_map = vec![EMPTY; n + 1];
    let mut lms: Vec<u32> = Vec::new();
    for i in 1..n {
        if !ls[i - 1] && ls[i] {
            lms_map[i] = lms.len() as u32;
            lms.push(i as u32);
        }
    }
    let m = lms.len();
    induce(&mut sa, &lms);
    if m > 0 {
        // Name the LMS substrings in sorted order, then sort them by recursion.
        let sorted_lms: Vec<u32> = sa
            .iter()
            .copied()
            .filter(|&v| v != EMPTY && lms_map[v as usize] != EMPTY)
            .collect();
        let mut rec_s = vec![0u32; m];
        let mut rec_upper = 0u32;
        rec_s[lms_map[sorted_lms[0] as usize] as usize] = 0;
        for i in 1..m {
            let (mut l, mut r) = (sorted_lms[i - 1] as usize, sorted_lms[i] as usize);
            let end = |p: usize| {
                let k = lms_map[p] as usize + 1;
                if k < m {
                    lms[k] as usize
                } else {
                    n
                }
            };
            let (end_l, end_r) = (end(l), end(r));
            let mut same = end_l - l == end_r - r;
            if same {
                while l < end_l && s[l] == s[r] {
                    l += 1;
                    r += 1;
                }
                if l == n || s[l] != s[r] {
                    same = false;
                }
            }
            if !same {
                rec_upper += 1;
            }
            rec_s[lms_map[sorted_lms[i] as usize] as usize] = rec_upper;
        }
        let rec_sa = sa_is(&rec_s, rec_upper as usize);
        let sorted_lms: Vec<u32> = rec_sa.iter().map(|&i| lms[i as usize]).collect();
        induce(&mut sa, &sorted_lms);
    }
    sa
}

/// Suffix array of `s` by prefix doubling with two counting sorts a round, and the number
/// of rounds: `O(n log n)`.
fn prefix_doubling(s: &[u32], alphabet: usize) -> (Vec<u32>, u64) {
    let n = s.len();
    if n == 0 {
        return (Vec::new(), 0);
    }
    let mut rounds = 0u64;
    let mut rank: Vec<u32> = s.to_vec();
    let mut sa: Vec<u32> = (0..n as u32).collect();
    let mut tmp: Vec<u32> = vec![0; n];
    let mut keys = alphabet.max(n) + 1;
    let mut count: Vec<u32> = Vec::new();
    let mut k = 1usize;
    loop {
        rounds += 1;
        let second = |i: u32| -> usize {
            let j = i as usize + k;
            if j < n {
                rank[j] as usize + 1
            } else {
                0
            }
        };
        // Sort by the second key, then stably by the first.
        counting_sort(&sa, &mut tmp, &mut count, keys + 1, second);
        counting_sort(&tmp, &mut sa, &mut count, keys + 1, |i| rank[i as usize] as usize);
        // Re-rank.
        let mut new_rank = vec![0u32; n];
        let mut r = 0u32;
        for w in 1..n {
            let (p, q) = (sa[w - 1], sa[w]);
            if rank[p as usize] != rank[q as usize] || second(p) != second(q) {
                r += 1;
            }
            new_rank[q as usize] = r;
        }
        new_rank[sa[0] as usize] = 0;
        rank = new_rank;
        keys = r as usize + 1;
        if r as usize == n - 1 {
            break;
        }
        k *= 2;
        if k >= n {
            break;
        }
    }
    (sa, rounds)
}

fn counting_sort(
    src: &[u32],
    dst: &mut [u32],
    count: &mut Vec<u32>,
    keys: usize,
    key: impl Fn(u32) -> usize,
) {
    count.clear();
    count.resize(keys + 1, 0);
    for &i in src {
        count[key(i) + 1] += 1;
    }
    for c in 1..count.len() {
        count[c] += count[c - 1];
    }
    for &i in src {
        let k = key(i);
        dst[count[k] as usize] = i;
        count[k] += 1;
    }
}

/// Kasai's algorithm: `lcp[r]` is the common prefix length of suffixes `sa[r - 1]` and `sa[r]`.
pub(crate) fn lcp_array(s: &[u32], sa: &[u32], rank: &[u32]) -> Vec<u32> {
    lcp_array_steps(s, sa, rank).0
}

/// [`lcp_array`], and the number of extension steps it took (at most `2n`).
pub(crate) fn lcp_array_steps(s: &[u32], sa: &[u32], rank: &[u32]) -> (Vec<u32>, u64) {
    let n = s.len();
    let mut lcp = vec![0u32; n];
    let mut h = 0usize;
    let mut extensions = 0u64;
    for i in 0..n {
        let r = rank[i] as usize;
        if r > 0 {
            let j = sa[r - 1] as usize;
            while i + h < n && j + h < n && s[i + h] == s[j + h] {
                h += 1;
                extensions += 1;
            }
            lcp[r] = h as u32;
            h = h.saturating_sub(1);
        } else {
            h = 0;
        }
    }
    (lcp, extensions)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn naive_sa(s: &[u32]) -> Vec<u32> {
        let mut sa: Vec<u32> = (0..s.len() as u32).collect();
        sa.sort_by(|&a, &b| s[a as usize..].cmp(&s[b as usize..]));
        sa
    }

    pub(crate) fn seqs() -> Vec<Vec<u32>> {
        let mut out = vec![
            vec![0, 1, 0, 1, 0, 1],
            vec![0; 17],
            vec![0, 0, 1, 0, 0, 1],
            vec![2, 1, 0, 2, 1, 0, 2, 1, 3],
            vec![5],
            vec![],
        ];
        let mut x = 7u64;
        for len in 1..60 {
            let mut v = Vec::new();
            for _ in 0..len {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                v.push((x % 3) as u32);
            }
            out.push(v);
        }
        out
    }

    #[test]
    fn suffix_array_matches_naive() {
        for s in seqs() {
            assert_eq!(suffix_array(&s, 6), naive_sa(&s), "{s:?}");
        }
    }

    #[test]
    fn sa_is_matches_naive_on_long_inputs() {
        let mut x = 11u64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for round in 0..300 {
            let len = DOUBLING_BELOW as u64 + next(600);
            let alphabet = [1, 2, 3, 5, 40, 1000][round % 6];
            let mut s: Vec<u32> = (0..len).map(|_| next(alphabet) as u32).collect();
            if round % 5 == 0 {
                // Periodic, with a few changes: long LMS substrings and deep recursion.
                let period = 1 + next(7) as usize;
                for i in period..s.len() {
                    s[i] = s[i - period];
                }
                for _ in 0..next(4) {
                    let i = next(len) as usize;
                    s[i] = next(alphabet) as u32;
                }
            }
            assert_eq!(suffix_array(&s, alphabet as usize), naive_sa(&s), "{s:?}");
        }
    }
}
