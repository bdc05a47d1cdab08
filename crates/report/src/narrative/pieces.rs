//! A section's prose read piece by piece, so that after an edit only the pieces it touched
//! are read again.
//!
//! A piece is a sentence with the blank before it ([`Text::piece`]): the text up to and
//! including a sentence end (。！？!?), or a line break that ends a sentence ([`hard_break`]),
//! or the end of the text. Every rule reads a sentence within its piece, so a piece's
//! reading (its normalised text, its sentence and figures, the figures attributed to table
//! quantities, the 同比 rates) depends on its text alone, and the reading of a whole text is
//! the pieces' readings side by side. (Three readings used to look a few characters past
//! their sentence and now stop at its end, as they were meant to: a thousands comma needs
//! its digits in the sentence, a total after 共 its 共, and a stale year's words after it.)
//! What does cross pieces is carried from one to the next, and each piece keeps what it was
//! read with, to be read again only when that changed:
//!
//! - a title opened by 《 in an earlier piece and not yet closed (`narrative.stale_year`
//!   reads no year inside one);
//! - the figures of the sentence before, for a 其中 that opens a sentence
//!   (`narrative.parts_exceed` takes the total from there);
//! - a run of digits still open at the end of the piece before, and its last masked
//!   character (`narrative.same_as_last_year` masks each run of digits as one `#`, and its
//!   bigrams run across pieces).
//!
//! The editor's checker gives [`Pieces::read`] the reading of the text before an edit: the
//! unchanged bytes at both ends are found by comparison, the pieces there are kept (those
//! after the edit moved by the change in length), and the text around the edit is cut into
//! pieces again, as far as a line break's verdict could change (see [`cuts`]). The pieces so
//! read are exactly those of a whole reading, which a test holds it to.

use std::sync::OnceLock;

use super::numbers::{Quantity, Sentence, Text, hard_break};
use super::parts::{self, Before, Excess};
use super::similarity::{Tally, bigram, mask_into};
use super::{mismatch, years, yoy};
use crate::template::TemplateId;

/// What a section's reading depends on besides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Basis<'a> {
    pub(super) template: TemplateId,
    pub(super) year: i32,
    /// The section's id (`narrative.stale_year` leaves the preamble alone).
    pub(super) section: &'a str,
}

/// What reading pieces did, for the editor's checker: how many pieces it read, and the
/// changes to the section's masked bigrams, applied to the tally it keeps for the section.
#[derive(Debug, Default)]
pub(crate) struct Follow<'a> {
    /// The similarity tally of the section's reading before, kept in step.
    pub(crate) tally: Option<&'a mut Tally>,
    /// Pieces read (normalised, split, scanned for figures and claims).
    pub(crate) pieces_read: u64,
    /// Bigrams added to or removed from `tally`.
    pub(crate) bigrams: u64,
}

impl Follow<'_> {
    /// Counts the bigrams `slot` adds to the section (`added`), or no longer adds.
    fn count(&mut self, slot: &Slot, added: bool) {
        if let Some(tally) = self.tally.as_deref_mut() {
            slot.each_bigram(|pair| {
                match added {
                    true => tally.add(pair),
                    false => tally.remove(pair),
                }
                self.bigrams += 1;
            });
        }
    }

    /// Counts the bigram a slot whose first masked character is `first` makes with the
    /// masked character before it, `seam`.
    fn count_seam(&mut self, seam: Option<char>, first: Option<char>, added: bool) {
        if let (Some(tally), Some((before, first))) = (self.tally.as_deref_mut(), seam.zip(first)) {
            match added {
                true => tally.add(bigram(before, first)),
                false => tally.remove(bigram(before, first)),
            }
            self.bigrams += 1;
        }
    }
}

/// What one piece says, read from its text alone (and the template).
#[derive(Debug)]
pub(super) struct Piece {
    /// Its length in bytes.
    len: usize,
    /// Whether it ends at a line break (which ends its sentence), rather than at a sentence
    /// end character or the end of the text.
    hard_end: bool,
    pub(super) text: Text,
    /// Its sentence (none when it is blank).
    pub(super) sentences: Vec<Sentence>,
    /// Whether its last 《 or 》 is a 《 (a title left open), if it has any.
    title_mark: Option<bool>,
    /// Figures attributed to table quantities (none in a legacy report, which has no tables).
    pub(super) claims: Vec<mismatch::Claim>,
    /// Rates 同比, read only once a rule needs them (with last year's report).
    pub(super) rates: OnceLock<Vec<yoy::Claim>>,
}

impl Piece {
    /// The piece of `len` bytes whose text is `text` ([`Text::piece`]).
    fn read(text: Text, len: usize, hard_end: bool, template: TemplateId) -> Piece {
        let sentences = text.sentences_with_quantities();
        let claims = if template == TemplateId::Legacy {
            Vec::new()
        } else {
            mismatch::claims(&text, &sentences, template)
        };
        let title_mark = (text.chars.iter().rev())
            .find(|&&ch| ch == '《' || ch == '》')
            .map(|&mark| mark == '《');
        Piece {
            len,
            hard_end,
            title_mark,
            text,
            sentences,
            claims,
            rates: OnceLock::new(),
        }
    }

    /// Its 同比 rates, read once.
    pub(super) fn rates(&self, template: TemplateId) -> &[yoy::Claim] {
        self.rates
            .get_or_init(|| yoy::claims(&self.text, &self.sentences, template))
    }
}

/// A piece in its place in the section, with what it says given the pieces before it.
#[derive(Debug)]
pub(super) struct Slot {
    /// Where it starts in the section text (bytes).
    pub(super) start: usize,
    /// The characters of the section before it.
    chars_before: usize,
    /// Boxed: the slots after an edit move when the edited ones are replaced.
    pub(super) piece: Box<Piece>,
    /// Whether what follows was worked out from the pieces before it (a piece just read has
    /// not been yet).
    settled: bool,
    /// Whether a title (《) was open before it.
    title_open: bool,
    /// Its stale years, byte offsets from `start`.
    pub(super) stale_years: Vec<years::StaleYear>,
    /// Whether its totals and parts read the sentence before it ([`parts::find`]), and that
    /// sentence as they were read with (figures, and how many characters before its own start
    /// that sentence's piece starts).
    reads_before: bool,
    before: Option<(Vec<Quantity>, usize)>,
    /// Its totals whose parts exceed them.
    pub(super) excesses: Vec<Excess>,
    /// Whether a run of digits was open before it, and is after it.
    in_number: bool,
    in_number_after: bool,
    /// Its text masked for the similarity rule.
    masked: Vec<char>,
    /// The last masked character before it, which its first one makes a bigram with.
    seam: Option<char>,
}

impl Slot {
    fn new(piece: Piece) -> Slot {
        Slot {
            start: 0,
            chars_before: 0,
            piece: Box::new(piece),
            settled: false,
            title_open: false,
            stale_years: Vec::new(),
            reads_before: false,
            before: None,
            excesses: Vec::new(),
            in_number: false,
            in_number_after: false,
            masked: Vec::new(),
            seam: None,
        }
    }

    fn end(&self) -> usize {
        self.start + self.piece.len
    }

    /// Each bigram of the masked section this piece adds: the one it makes with the masked
    /// text before it, and its own. (Loops, not an iterator chain: at `opt-level = "z"` the
    /// chain was a call per bigram.)
    fn each_bigram(&self, mut each: impl FnMut(u64)) {
        if let (Some(before), Some(&first)) = (self.seam, self.masked.first()) {
            each(bigram(before, first));
        }
        for pair in self.masked.windows(2) {
            each(bigram(pair[0], pair[1]));
        }
    }

    /// Works out what the piece, the next in `text`, says given the pieces before it
    /// (`carry`, and `earlier`, the slots before it), reading again only what changed since
    /// it was last settled.
    fn settle(
        &mut self,
        text: &str,
        carry: &mut Carry,
        earlier: &[Slot],
        basis: Basis<'_>,
        follow: &mut Follow<'_>,
    ) {
        self.start = carry.bytes;
        self.chars_before = carry.chars;
        carry.bytes += self.piece.len;
        carry.chars += self.piece.text.chars.len();

        if !self.settled || self.title_open != carry.title_open {
            let raw = text.get(self.start..self.end()).unwrap_or("");
            self.stale_years = years::find(basis.year, basis.section, raw, carry.title_open);
            self.title_open = carry.title_open;
        }
        carry.title_open = self.piece.title_mark.unwrap_or(carry.title_open);

        let before = match carry.sentence.and_then(|index| earlier.get(index)) {
            Some(slot) => Before {
                quantities: slot
                    .piece
                    .sentences
                    .last()
                    .map_or(&[][..], |sentence| &sentence.quantities[..]),
                distance: self.chars_before.saturating_sub(slot.chars_before),
            },
            None => Before::default(),
        };
        let same_before = match &self.before {
            Some((quantities, distance)) => {
                *quantities == before.quantities && *distance == before.distance
            }
            None => !self.reads_before,
        };
        if !self.settled || !same_before {
            let (found, reads_before) =
                parts::find(&self.piece.text, &self.piece.sentences, before);
            self.excesses = found;
            self.reads_before = reads_before;
            self.before = reads_before.then(|| (before.quantities.to_vec(), before.distance));
        }
        if !self.piece.sentences.is_empty() {
            carry.sentence = Some(earlier.len());
        }

        let remask = !self.settled || self.in_number != carry.in_number;
        if remask {
            if self.settled {
                follow.count(self, false);
            }
            self.masked.clear();
            self.in_number = carry.in_number;
            self.in_number_after = mask_into(
                self.piece.text.chars.iter().copied(),
                carry.in_number,
                &mut self.masked,
            );
            self.seam = carry.seam;
            follow.count(self, true);
        } else if self.seam != carry.seam {
            // Only the bigram across the seam changed.
            let first = self.masked.first().copied();
            follow.count_seam(self.seam, first, false);
            self.seam = carry.seam;
            follow.count_seam(self.seam, first, true);
        }
        carry.in_number = self.in_number_after;
        if let Some(&last) = self.masked.last() {
            carry.seam = Some(last);
        }
        self.settled = true;
    }
}

/// What the pieces before pass on to the next.
#[derive(Debug, Default)]
struct Carry {
    /// Bytes and characters so far.
    bytes: usize,
    chars: usize,
    title_open: bool,
    /// The last slot with a sentence.
    sentence: Option<usize>,
    in_number: bool,
    /// The last masked character.
    seam: Option<char>,
}

impl Carry {
    /// What the settled `slots` before position `at` pass on.
    fn before(slots: &[Slot], at: usize) -> Carry {
        let earlier = slots.get(..at).unwrap_or(slots);
        let Some(last) = earlier.last() else {
            return Carry::default();
        };
        Carry {
            bytes: last.end(),
            chars: last.chars_before + last.piece.text.chars.len(),
            title_open: last.piece.title_mark.unwrap_or(last.title_open),
            sentence: earlier
                .iter()
                .rposition(|slot| !slot.piece.sentences.is_empty()),
            in_number: last.in_number_after,
            seam: earlier
                .iter()
                .rev()
                .find_map(|slot| slot.masked.last().copied()),
        }
    }
}

/// A section's prose as pieces, each with what it says.
#[derive(Debug)]
pub(super) struct Pieces {
    pub(super) slots: Vec<Slot>,
    template: TemplateId,
    year: i32,
    section: String,
    masked_len: usize,
}

impl Pieces {
    /// Reads `text` of a section with `basis`. With `old`, the reading of the section's text
    /// `before`, the pieces that the edit from one to the other left alone are kept, and
    /// `follow` is told what changed.
    pub(super) fn read(
        text: &str,
        basis: Basis<'_>,
        old: Option<(Pieces, &str)>,
        follow: &mut Follow<'_>,
    ) -> Pieces {
        let old = old.and_then(|(old, before)| {
            let same = old.template == basis.template
                && old.year == basis.year
                && old.section == basis.section;
            if same {
                Some((old, before))
            } else {
                old.forget(follow);
                None
            }
        });
        // The slots before `from` are kept as they are; from there on they are placed anew.
        let (mut slots, from) = match old {
            Some((old, before)) if !old.slots.is_empty() => {
                let plan = cuts(text, &old.slots, before);
                let resume = plan.resume.max(plan.first);
                let mut slots = old.slots;
                let mut replaced: Vec<Option<Slot>> =
                    slots.drain(plan.first..resume).map(Some).collect();
                let placed: Vec<Slot> = plan
                    .window
                    .into_iter()
                    .map(|cut| {
                        let kept = cut
                            .old
                            .and_then(|index| index.checked_sub(plan.first))
                            .and_then(|index| replaced.get_mut(index))
                            .and_then(Option::take);
                        kept.unwrap_or_else(|| cut.read(text, basis, follow))
                    })
                    .collect();
                for slot in replaced.into_iter().flatten() {
                    follow.count(&slot, false);
                }
                slots.splice(plan.first..plan.first, placed);
                (slots, plan.first)
            }
            old => {
                if let Some((old, _)) = old {
                    old.forget(follow);
                }
                let mut cuts = Vec::new();
                cut_from(text, 0, &mut cuts, |_| false);
                let slots = cuts
                    .into_iter()
                    .map(|cut| cut.read(text, basis, follow))
                    .collect();
                (slots, 0)
            }
        };
        let mut carry = Carry::before(&slots, from);
        for index in from..slots.len() {
            let (earlier, rest) = slots.split_at_mut(index);
            if let Some(slot) = rest.first_mut() {
                slot.settle(text, &mut carry, earlier, basis, follow);
            }
        }
        let masked_len = slots.iter().map(|slot| slot.masked.len()).sum();
        Pieces {
            slots,
            template: basis.template,
            year: basis.year,
            section: basis.section.to_string(),
            masked_len,
        }
    }

    /// Drops the reading, telling `follow` its bigrams are gone.
    pub(super) fn forget(self, follow: &mut Follow<'_>) {
        for slot in &self.slots {
            follow.count(slot, false);
        }
    }

    /// The length of the masked text.
    pub(super) fn masked_len(&self) -> usize {
        self.masked_len
    }

    /// The masked text, whole ([`super::mask`] of the section text).
    pub(super) fn masked(&self) -> Vec<char> {
        let mut masked = Vec::with_capacity(self.masked_len);
        for slot in &self.slots {
            masked.extend_from_slice(&slot.masked);
        }
        masked
    }

    /// Adds the bigrams of the masked text to `tally`, piece by piece.
    pub(super) fn count(&self, tally: &mut Tally) {
        for slot in &self.slots {
            slot.each_bigram(|pair| tally.add(pair));
        }
    }
}

/// A piece of the text to place: its byte range, whether it ends at a line break, the old
/// slot that read the same bytes as the same piece, if any, and else its text as read when
/// it was cut.
#[derive(Debug)]
struct Cut {
    start: usize,
    end: usize,
    hard_end: bool,
    old: Option<usize>,
    text: Option<Text>,
}

impl Cut {
    /// A new slot for the piece of `source`, read.
    fn read(self, source: &str, basis: Basis<'_>, follow: &mut Follow<'_>) -> Slot {
        follow.pieces_read += 1;
        let len = self.end - self.start;
        // Read when cut, unless it named an old slot.
        let text = self
            .text
            .unwrap_or_else(|| Text::piece(source, self.start).0);
        Slot::new(Piece::read(text, len, self.hard_end, basis.template))
    }
}

/// Where the pieces of a text differ from those of the text before an edit: the old slots
/// before `first` and from `resume` on are the same pieces (those after moved by the change
/// in length), and between them the text is the pieces of `window`.
#[derive(Debug)]
struct Plan {
    first: usize,
    resume: usize,
    window: Vec<Cut>,
}

/// Where the pieces of `text` differ from `slots`, the reading of the text `before`.
///
/// `before[p..q_old]` became `text[p..q_new]` (the rest is the same bytes), and a piece's
/// end depends on its last character, except at a line break, whose verdict
/// ([`hard_break`]) reads the line before it and the first character after it that is not
/// whitespace and the one after that. So the pieces are cut again from the piece holding the
/// second-to-last character before `p` that is not whitespace (every line break before that
/// one sees the same characters after it), up to a piece end in the unchanged bytes after
/// the edit that is an end in `before` too: past the first line break after the edit (whose
/// line holds the edit) unless that break ends a sentence in both texts or in neither.
/// A piece cut again that is wholly before or after the edit is the old slot at the same
/// place.
fn cuts(text: &str, slots: &[Slot], before: &str) -> Plan {
    let (p, q_old, q_new) = changed_range(before, text);
    let moved = |at: usize| (at + q_old).checked_sub(q_new);
    let slot_at = |start: usize| slots.binary_search_by_key(&start, |slot| slot.start).ok();
    let anchor = text
        .get(..p)
        .unwrap_or("")
        .char_indices()
        .rev()
        .filter(|(_, ch)| !ch.is_whitespace())
        .nth(1)
        .map_or(0, |(at, _)| at);
    let first = slots
        .partition_point(|slot| slot.start <= anchor)
        .saturating_sub(1);
    // The first line break after the edit, and whether it ends a sentence as it did.
    let line_break = text
        .get(q_new..)
        .and_then(|rest| rest.find('\n'))
        .map(|offset| q_new + offset);
    let same_verdict = line_break.is_none_or(|at| {
        let was = moved(at + 1).and_then(|end| {
            let index = slots.partition_point(|slot| slot.end() < end);
            slots.get(index).filter(|slot| slot.end() == end)
        });
        hard_break(text, at) == was.is_some_and(|slot| slot.piece.hard_end)
    });
    let mut resume = None;
    let mut window = Vec::new();
    let start = slots.get(first).map_or(0, |slot| slot.start);
    cut_from(text, start, &mut window, |cut| {
        let old = if cut.end <= p {
            slot_at(cut.start)
        } else if cut.start >= q_new {
            moved(cut.start).and_then(slot_at)
        } else {
            None
        };
        cut.old = old.filter(|&index| {
            let slot = &slots[index];
            slot.piece.len == cut.end - cut.start && slot.piece.hard_end == cut.hard_end
        });
        if cut.old.is_some() {
            cut.text = None;
        }
        let last = cut.end.saturating_sub(1);
        if last < q_new || !(same_verdict || line_break.is_none_or(|at| last > at)) {
            return false;
        }
        resume = match moved(cut.end) {
            Some(end) if end == before.len() => Some(slots.len()),
            Some(end) => slot_at(end),
            None => None,
        };
        resume.is_some()
    });
    Plan {
        first,
        resume: resume.unwrap_or(slots.len()),
        window,
    }
}

/// Cuts `text` into pieces from byte `at`, reading each ([`Text::piece`]), until the end or
/// until `stop` says so after seeing a piece (it may name the old slot of the piece).
fn cut_from(
    text: &str,
    mut at: usize,
    cuts: &mut Vec<Cut>,
    mut stop: impl FnMut(&mut Cut) -> bool,
) {
    while at < text.len() {
        let (read, end, hard_end) = Text::piece(text, at);
        let mut cut = Cut {
            start: at,
            end,
            hard_end,
            old: None,
            text: Some(read),
        };
        let done = stop(&mut cut);
        cuts.push(cut);
        // Never stuck: a piece holds at least one character of text at a char boundary.
        if done || end <= at {
            break;
        }
        at = end;
    }
}

/// Where two texts differ: `before[p..q_old]` and `after[p..q_new]`, the bytes around them
/// the same in both, at character boundaries of both.
fn changed_range(before: &str, after: &str) -> (usize, usize, usize) {
    let (old, new) = (before.as_bytes(), after.as_bytes());
    let mut p = common_prefix(old, new);
    while !(before.is_char_boundary(p) && after.is_char_boundary(p)) {
        p -= 1;
    }
    let mut s = common_suffix(&old[p..], &new[p..]);
    while !(before.is_char_boundary(old.len() - s) && after.is_char_boundary(new.len() - s)) {
        s -= 1;
    }
    (p, old.len() - s, new.len() - s)
}

/// How many bytes two slices share at their start. Compared a block at a time (a `memcmp`),
/// as a byte loop at `opt-level = "z"` cost as much as reading an edited sentence.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut p = 0;
    for block in [256, 16] {
        while p + block <= n && a[p..p + block] == b[p..p + block] {
            p += block;
        }
    }
    while p < n && a[p] == b[p] {
        p += 1;
    }
    p
}

/// How many bytes two slices share at their end.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut s = 0;
    for block in [256, 16] {
        while s + block <= n && a[n - s - block..n - s] == b[n - s - block..n - s] {
            s += block;
        }
    }
    while s < n && a[n - s - 1] == b[n - s - 1] {
        s += 1;
    }
    s
}

#[cfg(test)]
impl Pieces {
    /// How this reading of `text` differs from what the rules read from the whole text at
    /// once (its [`Text::new`], sentences and figures, claims, 同比 rates, totals and parts,
    /// masked text), each piece's positions moved to the whole text's: nothing when the
    /// pieces are the whole text read piece by piece.
    pub(super) fn differences_from_whole(&self, text: &str) -> Vec<String> {
        let whole = Text::new(text);
        let sentences = whole.sentences_with_quantities();
        let mut differences = Vec::new();
        let mut same = |what: &str, pieces: String, whole: String| {
            if pieces != whole {
                differences.push(format!("{what}:\n  pieces {pieces}\n  whole  {whole}"));
            }
        };
        let (mut chars, mut offsets, mut depths) = (Vec::new(), Vec::new(), Vec::new());
        let (mut read, mut claims, mut rates, mut excesses) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for slot in &self.slots {
            let by = slot.chars_before;
            let piece = &slot.piece;
            chars.extend_from_slice(&piece.text.chars);
            offsets.extend(
                piece.text.offsets()[..piece.text.chars.len()]
                    .iter()
                    .map(|o| o + slot.start),
            );
            depths.extend_from_slice(piece.text.depths());
            read.extend(piece.sentences.iter().map(|s| s.moved(by)));
            claims.extend(piece.claims.iter().map(|c| c.moved(by)));
            rates.extend(piece.rates(self.template).iter().map(|c| c.moved(by)));
            excesses.extend(slot.excesses.iter().map(|excess| parts::Excess {
                sentence: (excess.sentence.0 + by, excess.sentence.1 + by),
                at: excess.at + by as isize,
                ..excess.clone()
            }));
        }
        offsets.push(text.len());
        same("chars", format!("{chars:?}"), format!("{:?}", whole.chars));
        same(
            "offsets",
            format!("{offsets:?}"),
            format!("{:?}", whole.offsets()),
        );
        same(
            "depths",
            format!("{depths:?}"),
            format!("{:?}", whole.depths()),
        );
        same("sentences", format!("{read:?}"), format!("{sentences:?}"));
        let whole_claims = match self.template {
            TemplateId::Legacy => Vec::new(),
            template => mismatch::claims(&whole, &sentences, template),
        };
        same("claims", format!("{claims:?}"), format!("{whole_claims:?}"));
        let whole_rates = yoy::claims(&whole, &sentences, self.template);
        same("rates", format!("{rates:?}"), format!("{whole_rates:?}"));
        let (whole_excesses, _) = parts::find(&whole, &sentences, Before::default());
        same(
            "excesses",
            format!("{excesses:?}"),
            format!("{whole_excesses:?}"),
        );
        same(
            "masked",
            self.masked().into_iter().collect(),
            super::mask(text).into_iter().collect(),
        );
        same(
            "masked length",
            self.masked_len.to_string(),
            super::mask(text).len().to_string(),
        );
        differences
    }
}
