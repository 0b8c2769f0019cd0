//! A polynomial hash modulo 2^64 that composes over concatenation, and the key that
//! numbers words.
//!
//! G(s) = sum over bytes k
//! of (s_k + 1) * B^k, so G(s ++ t) = G(s) + B^|s| * G(t). The hash of a word window is a
//! difference of prefix sums times B^-offset (B is odd, so invertible): one multiplication.
//! Every key match is confirmed by comparing text, so the hash's quality affects speed only,
//! never results.

pub(super) const B: u64 = 0x0e3a_5f1b_c2d4_6a97 | 1;
pub(super) const B_INV: u64 = inverse(B);
const POW_TABLE: usize = 64;
const B_POW: [u64; POW_TABLE] = powers(B);
/// B^-(j << (LEVEL_BITS * k)) for j below 2^LEVEL_BITS, level k = 0, 1, 2: three look-ups
/// give B^-off for any offset below 2^33.
const LEVEL_BITS: u32 = 11;
const LEVEL: usize = 1 << LEVEL_BITS;
static B_INV_LEVELS: [[u64; LEVEL]; 3] = [
    powers(B_INV),
    powers(pow_mod(B_INV, 1 << LEVEL_BITS)),
    powers(pow_mod(B_INV, 1 << (2 * LEVEL_BITS))),
];

#[inline]
pub(super) const fn mul(a: u64, b: u64) -> u64 {
    a.wrapping_mul(b)
}

#[inline]
pub(super) const fn add(a: u64, b: u64) -> u64 {
    a.wrapping_add(b)
}

#[inline]
pub(super) const fn sub(a: u64, b: u64) -> u64 {
    a.wrapping_sub(b)
}

/// The inverse of an odd number modulo 2^64, by Newton's iteration.
const fn inverse(b: u64) -> u64 {
    let mut x = b; // correct to 3 bits; each step doubles the correct bits
    let mut i = 0;
    while i < 6 {
        x = x.wrapping_mul(2u64.wrapping_sub(b.wrapping_mul(x)));
        i += 1;
    }
    x
}

const fn pow_mod(mut base: u64, mut exp: u64) -> u64 {
    let mut acc = 1u64;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

const fn powers<const N: usize>(base: u64) -> [u64; N] {
    let mut t = [1u64; N];
    let mut i = 1;
    while i < N {
        t[i] = t[i - 1].wrapping_mul(base);
        i += 1;
    }
    t
}

#[inline]
pub(super) fn pow_b(len: usize) -> u64 {
    if len < POW_TABLE {
        B_POW[len]
    } else {
        pow_mod(B, len as u64)
    }
}

/// B^-len: three table look-ups below 2^33, so a window's hash can be taken at any byte
/// offset without a per-word array of inverse powers.
#[inline]
pub(super) fn pow_inv_b(len: usize) -> u64 {
    let [t0, t1, t2] = &B_INV_LEVELS;
    let mask = LEVEL - 1;
    match t2.get(len >> (2 * LEVEL_BITS)) {
        Some(&high) => mul(mul(t0[len & mask], t1[(len >> LEVEL_BITS) & mask]), high),
        None => pow_mod(B_INV, len as u64),
    }
}

#[inline]
pub(super) fn digit(b: u8) -> u64 {
    b as u64 + 1
}

/// G(bytes), by Horner's rule from the last byte.
#[inline]
pub(super) fn poly_hash(bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(0, |g, &b| add(mul(g, B), digit(b)))
}

/// The key of a word for numbering words: for up to 7 bytes the bytes and the length
/// themselves (exact), for longer words a hash (confirmed on text).
#[inline]
pub(super) fn word_key(b: &[u8]) -> u64 {
    let n = b.len();
    let read4 = |i: usize| {
        let mut x = [0u8; 4];
        x.copy_from_slice(&b[i..i + 4]);
        u64::from(u32::from_le_bytes(x))
    };
    let read8 = |i: usize| {
        let mut x = [0u8; 8];
        x.copy_from_slice(&b[i..i + 8]);
        u64::from_le_bytes(x)
    };
    match n {
        0 => 0,
        // Overlapping reads: the bytes where they overlap are the same.
        1..=3 => {
            (u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1)))
                | (n as u64) << 56
        }
        4..=7 => (read4(0) | read4(n - 4) << (8 * (n - 4))) | (n as u64) << 56,
        _ => {
            const K: u64 = 0x9e37_79b9_7f4a_7c15;
            let mut h = (n as u64).wrapping_mul(K);
            let mut i = 0;
            while i + 8 < n {
                h = (h ^ read8(i)).wrapping_mul(K).rotate_left(29);
                i += 8;
            }
            h = (h ^ read8(n - 8)).wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^ (h >> 32)
        }
    }
}
