//! Tests of the templates as data: cell counts (§A.7), keys, labels and merges.

use crate::{CellKind, Template, TemplateId, is_computed};

#[test]
fn cell_counts_match_the_official_format() {
    let gov_2021 = Template::get(TemplateId::Gov2021);
    let count = |template: &Template, table: &str| {
        template
            .cell_keys()
            .filter(|key| key.starts_with(&format!("{table}.")))
            .count()
    };
    assert_eq!(count(gov_2021, "active"), 10);
    assert_eq!(count(gov_2021, "requests"), 175);
    assert_eq!(count(gov_2021, "appeals"), 15);
    assert_eq!(
        gov_2021.cells().len(),
        202,
        "200 table cells + 2 信息处理费 cells"
    );
    let gov_2019 = Template::get(TemplateId::Gov2019);
    assert_eq!(count(gov_2019, "active"), 22);
    assert_eq!(count(gov_2019, "requests"), 161);
    assert_eq!(count(gov_2019, "appeals"), 15);
    assert_eq!(gov_2019.cells().len(), 198);
    assert!(Template::get(TemplateId::Legacy).cells().is_empty());
}

#[test]
fn keys_labels_and_kinds() {
    let template = Template::get(TemplateId::Gov2021);
    let cell = template
        .cell_spec("requests.withheld.security_stability.natural")
        .expect("exists");
    assert_eq!(cell.label, "（三）不予公开 3.危及“三安全一稳定” · 自然人");
    assert_eq!(
        template.cell_spec("active.fees.amount_wan").map(|c| c.kind),
        Some(CellKind::AmountWan)
    );
    let fee = template
        .cell_spec("info_fee.amount_yuan")
        .expect("a valid gov-2021 key");
    assert!(fee.optional);
    assert_eq!(fee.kind, CellKind::AmountYuan);
    assert!(template.cell_spec("requests.other.total").is_none());
    // The name a clerk reads: the label, or the key itself for a cell the template lacks.
    assert_eq!(
        template.cell_label("requests.withheld.security_stability.natural"),
        cell.label
    );
    assert_eq!(
        template.cell_label("requests.other.total"),
        "requests.other.total"
    );
    let gov_2019 = Template::get(TemplateId::Gov2019);
    assert!(gov_2019.cell_spec("requests.other.total").is_some());
    assert_eq!(
        gov_2019
            .cell_spec("active.licensing.change")
            .map(|c| c.kind),
        Some(CellKind::SignedCount)
    );
    assert_eq!(
        gov_2019
            .cell_spec("active.normative_docs.made")
            .and_then(|c| c.row)
            .map(|r| r.label),
        Some("规范性文件")
    );
}

#[test]
fn merged_label_cells_cover_the_rows_they_span() {
    for template in [
        Template::get(TemplateId::Gov2021),
        Template::get(TemplateId::Gov2019),
    ] {
        let requests = template.table("requests").expect("table 三");
        let rows: Vec<_> = requests.rows().collect();
        // Walk the label columns as a renderer would: every printed row must cover exactly
        // the three label columns, counting cells still spanning down from earlier rows.
        let mut pending = [0u8; 3];
        for row in &rows {
            let mut column = 0;
            for label in row.label_cells {
                while column < 3 && pending[column] > 0 {
                    column += 1;
                }
                for covered in pending
                    .iter_mut()
                    .skip(column)
                    .take(usize::from(label.colspan))
                {
                    *covered = label.rowspan;
                }
                column += usize::from(label.colspan);
            }
            assert!(
                pending.iter().all(|&rows_left| rows_left > 0),
                "{}: row {} leaves a gap",
                template.id.as_str(),
                row.key
            );
            for rows_left in &mut pending {
                *rows_left -= 1;
            }
        }
        assert_eq!(pending, [0, 0, 0], "spans run past the last row");
        let header_width: u8 = requests.header_rows[0]
            .iter()
            .map(|cell| cell.colspan)
            .sum();
        assert_eq!(header_width, requests.grid_columns);
    }
}

#[test]
fn templates_by_year_and_computed_cells() {
    assert_eq!(Template::for_year(2024).id, TemplateId::Gov2021);
    assert_eq!(Template::for_year(2021).id, TemplateId::Gov2021);
    assert_eq!(Template::for_year(2020).id, TemplateId::Gov2019);
    assert_eq!(Template::for_year(2019).id, TemplateId::Gov2019);
    assert_eq!(Template::for_year(2012).id, TemplateId::Legacy);
    let template = Template::get(TemplateId::Gov2021);
    assert!(is_computed(template, "requests.granted.total"));
    assert!(is_computed(template, "requests.handled_total.natural"));
    assert!(is_computed(template, "requests.carried_out.total"));
    assert!(is_computed(template, "appeals.review.total"));
    assert!(!is_computed(template, "requests.granted.natural"));
    assert!(!is_computed(template, "requests.new.natural"));
}
