//! Reading the figures a sentence of prose states: Arabic digits (also full-width, with
//! thousands commas and decimals), Chinese numerals in the common forms (三十五, 一百零二,
//! 两), a multiplier 万/亿, and the counting unit that follows (件 条 起 个 次 项 期 人次 …).
//!
//! The text is normalised one character at a time (full-width digits to ASCII, traditional
//! characters to simplified) while remembering where each character sat in the original, so
//! findings can point at the original bytes. It never panics and reads nothing but the text.

/// A section's text, normalised, with the original byte offset of every character.
#[derive(Debug, Clone)]
pub(crate) struct Text {
    /// The normalised characters.
    pub(crate) chars: Vec<char>,
    /// `offsets[i]` is the byte offset in the original of `chars[i]`; one extra entry holds
    /// the original length.
    offsets: Vec<usize>,
    /// Parenthesis depth at each character, reset at each sentence end.
    depth: Vec<u16>,
}

/// A sentence of a [`Text`] with the figures it states, read once per validation and shared
/// by the rules (each used to split and scan the whole text again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// The sentence (character range), as [`Text::sentences`] gives it.
    pub(crate) range: (usize, usize),
    /// Its figures, as [`Text::quantities`] reads them.
    pub(crate) quantities: Vec<Quantity>,
}

/// A figure stated in prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Quantity {
    /// First character (of the number).
    pub(crate) start: usize,
    /// Just past the number (before the unit).
    pub(crate) number_end: usize,
    /// Just past the unit.
    pub(crate) end: usize,
    /// Value times 10^4, exact for up to four decimals.
    pub(crate) value: i128,
    /// The unit as normalised text (`件`, `人次`, `%` …); empty when none follows.
    pub(crate) unit: &'static str,
    /// Whether the figure is approximate (约, 近, 余, 多 …).
    pub(crate) approx: bool,
    /// Parenthesis depth where it stands.
    pub(crate) depth: u16,
}

#[cfg(test)]
impl Sentence {
    /// The same sentence `by` characters further on (as read in a longer text).
    pub(crate) fn moved(&self, by: usize) -> Sentence {
        Sentence {
            range: (self.range.0 + by, self.range.1 + by),
            quantities: self.quantities.iter().map(|q| q.moved(by)).collect(),
        }
    }
}

#[cfg(test)]
impl Quantity {
    /// The same figure `by` characters further on.
    pub(crate) fn moved(&self, by: usize) -> Quantity {
        Quantity {
            start: self.start + by,
            number_end: self.number_end + by,
            end: self.end + by,
            ..self.clone()
        }
    }
}

#[cfg(test)]
impl Text {
    /// The byte offsets of the characters (and the end), as read.
    pub(crate) fn offsets(&self) -> &[usize] {
        &self.offsets
    }

    /// The parenthesis depth of every character.
    pub(crate) fn depths(&self) -> &[u16] {
        &self.depth
    }
}

/// Scale of [`Quantity::value`].
pub(crate) const SCALE: i128 = 10_000;

impl Quantity {
    /// What the figure measures, for comparing a total with its parts: the measure words of
    /// counted things (件 条 起 个 项 份 篇) are one measure (“留言120条，其中…45起”), money
    /// is one (元 万元 亿元); anything else (人, 人次, 次, 期, %, …) only itself.
    pub(crate) fn measure(&self) -> &'static str {
        match self.unit {
            "件" | "条" | "起" | "个" | "项" | "份" | "篇" => "count",
            "元" | "万元" | "亿元" => "money",
            other => other,
        }
    }

    /// The value in the measure's base unit (money in 元), so parts in other units add up.
    pub(crate) fn base_value(&self) -> i128 {
        self.value.saturating_mul(unit_factor(self.unit))
    }
}

/// How many base units one `unit` is (1 万元 = 10,000 元).
pub(crate) fn unit_factor(unit: &str) -> i128 {
    match unit {
        "万元" => 10_000,
        "亿元" => 100_000_000,
        _ => 1,
    }
}

/// Units that follow counted things, longest first so `人次` wins over `人`.
const UNITS: &[&str] = &[
    "万元", "亿元", "人次", "场次", "批次", "件", "条", "起", "个", "次", "项", "期", "份", "篇",
    "场", "家", "名", "册", "元", "人", "%", "％",
];

/// Units of the counts the tables hold (applications and cases).
pub(crate) fn is_case_unit(unit: &str) -> bool {
    matches!(unit, "件" | "起" | "个")
}

impl Text {
    /// Normalises `original`, a whole text: each line break that does not end a sentence
    /// ([`hard_break`]) is read as a space.
    pub(crate) fn new(original: &str) -> Text {
        Text::read(original, 0, false).0
    }

    /// Normalises the piece of `original` that starts at byte `from`: up to and including
    /// the first sentence end (。！？!?), or line break that ends a sentence, or to the end of
    /// the text. The pieces of a text are its sentences with the blank before each, and no
    /// rule reads across them (see `narrative::pieces`). Gives the piece's [`Text`] (the same
    /// as its part of [`Text::new`] of the whole text, with positions counted from the
    /// piece's start), where it ends, and whether it ends at a line break.
    pub(crate) fn piece(original: &str, from: usize) -> (Text, usize, bool) {
        Text::read(original, from, true)
    }

    /// Normalises `original` from byte `from`, to its end or (`piece`) to the end of the
    /// piece that starts there; where it stopped, and whether at a line break.
    fn read(original: &str, from: usize, piece: bool) -> (Text, usize, bool) {
        let rest = original.get(from..).unwrap_or("");
        // Room for the characters up to the first 。 (a piece ends there at the latest, and
        // Chinese text is three bytes a character), so the columns are not grown char by
        // char: a reading of many pieces was mostly allocation. Looked for in the next few
        // hundred characters only, or reading a long text without 。 piece by piece would
        // search its rest once per piece.
        let bytes = match piece {
            true => {
                let mut near = rest.len().min(768);
                while !rest.is_char_boundary(near) {
                    near -= 1;
                }
                let near = &rest[..near];
                near.find('。')
                    .map_or(near.len(), |at| at + '。'.len_utf8())
            }
            false => rest.len(),
        };
        let mut chars = Vec::with_capacity(bytes / 3 + 1);
        let mut offsets = Vec::with_capacity(chars.capacity() + 1);
        let mut depth = Vec::with_capacity(chars.capacity());
        let mut level: u16 = 0;
        let mut end = (rest.len(), false);
        for (offset, ch) in rest.char_indices() {
            let ch = match ch {
                '\n' if !hard_break(original, from + offset) => ' ',
                _ => normalise(ch),
            };
            chars.push(ch);
            offsets.push(offset);
            match ch {
                '（' | '(' => {
                    depth.push(level);
                    level = level.saturating_add(1);
                }
                '）' | ')' => {
                    level = level.saturating_sub(1);
                    depth.push(level);
                }
                _ => {
                    depth.push(level);
                    // Unbalanced parentheses must not leak past the sentence. Normalising
                    // never makes a sentence end (the table holds none).
                    if is_sentence_end(ch) {
                        level = 0;
                        if piece {
                            end = (offset + ch.len_utf8(), ch == '\n');
                            break;
                        }
                    }
                }
            }
        }
        offsets.push(end.0);
        let text = Text {
            chars,
            offsets,
            depth,
        };
        (text, from + end.0, end.1)
    }

    /// The original byte offset of character `index` (the text length past the end).
    pub(crate) fn byte(&self, index: usize) -> usize {
        self.offsets
            .get(index)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(0)
    }

    /// Whether `word` stands at character `index`, wholly before `end` (and the text's end).
    /// The scanners test words in place with this rather than comparing slices copied into
    /// strings, which allocated once per character and per unit tried.
    pub(crate) fn matches_within(&self, index: usize, end: usize, word: &str) -> bool {
        let end = end.min(self.chars.len());
        let mut at = index;
        word.chars().all(|ch| {
            let found = at < end && self.chars[at] == ch;
            at += 1;
            found
        })
    }

    /// Whether `word` stands at character `index`.
    pub(crate) fn matches(&self, index: usize, word: &str) -> bool {
        self.matches_within(index, self.chars.len(), word)
    }

    /// Where `word` stands in `start..end`, wholly inside it, in order.
    ///
    /// The sentence scans (其中, 备案) try every position of every sentence; decoding `word`
    /// at each of them cost more than the comparison, so this decodes its first character
    /// once and tries the whole word only where that character stands.
    pub(crate) fn find_all<'a>(
        &'a self,
        start: usize,
        end: usize,
        word: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        let end = end.min(self.chars.len());
        let first = word.chars().next();
        let candidates = self.chars.get(start.min(end)..end).unwrap_or_default();
        candidates
            .iter()
            .enumerate()
            .filter(move |&(_, &ch)| Some(ch) == first)
            .map(move |(offset, _)| start + offset)
            .filter(move |&index| self.matches_within(index, end, word))
    }

    /// Parenthesis depth at character `index`.
    pub(crate) fn depth(&self, index: usize) -> u16 {
        self.depth.get(index).copied().unwrap_or(0)
    }

    /// The normalised characters of `range` as a string.
    pub(crate) fn slice(&self, start: usize, end: usize) -> String {
        let mut out = String::new();
        self.slice_into(start, end, &mut out);
        out
    }

    /// [`Text::slice`] into a buffer the caller reuses (it is cleared first).
    pub(crate) fn slice_into(&self, start: usize, end: usize, out: &mut String) {
        let end = end.min(self.chars.len());
        out.clear();
        out.extend(self.chars.get(start.min(end)..end).unwrap_or_default());
    }

    /// The normalised characters of `start..end` outside parentheses deeper than `depth`,
    /// into a buffer the caller reuses (it is cleared first).
    pub(crate) fn slice_at_depth_into(
        &self,
        start: usize,
        end: usize,
        depth: u16,
        out: &mut String,
    ) {
        let end = end.min(self.chars.len());
        out.clear();
        out.extend(
            (start.min(end)..end)
                .filter(|&index| {
                    let ch = self.chars[index];
                    self.depth(index) <= depth && !(self.depth(index) == depth && is_paren(ch))
                })
                .map(|index| self.chars[index]),
        );
    }

    /// [`Text::sentences`], each with its [`Text::quantities`].
    pub(crate) fn sentences_with_quantities(&self) -> Vec<Sentence> {
        self.sentences()
            .into_iter()
            .map(|(start, end)| Sentence {
                range: (start, end),
                quantities: self.quantities(start, end),
            })
            .collect()
    }

    /// Sentences as character ranges: split after 。！？ and line breaks, blank ones dropped.
    pub(crate) fn sentences(&self) -> Vec<(usize, usize)> {
        let mut sentences = Vec::new();
        let mut start = 0;
        for (index, &ch) in self.chars.iter().enumerate() {
            if is_sentence_end(ch) {
                push_trimmed(
                    &self.chars,
                    start,
                    index + usize::from(ch != '\n'),
                    &mut sentences,
                );
                start = index + 1;
            }
        }
        push_trimmed(&self.chars, start, self.chars.len(), &mut sentences);
        sentences
    }

    /// Every figure in `start..end`.
    pub(crate) fn quantities(&self, start: usize, end: usize) -> Vec<Quantity> {
        let end = end.min(self.chars.len());
        let mut found = Vec::new();
        let mut index = start;
        while index < end {
            let ch = self.chars[index];
            let scanned = if ch.is_ascii_digit() {
                self.scan_arabic(index, end)
            } else if chinese_digit(ch).is_some() || ch == '十' {
                self.scan_chinese(index, end)
            } else {
                None
            };
            match scanned {
                Some(quantity) => {
                    index = quantity.end.max(index + 1);
                    found.push(quantity);
                }
                None => {
                    index += 1;
                    // Skip the rest of a digit run that could not be read as a whole
                    // (a phone number must not yield its last digits as a figure).
                    while ch.is_ascii_digit() && index < end && self.chars[index].is_ascii_digit() {
                        index += 1;
                    }
                }
            }
        }
        found
    }

    fn scan_arabic(&self, start: usize, end: usize) -> Option<Quantity> {
        // A digit glued to a Latin letter or a preceding digit run is a code, not a figure.
        if start > 0 {
            let before = self.chars[start - 1];
            if before.is_ascii_alphanumeric() || before == '.' || before == '-' {
                return None;
            }
        }
        let mut index = start;
        let mut whole: i128 = 0;
        let mut digits = 0;
        while index < end {
            let ch = self.chars[index];
            if let Some(digit) = ch.to_digit(10) {
                whole = whole.checked_mul(10)?.checked_add(i128::from(digit))?;
                digits += 1;
                if digits > 15 {
                    return None;
                }
                index += 1;
            } else if ch == ','
                // Within the sentence: a digit after its end is another sentence's.
                && index + 3 < end
                && self.chars[index + 1].is_ascii_digit()
                && self.chars[index + 3].is_ascii_digit()
            {
                index += 1;
            } else {
                break;
            }
        }
        let mut value = whole.checked_mul(SCALE)?;
        if index + 1 < end && self.chars[index] == '.' && self.chars[index + 1].is_ascii_digit() {
            index += 1;
            let mut place = SCALE / 10;
            while index < end && self.chars[index].is_ascii_digit() {
                let digit = i128::from(self.chars[index].to_digit(10).unwrap_or(0));
                value += digit * place;
                place /= 10;
                index += 1;
            }
        }
        // Phone numbers, dates and codes: a digit run followed by - / : is not a count.
        if index < end && matches!(self.chars[index], '-' | '/' | ':' | '—') {
            return None;
        }
        self.finish(start, index, value, end)
    }

    fn scan_chinese(&self, start: usize, end: usize) -> Option<Quantity> {
        let mut index = start;
        while index < end
            && (chinese_digit(self.chars[index]).is_some() || is_chinese_power(self.chars[index]))
        {
            index += 1;
        }
        // Trailing 万 belongs to the figure only when a unit follows it, which `finish`
        // handles; here it is part of the numeral either way.
        let value = parse_chinese_chars(&self.chars[start..index])?;
        let quantity = self.finish(start, index, value.checked_mul(SCALE)?, end)?;
        // A Chinese numeral is a figure only before a counting unit and not after 第
        // (一是, 第三, 统一 and 三类 are words, not figures).
        let ordinal =
            start > 0 && matches!(self.chars[start - 1], '第' | '统' | '唯' | '进' | '之');
        (!quantity.unit.is_empty() && quantity.unit != "%" && !ordinal).then_some(quantity)
    }

    /// Reads the multiplier, approximation marks and unit after a number.
    fn finish(
        &self,
        start: usize,
        number_end: usize,
        mut value: i128,
        end: usize,
    ) -> Option<Quantity> {
        let mut index = number_end;
        let skip_spaces = |mut index: usize| {
            while index < end && self.chars[index].is_whitespace() && self.chars[index] != '\n' {
                index += 1;
            }
            index
        };
        index = skip_spaces(index);
        if !self.matches_within(index, end, "万元") && !self.matches_within(index, end, "亿元")
        {
            match self.chars.get(index).filter(|_| index < end) {
                Some('万') => {
                    value = value.checked_mul(10_000)?;
                    index += 1;
                }
                Some('亿') => {
                    value = value.checked_mul(100_000_000)?;
                    index += 1;
                }
                _ => {}
            }
        }
        let mut approx = start > 0 && matches!(self.chars[start - 1], '约' | '近' | '逾' | '超')
            || start > 1 && self.matches(start - 2, "超过");
        if index < end && matches!(self.chars[index], '余' | '多') {
            approx = true;
            index += 1;
        }
        index = skip_spaces(index);
        let unit = UNITS
            .iter()
            .copied()
            .find(|unit| self.matches_within(index, end, unit))
            .unwrap_or("");
        let unit = if unit == "％" { "%" } else { unit };
        let unit_end = index + unit.chars().count();
        Some(Quantity {
            start,
            number_end,
            end: if unit.is_empty() {
                number_end
            } else {
                unit_end
            },
            value,
            unit,
            approx,
            depth: self.depth(start),
        })
    }
}

/// Whether `text` holds `word`, by a plain scan for its first byte. The prose rules test
/// short clauses and leads against dozens of words each; `str::contains` sets up a searcher
/// for every call, which costs more than such a clause takes to scan (in wasm, with no SIMD
/// path, on every call). Comparing UTF-8 bytes finds exactly the matches of characters: a
/// whole character's bytes never match in the middle of another character.
pub(crate) fn holds(text: &str, word: &str) -> bool {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let Some((&first, rest)) = word.split_first() else {
        return true;
    };
    let Some(last_start) = text.len().checked_sub(word.len()) else {
        return false;
    };
    let mut at = 0;
    while at <= last_start {
        match text[at..=last_start].iter().position(|&byte| byte == first) {
            Some(offset) => {
                let start = at + offset + 1;
                if text[start..start + rest.len()] == *rest {
                    return true;
                }
                at = start;
            }
            None => return false,
        }
    }
    false
}

/// The characters of a short text as bits (a character sets bit `code % 128`): a word with a
/// character whose bit is clear is not in the text. A figure's lead is tested against some
/// sixty words; this answers most of them without a search (a search per word was most of
/// the cost of reading a sentence with many figures).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Letters(pub(crate) u128);

impl Letters {
    pub(crate) fn of(text: &str) -> Letters {
        Letters(
            text.chars()
                .fold(0, |bits, ch| bits | 1 << (u32::from(ch) % 128)),
        )
    }

    /// Whether `text`, whose letters (or more) these are, holds `word`, whose letters are
    /// `letters`.
    pub(crate) fn has(self, text: &str, word: &str, letters: u128) -> bool {
        self.0 & letters == letters && holds(text, word)
    }

    /// Whether `text`, whose letters (or more) these are, holds `word`.
    pub(crate) fn found(self, text: &str, word: &str) -> bool {
        self.has(text, word, letters_of(word))
    }

    /// Whether `text`, whose letters (or more) these are, holds any of `words`.
    pub(crate) fn any<const N: usize>(self, text: &str, words: &Words<N>) -> bool {
        (words.words.iter().zip(&words.letters))
            .any(|(word, &letters)| self.has(text, word, letters))
    }
}

/// The letters of `word`, as [`Letters::of`] sets them, worked out by a `const fn` so that
/// the word lists' letters are computed once, at compile time, rather than decoded from
/// each word at every test of a lead.
pub(crate) const fn letters_of(word: &str) -> u128 {
    let bytes = word.as_bytes();
    let (mut bits, mut at) = (0u128, 0);
    while at < bytes.len() {
        let lead = bytes[at] as u32;
        let (code, len) = if lead < 0x80 {
            (lead, 1)
        } else if lead < 0xE0 {
            ((lead & 0x1F) << 6 | tail(bytes, at + 1), 2)
        } else if lead < 0xF0 {
            (
                (lead & 0x0F) << 12 | tail(bytes, at + 1) << 6 | tail(bytes, at + 2),
                3,
            )
        } else {
            (
                (lead & 0x07) << 18
                    | tail(bytes, at + 1) << 12
                    | tail(bytes, at + 2) << 6
                    | tail(bytes, at + 3),
                4,
            )
        };
        bits |= 1 << (code % 128);
        at += len;
    }
    bits
}

/// The six bits a UTF-8 continuation byte carries.
const fn tail(bytes: &[u8], at: usize) -> u32 {
    (bytes[at] as u32) & 0x3F
}

/// A list of words a lead is tested against, with the letters of each.
pub(crate) struct Words<const N: usize> {
    words: [&'static str; N],
    letters: [u128; N],
}

impl<const N: usize> Words<N> {
    pub(crate) const fn new(words: [&'static str; N]) -> Words<N> {
        let mut letters = [0; N];
        let mut index = 0;
        while index < N {
            letters[index] = letters_of(words[index]);
            index += 1;
        }
        Words { words, letters }
    }
}

/// Whether `text` holds any of `words` ([`holds`]).
pub(crate) fn holds_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|word| holds(text, word))
}

/// Whether the line break at byte `at` of `original` ends a sentence. A line break inside a
/// sentence (text pasted from a PDF wraps wherever the page did) is read as a space, so the
/// sentence and its figures stay whole: “共收到申请103\n件，其中…”. A break stays a sentence
/// end after closing punctuation, after a short line without a comma (a heading), before a
/// numbered item, and at the end of a blank line.
///
/// It reads the line before the break and the first characters after it, nothing else, so
/// the pieces of a text ([`Text::piece`]) can be cut again around an edit alone.
pub(crate) fn hard_break(original: &str, at: usize) -> bool {
    let before = original.get(..at).unwrap_or("");
    let line = &before[before.rfind('\n').map_or(0, |index| index + 1)..];
    let Some(last) = line.chars().rev().find(|ch| !ch.is_whitespace()) else {
        return true;
    };
    // Normalising never makes or unmakes any of these characters, nor whitespace or a comma.
    if "。！？!?；;：:”」".contains(last) {
        return true;
    }
    // A heading is at most 25 characters, which is at most 100 bytes.
    let heading = line.len() <= 100
        && line.chars().count() <= 25
        && !line.contains(['，', ','])
        && opens_item(line);
    heading || opens_item(original.get(at + 1..).unwrap_or(""))
}

/// Whether `text` (after any whitespace) opens a numbered item: （一） (1) 一、 1. 一是. It
/// reads the first character that is not whitespace and the one right after it.
fn opens_item(text: &str) -> bool {
    let mut start = text
        .chars()
        .skip_while(|ch| ch.is_whitespace())
        .map(normalise);
    match (start.next(), start.next()) {
        (Some('（' | '('), _) => true,
        (Some(first), Some(second)) => {
            (first.is_ascii_digit() || "一二三四五六七八九十".contains(first))
                && matches!(second, '、' | '.' | '．' | '是')
        }
        _ => false,
    }
}

fn push_trimmed(chars: &[char], mut start: usize, mut end: usize, out: &mut Vec<(usize, usize)>) {
    end = end.min(chars.len());
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        out.push((start, end));
    }
}

fn is_sentence_end(ch: char) -> bool {
    matches!(ch, '。' | '！' | '？' | '!' | '?' | '\n')
}

fn is_paren(ch: char) -> bool {
    matches!(ch, '（' | '(' | '）' | ')')
}

fn chinese_digit(ch: char) -> Option<i128> {
    Some(match ch {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_chinese_power(ch: char) -> bool {
    matches!(ch, '十' | '百' | '千' | '万')
}

/// Reads 三十五, 一百零二, 十二, 两千, 三万五千 and digit strings such as 二〇二三.
#[cfg(test)]
pub(crate) fn parse_chinese(numeral: &str) -> Option<i128> {
    parse_chinese_chars(&numeral.chars().collect::<Vec<_>>())
}

/// [`parse_chinese`] on characters, as they sit in a [`Text`].
fn parse_chinese_chars(numeral: &[char]) -> Option<i128> {
    if numeral.is_empty() {
        return None;
    }
    if numeral.iter().all(|&ch| chinese_digit(ch).is_some()) {
        if numeral.len() == 1 {
            return chinese_digit(numeral[0]);
        }
        // 二〇二三: a digit-by-digit year or code.
        return numeral.iter().try_fold(0i128, |acc, &ch| {
            acc.checked_mul(10)?.checked_add(chinese_digit(ch)?)
        });
    }
    let mut total: i128 = 0;
    let mut section: i128 = 0;
    let mut digit: Option<i128> = None;
    for &ch in numeral {
        if let Some(value) = chinese_digit(ch) {
            digit = Some(value);
            continue;
        }
        let power = match ch {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => {
                section += digit.take().unwrap_or(0);
                total = total.checked_add(section.checked_mul(10_000)?)?;
                section = 0;
                continue;
            }
            _ => return None,
        };
        // 十二 means 12: a bare 十 counts one ten.
        section += digit.take().unwrap_or(1) * power;
    }
    Some(total + section + digit.unwrap_or(0))
}

/// Formats a value of scale [`SCALE`] with the decimals it needs.
pub(crate) fn format_value(value: i128) -> String {
    let whole = value / SCALE;
    let fraction = (value % SCALE).abs();
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:04}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

/// Full-width digits to ASCII and traditional characters to simplified, one character for
/// one character (both forms are three UTF-8 bytes, and the offsets table keeps the rest).
///
/// Every character of every section (and of last year's compared sections) passes through
/// here on each validation, so the common case is inlined: ASCII and characters whose bit
/// in [`NORMALISED_FILTER`] is clear are returned as they are without a call (at
/// `opt-level = "z"` even this small function was a call per character).
#[inline(always)]
pub(crate) fn normalise(ch: char) -> char {
    let bit = u32::from(ch) as usize % (64 * NORMALISED_FILTER.len());
    if ch.is_ascii() || NORMALISED_FILTER[bit / 64] & (1 << (bit % 64)) == 0 {
        return ch;
    }
    normalise_listed(ch)
}

/// [`normalise`] of a character that may be a full-width digit or in [`SIMPLIFIED`]: a
/// binary search in that sorted table (a `match` of a hundred arms compiles to a long chain
/// of comparisons at `opt-level = "z"`).
fn normalise_listed(ch: char) -> char {
    if ('０'..='９').contains(&ch) {
        return char::from_u32(u32::from(ch) - u32::from('０') + u32::from('0')).unwrap_or(ch);
    }
    match SIMPLIFIED.binary_search_by_key(&ch, |&(from, _)| from) {
        Ok(index) => SIMPLIFIED[index].1,
        Err(_) => ch,
    }
}

/// One bit per code point modulo 1024, set for the full-width digits and the first
/// characters of [`SIMPLIFIED`]: a clear bit means [`normalise`] leaves the character as
/// it is (about one in ten bits is set).
const NORMALISED_FILTER: [u64; 16] = {
    let mut filter = [0u64; 16];
    let mut index = 0;
    while index < SIMPLIFIED.len() {
        let bit = SIMPLIFIED[index].0 as usize % (64 * 16);
        filter[bit / 64] |= 1 << (bit % 64);
        index += 1;
    }
    let mut digit = '０' as usize;
    while digit <= '９' as usize {
        let bit = digit % (64 * 16);
        filter[bit / 64] |= 1 << (bit % 64);
        digit += 1;
    }
    filter
};

/// Traditional (and full-width) characters the rules read, with their simplified forms,
/// sorted by the first so [`normalise`] can search it (a test checks the order).
pub(crate) const SIMPLIFIED: &[(char, char)] = &[
    ('並', '并'),
    ('佈', '布'),
    ('來', '来'),
    ('個', '个'),
    ('們', '们'),
    ('備', '备'),
    ('億', '亿'),
    ('內', '内'),
    ('兩', '两'),
    ('務', '务'),
    ('區', '区'),
    ('單', '单'),
    ('圓', '元'),
    ('執', '执'),
    ('報', '报'),
    ('實', '实'),
    ('審', '审'),
    ('將', '将'),
    ('專', '专'),
    ('對', '对'),
    ('導', '导'),
    ('屬', '属'),
    ('廣', '广'),
    ('後', '后'),
    ('從', '从'),
    ('應', '应'),
    ('據', '据'),
    ('數', '数'),
    ('於', '于'),
    ('會', '会'),
    ('條', '条'),
    ('業', '业'),
    ('構', '构'),
    ('機', '机'),
    ('檔', '档'),
    ('權', '权'),
    ('決', '决'),
    ('況', '况'),
    ('減', '减'),
    ('準', '准'),
    ('濟', '济'),
    ('為', '为'),
    ('無', '无'),
    ('狀', '状'),
    ('現', '现'),
    ('發', '发'),
    ('確', '确'),
    ('範', '范'),
    ('糾', '纠'),
    ('約', '约'),
    ('納', '纳'),
    ('級', '级'),
    ('結', '结'),
    ('給', '给'),
    ('統', '统'),
    ('經', '经'),
    ('維', '维'),
    ('網', '网'),
    ('縣', '县'),
    ('總', '总'),
    ('織', '织'),
    ('義', '义'),
    ('與', '与'),
    ('舉', '举'),
    ('萬', '万'),
    ('處', '处'),
    ('裏', '里'),
    ('補', '补'),
    ('裡', '里'),
    ('製', '制'),
    ('複', '复'),
    ('覆', '复'),
    ('規', '规'),
    ('計', '计'),
    ('訊', '讯'),
    ('訟', '讼'),
    ('訪', '访'),
    ('訴', '诉'),
    ('詢', '询'),
    ('認', '认'),
    ('誤', '误'),
    ('請', '请'),
    ('證', '证'),
    ('議', '议'),
    ('費', '费'),
    ('資', '资'),
    ('賴', '赖'),
    ('較', '较'),
    ('轉', '转'),
    ('辦', '办'),
    ('這', '这'),
    ('過', '过'),
    ('達', '达'),
    ('銷', '销'),
    ('錯', '错'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('關', '关'),
    ('際', '际'),
    ('項', '项'),
    ('領', '领'),
    ('額', '额'),
    ('類', '类'),
    ('餘', '余'),
    ('體', '体'),
    ('．', '.'),
];
