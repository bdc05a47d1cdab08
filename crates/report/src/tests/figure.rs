//! Tests of figure parsing: what clerks type, and what must be refused with which reason.

use crate::{CellKind, Figure, FigureError, parse_figure};

#[track_caller]
fn ok(raw: &str, kind: CellKind, shown: &str) {
    match parse_figure(raw, kind) {
        Ok(figure) => assert_eq!(figure.to_string(), shown, "{raw:?}"),
        Err(error) => panic!("{raw:?} should parse, got {error:?}"),
    }
}

#[test]
fn accepts_what_input_methods_and_spreadsheets_produce() {
    ok("3402", CellKind::Count, "3402");
    ok("１２３", CellKind::Count, "123");
    ok("1,234", CellKind::Count, "1234");
    ok("1，234", CellKind::Count, "1234");
    ok("１，２３４，５６７", CellKind::Count, "1234567");
    ok(" 12 ", CellKind::Count, "12");
    ok("\u{3000}12\u{3000}", CellKind::Count, "12");
    ok("\u{a0}7\u{a0}", CellKind::Count, "7");
    ok("12件", CellKind::Count, "12");
    ok("12 件", CellKind::Count, "12");
    ok("3.0", CellKind::Count, "3");
    ok("－417", CellKind::SignedCount, "-417");
    ok("+5", CellKind::SignedCount, "5");
    ok("59237.2449", CellKind::AmountWan, "59237.2449");
    ok("７７３０．２８万元", CellKind::AmountWan, "7730.28");
    ok("2950元", CellKind::AmountYuan, "2950");
    ok("0.50", CellKind::AmountYuan, "0.50");
}

#[test]
fn distinguishes_the_reasons_for_refusal() {
    assert_eq!(parse_figure("", CellKind::Count), Err(FigureError::Blank));
    assert_eq!(
        parse_figure(" \u{3000} ", CellKind::Count),
        Err(FigureError::Blank)
    );
    assert_eq!(
        parse_figure("12a", CellKind::Count),
        Err(FigureError::NotANumber)
    );
    assert_eq!(
        parse_figure("/", CellKind::Count),
        Err(FigureError::NotANumber)
    );
    assert_eq!(
        parse_figure("1,23", CellKind::Count),
        Err(FigureError::NotANumber)
    );
    assert_eq!(
        parse_figure("12.", CellKind::Count),
        Err(FigureError::NotANumber)
    );
    // A unit that does not fit the cell is not stripped.
    assert_eq!(
        parse_figure("12万元", CellKind::Count),
        Err(FigureError::NotANumber)
    );
    assert_eq!(
        parse_figure("12件", CellKind::AmountWan),
        Err(FigureError::NotANumber)
    );
    assert!(matches!(
        parse_figure("-3", CellKind::Count),
        Err(FigureError::Negative(_))
    ));
    assert!(matches!(
        parse_figure("－1.5", CellKind::AmountWan),
        Err(FigureError::Negative(_))
    ));
    assert!(matches!(
        parse_figure("3.5", CellKind::Count),
        Err(FigureError::Fraction(_))
    ));
    assert!(matches!(
        parse_figure("1.234", CellKind::AmountYuan),
        Err(FigureError::TooManyDecimals { max: 2, .. })
    ));
    // 万元 is read exactly however many places it has (more than 6 is a warning).
    assert_eq!(
        parse_figure("1.2345678", CellKind::AmountWan).map(|f| f.to_string()),
        Ok("1.2345678".to_string())
    );
}

#[test]
fn huge_numbers_are_refused_not_overflowed() {
    let huge = "9".repeat(400);
    assert_eq!(
        parse_figure(&huge, CellKind::Count),
        Err(FigureError::NotANumber)
    );
    let long_fraction = format!("0.{}", "1".repeat(60));
    assert_eq!(
        parse_figure(&long_fraction, CellKind::AmountWan),
        Err(FigureError::NotANumber)
    );
    // Leading zeros are not significant.
    ok(&format!("{}7", "0".repeat(300)), CellKind::Count, "7");
}

#[test]
fn figures_compare_by_value_at_the_precision_written() {
    let a = parse_figure("7730.28", CellKind::AmountWan).ok();
    let b = parse_figure("7730.2800", CellKind::AmountWan).ok();
    let c = parse_figure("7730.2801", CellKind::AmountWan).ok();
    assert_eq!(a, b);
    assert_ne!(a, c);
    let sum = Figure::sum([Figure::whole(1), Figure::whole(2), Figure::whole(3)]);
    assert_eq!(sum, Figure::whole(6));
    assert_eq!((Figure::whole(3) - Figure::whole(5)).to_string(), "-2");
}
