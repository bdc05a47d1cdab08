//! Running a page's content stream for its text: the graphics state (`q`/`Q`/`cm`), the text
//! state (`BT`…`ET`, `Tf`, `Tc`, `Tw`, `Tz`, `TL`, `Ts`, the matrices) and the text-showing
//! operators, so each glyph is placed where the page draws it, with the width its font gives.
//! Form XObjects are run in place, since some producers put a page's text in them.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use crate::layout::Glyph;

/// A 2-D affine matrix `[a b c d e f]` as PDF writes it (row vector times matrix).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self × other`: first `self`, then `other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
}

/// A font as far as text extraction needs it.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Type0 (composite) fonts take two bytes per character code (Identity-H and the CJK
    /// CMaps these reports use); simple fonts one.
    two_byte: bool,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

impl<'a> Font<'a> {
    fn read(document: &'a Document, dict: &'a Dictionary) -> Font<'a> {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let two_byte = subtype == b"Type0";
        let has_to_unicode = dict.get(b"ToUnicode").is_ok();
        // Without a ToUnicode map, a composite font's codes are glyph ids: no characters.
        let encoding = if two_byte && !has_to_unicode {
            None
        } else {
            dict.get_font_encoding(document).ok()
        };
        let mut widths = HashMap::new();
        let mut default_width = if two_byte { 1000.0 } else { 500.0 };
        if two_byte {
            let descendant = deref(document, dict.get(b"DescendantFonts").ok())
                .and_then(|object| object.as_array().ok())
                .and_then(|array| deref(document, array.first()))
                .and_then(|object| object.as_dict().ok());
            if let Some(descendant) = descendant {
                if let Some(dw) = deref(document, descendant.get(b"DW").ok()).and_then(number) {
                    default_width = dw;
                }
                if let Some(w) = deref(document, descendant.get(b"W").ok())
                    .and_then(|object| object.as_array().ok())
                {
                    read_cid_widths(document, w, &mut widths);
                }
            }
        } else {
            let first = deref(document, dict.get(b"FirstChar").ok())
                .and_then(number)
                .unwrap_or(0.0) as u32;
            if let Some(array) =
                deref(document, dict.get(b"Widths").ok()).and_then(|object| object.as_array().ok())
            {
                for (i, width) in array.iter().enumerate() {
                    if let Some(width) = deref(document, Some(width)).and_then(number) {
                        widths.insert(first + i as u32, width);
                    }
                }
            }
        }
        Font {
            encoding,
            two_byte,
            widths,
            default_width,
        }
    }

    fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            / 1000.0
    }

    /// The character codes of a shown string with their bytes.
    fn codes<'s>(&self, bytes: &'s [u8]) -> Vec<(u32, &'s [u8])> {
        let size = if self.two_byte { 2 } else { 1 };
        bytes
            .chunks(size)
            .map(|chunk| {
                let code = chunk.iter().fold(0u32, |code, &b| code << 8 | u32::from(b));
                (code, chunk)
            })
            .collect()
    }

    fn text(&self, bytes: &[u8]) -> Option<String> {
        let text = self.encoding.as_ref()?.bytes_to_string(bytes).ok()?;
        // U+FFFD is lopdf's "no mapping"; a NUL is a code mapped to nothing.
        let text: String = text.chars().filter(|ch| *ch != '\0').collect();
        (!text.contains('\u{fffd}')).then_some(text)
    }
}

/// `W` of a CIDFont: `c [w1 w2 …]` (widths from c on) or `c_first c_last w` (one width).
fn read_cid_widths(document: &Document, w: &[Object], widths: &mut HashMap<u32, f64>) {
    let mut items = w.iter().map(|item| deref(document, Some(item)));
    while let Some(Some(first)) = items.next() {
        let Some(first) = number(first) else { return };
        match items.next().flatten() {
            Some(Object::Array(list)) => {
                for (i, width) in list.iter().enumerate() {
                    if let Some(width) = deref(document, Some(width)).and_then(number) {
                        widths.insert(first as u32 + i as u32, width);
                    }
                }
            }
            Some(last) => {
                let (Some(last), Some(width)) =
                    (number(last), items.next().flatten().and_then(number))
                else {
                    return;
                };
                // A range wider than any font is damage, not widths.
                if last >= first && last - first <= 65_535.0 {
                    for code in first as u32..=last as u32 {
                        widths.insert(code, width);
                    }
                }
            }
            None => return,
        }
    }
}

fn deref<'a>(document: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    document.dereference(object?).ok().map(|(_, object)| object)
}

fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(value) => Some(*value as f64),
        Object::Real(value) => Some(f64::from(*value)),
        _ => None,
    }
}

/// The graphics and text state that `q`/`Q` save and restore.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

/// A page's glyphs, and how many could not be read as characters.
pub(crate) struct Page {
    pub(crate) glyphs: Vec<Glyph>,
    pub(crate) unreadable: usize,
    /// The page's content could not be decoded, so its text is missing.
    pub(crate) damaged: bool,
}

/// A page's content inflated beyond this is damage or a decompression bomb, not a report.
const MAX_PAGE_CONTENT: usize = 64 << 20;

/// Forms inside forms deeper than this are damage (or a loop), not content.
const MAX_FORM_DEPTH: usize = 8;

/// Every glyph of the page, in page coordinates with y growing downwards from the top edge.
pub(crate) fn page_glyphs(document: &Document, page_id: ObjectId) -> Page {
    let mut page = Page {
        glyphs: Vec::new(),
        unreadable: 0,
        damaged: false,
    };
    let Ok(page_dict) = document.get_dictionary(page_id) else {
        return page;
    };
    let top = page_top(document, page_dict);
    let resources = page_resources(document, page_id);
    // lopdf's `get_page_content` puts a stream that fails to inflate in raw, which reads as
    // an empty page: each stream is inflated here, and a failure marks the page damaged.
    let mut content = Vec::new();
    for id in document.get_page_contents(page_id) {
        let Ok(stream) = document.get_object(id).and_then(Object::as_stream) else {
            page.damaged = true;
            continue;
        };
        match inflate(stream, MAX_PAGE_CONTENT.saturating_sub(content.len())) {
            Some(data) => content.extend_from_slice(&data),
            None => page.damaged = true,
        }
        content.push(b'\n');
    }
    let mut runner = Runner {
        document,
        fonts: HashMap::new(),
        page: &mut page,
        top,
    };
    let state = State {
        ctm: Matrix::IDENTITY,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    runner.run(&content, resources, state, 0);
    page
}

/// A stream's data with its filters undone, within `limit` bytes; `None` when it cannot be.
fn inflate(stream: &lopdf::Stream, limit: usize) -> Option<Vec<u8>> {
    if stream.dict.get(b"Filter").is_ok() {
        // lopdf answers data that does not inflate with nothing rather than an error.
        let data = stream.decompressed_content_with_limit(limit).ok()?;
        (!data.is_empty() || stream.content.is_empty()).then_some(data)
    } else {
        (stream.content.len() <= limit).then(|| stream.content.clone())
    }
}

/// The top edge of the page (y of the crop box's or media box's top), so y can be flipped.
fn page_top(document: &Document, page: &Dictionary) -> f64 {
    let boxed = |key: &[u8]| {
        let mut dict = Some(page);
        // MediaBox and CropBox are inherited from the page tree.
        for _ in 0..32 {
            let current = dict?;
            if let Some(array) =
                deref(document, current.get(key).ok()).and_then(|object| object.as_array().ok())
            {
                let values: Vec<f64> = array
                    .iter()
                    .filter_map(|v| deref(document, Some(v)).and_then(number))
                    .collect();
                if values.len() == 4 {
                    return Some(values[1].max(values[3]));
                }
            }
            dict = current
                .get(b"Parent")
                .ok()
                .and_then(|parent| parent.as_reference().ok())
                .and_then(|id| document.get_dictionary(id).ok());
        }
        None
    };
    boxed(b"CropBox")
        .or_else(|| boxed(b"MediaBox"))
        .unwrap_or(842.0)
}

fn page_resources(document: &Document, page_id: ObjectId) -> Option<&Dictionary> {
    let (dict, ids) = document.get_page_resources(page_id).ok()?;
    dict.or_else(|| ids.first().and_then(|id| document.get_dictionary(*id).ok()))
}

struct Runner<'a, 'p> {
    document: &'a Document,
    /// Fonts read so far, by object (a font is shared by pages and forms).
    fonts: HashMap<*const Dictionary, Font<'a>>,
    page: &'p mut Page,
    top: f64,
}

impl<'a> Runner<'a, '_> {
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        state: State,
        depth: usize,
    ) {
        let Ok(content) = Content::decode(content) else {
            self.page.damaged = true;
            return;
        };
        let mut state = state;
        let mut saved: Vec<State> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        for op in &content.operations {
            let operands = &op.operands;
            let num = |i: usize| operands.get(i).and_then(number).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => saved.push(state.clone()),
                "Q" => {
                    if let Some(previous) = saved.pop() {
                        state = previous;
                    }
                }
                "cm" if operands.len() == 6 => {
                    let m = Matrix([num(0), num(1), num(2), num(3), num(4), num(5)]);
                    state.ctm = m.then(state.ctm);
                }
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    state.font = operands
                        .first()
                        .and_then(|name| name.as_name().ok())
                        .map(<[u8]>::to_vec);
                    state.size = num(1);
                }
                "Tc" => state.char_spacing = num(0),
                "Tw" => state.word_spacing = num(0),
                "Tz" => state.scale = num(0) / 100.0,
                "TL" => state.leading = num(0),
                "Ts" => state.rise = num(0),
                "Td" => {
                    tlm = Matrix::translate(num(0), num(1)).then(tlm);
                    tm = tlm;
                }
                "TD" => {
                    state.leading = -num(1);
                    tlm = Matrix::translate(num(0), num(1)).then(tlm);
                    tm = tlm;
                }
                "Tm" if operands.len() == 6 => {
                    tlm = Matrix([num(0), num(1), num(2), num(3), num(4), num(5)]);
                    tm = tlm;
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(bytes) = operands.first().and_then(|s| s.as_str().ok()) {
                        self.show(bytes, &state, &mut tm, resources);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        state.word_spacing = num(0);
                        state.char_spacing = num(1);
                    }
                    tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                    tm = tlm;
                    if let Some(bytes) = operands.last().and_then(|s| s.as_str().ok()) {
                        self.show(bytes, &state, &mut tm, resources);
                    }
                }
                "TJ" => {
                    let Some(items) = operands.first().and_then(|a| a.as_array().ok()) else {
                        continue;
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                self.show(bytes, &state, &mut tm, resources)
                            }
                            other => {
                                if let Some(adjust) = number(other) {
                                    let tx = -adjust / 1000.0 * state.size * state.scale;
                                    tm = Matrix::translate(tx, 0.0).then(tm);
                                }
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = operands.first().and_then(|n| n.as_name().ok()) {
                        self.form(name, resources, &state, depth);
                    }
                }
                _ => {}
            }
        }
    }

    /// Runs a Form XObject named `name` in the current state.
    fn form(
        &mut self,
        name: &[u8],
        resources: Option<&'a Dictionary>,
        state: &State,
        depth: usize,
    ) {
        let document = self.document;
        let Some(stream) = resources
            .and_then(|r| deref(document, r.get(b"XObject").ok()))
            .and_then(|x| x.as_dict().ok())
            .and_then(|x| deref(document, x.get(name).ok()))
            .and_then(|s| s.as_stream().ok())
        else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return;
        }
        let Some(content) = inflate(stream, MAX_PAGE_CONTENT) else {
            self.page.damaged = true;
            return;
        };
        let matrix = deref(document, stream.dict.get(b"Matrix").ok())
            .and_then(|m| m.as_array().ok())
            .map(|m| {
                m.iter()
                    .filter_map(|v| deref(document, Some(v)).and_then(number))
                    .collect::<Vec<_>>()
            })
            .filter(|m| m.len() == 6)
            .map_or(Matrix::IDENTITY, |m| {
                Matrix([m[0], m[1], m[2], m[3], m[4], m[5]])
            });
        let own =
            deref(document, stream.dict.get(b"Resources").ok()).and_then(|r| r.as_dict().ok());
        let mut inner = state.clone();
        inner.ctm = matrix.then(state.ctm);
        self.run(&content, own.or(resources), inner, depth + 1);
    }

    /// Places the glyphs of one shown string and moves the text matrix past them.
    fn show(
        &mut self,
        bytes: &[u8],
        state: &State,
        tm: &mut Matrix,
        resources: Option<&'a Dictionary>,
    ) {
        let document = self.document;
        let Some(dict) = state.font.as_deref().and_then(|name| {
            resources
                .and_then(|r| deref(document, r.get(b"Font").ok()))
                .and_then(|f| f.as_dict().ok())
                .and_then(|f| deref(document, f.get(name).ok()))
                .and_then(|f| f.as_dict().ok())
        }) else {
            return;
        };
        let font = self
            .fonts
            .entry(std::ptr::from_ref(dict))
            .or_insert_with(|| Font::read(document, dict));
        for (code, code_bytes) in font.codes(bytes) {
            let advance = font.width(code) * state.size
                + state.char_spacing
                + if !font.two_byte && code == 32 {
                    state.word_spacing
                } else {
                    0.0
                };
            let tx = advance * state.scale;
            let render = Matrix([
                state.size * state.scale,
                0.0,
                0.0,
                state.size,
                0.0,
                state.rise,
            ])
            .then(*tm)
            .then(state.ctm);
            let text_space = tm.then(state.ctm);
            let [a, b, c, d, _, _] = text_space.0;
            let width = (tx * a).hypot(tx * b);
            let size = state.size * c.hypot(d);
            match font.text(code_bytes) {
                // Spaces are kept: a typed space is the only sign of one beside Chinese text.
                Some(text) if !text.is_empty() => self.page.glyphs.push(Glyph {
                    x: render.0[4],
                    y: self.top - render.0[5],
                    width,
                    size,
                    text,
                }),
                Some(_) => {}
                None => self.page.unreadable += 1,
            }
            *tm = Matrix::translate(tx, 0.0).then(*tm);
        }
    }
}
