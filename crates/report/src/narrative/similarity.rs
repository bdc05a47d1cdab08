//! `narrative.same_as_last_year`: how alike two texts are, after masking what changes every
//! year by itself (years, dates, figures).
//!
//! The measure is the Dice coefficient of the character-bigram multisets of the two masked
//! texts: 2·|A ∩ B| / (|A| + |B|). It is symmetric, order-insensitive beyond neighbouring
//! characters, and catches light rewording (a changed word moves only two or three bigrams).
//! Texts score 1.0 when equal after masking. The rule fires at [`THRESHOLD`] and above.
//!
//! The shared bigrams are counted in a small open-addressing table of A's bigram counts,
//! from which B's bigrams are taken while they last: each bigram counts min(count in A,
//! count in B) times. This runs on every keystroke for every section when last year's report
//! is loaded, so the table hashes with one multiplication (the std `HashMap`'s SipHash of
//! each pair cost more than all the other prose rules together).

/// Similarity from which a section counts as the same as last year's.
///
/// On the fixtures: Suqian 2023→2024 sections score far below (their difflib ratios are 0.21,
/// 0.39, 0.64), Hongze 2023→2024 一 and 五 are rewritten and stay below, while Hongze's
/// preamble (years and a phone number changed) and 六 (one sentence, only the year changed)
/// score above it; those two are handled by the exemptions in `narrative`.
pub(crate) const THRESHOLD: f64 = 0.9;

/// Replaces every run of digits (ASCII or full-width, with separators) by one `#` and drops
/// whitespace, so "2023 年" and "2024年" compare equal.
pub(crate) fn mask(text: &str) -> Vec<char> {
    mask_normalised(text.chars().map(super::numbers::normalise), text.len() / 3)
}

/// [`mask`] of characters already normalised (a [`super::Text`]'s); `capacity` is a guess.
pub(crate) fn mask_normalised(chars: impl Iterator<Item = char>, capacity: usize) -> Vec<char> {
    let mut masked = Vec::with_capacity(capacity);
    let mut in_number = false;
    for ch in chars {
        if is_whitespace(ch) {
            continue;
        }
        let digit = ch.is_ascii_digit()
            || matches!(ch, '〇' | '零')
            || (in_number && matches!(ch, '.' | ',' | '-'));
        if digit {
            if !in_number {
                masked.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            masked.push(ch);
        }
    }
    masked
}

/// `char::is_whitespace`, answered without a call for the characters above U+3000 (the last
/// whitespace character), which are nearly all of a Chinese text: at `opt-level = "z"` the
/// std method is a call per character, and masking calls it for every character of both years.
#[inline(always)]
fn is_whitespace(ch: char) -> bool {
    u32::from(ch) <= 0x3000 && ch.is_whitespace()
}

/// Dice coefficient of the character bigrams of two masked texts, in 0.0..=1.0.
pub(crate) fn similarity(left: &[char], right: &[char]) -> f64 {
    if left == right {
        return 1.0;
    }
    if left.len() < 2 || right.len() < 2 {
        return 0.0;
    }
    let mut counts = BigramCounts::with_room_for(left.len() - 1);
    for pair in left.windows(2) {
        counts.add(bigram(pair));
    }
    let shared = right
        .windows(2)
        .filter(|pair| counts.take(bigram(pair)))
        .count();
    let total = (left.len() - 1 + right.len() - 1) as f64;
    2.0 * shared as f64 / total
}

/// A bigram packed into a `u64` (a `char` is at most 21 bits, so no bigram is [`EMPTY`]).
#[inline(always)]
fn bigram(pair: &[char]) -> u64 {
    u64::from(pair[0]) << 32 | u64::from(pair[1])
}

/// Marks a free slot of [`BigramCounts`].
const EMPTY: u64 = u64::MAX;

/// Counts per bigram: linear probing in a power-of-two table, sized for at least twice the
/// bigrams added so a probe always meets a free slot soon. The columns are boxed slices, not
/// `Vec`s: indexing a slice is a bounds check in place, while `Vec`'s `Index` stayed a call
/// per probe at `opt-level = "z"`.
struct BigramCounts {
    keys: Box<[u64]>,
    counts: Box<[u32]>,
    /// 64 minus log2 of the table size: the hash keeps the product's top bits.
    shift: u32,
}

impl BigramCounts {
    fn with_room_for(pairs: usize) -> BigramCounts {
        let size = (2 * pairs).next_power_of_two().max(2);
        BigramCounts {
            keys: vec![EMPTY; size].into_boxed_slice(),
            counts: vec![0; size].into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
        }
    }

    /// The slot of `key`, or the free slot where it would go.
    #[inline(always)]
    fn slot(&self, key: u64) -> usize {
        let mask = self.keys.len() - 1;
        // Fibonacci hashing: the multiplication spreads the bits, the top ones index.
        let mut slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize;
        while self.keys[slot] != key && self.keys[slot] != EMPTY {
            slot = (slot + 1) & mask;
        }
        slot
    }

    /// Counts one more `key` (at most as many times as the room asked for).
    #[inline(always)]
    fn add(&mut self, key: u64) {
        let slot = self.slot(key);
        self.keys[slot] = key;
        self.counts[slot] += 1;
    }

    /// Takes one `key` if any is left.
    #[inline(always)]
    fn take(&mut self, key: u64) -> bool {
        let slot = self.slot(key);
        let available = self.keys[slot] == key && self.counts[slot] > 0;
        if available {
            self.counts[slot] -= 1;
        }
        available
    }
}
