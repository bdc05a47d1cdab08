//! Pagination of the document into A4 pages for the on-screen preview, from measured heights.
//!
//! The app measures each top-level block of the rendered document (in CSS px) and
//! [`paginate`] decides what goes on which page, the way Chromium's print layout does it:
//! a block that does not fit moves to the next page; a paragraph is split between lines
//! (keeping at least two lines on each side, CSS `orphans`/`widows`); a table is split between
//! rows and its header rows repeat on the continuation page; a heading stays with what follows
//! (`break-after: avoid`). Anything taller than a whole page is cut into page-high slices.
//! It knows nothing of the DOM: heights in, page assignments out.

use std::ops::Range;

/// Slack for rounding in measured heights, in the caller's unit.
const EPSILON: f64 = 0.5;

/// Lines a split paragraph keeps at least on each page (CSS `orphans` and `widows`).
const MIN_LINES: usize = 2;

/// One top-level block of the document with its measured height (margins included).
#[derive(Debug, Clone, PartialEq)]
pub enum MeasuredBlock {
    /// A block that moves whole: the title, the 落款, a figure.
    Whole {
        /// Its height.
        height: f64,
        /// Whether it must stay on the page of the next block (a heading).
        keep_with_next: bool,
    },
    /// A paragraph, breakable between its lines.
    Lines {
        /// Its height.
        height: f64,
        /// The height of one line.
        line: f64,
    },
    /// A table, breakable between the rows of its body.
    Table {
        /// The header rows together, repeated on every page the table runs onto.
        head: f64,
        /// Each body row.
        rows: Vec<f64>,
        /// What the table takes besides its rows (margins, borders), on every page.
        extra: f64,
    },
}

impl MeasuredBlock {
    /// The whole height of the block.
    pub fn height(&self) -> f64 {
        match self {
            MeasuredBlock::Whole { height, .. } | MeasuredBlock::Lines { height, .. } => *height,
            MeasuredBlock::Table { head, rows, extra } => head + extra + rows.iter().sum::<f64>(),
        }
    }

    /// The least of the block that can start a page: what a heading before it needs beside it.
    fn first_piece(&self) -> f64 {
        match self {
            MeasuredBlock::Whole { height, .. } => *height,
            MeasuredBlock::Lines { height, line } => height.min(line * MIN_LINES as f64),
            MeasuredBlock::Table { head, rows, extra } => {
                head + extra + rows.first().copied().unwrap_or(0.0)
            }
        }
    }
}

/// A piece of one block placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// The whole block `0` (an index into the measured blocks).
    Whole(usize),
    /// The part of block `block` from `offset` down, `height` high (a split paragraph, or a
    /// slice of a block taller than a page).
    Slice {
        /// The block.
        block: usize,
        /// Where the slice starts, from the top of the block.
        offset: f64,
        /// How high it is.
        height: f64,
    },
    /// The header and the body rows `rows` of table `block`.
    TableRows {
        /// The table block.
        block: usize,
        /// Its body rows on this page.
        rows: Range<usize>,
    },
}

/// One page: the pieces on it, top to bottom, and the height they take.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The pieces, top to bottom.
    pub pieces: Vec<Piece>,
    /// Their total height.
    pub used: f64,
}

/// Distributes `blocks` on pages `page_height` high. There is always at least one page.
pub fn paginate(blocks: &[MeasuredBlock], page_height: f64) -> Vec<Page> {
    let page_height = page_height.max(1.0);
    let mut layout = Layout {
        pages: Vec::new(),
        page: Page::default(),
        page_height,
    };
    for (index, block) in blocks.iter().enumerate() {
        match block {
            MeasuredBlock::Whole {
                height,
                keep_with_next,
            } => {
                let next = if *keep_with_next {
                    blocks
                        .get(index + 1)
                        .map_or(0.0, MeasuredBlock::first_piece)
                } else {
                    0.0
                };
                if !layout.fits_on_empty(*height) {
                    // Taller than a page: cut into slices from here on.
                    layout.slice(index, 0.0, *height);
                    continue;
                }
                // Start a new page when the block, with the start of what must stay with it,
                // does not fit here but would on a fresh page (or the block alone does not fit).
                if !layout.fits(height + next)
                    && (layout.fits_on_empty(height + next) || !layout.fits(*height))
                {
                    layout.break_page();
                }
                layout.place(Piece::Whole(index), *height);
            }
            MeasuredBlock::Lines { height, line } => layout.lines(index, *height, *line),
            MeasuredBlock::Table { head, rows, extra } => layout.table(index, *head, rows, *extra),
        }
    }
    layout.finish()
}

struct Layout {
    pages: Vec<Page>,
    page: Page,
    page_height: f64,
}

impl Layout {
    fn remaining(&self) -> f64 {
        self.page_height - self.page.used
    }

    fn fits(&self, height: f64) -> bool {
        height <= self.remaining() + EPSILON
    }

    fn fits_on_empty(&self, height: f64) -> bool {
        height <= self.page_height + EPSILON
    }

    fn is_empty(&self) -> bool {
        self.page.pieces.is_empty()
    }

    fn place(&mut self, piece: Piece, height: f64) {
        self.page.pieces.push(piece);
        self.page.used += height;
    }

    fn break_page(&mut self) {
        if !self.is_empty() {
            self.pages.push(std::mem::take(&mut self.page));
        }
    }

    /// Cuts block `index` from `offset` on into slices that fill the pages.
    fn slice(&mut self, index: usize, mut offset: f64, height: f64) {
        while height - offset > EPSILON {
            if self.remaining() <= EPSILON {
                self.break_page();
            }
            let take = (height - offset).min(self.remaining());
            self.place(
                Piece::Slice {
                    block: index,
                    offset,
                    height: take,
                },
                take,
            );
            offset += take;
        }
    }

    /// A paragraph: whole if it fits, otherwise split between lines.
    fn lines(&mut self, index: usize, height: f64, line: f64) {
        if self.fits(height) {
            self.place(Piece::Whole(index), height);
            return;
        }
        if line <= EPSILON {
            self.break_page();
            if self.fits(height) {
                self.place(Piece::Whole(index), height);
            } else {
                self.slice(index, 0.0, height);
            }
            return;
        }
        let mut offset = 0.0;
        loop {
            let rest = height - offset;
            if self.fits(rest) {
                if offset == 0.0 {
                    self.place(Piece::Whole(index), height);
                    return;
                }
                self.place(
                    Piece::Slice {
                        block: index,
                        offset,
                        height: rest,
                    },
                    rest,
                );
                return;
            }
            let fitting = ((self.remaining() + EPSILON) / line).floor().max(0.0) as usize;
            let rest_lines = (rest / line).round() as usize;
            let mut take = fitting.min(rest_lines.saturating_sub(MIN_LINES));
            if take < MIN_LINES {
                if !self.is_empty() {
                    self.break_page();
                    continue;
                }
                // A fresh page that cannot keep the widows: fill it anyway.
                take = fitting.max(1);
            }
            let slice = (take as f64 * line).min(rest);
            self.place(
                Piece::Slice {
                    block: index,
                    offset,
                    height: slice,
                },
                slice,
            );
            offset += slice;
            self.break_page();
        }
    }

    /// A table: as many rows as fit under its header on each page.
    fn table(&mut self, index: usize, head: f64, rows: &[f64], extra: f64) {
        let base = head + extra;
        if rows.is_empty() {
            if !self.fits(base) {
                self.break_page();
            }
            self.place(
                Piece::TableRows {
                    block: index,
                    rows: 0..0,
                },
                base,
            );
            return;
        }
        let mut start = 0;
        while start < rows.len() {
            let mut used = base;
            let mut end = start;
            while end < rows.len() && self.fits(used + rows[end]) {
                used += rows[end];
                end += 1;
            }
            if end == start {
                if !self.is_empty() {
                    self.break_page();
                    continue;
                }
                // A row taller than a page: it stands alone and is cut off at the bottom.
                used += rows[end];
                end += 1;
            }
            self.place(
                Piece::TableRows {
                    block: index,
                    rows: start..end,
                },
                used.min(self.page_height),
            );
            start = end;
            if start < rows.len() {
                self.break_page();
            }
        }
    }

    fn finish(mut self) -> Vec<Page> {
        if !self.is_empty() || self.pages.is_empty() {
            self.pages.push(self.page);
        }
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(height: f64) -> MeasuredBlock {
        MeasuredBlock::Whole {
            height,
            keep_with_next: false,
        }
    }

    fn heading(height: f64) -> MeasuredBlock {
        MeasuredBlock::Whole {
            height,
            keep_with_next: true,
        }
    }

    fn lines(count: usize) -> MeasuredBlock {
        MeasuredBlock::Lines {
            height: count as f64 * 10.0,
            line: 10.0,
        }
    }

    fn table(head: f64, rows: usize, row: f64) -> MeasuredBlock {
        MeasuredBlock::Table {
            head,
            rows: vec![row; rows],
            extra: 2.0,
        }
    }

    #[test]
    fn an_empty_document_has_one_empty_page() {
        assert_eq!(paginate(&[], 100.0), vec![Page::default()]);
    }

    #[test]
    fn blocks_that_fit_share_a_page_and_the_next_moves_whole() {
        let pages = paginate(&[whole(40.0), whole(50.0), whole(30.0)], 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].pieces, vec![Piece::Whole(0), Piece::Whole(1)]);
        assert_eq!(pages[1].pieces, vec![Piece::Whole(2)]);
    }

    #[test]
    fn a_paragraph_splits_between_lines_keeping_two_on_each_side() {
        // 60 used, 4 lines of 10 fit; 9 lines: 4 here, 5 on the next page.
        let pages = paginate(&[whole(60.0), lines(9)], 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[0].pieces[1],
            Piece::Slice {
                block: 1,
                offset: 0.0,
                height: 40.0
            }
        );
        assert_eq!(
            pages[1].pieces,
            vec![Piece::Slice {
                block: 1,
                offset: 40.0,
                height: 50.0
            }]
        );
        // Four lines fit but two must move along: three stay.
        let pages = paginate(&[whole(60.0), lines(5)], 100.0);
        assert_eq!(
            pages[0].pieces[1],
            Piece::Slice {
                block: 1,
                offset: 0.0,
                height: 30.0
            }
        );
        assert_eq!(pages[1].used, 20.0);
    }

    #[test]
    fn a_paragraph_with_room_for_one_line_moves_whole() {
        let pages = paginate(&[whole(85.0), lines(5)], 100.0);
        assert_eq!(pages[0].pieces, vec![Piece::Whole(0)]);
        assert_eq!(pages[1].pieces, vec![Piece::Whole(1)]);
    }

    #[test]
    fn a_paragraph_longer_than_pages_runs_over_several() {
        let pages = paginate(&[lines(25)], 100.0);
        assert_eq!(pages.len(), 3);
        let total: f64 = pages.iter().map(|page| page.used).sum();
        assert_eq!(total, 250.0);
    }

    #[test]
    fn a_table_splits_between_rows_and_repeats_its_head() {
        // head 10 + extra 2 + 10 rows of 10 = 112 on pages of 100, after 30 of prose.
        let pages = paginate(&[whole(30.0), table(10.0, 10, 10.0)], 100.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[0].pieces[1],
            Piece::TableRows {
                block: 1,
                rows: 0..5
            }
        );
        assert_eq!(
            pages[1].pieces,
            vec![Piece::TableRows {
                block: 1,
                rows: 5..10
            }]
        );
        assert_eq!(pages[1].used, 62.0);
    }

    #[test]
    fn a_table_without_room_for_one_row_starts_on_the_next_page() {
        let pages = paginate(&[whole(80.0), table(10.0, 3, 10.0)], 100.0);
        assert_eq!(pages[0].pieces, vec![Piece::Whole(0)]);
        assert_eq!(
            pages[1].pieces,
            vec![Piece::TableRows {
                block: 1,
                rows: 0..3
            }]
        );
    }

    #[test]
    fn a_heading_stays_with_what_follows() {
        let pages = paginate(&[whole(70.0), heading(10.0), table(10.0, 3, 10.0)], 100.0);
        assert_eq!(pages[0].pieces, vec![Piece::Whole(0)]);
        assert_eq!(pages[1].pieces[0], Piece::Whole(1));
        let pages = paginate(&[whole(70.0), heading(10.0), lines(4)], 100.0);
        assert_eq!(
            pages[0].pieces,
            vec![
                Piece::Whole(0),
                Piece::Whole(1),
                Piece::Slice {
                    block: 2,
                    offset: 0.0,
                    height: 20.0
                }
            ]
        );
    }

    #[test]
    fn a_block_taller_than_a_page_is_sliced() {
        let pages = paginate(&[whole(10.0), whole(250.0)], 100.0);
        assert_eq!(pages.len(), 3);
        assert_eq!(
            pages[0].pieces[1],
            Piece::Slice {
                block: 1,
                offset: 0.0,
                height: 90.0
            }
        );
        assert_eq!(pages[2].used, 60.0);
    }

    #[test]
    fn a_row_taller_than_a_page_stands_alone() {
        let blocks = [MeasuredBlock::Table {
            head: 10.0,
            rows: vec![10.0, 500.0, 10.0],
            extra: 0.0,
        }];
        let pages = paginate(&blocks, 100.0);
        assert_eq!(pages.len(), 3);
        assert_eq!(
            pages[1].pieces,
            vec![Piece::TableRows {
                block: 0,
                rows: 1..2
            }]
        );
    }

    #[test]
    fn nothing_is_lost_or_repeated() {
        let blocks = [
            whole(77.0),
            heading(12.0),
            lines(13),
            table(25.0, 30, 9.5),
            lines(3),
            heading(12.0),
            table(40.0, 1, 20.0),
            whole(50.0),
        ];
        let pages = paginate(&blocks, 225.0);
        let mut rows = Vec::new();
        let mut sliced = 0.0;
        let mut whole_blocks = Vec::new();
        for page in &pages {
            assert!(page.used <= 225.0 + EPSILON, "{page:?}");
            for piece in &page.pieces {
                match piece {
                    Piece::Whole(index) => whole_blocks.push(*index),
                    Piece::Slice { block, height, .. } => {
                        assert_eq!(*block, 2);
                        sliced += height;
                    }
                    Piece::TableRows {
                        block: 3,
                        rows: range,
                    } => rows.extend(range.clone()),
                    Piece::TableRows { .. } => {}
                }
            }
        }
        assert_eq!(rows, (0..30).collect::<Vec<_>>());
        if sliced > 0.0 {
            assert_eq!(sliced, 130.0);
        }
    }
}
