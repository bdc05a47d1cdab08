//! The official report formats as data: section headings, the three tables with their exact
//! labels and merged header cells, the cell keys and what each cell holds.
//!
//! Everything here is `'static` so a renderer or the validator can walk it without copying;
//! the only computed part is the flat list of cells (`Template::cells`), built once per
//! template. Labels are copied character for character from `spec/official-format.md`
//! (§A.2–A.6): full-width parentheses, the enumeration comma 、, curly quotes in
//! “三安全一稳定”. Rules between cells live in `rules`, not here.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::figure::CellKind;

/// Which official format a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
pub enum TemplateId {
    /// 国办公开办函〔2021〕30号, for the 2021 report onwards.
    #[serde(rename = "gov-2021")]
    Gov2021,
    /// 国办公开办函〔2019〕60号 (试行), for the 2019 and 2020 reports.
    #[serde(rename = "gov-2019")]
    Gov2019,
    /// The 2007 条例 era (2008–2018): free headed sections, no tables.
    #[serde(rename = "legacy")]
    Legacy,
}

impl TemplateId {
    /// The id as written in the report file.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateId::Gov2021 => "gov-2021",
            TemplateId::Gov2019 => "gov-2019",
            TemplateId::Legacy => "legacy",
        }
    }
}

/// One cell of a printed header or label column, with its merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderCell {
    /// The text printed in the cell.
    pub label: &'static str,
    /// Rows the cell spans (1 = no merge).
    pub rowspan: u8,
    /// Columns the cell spans (1 = no merge).
    pub colspan: u8,
}

const fn cell(label: &'static str) -> HeaderCell {
    HeaderCell {
        label,
        rowspan: 1,
        colspan: 1,
    }
}

const fn span(label: &'static str, rowspan: u8, colspan: u8) -> HeaderCell {
    HeaderCell {
        label,
        rowspan,
        colspan,
    }
}

/// A report section of a `gov-*` template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionSpec {
    /// The id used in the file (`overview`, `problems`, …).
    pub id: &'static str,
    /// The official heading, empty for the preamble.
    pub heading: &'static str,
    /// The id of the table printed in this section, if any.
    pub table: Option<&'static str>,
}

/// A data column of a table block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The last segment of the cell key.
    pub key: &'static str,
    /// The official column label.
    pub label: &'static str,
    /// What the cells of this column hold.
    pub kind: CellKind,
}

/// A data row of a table block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSpec {
    /// The middle segment(s) of the cell key, e.g. `withheld.third_party`.
    pub key: &'static str,
    /// The label of the row's own line, e.g. `4.保护第三方合法权益`.
    pub label: &'static str,
    /// The merged group label the row sits under, e.g. `（三）不予公开`, if any.
    pub group: Option<&'static str>,
    /// The label cells that *start* on this row when printed, left to right, with their
    /// merges (as an HTML table lists them): cells spanning down from an earlier row are
    /// not repeated.
    pub label_cells: &'static [HeaderCell],
}

impl RowSpec {
    /// The label used in messages: the group (if any) and the row's own label.
    pub fn full_label(&self) -> String {
        match self.group {
            // `行政诉讼·复议后起诉` reads as one phrase; `（三）不予公开 1.属于国家秘密` needs a space.
            Some(group) if group.ends_with('·') => format!("{group}{}", self.label),
            Some(group) => format!("{group} {}", self.label),
            None => self.label.to_string(),
        }
    }
}

/// A block of a table: a run of rows sharing one set of columns. `active` has one block per
/// 第二十条 item; `requests` and `appeals` have one block each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockSpec {
    /// A caption row spanning the table (e.g. `第二十条第（一）项`), or empty.
    pub caption: &'static str,
    /// The block's own header row (e.g. `信息内容 | 本年制发件数 | …`), or empty.
    pub header: &'static [HeaderCell],
    /// The data columns, in printed order.
    pub columns: &'static [ColumnSpec],
    /// The data rows, in printed order.
    pub rows: &'static [&'static RowSpec],
}

/// How a table's cells are laid out when printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableLayout {
    /// One printed row per data row, label cells first.
    Rows,
    /// Every cell on a single printed row under the header (row after row, column after
    /// column), as table 四 prints its 3 × 5 cells in one line of 15.
    SingleRow,
}

/// One of the official tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec {
    /// The first segment of the cell key: `active`, `requests` or `appeals`.
    pub id: &'static str,
    /// The heading of the section the table sits in.
    pub title: &'static str,
    /// The header rows printed above the data, with merges; empty when each block brings
    /// its own header (`active`).
    pub header_rows: &'static [&'static [HeaderCell]],
    /// Width of the printed grid in columns (label and data columns together).
    pub grid_columns: u8,
    /// How the cells are printed.
    pub layout: TableLayout,
    /// The blocks, in printed order.
    pub blocks: &'static [BlockSpec],
}

impl TableSpec {
    /// Every row of every block, in printed order.
    pub fn rows(&self) -> impl Iterator<Item = &'static RowSpec> + '_ {
        self.blocks
            .iter()
            .flat_map(|block| block.rows.iter().copied())
    }
}

/// A numeric cell outside the tables (the 信息处理费 figures of section 六).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LooseCellSpec {
    /// The full cell key.
    pub key: &'static str,
    /// What the cell is, in words.
    pub label: &'static str,
    /// What it holds.
    pub kind: CellKind,
}

/// One official report format.
#[derive(Debug)]
pub struct Template {
    /// The id written in the file.
    pub id: TemplateId,
    /// The name shown to users, e.g. `2021 版格式（国办公开办函〔2021〕30号）`.
    pub name: &'static str,
    /// The sections in order; empty for `legacy`, whose sections are free.
    pub sections: &'static [SectionSpec],
    /// The tables in order.
    pub tables: &'static [&'static TableSpec],
    /// Optional numeric cells outside the tables.
    pub loose_cells: &'static [LooseCellSpec],
    cells: &'static LazyLock<Cells>,
}

/// Where a cell sits in its template, for messages and renderers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellSpec {
    /// The full key, e.g. `requests.withheld.third_party.natural`.
    pub key: String,
    /// The table, or `None` for a loose cell.
    pub table: Option<&'static TableSpec>,
    /// The row, or `None` for a loose cell.
    pub row: Option<&'static RowSpec>,
    /// The column, or `None` for a loose cell.
    pub column: Option<&'static ColumnSpec>,
    /// The label used in messages: `（一）予以公开 · 自然人`.
    pub label: String,
    /// What it holds.
    pub kind: CellKind,
    /// Whether leaving it blank is fine (the format does not print it).
    pub optional: bool,
}

/// The flat cell list of a template and an index from key to position.
#[derive(Debug)]
pub(crate) struct Cells {
    list: Vec<CellSpec>,
    index: BTreeMap<String, usize>,
}

impl Template {
    /// The template with this id.
    pub fn get(id: TemplateId) -> &'static Template {
        match id {
            TemplateId::Gov2021 => &GOV_2021,
            TemplateId::Gov2019 => &GOV_2019,
            TemplateId::Legacy => &LEGACY,
        }
    }

    /// The template a report of `year` should use: 2021 format from 2021, the 2019 trial
    /// format for 2019 and 2020, and the free legacy form before.
    pub fn for_year(year: i32) -> &'static Template {
        Template::get(TemplateId::for_year(year))
    }

    /// All templates, newest first.
    pub fn all() -> [&'static Template; 3] {
        [&GOV_2021, &GOV_2019, &LEGACY]
    }

    /// The tables, in printed order.
    pub fn tables(&self) -> &'static [&'static TableSpec] {
        self.tables
    }

    /// The table with this id.
    pub fn table(&self, id: &str) -> Option<&'static TableSpec> {
        self.tables.iter().copied().find(|table| table.id == id)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&'static SectionSpec> {
        self.sections.iter().find(|section| section.id == id)
    }

    /// Every numeric cell in template order: tables row by row, then loose cells.
    pub fn cells(&self) -> &[CellSpec] {
        &self.cells.list
    }

    /// Every cell key in template order.
    pub fn cell_keys(&self) -> impl Iterator<Item = &str> {
        self.cells.list.iter().map(|cell| cell.key.as_str())
    }

    /// The cell with this key, if the template has it.
    pub fn cell_spec(&self, key: &str) -> Option<&CellSpec> {
        self.cell_index(key)
            .and_then(|index| self.cells.list.get(index))
    }

    /// The cell's name as the clerk reads it (its label in the official table, for example
    /// "本年新收政府信息公开申请数量 · 自然人"), or its key when the template has no such cell.
    pub fn cell_label(&self, key: &str) -> String {
        self.cell_spec(key)
            .map_or_else(|| key.to_string(), |spec| spec.label.clone())
    }

    /// The position of a cell in `cells()`.
    pub fn cell_index(&self, key: &str) -> Option<usize> {
        self.cells.index.get(key).copied()
    }

    /// Every cell key in key order (as a report's figures are kept), for walking both in step.
    pub(crate) fn sorted_cell_keys(&self) -> impl Iterator<Item = &str> {
        self.cells.index.keys().map(String::as_str)
    }

    /// Every cell key in key order with its position in [`Template::cells`].
    pub(crate) fn sorted_cell_positions(&self) -> impl Iterator<Item = (&str, usize)> {
        self.cells
            .index
            .iter()
            .map(|(key, &index)| (key.as_str(), index))
    }
}

impl TemplateId {
    /// See [`Template::for_year`].
    pub fn for_year(year: i32) -> TemplateId {
        match year {
            2021.. => TemplateId::Gov2021,
            2019 | 2020 => TemplateId::Gov2019,
            _ => TemplateId::Legacy,
        }
    }
}

/// Builds the flat cell list of a template from its tables.
fn build_cells(tables: &'static [&'static TableSpec], loose: &'static [LooseCellSpec]) -> Cells {
    let mut list = Vec::new();
    for &table in tables {
        for block in table.blocks {
            for &row in block.rows {
                for column in block.columns {
                    list.push(CellSpec {
                        key: format!("{}.{}.{}", table.id, row.key, column.key),
                        table: Some(table),
                        row: Some(row),
                        column: Some(column),
                        label: format!("{} · {}", row.full_label(), column.label),
                        kind: column.kind,
                        optional: false,
                    });
                }
            }
        }
    }
    for loose_cell in loose {
        list.push(CellSpec {
            key: loose_cell.key.to_string(),
            table: None,
            row: None,
            column: None,
            label: loose_cell.label.to_string(),
            kind: loose_cell.kind,
            optional: true,
        });
    }
    let index = list
        .iter()
        .enumerate()
        .map(|(position, cell)| (cell.key.clone(), position))
        .collect();
    Cells { list, index }
}

// ---- Sections (§A.2) ----

const GOV_SECTIONS: &[SectionSpec] = &[
    SectionSpec {
        id: "preamble",
        heading: "",
        table: None,
    },
    SectionSpec {
        id: "overview",
        heading: "一、总体情况",
        table: None,
    },
    SectionSpec {
        id: "active",
        heading: "二、主动公开政府信息情况",
        table: Some("active"),
    },
    SectionSpec {
        id: "requests",
        heading: "三、收到和处理政府信息公开申请情况",
        table: Some("requests"),
    },
    SectionSpec {
        id: "appeals",
        heading: "四、政府信息公开行政复议、行政诉讼情况",
        table: Some("appeals"),
    },
    SectionSpec {
        id: "problems",
        heading: "五、存在的主要问题及改进情况",
        table: None,
    },
    SectionSpec {
        id: "other",
        heading: "六、其他需要报告的事项",
        table: None,
    },
];

// ---- Table 二, 2021 format (§A.3) ----

const fn count(key: &'static str, label: &'static str) -> ColumnSpec {
    ColumnSpec {
        key,
        label,
        kind: CellKind::Count,
    }
}

const fn plain_row(key: &'static str, label: &'static str) -> RowSpec {
    RowSpec {
        key,
        label,
        group: None,
        label_cells: &[],
    }
}

static REGULATIONS: RowSpec = plain_row("regulations", "规章");
static NORMATIVE_DOCS_2021: RowSpec = plain_row("normative_docs", "行政规范性文件");
static LICENSING: RowSpec = plain_row("licensing", "行政许可");
static PENALTY: RowSpec = plain_row("penalty", "行政处罚");
static COERCION: RowSpec = plain_row("coercion", "行政强制");
static FEES: RowSpec = plain_row("fees", "行政事业性收费");

const DECISIONS_2021: &[ColumnSpec] = &[count("decisions", "本年处理决定数量")];
const DECISIONS_HEADER_2021: &[HeaderCell] = &[cell("信息内容"), span("本年处理决定数量", 1, 3)];

static ACTIVE_2021: TableSpec = TableSpec {
    id: "active",
    title: "二、主动公开政府信息情况",
    header_rows: &[],
    grid_columns: 4,
    layout: TableLayout::Rows,
    blocks: &[
        BlockSpec {
            caption: "第二十条第（一）项",
            header: &[
                cell("信息内容"),
                cell("本年制发件数"),
                cell("本年废止件数"),
                cell("现行有效件数"),
            ],
            columns: &[
                count("issued", "本年制发件数"),
                count("repealed", "本年废止件数"),
                count("in_force", "现行有效件数"),
            ],
            rows: &[&REGULATIONS, &NORMATIVE_DOCS_2021],
        },
        BlockSpec {
            caption: "第二十条第（五）项",
            header: DECISIONS_HEADER_2021,
            columns: DECISIONS_2021,
            rows: &[&LICENSING],
        },
        BlockSpec {
            caption: "第二十条第（六）项",
            header: DECISIONS_HEADER_2021,
            columns: DECISIONS_2021,
            rows: &[&PENALTY, &COERCION],
        },
        BlockSpec {
            caption: "第二十条第（八）项",
            header: &[cell("信息内容"), span("本年收费金额（单位：万元）", 1, 3)],
            columns: &[ColumnSpec {
                key: "amount_wan",
                label: "本年收费金额（单位：万元）",
                kind: CellKind::AmountWan,
            }],
            rows: &[&FEES],
        },
    ],
};

// ---- Table 二, 2019 trial format (§A.6) ----

static NORMATIVE_DOCS_2019: RowSpec = plain_row("normative_docs", "规范性文件");
static OTHER_SERVICES: RowSpec = plain_row("other_services", "其他对外管理服务事项");
static PROCUREMENT: RowSpec = plain_row("procurement", "政府集中采购");

const ITEMS_COLUMNS_2019: &[ColumnSpec] = &[
    count("prev_items", "上一年项目数量"),
    ColumnSpec {
        key: "change",
        label: "本年增/减",
        kind: CellKind::SignedCount,
    },
    count("decisions", "处理决定数量"),
];
const ITEMS_HEADER_2019: &[HeaderCell] = &[
    cell("信息内容"),
    cell("上一年项目数量"),
    cell("本年增/减"),
    cell("处理决定数量"),
];

static ACTIVE_2019: TableSpec = TableSpec {
    id: "active",
    title: "二、主动公开政府信息情况",
    header_rows: &[],
    grid_columns: 4,
    layout: TableLayout::Rows,
    blocks: &[
        BlockSpec {
            caption: "第二十条第（一）项",
            header: &[
                cell("信息内容"),
                cell("本年新制作数量"),
                cell("本年新公开数量"),
                cell("对外公开总数量"),
            ],
            columns: &[
                count("made", "本年新制作数量"),
                count("published", "本年新公开数量"),
                count("total_public", "对外公开总数量"),
            ],
            rows: &[&REGULATIONS, &NORMATIVE_DOCS_2019],
        },
        BlockSpec {
            caption: "第二十条第（五）项",
            header: ITEMS_HEADER_2019,
            columns: ITEMS_COLUMNS_2019,
            rows: &[&LICENSING, &OTHER_SERVICES],
        },
        BlockSpec {
            caption: "第二十条第（六）项",
            header: ITEMS_HEADER_2019,
            columns: ITEMS_COLUMNS_2019,
            rows: &[&PENALTY, &COERCION],
        },
        BlockSpec {
            caption: "第二十条第（八）项",
            header: &[cell("信息内容"), cell("上一年项目数量"), cell("本年增/减")],
            columns: &[
                count("prev_items", "上一年项目数量"),
                ColumnSpec {
                    key: "change",
                    label: "本年增/减",
                    kind: CellKind::SignedCount,
                },
            ],
            rows: &[&FEES],
        },
        BlockSpec {
            caption: "第二十条第（九）项",
            header: &[cell("信息内容"), cell("采购项目数量"), cell("采购总金额")],
            columns: &[
                count("items", "采购项目数量"),
                ColumnSpec {
                    key: "amount",
                    label: "采购总金额",
                    kind: CellKind::Amount,
                },
            ],
            rows: &[&PROCUREMENT],
        },
    ],
};

// ---- Table 三 (§A.4; the 2019 form differs only in （六）, §A.6) ----

const REQUEST_COLUMNS: &[ColumnSpec] = &[
    count("natural", "自然人"),
    count("business", "商业企业"),
    count("research", "科研机构"),
    count("nonprofit", "社会公益组织"),
    count("legal", "法律服务机构"),
    count("other", "其他"),
    count("total", "总计"),
];

const REQUEST_HEADER: &[&[HeaderCell]] = &[
    &[
        span(
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            3,
            3,
        ),
        span("申请人情况", 1, 7),
    ],
    &[
        span("自然人", 2, 1),
        span("法人或其他组织", 1, 5),
        span("总计", 2, 1),
    ],
    &[
        cell("商业企业"),
        cell("科研机构"),
        cell("社会公益组织"),
        cell("法律服务机构"),
        cell("其他"),
    ],
];

const RESULTS: &str = "三、本年度办理结果";
const WITHHELD: &str = "（三）不予公开";
const UNAVAILABLE: &str = "（四）无法提供";
const REJECTED: &str = "（五）不予处理";
const OTHER: &str = "（六）其他处理";

/// A row whose label spans all three label columns (一、二、四).
const fn top_row(key: &'static str, label_cells: &'static [HeaderCell; 1]) -> RowSpec {
    RowSpec {
        key,
        label: label_cells[0].label,
        group: None,
        label_cells,
    }
}

const fn sub_row(
    key: &'static str,
    label: &'static str,
    group: &'static str,
    label_cells: &'static [HeaderCell],
) -> RowSpec {
    RowSpec {
        key,
        label,
        group: Some(group),
        label_cells,
    }
}

static NEW: RowSpec = top_row("new", &[span("一、本年新收政府信息公开申请数量", 1, 3)]);
static CARRIED_IN: RowSpec = top_row(
    "carried_in",
    &[span("二、上年结转政府信息公开申请数量", 1, 3)],
);
static GRANTED_2021: RowSpec = RowSpec {
    key: "granted",
    label: "（一）予以公开",
    group: None,
    label_cells: &[span(RESULTS, 22, 1), span("（一）予以公开", 1, 2)],
};
static GRANTED_2019: RowSpec = RowSpec {
    key: "granted",
    label: "（一）予以公开",
    group: None,
    label_cells: &[span(RESULTS, 20, 1), span("（一）予以公开", 1, 2)],
};
static PARTIAL: RowSpec = RowSpec {
    key: "partial",
    label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    group: None,
    label_cells: &[span(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        1,
        2,
    )],
};
static STATE_SECRET: RowSpec = sub_row(
    "withheld.state_secret",
    "1.属于国家秘密",
    WITHHELD,
    &[span(WITHHELD, 8, 1), cell("1.属于国家秘密")],
);
static LAW_FORBIDDEN: RowSpec = sub_row(
    "withheld.law_forbidden",
    "2.其他法律行政法规禁止公开",
    WITHHELD,
    &[cell("2.其他法律行政法规禁止公开")],
);
static SECURITY_STABILITY: RowSpec = sub_row(
    "withheld.security_stability",
    "3.危及“三安全一稳定”",
    WITHHELD,
    &[cell("3.危及“三安全一稳定”")],
);
static THIRD_PARTY: RowSpec = sub_row(
    "withheld.third_party",
    "4.保护第三方合法权益",
    WITHHELD,
    &[cell("4.保护第三方合法权益")],
);
static INTERNAL_AFFAIRS: RowSpec = sub_row(
    "withheld.internal_affairs",
    "5.属于三类内部事务信息",
    WITHHELD,
    &[cell("5.属于三类内部事务信息")],
);
static PROCESS_INFO: RowSpec = sub_row(
    "withheld.process_info",
    "6.属于四类过程性信息",
    WITHHELD,
    &[cell("6.属于四类过程性信息")],
);
static ENFORCEMENT_FILE: RowSpec = sub_row(
    "withheld.enforcement_file",
    "7.属于行政执法案卷",
    WITHHELD,
    &[cell("7.属于行政执法案卷")],
);
static ADMIN_QUERY: RowSpec = sub_row(
    "withheld.admin_query",
    "8.属于行政查询事项",
    WITHHELD,
    &[cell("8.属于行政查询事项")],
);
static NOT_HELD: RowSpec = sub_row(
    "unavailable.not_held",
    "1.本机关不掌握相关政府信息",
    UNAVAILABLE,
    &[span(UNAVAILABLE, 3, 1), cell("1.本机关不掌握相关政府信息")],
);
static NEEDS_CREATION: RowSpec = sub_row(
    "unavailable.needs_creation",
    "2.没有现成信息需要另行制作",
    UNAVAILABLE,
    &[cell("2.没有现成信息需要另行制作")],
);
static UNCLEAR: RowSpec = sub_row(
    "unavailable.unclear",
    "3.补正后申请内容仍不明确",
    UNAVAILABLE,
    &[cell("3.补正后申请内容仍不明确")],
);
static PETITION: RowSpec = sub_row(
    "rejected.petition",
    "1.信访举报投诉类申请",
    REJECTED,
    &[span(REJECTED, 5, 1), cell("1.信访举报投诉类申请")],
);
static DUPLICATE: RowSpec = sub_row(
    "rejected.duplicate",
    "2.重复申请",
    REJECTED,
    &[cell("2.重复申请")],
);
static PUBLICATION: RowSpec = sub_row(
    "rejected.publication",
    "3.要求提供公开出版物",
    REJECTED,
    &[cell("3.要求提供公开出版物")],
);
static EXCESSIVE: RowSpec = sub_row(
    "rejected.excessive",
    "4.无正当理由大量反复申请",
    REJECTED,
    &[cell("4.无正当理由大量反复申请")],
);
static CONFIRMATION: RowSpec = sub_row(
    "rejected.confirmation",
    "5.要求行政机关确认或重新出具已获取信息",
    REJECTED,
    &[cell("5.要求行政机关确认或重新出具已获取信息")],
);
static NO_CORRECTION: RowSpec = sub_row(
    "other.no_correction",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    OTHER,
    &[
        span(OTHER, 3, 1),
        cell("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ],
);
static NO_FEE: RowSpec = sub_row(
    "other.no_fee",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    OTHER,
    &[cell(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )],
);
static OTHER_OTHER: RowSpec = sub_row("other.other", "3.其他", OTHER, &[cell("3.其他")]);
static OTHER_2019: RowSpec = RowSpec {
    key: "other",
    label: OTHER,
    group: None,
    label_cells: &[span(OTHER, 1, 2)],
};
static HANDLED_TOTAL: RowSpec = RowSpec {
    key: "handled_total",
    label: "（七）总计",
    group: None,
    label_cells: &[span("（七）总计", 1, 2)],
};
static CARRIED_OUT: RowSpec = top_row("carried_out", &[span("四、结转下年度继续办理", 1, 3)]);

/// The outcome rows （二） to （五）, the same in both formats.
const SHARED_OUTCOMES: [&RowSpec; 17] = [
    &PARTIAL,
    &STATE_SECRET,
    &LAW_FORBIDDEN,
    &SECURITY_STABILITY,
    &THIRD_PARTY,
    &INTERNAL_AFFAIRS,
    &PROCESS_INFO,
    &ENFORCEMENT_FILE,
    &ADMIN_QUERY,
    &NOT_HELD,
    &NEEDS_CREATION,
    &UNCLEAR,
    &PETITION,
    &DUPLICATE,
    &PUBLICATION,
    &EXCESSIVE,
    &CONFIRMATION,
];

/// The rows of table 三: 一, 二, （一） (whose 三 label spans a different number of rows in
/// each format), the shared outcomes, the format's （六） rows, （七）, 四.
const fn request_rows<const N: usize>(
    granted: &'static RowSpec,
    other: &[&'static RowSpec],
) -> [&'static RowSpec; N] {
    let mut rows: [&'static RowSpec; N] = [&NEW; N];
    rows[1] = &CARRIED_IN;
    rows[2] = granted;
    let mut index = 0;
    while index < SHARED_OUTCOMES.len() {
        rows[3 + index] = SHARED_OUTCOMES[index];
        index += 1;
    }
    let mut index = 0;
    while index < other.len() {
        rows[3 + SHARED_OUTCOMES.len() + index] = other[index];
        index += 1;
    }
    rows[N - 2] = &HANDLED_TOTAL;
    rows[N - 1] = &CARRIED_OUT;
    rows
}

static REQUESTS_2021_ROWS: [&RowSpec; 25] =
    request_rows(&GRANTED_2021, &[&NO_CORRECTION, &NO_FEE, &OTHER_OTHER]);
static REQUESTS_2019_ROWS: [&RowSpec; 23] = request_rows(&GRANTED_2019, &[&OTHER_2019]);

static REQUESTS_2021: TableSpec = TableSpec {
    id: "requests",
    title: "三、收到和处理政府信息公开申请情况",
    header_rows: REQUEST_HEADER,
    grid_columns: 10,
    layout: TableLayout::Rows,
    blocks: &[BlockSpec {
        caption: "",
        header: &[],
        columns: REQUEST_COLUMNS,
        rows: &REQUESTS_2021_ROWS,
    }],
};

static REQUESTS_2019: TableSpec = TableSpec {
    id: "requests",
    title: "三、收到和处理政府信息公开申请情况",
    header_rows: REQUEST_HEADER,
    grid_columns: 10,
    layout: TableLayout::Rows,
    blocks: &[BlockSpec {
        caption: "",
        header: &[],
        columns: REQUEST_COLUMNS,
        rows: &REQUESTS_2019_ROWS,
    }],
};

// ---- Table 四 (§A.5), the same in both formats ----

static REVIEW: RowSpec = plain_row("review", "行政复议");
static SUIT_DIRECT: RowSpec = RowSpec {
    key: "suit_direct",
    label: "未经复议直接起诉",
    group: Some("行政诉讼·"),
    label_cells: &[],
};
static SUIT_AFTER_REVIEW: RowSpec = RowSpec {
    key: "suit_after_review",
    label: "复议后起诉",
    group: Some("行政诉讼·"),
    label_cells: &[],
};

const APPEAL_RESULTS: [HeaderCell; 5] = [
    cell("结果维持"),
    cell("结果纠正"),
    cell("其他结果"),
    cell("尚未审结"),
    cell("总计"),
];

static APPEALS: TableSpec = TableSpec {
    id: "appeals",
    title: "四、政府信息公开行政复议、行政诉讼情况",
    header_rows: &[
        &[span("行政复议", 1, 5), span("行政诉讼", 1, 10)],
        &[
            span("结果维持", 2, 1),
            span("结果纠正", 2, 1),
            span("其他结果", 2, 1),
            span("尚未审结", 2, 1),
            span("总计", 2, 1),
            span("未经复议直接起诉", 1, 5),
            span("复议后起诉", 1, 5),
        ],
        &[
            APPEAL_RESULTS[0],
            APPEAL_RESULTS[1],
            APPEAL_RESULTS[2],
            APPEAL_RESULTS[3],
            APPEAL_RESULTS[4],
            APPEAL_RESULTS[0],
            APPEAL_RESULTS[1],
            APPEAL_RESULTS[2],
            APPEAL_RESULTS[3],
            APPEAL_RESULTS[4],
        ],
    ],
    grid_columns: 15,
    layout: TableLayout::SingleRow,
    blocks: &[BlockSpec {
        caption: "",
        header: &[],
        columns: &[
            count("upheld", "结果维持"),
            count("corrected", "结果纠正"),
            count("other", "其他结果"),
            count("pending", "尚未审结"),
            count("total", "总计"),
        ],
        rows: &[&REVIEW, &SUIT_DIRECT, &SUIT_AFTER_REVIEW],
    }],
};

// ---- The templates ----

const INFO_FEE: &[LooseCellSpec] = &[
    LooseCellSpec {
        key: "info_fee.cases",
        label: "信息处理费 · 收费件数",
        kind: CellKind::Count,
    },
    LooseCellSpec {
        key: "info_fee.amount_yuan",
        label: "信息处理费 · 收费金额（元）",
        kind: CellKind::AmountYuan,
    },
];

const GOV_2021_TABLES: &[&TableSpec] = &[&ACTIVE_2021, &REQUESTS_2021, &APPEALS];
const GOV_2019_TABLES: &[&TableSpec] = &[&ACTIVE_2019, &REQUESTS_2019, &APPEALS];

static GOV_2021_CELLS: LazyLock<Cells> = LazyLock::new(|| build_cells(GOV_2021_TABLES, INFO_FEE));
static GOV_2019_CELLS: LazyLock<Cells> = LazyLock::new(|| build_cells(GOV_2019_TABLES, &[]));
static LEGACY_CELLS: LazyLock<Cells> = LazyLock::new(|| build_cells(&[], &[]));

static GOV_2021: Template = Template {
    id: TemplateId::Gov2021,
    name: "2021 版格式（国办公开办函〔2021〕30号）",
    sections: GOV_SECTIONS,
    tables: GOV_2021_TABLES,
    loose_cells: INFO_FEE,
    cells: &GOV_2021_CELLS,
};

static GOV_2019: Template = Template {
    id: TemplateId::Gov2019,
    name: "2019 版试行格式（国办公开办函〔2019〕60号）",
    sections: GOV_SECTIONS,
    tables: GOV_2019_TABLES,
    loose_cells: &[],
    cells: &GOV_2019_CELLS,
};

static LEGACY: Template = Template {
    id: TemplateId::Legacy,
    name: "旧版自由格式（2007 年条例）",
    sections: &[],
    tables: &[],
    loose_cells: &[],
    cells: &LEGACY_CELLS,
};
