//! `narrative.same_as_last_year`: how alike two texts are, after masking what changes every
//! year by itself (years, dates, figures).
//!
//! The measure is the Dice coefficient of the character-bigram multisets of the two masked
//! texts: 2·|A ∩ B| / (|A| + |B|). It is symmetric, order-insensitive beyond neighbouring
//! characters, and catches light rewording (a changed word moves only two or three bigrams).
//! Texts score 1.0 when equal after masking. The rule fires at [`THRESHOLD`] and above.
//!
//! The shared bigrams are counted in a [`Tally`]: a small open-addressing table holding, for
//! each bigram, its count in last year's text and in this year's, and the sum over bigrams of
//! the smaller of the two, kept up to date as bigrams of this year's text are added and
//! removed. The editor's checker keeps one per section and, after an edit, removes the
//! bigrams of the sentences that changed and adds those of their new text, instead of
//! counting the whole section again; a whole comparison adds every bigram, so both give the
//! same count. This runs on every keystroke, so the table hashes with one multiplication
//! (the std `HashMap`'s SipHash of each pair cost more than all the other prose rules
//! together).

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
    let mut masked = Vec::new();
    mask_into(
        text.chars().map(super::numbers::normalise),
        false,
        &mut masked,
    );
    masked
}

/// [`mask`] of characters already normalised (a [`super::Text`]'s), appended to `masked`;
/// `in_number` tells whether the characters before ended in a run of digits (which these
/// continue, whitespace between or not), and the result whether these do.
pub(crate) fn mask_into(
    chars: impl Iterator<Item = char>,
    mut in_number: bool,
    masked: &mut Vec<char>,
) -> bool {
    // Written into room made first, at most one character for each read: a `push` per
    // character was a call at `opt-level = "z"`, and this runs over every piece read.
    let start = masked.len();
    let room = chars.size_hint().1.unwrap_or(0);
    masked.resize(start + room, '\0');
    let mut len = 0;
    let mut write = |masked: &mut Vec<char>, ch: char| {
        match masked.get_mut(start..).and_then(|room| room.get_mut(len)) {
            Some(slot) => *slot = ch,
            None => masked.push(ch),
        }
        len += 1;
    };
    for ch in chars {
        if is_whitespace(ch) {
            continue;
        }
        let digit = ch.is_ascii_digit()
            || matches!(ch, '〇' | '零')
            || (in_number && matches!(ch, '.' | ',' | '-'));
        if digit {
            if !in_number {
                write(masked, '#');
            }
            in_number = true;
        } else {
            in_number = false;
            write(masked, ch);
        }
    }
    masked.truncate(start + len);
    in_number
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
    let mut tally = Tally::new(right, left.len());
    for pair in left.windows(2) {
        tally.add(bigram(pair[0], pair[1]));
    }
    tally.dice(left.len())
}

/// A bigram packed into a `u64` (a `char` is at most 21 bits, so no bigram is [`EMPTY`]).
#[inline(always)]
pub(crate) fn bigram(first: char, second: char) -> u64 {
    u64::from(first) << 32 | u64::from(second)
}

/// Marks a free slot of a [`Tally`].
const EMPTY: u64 = u64::MAX;

/// A bigram with its count in this year's text and in last year's.
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: u64,
    own: u32,
    last: u32,
}

const FREE: Entry = Entry {
    key: EMPTY,
    own: 0,
    last: 0,
};

/// The bigrams of last year's text (fixed) and of this year's (added and removed one by one),
/// with how many they share: each bigram counts min(count in one, count in the other) times.
///
/// Linear probing in a power-of-two table kept at most half full, so a probe always meets a
/// free slot soon; a bigram whose counts fall to zero keeps its slot until the table grows.
/// A slot holds the bigram and both counts, so a probe reads one cache line; the table is a
/// boxed slice, not a `Vec`: indexing a slice is a bounds check in place, while `Vec`'s
/// `Index` stayed a call per probe at `opt-level = "z"`.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    entries: Box<[Entry]>,
    /// Slots taken.
    used: usize,
    /// 64 minus log2 of the table size: the hash keeps the product's top bits.
    shift: u32,
    /// Σ min(own, last) over the bigrams.
    shared: u64,
    /// Last year's masked length.
    last_len: usize,
}

impl Tally {
    /// A tally of last year's masked text `last` with nothing of this year's yet, with room
    /// for about `own` bigrams of this year's.
    pub(crate) fn new(last: &[char], own: usize) -> Tally {
        let mut tally = Tally::with_room_for(last.len() + own);
        for pair in last.windows(2) {
            let slot = tally.slot_for(bigram(pair[0], pair[1]));
            tally.entries[slot].last += 1;
        }
        tally.last_len = last.len();
        tally
    }

    /// A table for `pairs` bigrams at most (as many distinct ones, at least twice that size).
    fn with_room_for(pairs: usize) -> Tally {
        let size = (2 * pairs).next_power_of_two().max(2);
        Tally {
            entries: vec![FREE; size].into_boxed_slice(),
            used: 0,
            shift: 64 - size.trailing_zeros(),
            shared: 0,
            last_len: 0,
        }
    }

    /// The slot of `key`, or the free slot where it would go.
    #[inline(always)]
    fn slot(&self, key: u64) -> usize {
        let mask = self.entries.len() - 1;
        // Fibonacci hashing: the multiplication spreads the bits, the top ones index.
        let mut slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize;
        while self.entries[slot].key != key && self.entries[slot].key != EMPTY {
            slot = (slot + 1) & mask;
        }
        slot
    }

    /// The slot of `key`, taken for it if it had none (growing the table first when it is
    /// half full).
    #[inline(always)]
    fn slot_for(&mut self, key: u64) -> usize {
        let slot = self.slot(key);
        if self.entries[slot].key == key {
            return slot;
        }
        if 2 * (self.used + 1) > self.entries.len() {
            self.grow();
            return self.slot_for(key);
        }
        self.entries[slot].key = key;
        self.used += 1;
        slot
    }

    /// Moves every bigram still counted into a table twice the size.
    fn grow(&mut self) {
        let mut larger = Tally::with_room_for(self.entries.len());
        for entry in self.entries.iter() {
            if entry.key == EMPTY || (entry.own == 0 && entry.last == 0) {
                continue;
            }
            let slot = larger.slot(entry.key);
            larger.entries[slot] = *entry;
            larger.used += 1;
        }
        larger.shared = self.shared;
        larger.last_len = self.last_len;
        *self = larger;
    }

    /// Counts one more `key` in this year's text.
    #[inline(always)]
    pub(crate) fn add(&mut self, key: u64) {
        let slot = self.slot_for(key);
        let entry = &mut self.entries[slot];
        if entry.own < entry.last {
            self.shared += 1;
        }
        entry.own += 1;
    }

    /// Counts one `key` fewer in this year's text (one that was added).
    #[inline(always)]
    pub(crate) fn remove(&mut self, key: u64) {
        let slot = self.slot(key);
        let entry = &mut self.entries[slot];
        if entry.key != key || entry.own == 0 {
            return;
        }
        entry.own -= 1;
        if entry.own < entry.last {
            self.shared -= 1;
        }
    }

    /// Last year's masked length.
    pub(crate) fn last_len(&self) -> usize {
        self.last_len
    }

    /// The Dice coefficient once this year's bigrams, of a masked text of `own_len`
    /// characters, are all added; both texts are to be at least 2 characters long (0 when
    /// neither has a bigram).
    pub(crate) fn dice(&self, own_len: usize) -> f64 {
        let pairs = (own_len + self.last_len).saturating_sub(2);
        if pairs == 0 {
            return 0.0;
        }
        2.0 * self.shared as f64 / pairs as f64
    }
}
