//! The ceiling of any split-and-hash deduper, shared by the benches that measure it: split
//! at `\n` with memchr and hash each line with xxh3.

use xxhash_rust::xxh3::xxh3_64;

/// The xor of the xxh3 of every `\n`-terminated line of `bytes` (the tail after the last
/// `\n` is not a line here), and how many lines there were.
pub fn memchr_lines_xxh3(bytes: &[u8]) -> (u64, usize) {
    let (mut acc, mut n, mut start) = (0u64, 0usize, 0usize);
    for end in memchr::memchr_iter(b'\n', bytes) {
        acc ^= xxh3_64(&bytes[start..end]);
        n += 1;
        start = end + 1;
    }
    (acc, n)
}
