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

/// Scale of [`Quantity::value`].
pub(crate) const SCALE: i128 = 10_000;

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
    /// Normalises `original`.
    pub(crate) fn new(original: &str) -> Text {
        let mut chars = Vec::with_capacity(original.len() / 3 + 1);
        let mut offsets = Vec::with_capacity(original.len() / 3 + 2);
        for (offset, ch) in original.char_indices() {
            chars.push(normalise(ch));
            offsets.push(offset);
        }
        offsets.push(original.len());
        let mut depth = Vec::with_capacity(chars.len());
        let mut level: u16 = 0;
        for &ch in &chars {
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
                    // Unbalanced parentheses must not leak past the sentence.
                    if is_sentence_end(ch) {
                        level = 0;
                    }
                }
            }
        }
        Text {
            chars,
            offsets,
            depth,
        }
    }

    /// The original byte offset of character `index` (the text length past the end).
    pub(crate) fn byte(&self, index: usize) -> usize {
        self.offsets
            .get(index)
            .or(self.offsets.last())
            .copied()
            .unwrap_or(0)
    }

    /// Parenthesis depth at character `index`.
    pub(crate) fn depth(&self, index: usize) -> u16 {
        self.depth.get(index).copied().unwrap_or(0)
    }

    /// The normalised characters of `range` as a string.
    pub(crate) fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        self.chars
            .get(start.min(end)..end)
            .unwrap_or_default()
            .iter()
            .collect()
    }

    /// The normalised characters of `range` outside parentheses deeper than `depth`.
    pub(crate) fn slice_at_depth(&self, start: usize, end: usize, depth: u16) -> String {
        let end = end.min(self.chars.len());
        (start.min(end)..end)
            .filter(|&index| {
                let ch = self.chars[index];
                self.depth(index) <= depth && !(self.depth(index) == depth && is_paren(ch))
            })
            .map(|index| self.chars[index])
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
                && self.chars.get(index + 1).is_some_and(char::is_ascii_digit)
                && self.chars.get(index + 3).is_some_and(char::is_ascii_digit)
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
        let numeral: String = self.chars[start..index].iter().collect();
        let value = parse_chinese(&numeral)?;
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
        let rest = |index: usize| self.slice(index, (index + 2).min(end));
        if !rest(index).starts_with("万元") && !rest(index).starts_with("亿元") {
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
            || start > 1 && self.slice(start - 2, start) == "超过";
        if index < end && matches!(self.chars[index], '余' | '多') {
            approx = true;
            index += 1;
        }
        index = skip_spaces(index);
        let unit = UNITS
            .iter()
            .copied()
            .find(|unit| {
                let length = unit.chars().count();
                index + length <= end && self.slice(index, index + length) == *unit
            })
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
pub(crate) fn parse_chinese(numeral: &str) -> Option<i128> {
    if numeral.is_empty() {
        return None;
    }
    if numeral.chars().all(|ch| chinese_digit(ch).is_some()) {
        if numeral.chars().count() == 1 {
            return chinese_digit(numeral.chars().next()?);
        }
        // 二〇二三: a digit-by-digit year or code.
        return numeral.chars().try_fold(0i128, |acc, ch| {
            acc.checked_mul(10)?.checked_add(chinese_digit(ch)?)
        });
    }
    let mut total: i128 = 0;
    let mut section: i128 = 0;
    let mut digit: Option<i128> = None;
    for ch in numeral.chars() {
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
pub(crate) fn normalise(ch: char) -> char {
    if ('０'..='９').contains(&ch) {
        return char::from_u32(u32::from(ch) - u32::from('０') + u32::from('0')).unwrap_or(ch);
    }
    match ch {
        '．' => '.',
        '兩' => '两',
        '萬' => '万',
        '億' => '亿',
        '請' => '请',
        '處' => '处',
        '開' => '开',
        '複' | '覆' => '复',
        '訴' => '诉',
        '訟' => '讼',
        '議' => '议',
        '結' => '结',
        '轉' => '转',
        '總' => '总',
        '計' => '计',
        '項' => '项',
        '個' => '个',
        '條' => '条',
        '無' => '无',
        '辦' => '办',
        '與' => '与',
        '為' => '为',
        '關' => '关',
        '機' => '机',
        '據' => '据',
        '達' => '达',
        '體' => '体',
        '單' => '单',
        '織' => '织',
        '業' => '业',
        '構' => '构',
        '維' => '维',
        '審' => '审',
        '糾' => '纠',
        '備' => '备',
        '較' => '较',
        '長' => '长',
        '減' => '减',
        '額' => '额',
        '費' => '费',
        '圓' => '元',
        '納' => '纳',
        '會' => '会',
        '應' => '应',
        '發' => '发',
        '佈' => '布',
        '廣' => '广',
        '現' => '现',
        '製' => '制',
        '規' => '规',
        '範' => '范',
        '門' => '门',
        '數' => '数',
        '類' => '类',
        '準' => '准',
        '舉' => '举',
        '報' => '报',
        '訪' => '访',
        '屬' => '属',
        '對' => '对',
        '於' => '于',
        '這' => '这',
        '們' => '们',
        '區' => '区',
        '縣' => '县',
        '級' => '级',
        '內' => '内',
        '務' => '务',
        '過' => '过',
        '執' => '执',
        '詢' => '询',
        '補' => '补',
        '確' => '确',
        '認' => '认',
        '銷' => '销',
        '裡' | '裏' => '里',
        '誤' => '误',
        '錯' => '错',
        '實' => '实',
        '際' => '际',
        '統' => '统',
        '檔' => '档',
        '證' => '证',
        '領' => '领',
        '導' => '导',
        '網' => '网',
        '經' => '经',
        '濟' => '济',
        '資' => '资',
        '訊' => '讯',
        '權' => '权',
        '義' => '义',
        '並' => '并',
        '將' => '将',
        '從' => '从',
        '給' => '给',
        '專' => '专',
        '賴' => '赖',
        '約' => '约',
        '餘' => '余',
        '來' => '来',
        '後' => '后',
        '決' => '决',
        '狀' => '状',
        '況' => '况',
        _ => ch,
    }
}
