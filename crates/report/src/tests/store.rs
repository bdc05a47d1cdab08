//! Tests of the stored envelope, the edit lock and the backup merge: what is stored reads
//! back, nothing unreadable is taken for a report, newer data is never taken for ours, and a
//! merge never drops a version.

use serde_json::json;

use crate::{
    BackupItem, BackupMark, LockHolder, MergeAction, Report, ReportJson, Stored, backup_due,
    decode_lock, decode_stored, encode_lock, encode_stored, lock_holder, may_write, merge_backup,
    stored_revision, to_json,
};

#[test]
fn stored_report_round_trips_with_its_revision() {
    let mut report = Report::new("测试局", 2023);
    report.set_cell("requests.new.natural", "3");
    let text = encode_stored(&report, 7, 1234.0);
    assert_eq!(stored_revision(&text), Some(7));
    assert_eq!(
        decode_stored(&text),
        Stored::Report {
            report,
            revision: 7,
            saved_at: 1234.0,
            migrated: false
        }
    );
}

#[test]
fn bare_and_version_0_files_are_migrated() {
    let report = Report::new("测试局", 2023);
    let bare = to_json(&report);
    assert_eq!(stored_revision(&bare), Some(0));
    assert!(matches!(
        decode_stored(&bare),
        Stored::Report {
            revision: 0,
            migrated: true,
            ..
        }
    ));
    let v0 = json!({"format": "nianbao/stored", "layout": 1, "revision": 2, "report": {
        "format": "nianbao/report", "version": 0, "template": "gov-2021", "year": 2023,
        "tables": {"requests": {"new.natural": 5}}
    }});
    match decode_stored(&v0.to_string()) {
        Stored::Report {
            report,
            revision,
            migrated,
            ..
        } => {
            assert_eq!((revision, migrated), (2, true));
            assert_eq!(
                report.cell_raw("requests.new.natural").as_deref(),
                Some("5")
            );
        }
        other => panic!("expected a migrated report, got {other:?}"),
    }
}

#[test]
fn unreadable_entries_are_quarantined() {
    for text in [
        "{not json",
        "[1, 2]",
        r#"{"format": "something/else"}"#,
        r#"{"format": "nianbao/stored", "layout": 1}"#,
        r#"{"format": "nianbao/stored", "layout": 1, "revision": 3}"#,
        r#"{"format": "nianbao/stored", "layout": 1, "revision": 3, "report": {"format": "nianbao/report", "version": 1, "year": "x"}}"#,
    ] {
        assert!(
            matches!(decode_stored(text), Stored::Quarantine { .. }),
            "{text}"
        );
    }
    assert_eq!(stored_revision("{not json"), None);
}

#[test]
fn newer_versions_are_read_only_with_a_preview() {
    let report = json!({"format": "nianbao/report", "version": 9, "template": "gov-2021",
        "agency": "未来局", "year": 2030, "hologram": true});
    let stored = json!({"format": "nianbao/stored", "layout": 1, "revision": 4, "report": report});
    match decode_stored(&stored.to_string()) {
        Stored::Newer {
            version,
            revision,
            preview,
        } => {
            assert_eq!((version, revision), (9, 4));
            assert_eq!(preview.map(|r| r.agency), Some("未来局".to_string()));
        }
        other => panic!("expected newer, got {other:?}"),
    }
    // A newer report this version cannot even preview is still newer, never quarantined.
    let strange = json!({"format": "nianbao/report", "version": 9, "template": "gov-2099",
        "agency": ["未来局"], "figures": "sealed"});
    let stored = json!({"format": "nianbao/stored", "layout": 1, "revision": 6, "report": strange});
    assert!(matches!(
        decode_stored(&stored.to_string()),
        Stored::Newer {
            version: 9,
            revision: 6,
            preview: None,
        }
    ));
    let unrevised = json!({"format": "nianbao/stored", "layout": 3, "payload": 0});
    assert!(matches!(
        decode_stored(&unrevised.to_string()),
        Stored::Newer {
            version: 3,
            preview: None,
            ..
        }
    ));
    let layout = json!({"format": "nianbao/stored", "layout": 2, "revision": 1, "payload": 0});
    assert!(matches!(
        decode_stored(&layout.to_string()),
        Stored::Newer {
            version: 2,
            preview: None,
            ..
        }
    ));
}

#[test]
fn stale_writes_are_refused() {
    assert!(may_write(3, None));
    assert!(may_write(3, Some(3)));
    assert!(may_write(3, Some(2)));
    assert!(!may_write(3, Some(4)));
}

#[test]
fn the_lock_belongs_to_a_live_tab() {
    let lock = decode_lock(&encode_lock("a", 1_000.0));
    assert_eq!(lock_holder(None, "b", 0.0), LockHolder::Free);
    assert_eq!(lock_holder(lock.as_ref(), "a", 99_000.0), LockHolder::Mine);
    assert_eq!(
        lock_holder(lock.as_ref(), "b", 5_000.0),
        LockHolder::Other("a".into())
    );
    assert_eq!(lock_holder(lock.as_ref(), "b", 9_001.0), LockHolder::Free);
    assert_eq!(decode_lock("garbage"), None);
}

fn item(id: &str, revision: u64, agency: &str) -> BackupItem {
    BackupItem {
        id: id.into(),
        revision,
        saved_at: 0.0,
        previous: None,
        deleted: false,
        report: ReportJson::from_text(&json!({"agency": agency}).to_string()).expect("json"),
    }
}

#[test]
fn merging_a_backup_keeps_both_versions() {
    let existing = [item("a", 5, "A5"), item("b", 2, "B2"), item("c", 1, "C1")];
    let incoming = [
        item("a", 7, "A7"),
        item("b", 2, "B2 other"),
        item("c", 1, "C1"),
        item("d", 1, "D1"),
    ];
    let mut n = 0;
    let plan = merge_backup(&existing, &incoming, || {
        n += 1;
        format!("copy{n}")
    });
    assert_eq!(
        plan,
        vec![
            MergeAction::Replace {
                item: item("a", 7, "A7"),
                copy_id: "copy1".into()
            },
            MergeAction::Copy {
                item: item("b", 2, "B2 other"),
                copy_id: "copy2".into()
            },
            MergeAction::Same("c".into()),
            MergeAction::Add(item("d", 1, "D1")),
        ]
    );
}

#[test]
fn backup_file_round_trips_and_refuses_strangers() {
    let backup = crate::Backup::new(vec![item("a", 1, "A")], 42.0);
    assert_eq!(crate::Backup::from_json(&backup.to_json()), Ok(backup));
    assert!(
        crate::Backup::from_json(r#"{"format":"x","version":1,"exported_at":0,"reports":[]}"#)
            .is_err()
    );
    assert!(crate::Backup::from_json("{").is_err());
}

#[test]
fn a_backup_is_due_after_many_saves() {
    let mut mark = BackupMark::default();
    mark.revisions.insert("a".into(), 10);
    let current = [
        ("a".to_string(), 39),
        ("b".to_string(), 30),
        ("c".to_string(), 5),
    ];
    assert_eq!(backup_due(&mark, &current), vec!["b".to_string()]);
}

/// The recovery area looks at every stored report for those of a newer version it cannot
/// read at all, reading only their header: it must name exactly the entries `decode_stored`
/// gives as newer without a preview, whatever the header holds.
#[test]
fn the_header_only_reading_of_newer_entries_agrees_with_decoding_them() {
    use crate::store::newer_unreadable;
    let mut report = Report::new("测试局", 2023);
    report.set_cell("requests.new.natural", "3");
    let current = encode_stored(&report, 7, 1234.0);
    let bare = to_json(&report);
    let stored = |layout: &str, report: &str| {
        format!(r#"{{"format":"nianbao/stored","layout":{layout},"revision":3,"report":{report}}}"#)
    };
    let with_version =
        |version: &str| bare.replacen("\"version\": 1", &format!("\"version\": {version}"), 1);
    assert_ne!(
        with_version("2"),
        bare,
        "the bare file names its version so"
    );
    let mut texts = vec![
        current.clone(),
        bare.clone(),
        stored("2", "{}"),
        stored("9", r#"{"anything":[1,2]}"#),
        stored("\"2\"", "{}"),
        stored("1", &with_version("2")),
        stored("1", &with_version("99")),
        stored("1", &with_version("\"2\"")),
        stored("1", &with_version("0")),
        stored("1", &with_version("1")),
        stored("1", "[1,2]"),
        stored("1", "{}"),
        stored("0", &bare),
        with_version("2"),
        with_version("99"),
        with_version("-1"),
        with_version("2.5"),
        // A newer report whose fields this version reads (it gets a preview) and one whose
        // figures it cannot.
        stored(
            "1",
            &with_version("2").replacen("\"测试局\"", "\"新局\"", 1),
        ),
        stored(
            "1",
            r#"{"format":"nianbao/report","version":2,"figures":"???"}"#,
        ),
        // Repeated fields: decoding keeps the last.
        r#"{"format":"nianbao/stored","layout":1,"layout":2,"revision":3,"report":{}}"#.into(),
        r#"{"format":"nianbao/stored","layout":2,"layout":1,"revision":3,"report":{}}"#.into(),
        r#"{"format":"other","layout":2,"revision":3,"report":{}}"#.into(),
        r#"{"layout":2,"revision":3,"report":{}}"#.into(),
        r#"{"format":"nianbao/stored","layout":2}"#.into(),
        "[1,2]".into(),
        "{not json".into(),
        String::new(),
    ];
    texts.push(current.replace("\"layout\": 1", "\"layout\": 5"));
    let mut newer = 0;
    for text in &texts {
        let expected = match decode_stored(text) {
            Stored::Newer {
                version,
                preview: None,
                ..
            } => Some(version),
            _ => None,
        };
        newer += usize::from(expected.is_some());
        assert_eq!(newer_unreadable(text), expected, "{text}");
    }
    assert!(newer >= 5, "the cases hold newer entries: {newer}");
}
