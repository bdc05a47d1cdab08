//! Native tests of every storage decision against the fault-injecting [`MemoryStore`]: the
//! twelve ways typed data could be lost or misreported (issue 14), and the durability rules
//! they build on (start-up repair, stale writes, newer versions kept untouched).

use super::*;
use crate::store::encode_lock;

const NOW: f64 = 1_700_000_000_000.0;

fn draft(agency: &str, natural: &str) -> Report {
    let mut report = Report::new(agency, 2024);
    report.set_cell("requests.new.natural", natural);
    report
}

fn stored_natural(store: &mut MemoryStore, id: &str) -> Option<String> {
    let (report, _) = load_report(store, id, NOW).ok()?;
    report
        .cell_raw("requests.new.natural")
        .map(|v| v.into_owned())
}

/// A library holding one report `a` at revision 1.
fn library() -> MemoryStore {
    let mut store = MemoryStore::new();
    add_report(&mut store, "a", &draft("甲局", "1"), None, NOW).expect("stored");
    store
}

fn ids(store: &MemoryStore) -> Vec<String> {
    load_index(store)
        .expect("readable index")
        .into_iter()
        .map(|e| e.id)
        .collect()
}

// ---- The twelve scenarios -------------------------------------------------------------------

#[test]
fn s1_a_tab_whose_save_failed_keeps_its_text_when_another_tab_saves() {
    let mut store = library();
    // This tab typed "2" but storage was full: the text is only on screen.
    store.quota = Some(store.bytes() - 1);
    let ours = draft("甲局", "2");
    assert_eq!(
        save_report_at(&mut store, "a", &ours, 1, NOW),
        Err(SaveError::Store(StoreError::Full))
    );
    // Another tab takes over and saves its own version.
    store.quota = None;
    save_report_at(&mut store, "a", &draft("甲局", "3"), 1, NOW + 1.0).expect("other tab");
    // This tab is told: keep the text on screen, never follow.
    assert_eq!(
        on_stored_change(&store, "a", 1, true, false),
        StoredChange::Conflict
    );
    // Without unsaved text it would follow the other tab.
    assert!(matches!(
        on_stored_change(&store, "a", 1, false, false),
        StoredChange::Follow(_, 2)
    ));
    // "Save as copy" acts on the text on screen.
    add_report(&mut store, "copy", &ours, None, NOW + 2.0).expect("copy");
    assert_eq!(stored_natural(&mut store, "copy").as_deref(), Some("2"));
    assert_eq!(stored_natural(&mut store, "a").as_deref(), Some("3"));
}

#[test]
fn s2_taking_over_with_unsaved_edits_saves_them_or_keeps_a_copy() {
    // Storage has not moved on: the edits are saved under the report.
    let mut store = library();
    let ours = draft("甲局", "5");
    let taken = take_over(&mut store, "a", Some(&ours), 1, ("c1", "（副本）"), NOW).expect("ok");
    assert_eq!(taken.revision, 2);
    assert_eq!(taken.kept_copy, None);
    assert_eq!(stored_natural(&mut store, "a").as_deref(), Some("5"));

    // Another tab saved since: ours becomes a copy, the stored version is loaded.
    let mut store = library();
    save_report(&mut store, "a", &draft("甲局", "9"), NOW).expect("other tab");
    let taken = take_over(&mut store, "a", Some(&ours), 1, ("c1", "（副本）"), NOW).expect("ok");
    assert_eq!(taken.kept_copy.as_deref(), Some("c1"));
    assert_eq!(
        taken.report.cell_raw("requests.new.natural").as_deref(),
        Some("9")
    );
    assert_eq!(stored_natural(&mut store, "c1").as_deref(), Some("5"));
    assert!(ids(&store).contains(&"c1".to_string()));

    // Storage refuses: the error comes back and nothing is marked saved.
    let mut store = library();
    store.quota = Some(store.bytes() - 1);
    let refused = take_over(&mut store, "a", Some(&ours), 1, ("c1", "（副本）"), NOW);
    assert_eq!(refused, Err(SaveError::Store(StoreError::Full)));
    assert_eq!(stored_natural(&mut store, "a").as_deref(), Some("1"));
}

#[test]
fn s3_two_tabs_claiming_at_once_never_both_edit() {
    let mut store = library();
    // Tab B's claim lands between tab A's write and A's read-back.
    let b_lock = encode_lock("B", NOW);
    store.intrude("nianbao.lock.a", Some(&b_lock), 2);
    let a = claim_lock(&mut store, "a", "A", NOW);
    let b = lock_holder_of(&store, "a", "B", NOW) == LockHolder::Mine;
    assert!(!(a && b), "both tabs think they edit");
    assert!(b && !a);
    // A live holder keeps the lock; a stale one frees it.
    assert!(!claim_lock(&mut store, "a", "A", NOW + 1_000.0));
    assert!(claim_lock(&mut store, "a", "A", NOW + 60_000.0));
    release_lock(&mut store, "a", "A", NOW + 60_000.0);
    assert_eq!(lock_holder_of(&store, "a", "B", NOW), LockHolder::Free);
}

#[test]
fn s4_retrying_a_save_works_in_every_unsaved_state() {
    let mut store = library();
    let ours = draft("甲局", "4");
    // Full, then room again: the same write with the same base succeeds.
    store.quota = Some(store.bytes() - 1);
    assert!(save_report_at(&mut store, "a", &ours, 1, NOW).is_err());
    store.quota = None;
    assert_eq!(save_report_at(&mut store, "a", &ours, 1, NOW), Ok(2));
    // A write that read back differently is not trusted, and the retry after it works.
    store.corrupt_writes = Some(REPORT_PREFIX.into());
    assert_eq!(
        save_report_at(&mut store, "a", &draft("甲局", "6"), 2, NOW),
        Err(SaveError::Store(StoreError::NotVerified))
    );
    store.corrupt_writes = None;
    assert_eq!(
        save_report_at(&mut store, "a", &draft("甲局", "6"), 2, NOW),
        Ok(3)
    );
    // Storage switched off, then back.
    store.unavailable = true;
    assert!(save_report_at(&mut store, "a", &ours, 3, NOW).is_err());
    store.unavailable = false;
    assert_eq!(save_report_at(&mut store, "a", &ours, 3, NOW), Ok(4));
}

#[test]
fn s5_a_backup_carries_the_recovery_area() {
    let mut store = library();
    store.poke("nianbao.report.bad", "{not json");
    let _ = scan(&mut store, NOW);
    // A migrated report (a bare version 1 file, layout 0) keeps its original until saved.
    let bare = crate::file::to_json(&draft("乙局", "7"));
    store.poke("nianbao.report.old", &bare);
    open_report(&mut store, "old", NOW).expect("opens");
    let backup = make_backup(&store, None, NOW);
    let raws: Vec<&str> = backup.recovery.iter().map(|e| e.raw.as_str()).collect();
    assert!(raws.contains(&"{not json"), "the unreadable entry");
    assert!(raws.contains(&bare.as_str()), "the kept original");
    // Into an empty browser: the recovery area comes back with the reports.
    let mut fresh = MemoryStore::new();
    let mut n = 0;
    let outcome = import_backup(
        &mut fresh,
        &backup.to_json(),
        "（副本）",
        || {
            n += 1;
            format!("n{n}")
        },
        NOW,
    )
    .expect("imported");
    assert_eq!(outcome.recovered, 2);
    let kept: Vec<String> = recovery_items(&fresh)
        .into_iter()
        .map(|i| i.entry.raw)
        .collect();
    assert!(kept.contains(&"{not json".to_string()));
}

#[test]
fn s6_two_backup_items_with_the_same_id_are_both_kept() {
    let mut store = MemoryStore::new();
    let one = BackupItem {
        id: "x".into(),
        revision: 3,
        saved_at: NOW,
        previous: None,
        deleted: false,
        report: ReportJson::from_report(&draft("丙局", "1")),
    };
    let two = BackupItem {
        revision: 2,
        report: ReportJson::from_report(&draft("丙局", "2")),
        ..one.clone()
    };
    let backup = Backup::new(vec![one, two], NOW);
    let outcome = import_backup(
        &mut store,
        &backup.to_json(),
        "（副本）",
        || "y".into(),
        NOW,
    )
    .expect("imported");
    assert_eq!(outcome.added, 2);
    assert_eq!(stored_natural(&mut store, "x").as_deref(), Some("1"));
    assert_eq!(stored_natural(&mut store, "y").as_deref(), Some("2"));
    assert_eq!(ids(&store).len(), 2);
}

#[test]
fn s7_an_unreadable_backup_item_is_skipped_and_the_rest_imported() {
    let mut store = library();
    let good = BackupItem {
        id: "g".into(),
        revision: 1,
        saved_at: NOW,
        previous: None,
        deleted: false,
        report: ReportJson::from_report(&draft("丁局", "8")),
    };
    let bad = BackupItem {
        id: "b".into(),
        report: ReportJson::from_text(r#"{"format":"nianbao/report","version":1,"year":"x"}"#)
            .expect("json"),
        ..good.clone()
    };
    let backup = Backup::new(vec![bad, good], NOW);
    let outcome = import_backup(
        &mut store,
        &backup.to_json(),
        "（副本）",
        || "n".into(),
        NOW,
    )
    .expect("the rest imported");
    assert_eq!(outcome.added, 1);
    assert_eq!(outcome.skipped.len(), 1);
    assert_eq!(outcome.skipped[0].0, "b");
    assert!(ids(&store).contains(&"g".to_string()));
    assert!(store.peek("nianbao.report.b").is_none());

    // Storage fills half-way: everything written is taken back, the library unchanged.
    let mut store = library();
    let before = store.all_keys();
    let big = Backup::new(
        (0..5)
            .map(|i| BackupItem {
                id: format!("r{i}"),
                ..backup.reports[1].clone()
            })
            .collect(),
        NOW,
    );
    store.quota = Some(store.bytes() + 2 * big.reports[0].report.text().len() * 2);
    let failed = import_backup(&mut store, &big.to_json(), "（副本）", || "n".into(), NOW);
    assert_eq!(failed, Err(BackupError::Store(StoreError::Full)));
    assert_eq!(store.all_keys(), before);
}

#[test]
fn s8_garbage_with_a_high_revision_does_not_block_saving() {
    let mut store = library();
    store.poke(
        "nianbao.report.a",
        r#"{"format":"nianbao/stored","layout":1,"revision":999999,"report":"garbage"}"#,
    );
    assert_eq!(
        save_report_at(&mut store, "a", &draft("甲局", "2"), 1, NOW),
        Ok(2)
    );
    assert_eq!(stored_natural(&mut store, "a").as_deref(), Some("2"));
    // The garbage is kept in the recovery area, not lost.
    assert!(
        recovery_items(&store)
            .iter()
            .any(|i| i.entry.raw.contains("999999"))
    );
}

#[test]
fn s9_garbage_over_an_open_report_is_answered_by_writing_the_good_version_back() {
    let mut store = library();
    let ours = draft("甲局", "1");
    store.poke("nianbao.report.a", "\u{0}\u{1}garbage");
    // The editing tab notices without any typing, and writes back what it holds.
    assert_eq!(
        on_stored_change(&store, "a", 1, false, true),
        StoredChange::Rewrite
    );
    save_report_at(&mut store, "a", &ours, 1, NOW).expect("written back");
    assert_eq!(stored_natural(&mut store, "a").as_deref(), Some("1"));
    // A read-only tab never writes; a removed entry is written back too.
    assert_eq!(
        on_stored_change(&store, "a", 2, false, false),
        StoredChange::Nothing
    );
    store.intrude("nianbao.report.a", None, 0);
    assert_eq!(
        on_stored_change(&store, "a", 2, false, true),
        StoredChange::Rewrite
    );
}

#[test]
fn s10_a_migrated_report_opens_read_only_when_its_original_cannot_be_kept() {
    let mut store = MemoryStore::new();
    let bare = crate::file::to_json(&draft("乙局", "7"));
    store.poke("nianbao.report.old", &bare);
    store.quota = Some(store.bytes() - 1);
    let opened = open_report(&mut store, "old", NOW).expect("still opens");
    assert_eq!(
        opened.read_only,
        Some(ReadOnlyReason::OriginalNotKept(StoreError::Full))
    );
    assert_eq!(
        opened.report.cell_raw("requests.new.natural").as_deref(),
        Some("7")
    );
    // It can be exported: the backup holds it.
    let backup = make_backup(&store, None, NOW);
    assert_eq!(backup.reports.len(), 1);
    // With room, the original is kept and the report is editable.
    store.quota = None;
    let opened = open_report(&mut store, "old", NOW).expect("opens");
    assert_eq!(opened.read_only, None);
    assert_eq!(
        store.peek("nianbao.original.old").as_deref(),
        Some(bare.as_str())
    );
}

#[test]
fn s11_set_aside_keys_never_collide() {
    let mut store = MemoryStore::new();
    let one = set_aside(&mut store, "a", "first", "bad", NOW).expect("kept");
    let two = set_aside(&mut store, "a", "second", "bad", NOW).expect("kept");
    let again = set_aside(&mut store, "a", "first", "bad", NOW).expect("kept");
    assert_ne!(one, two);
    assert_eq!(one, again, "the same text is not kept twice");
    let raws: Vec<String> = recovery_items(&store)
        .into_iter()
        .map(|i| i.entry.raw)
        .collect();
    assert_eq!(raws, ["first", "second"]);
}

#[test]
fn s12_a_version_0_report_keeps_its_flat_figures_or_is_set_aside_intact() {
    let mut store = MemoryStore::new();
    let flat = r#"{"format":"nianbao/report","version":0,"template":"gov-2021","agency":"戊局","year":2023,"figures":{"requests.new.natural":"1.50","requests.new.total":3}}"#;
    store.poke("nianbao.report.v0", flat);
    let opened = open_report(&mut store, "v0", NOW).expect("migrates");
    assert_eq!(
        opened.report.cell_raw("requests.new.natural").as_deref(),
        Some("1.50")
    );
    assert_eq!(
        opened.report.cell_raw("requests.new.total").as_deref(),
        Some("3")
    );
    let broken = r#"{"format":"nianbao/report","version":0,"figures":[1,2]}"#;
    store.poke("nianbao.report.v0b", broken);
    assert!(matches!(
        open_report(&mut store, "v0b", NOW),
        Err(OpenError::Unreadable { .. })
    ));
    assert!(recovery_items(&store).iter().any(|i| i.entry.raw == broken));
}

// ---- The durability rules they build on -----------------------------------------------------

#[test]
fn start_up_repairs_the_library_without_losing_anything() {
    let mut store = library();
    add_report(&mut store, "b", &draft("乙局", "2"), None, NOW).expect("stored");
    // An unreadable report entry, an index that lost "b", and an entry without its report.
    store.poke("nianbao.report.bad", "[1,2");
    let mut entries = load_index(&store).expect("index");
    entries.retain(|e| e.id != "b");
    let mut ghost = entries[0].clone();
    ghost.id = "ghost".into();
    entries.push(ghost);
    save_index(&mut store, &entries).expect("written");
    let listed: Vec<String> = scan(&mut store, NOW).into_iter().map(|e| e.id).collect();
    assert!(listed.contains(&"a".to_string()) && listed.contains(&"b".to_string()));
    assert!(!listed.contains(&"bad".to_string()) && !listed.contains(&"ghost".to_string()));
    let kept: Vec<String> = recovery_items(&store)
        .into_iter()
        .map(|i| i.entry.id)
        .collect();
    assert!(kept.contains(&"bad".to_string()) && kept.contains(&"ghost".to_string()));
    // An unreadable index is set aside and rebuilt from the reports.
    store.poke(INDEX_KEY, "{{{");
    let listed = scan(&mut store, NOW);
    assert_eq!(listed.len(), 2);
    assert!(recovery_items(&store).iter().any(|i| i.entry.raw == "{{{"));
}

#[test]
fn a_listed_report_gone_bad_is_listed_until_verified_then_set_aside_with_its_text() {
    let mut store = library();
    add_report(&mut store, "b", &draft("乙局", "2"), None, NOW).expect("stored");
    let newer = r#"{"format":"nianbao/stored","layout":9,"revision":4,"report":{}}"#;
    store.poke("nianbao.report.future", newer);
    let _ = scan(&mut store, NOW);
    let good = store.peek("nianbao.report.a").expect("stored");
    // Another program writes over a listed report.
    store.poke("nianbao.report.b", "{\"format\": \"nianbao/stored\", 损");
    // Start-up lists it from the index without reading it: nothing is lost or moved yet.
    let listed: Vec<String> = scan(&mut store, NOW).into_iter().map(|e| e.id).collect();
    assert!(listed.contains(&"b".to_string()), "{listed:?}");
    assert!(recovery_items(&store).iter().all(|i| i.entry.id != "b"));

    assert_eq!(report_ids(&store), ["a", "b", "future"]);
    let verified: Vec<Verified> = ["a", "b", "future", "gone"]
        .into_iter()
        .map(|id| verify_report(&mut store, id, NOW))
        .collect();
    assert_eq!(
        verified,
        [
            Verified::Reads { revision: 1 },
            Verified::SetAside,
            Verified::Newer {
                revision: 4,
                item: RecoveryItem {
                    key: "nianbao.report.future".to_string(),
                    entry: SetAside {
                        id: "future".to_string(),
                        reason: "written by a newer version (version 9); kept unchanged"
                            .to_string(),
                        raw: newer.to_string(),
                    },
                },
            },
            Verified::Left
        ]
    );
    assert_eq!(
        store.peek("nianbao.report.a"),
        Some(good),
        "a report that reads is untouched"
    );
    assert_eq!(
        store.peek("nianbao.report.future").as_deref(),
        Some(newer),
        "a newer one too"
    );
    assert_eq!(store.peek("nianbao.report.b"), None);
    let kept: Vec<RecoveryItem> = recovery_items(&store)
        .into_iter()
        .filter(|i| i.entry.id == "b")
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "its text kept once, not its entry too: {kept:?}"
    );
    assert_eq!(kept[0].entry.raw, "{\"format\": \"nianbao/stored\", 损");
    // The next scan drops its entry.
    let listed: Vec<String> = scan(&mut store, NOW).into_iter().map(|e| e.id).collect();
    assert!(!listed.contains(&"b".to_string()) && listed.contains(&"a".to_string()));
    assert_eq!(
        recovery_items(&store)
            .iter()
            .filter(|i| i.entry.id == "b")
            .count(),
        1
    );
}

/// The newer versions' reports [`verify_report`] found, as the app keeps them between passes.
fn newer_found(store: &mut MemoryStore) -> Vec<RecoveryItem> {
    report_ids(store)
        .into_iter()
        .filter_map(|id| match verify_report(store, &id, NOW) {
            Verified::Newer { item, .. } => Some(item),
            _ => None,
        })
        .collect()
}

#[test]
fn the_recovery_area_from_the_newer_reports_verified_is_the_one_read_from_every_report() {
    let mut store = library();
    add_report(&mut store, "b", &draft("乙局", "2"), None, NOW).expect("stored");
    let future = r#"{"format":"nianbao/stored","layout":9,"revision":4,"report":{}}"#;
    let later = r#"{"format":"nianbao/stored","layout":12,"revision":1,"report":{"x":1}}"#;
    store.poke("nianbao.report.future", future);
    store.poke("nianbao.report.later", later);
    // A bare report file (layout 0) of a newer version is one too.
    store.poke(
        "nianbao.report.bare",
        r#"{"format":"nianbao/report","version":7}"#,
    );
    store.poke("nianbao.report.bad", "{not json");
    store.poke(&format!("{ORIGINAL_PREFIX}a"), "原件");
    set_aside(&mut store, "c", "乱码", "unreadable", NOW).expect("set aside");
    let _ = scan(&mut store, NOW);
    let newer = newer_found(&mut store);
    let ids: Vec<&str> = newer.iter().map(|i| i.entry.id.as_str()).collect();
    assert_eq!(ids, ["bare", "future", "later"]);
    let full = recovery_items(&store);
    assert_eq!(recovery_items_with(&store, &newer), full);
    assert!(full.iter().any(|i| i.entry.id == "bad"), "{full:?}");
    assert!(full.iter().any(|i| i.key == format!("{ORIGINAL_PREFIX}a")));
    // Without the newer ones known, the rest is listed as it is.
    let rest: Vec<RecoveryItem> = full
        .iter()
        .filter(|i| !newer.contains(i))
        .cloned()
        .collect();
    assert_eq!(recovery_items_with(&store, &[]), rest);
    // One removed and one written over by another tab: neither is listed from what was
    // found before.
    store.remove("nianbao.report.future").expect("removed");
    store.poke(
        "nianbao.report.later",
        "{\"format\":\"nianbao/stored\",\"layout\":12}",
    );
    assert_eq!(
        recovery_items_with(&store, &newer),
        recovery_items_with(&store, &newer[..1])
    );
    let listed: Vec<String> = recovery_items_with(&store, &newer)
        .into_iter()
        .map(|i| i.entry.id)
        .collect();
    assert!(
        !listed.contains(&"future".to_string()) && !listed.contains(&"later".to_string()),
        "{listed:?}"
    );
    // Verifying again finds what is stored now, and both readings agree again.
    let newer = newer_found(&mut store);
    assert_eq!(recovery_items_with(&store, &newer), recovery_items(&store));
}

#[test]
fn a_stale_write_is_refused_and_a_newer_version_is_never_written_over() {
    let mut store = library();
    save_report_at(&mut store, "a", &draft("甲局", "2"), 1, NOW).expect("tab one");
    assert_eq!(
        save_report_at(&mut store, "a", &draft("甲局", "3"), 1, NOW),
        Err(SaveError::Stale)
    );
    let newer = r#"{"format":"nianbao/stored","layout":9,"revision":4,"report":{}}"#;
    store.poke("nianbao.report.future", newer);
    assert_eq!(
        save_report(&mut store, "future", &draft("甲局", "1"), NOW),
        Err(SaveError::Stale)
    );
    assert_eq!(store.peek("nianbao.report.future").as_deref(), Some(newer));
    assert!(matches!(
        open_report(&mut store, "future", NOW),
        Err(OpenError::Newer { version: 9 })
    ));
    let _ = scan(&mut store, NOW);
    assert_eq!(store.peek("nianbao.report.future").as_deref(), Some(newer));
}

#[test]
fn an_entry_rewritten_by_another_tab_between_two_calls_is_not_removed() {
    let mut store = library();
    let good = store.peek("nianbao.report.a").expect("stored");
    store.poke("nianbao.report.a", "garbage");
    // Another tab writes the good report back just before the removal.
    store.intrude("nianbao.report.a", Some(&good), 3);
    move_aside(&mut store, "a", "garbage", "bad", NOW).expect("kept");
    assert_eq!(
        store.peek("nianbao.report.a").as_deref(),
        Some(good.as_str())
    );
}

#[test]
fn usage_counts_what_local_storage_counts_and_what_still_fits() {
    let store = library();
    let usage = usage(&store, LOCAL_STORAGE_QUOTA_BYTES);
    assert_eq!(usage.used, store.bytes());
    assert_eq!(usage.reports, 1);
    assert!(
        usage.more_reports > 100,
        "an empty report is small: {usage:?}"
    );
    assert!(!usage.is_tight());
    let tight = super::usage(&store, usage.used + usage.report_size);
    assert!(tight.is_tight());
    assert!(tight.more_reports < 5);
}

#[test]
fn start_up_keeps_the_counts_the_index_holds_instead_of_re_checking_every_report() {
    let mut store = library();
    let mut entries = load_index(&store).expect("index");
    entries[0].errors = 99;
    save_index(&mut store, &entries).expect("written");
    // A report the index lacks is described afresh.
    save_report(&mut store, "new", &draft("己局", "1"), NOW).expect("stored");
    let listed = scan(&mut store, NOW);
    let a = listed.iter().find(|e| e.id == "a").expect("listed");
    assert_eq!(
        a.errors, 99,
        "taken from the index as saved, not re-validated"
    );
    let new = listed.iter().find(|e| e.id == "new").expect("added back");
    assert_eq!(new.agency, "己局");
}

#[test]
fn reports_listed_without_the_checker_are_marked_unchecked_and_counted_later() {
    // A real published report with its two wrong 总计 (errors) and its blank cells.
    let broken = crate::from_json(include_str!("../../../../tests/fixtures/hongze-2023.json"))
        .expect("the fixture is a report");
    let mut store = MemoryStore::new();
    add_report(&mut store, "added", &broken, None, NOW).expect("stored");
    save_report(&mut store, "unlisted", &broken, NOW).expect("stored");
    let listed = scan(&mut store, NOW);
    for id in ["added", "unlisted"] {
        let entry = listed.iter().find(|e| e.id == id).expect("listed");
        assert!(entry.unchecked, "{id}: listed, not counted: {entry:?}");
        assert_eq!((entry.errors, entry.warnings, entry.pending), (0, 0, 0));
    }
    // Stored so: another tab, or the next start, knows they still need counting.
    assert!(
        load_index(&store)
            .expect("index")
            .iter()
            .all(|e| e.unchecked)
    );

    let counted = count_unchecked(&mut store, NOW + 1.0).expect("counted");
    let expected = crate::progress::Tally::of(&crate::validate(&broken, None, Lang::Zh));
    assert!(expected.errors == 2 && expected.pending > 0, "{expected:?}");
    for id in ["added", "unlisted"] {
        let entry = counted.iter().find(|e| e.id == id).expect("listed");
        assert!(!entry.unchecked, "{id}");
        assert_eq!(
            (entry.errors, entry.warnings, entry.pending),
            (expected.errors, expected.warnings, expected.pending),
            "{id}"
        );
        assert_eq!(entry.saved_at, NOW, "{id}: counting is not a save");
    }
    assert_eq!(
        load_index(&store).expect("index"),
        counted,
        "stored as shown"
    );
}

#[test]
fn counting_leaves_counted_entries_alone_and_an_unreadable_report_unchecked() {
    let mut store = library();
    let mut entries = load_index(&store).expect("index");
    entries[0].errors = 99;
    entries[0].unchecked = false;
    save_index(&mut store, &entries).expect("written");
    save_report(&mut store, "bad", &draft("丁局", "1"), NOW).expect("stored");
    let _ = scan(&mut store, NOW);
    // The report's text goes bad after it was listed (another program wrote the key).
    store.set(&report_key("bad"), "{not json").expect("written");
    let counted = count_unchecked(&mut store, NOW).expect("counted");
    let a = counted.iter().find(|e| e.id == "a").expect("listed");
    assert_eq!((a.errors, a.unchecked), (99, false), "not counted again");
    let bad = counted
        .iter()
        .find(|e| e.id == "bad")
        .expect("still listed");
    assert!(
        bad.unchecked,
        "never shown as counted with no findings: {bad:?}"
    );
    assert_eq!(
        stored_natural(&mut store, "a").as_deref(),
        Some("1"),
        "counting writes no report"
    );
}

#[test]
fn an_index_written_before_unchecked_existed_reads_as_counted() {
    let json = r#"[{"id":"a","title":"t","agency":"甲局","year":2024,"template":"gov-2021","saved_at":1.0,"errors":2,"warnings":1}]"#;
    let entries: Vec<LibraryEntry> = serde_json::from_str(json).expect("old index");
    assert!(!entries[0].unchecked);
    assert_eq!(entries[0].errors, 2);
    let written = serde_json::to_string(&entries).expect("written");
    assert!(!written.contains("unchecked"), "{written}");
}

/// A store where another tab sets the same text aside between this tab's look for a record
/// and its own write (under `stamp`), as when a tab starting up scans an entry that an open
/// editor is setting aside and rewriting.
struct RacingTab {
    store: MemoryStore,
    other: Option<(String, String)>,
}

impl KeyValue for RacingTab {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.store.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if key.starts_with(QUARANTINE_PREFIX)
            && let Some((other, text)) = self.other.take()
        {
            self.store.set(&other, &text)?;
        }
        self.store.set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.store.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.store.keys()
    }
}

#[test]
fn two_tabs_setting_the_same_text_aside_at_once_leave_one_record() {
    let garbage = r#"{"format":"nianbao/stored" 乱码"#;
    for other_stamp in [NOW as u64 - 5, NOW as u64 + 5] {
        let record = SetAside {
            id: "a".to_string(),
            reason: "unreadable".to_string(),
            raw: garbage.to_string(),
        };
        let other = format!("{QUARANTINE_PREFIX}a.{other_stamp}");
        let text = serde_json::to_string(&record).expect("record");
        let mut store = RacingTab {
            store: MemoryStore::new(),
            other: Some((other.clone(), text)),
        };
        let kept = set_aside(&mut store, "a", garbage, "unreadable", NOW).expect("set aside");
        let items = recovery_items(&store);
        assert_eq!(items.len(), 1, "stamp {other_stamp}: {items:?}");
        assert_eq!(items[0].entry.raw, garbage);
        assert_eq!(items[0].key, kept, "the record kept is the one returned");
    }
    // A different text of the same report is another record, kept beside it.
    let mut store = MemoryStore::new();
    set_aside(&mut store, "a", "one", "unreadable", NOW).expect("set aside");
    set_aside(&mut store, "a", "two", "unreadable", NOW).expect("set aside");
    assert_eq!(recovery_items(&store).len(), 2);
}

#[test]
fn the_same_text_set_aside_twice_unseen_by_each_other_is_listed_once() {
    // Two tabs, each writing its record before the other's write reached it.
    let mut store = MemoryStore::new();
    for stamp in [NOW as u64 + 5, NOW as u64] {
        let record = SetAside {
            id: "a".to_string(),
            reason: "unreadable".to_string(),
            raw: "乱码".to_string(),
        };
        let text = serde_json::to_string(&record).expect("record");
        store
            .set(&format!("{QUARANTINE_PREFIX}a.{stamp}"), &text)
            .expect("written");
    }
    let items = recovery_items(&store);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0].key, format!("{QUARANTINE_PREFIX}a.{}", NOW as u64));
}

#[test]
fn the_backup_reminder_from_the_verified_revisions_is_the_one_read_from_storage() {
    let mut store = library();
    add_report(&mut store, "b", &draft("乙局", "2"), None, NOW).expect("stored");
    store.poke("nianbao.report.bad", "{not json");
    // Forty saves of "a" since a backup that held it at revision 1, and "b" never backed up.
    let backup = make_backup(&store, None, NOW);
    record_backup(&mut store, &backup).expect("recorded");
    for revision in 1..=crate::backup::BACKUP_REMINDER_REVISIONS + 1 {
        save_report_at(&mut store, "a", &draft("甲局", "9"), revision, NOW).expect("saved");
    }
    let before = backup_due(&store);
    assert_eq!(before, ["a"], "one report changed a lot");
    let mut read = Vec::new();
    for id in report_ids(&store) {
        if let Verified::Reads { revision } = verify_report(&mut store, &id, NOW) {
            read.push((id, revision));
        }
    }
    assert_eq!(backup_due_at(&store, &read), before);
    assert_eq!(
        backup_due(&store),
        before,
        "setting aside the bad one changes nothing"
    );
}

#[test]
fn a_report_written_elsewhere_is_verified_alone_and_the_verification_matches_a_full_one() {
    let mut store = library();
    add_report(&mut store, "b", &draft("乙局", "2"), None, NOW).expect("stored");
    let mut found = Verification::default();
    for id in report_ids(&store) {
        assert!(!found.verify(&mut store, &id, NOW));
    }
    let full = |store: &mut MemoryStore| {
        let mut all = Verification::default();
        for id in report_ids(store) {
            all.verify(store, &id, NOW);
        }
        all
    };
    let sorted = |mut v: Verification| {
        v.revisions.sort();
        v.newer.sort_by(|a, b| a.key.cmp(&b.key));
        v
    };
    // Another tab saves b twice: its revision moves on here.
    save_report(&mut store, "b", &draft("乙局", "3"), NOW).expect("saved");
    save_report(&mut store, "b", &draft("乙局", "4"), NOW).expect("saved");
    assert!(!found.verify(&mut store, "b", NOW));
    assert!(found.revisions.contains(&("b".to_string(), 3)), "{found:?}");
    assert_eq!(sorted(found.clone()), sorted(full(&mut store)));
    // It writes a report of a newer version over a: listed as one, its revision kept.
    let future = r#"{"format":"nianbao/stored","layout":9,"revision":8,"report":{}}"#;
    store.poke("nianbao.report.a", future);
    assert!(!found.verify(&mut store, "a", NOW));
    assert_eq!(found.newer.len(), 1);
    assert_eq!(found.newer[0].entry.raw, future);
    assert!(found.revisions.contains(&("a".to_string(), 8)));
    assert_eq!(
        recovery_items_with(&store, &found.newer),
        recovery_items(&store)
    );
    // Then a readable one again: no longer a newer version's.
    save_report_at(&mut store, "c", &draft("丙局", "1"), 0, NOW).expect("saved");
    store.poke(
        "nianbao.report.a",
        &store.peek("nianbao.report.c").expect("c stored"),
    );
    assert!(!found.verify(&mut store, "a", NOW));
    assert!(found.newer.is_empty(), "{found:?}");
    // c was never verified here: what a full pass finds is what was recorded, plus c.
    assert!(!found.verify(&mut store, "c", NOW));
    assert_eq!(sorted(found.clone()), sorted(full(&mut store)));
    // An unreadable write is set aside, and forgotten.
    store.poke("nianbao.report.b", "{坏");
    assert!(found.verify(&mut store, "b", NOW));
    assert!(
        !found.revisions.iter().any(|(id, _)| id == "b"),
        "{found:?}"
    );
    assert!(recovery_items(&store).iter().any(|i| i.entry.raw == "{坏"));
    // A report another tab removed is forgotten once the index changes.
    store.remove("nianbao.report.c").expect("removed");
    found.keep_stored(&store);
    assert_eq!(sorted(found.clone()), sorted(full(&mut store)));
    assert_eq!(found.revisions.len(), 1, "{found:?}");
}

#[test]
fn what_another_tab_changed_decides_what_the_library_reads_again() {
    use LibraryChange::*;
    assert_eq!(library_change("", false), Everything);
    assert_eq!(
        library_change("nianbao.report.ab12", true),
        Report("ab12".into())
    );
    assert_eq!(library_change("nianbao.report.ab12", false), Listing);
    for key in [
        INDEX_KEY,
        BACKUP_MARK_KEY,
        "nianbao.quarantine.ab12.1700000000000",
        "nianbao.original.ab12",
    ] {
        assert_eq!(library_change(key, true), Listing, "{key}");
        assert_eq!(library_change(key, false), Listing, "{key}");
    }
    for key in [
        "nianbao.lock.ab12",
        "nianbao.lang",
        "other-app.key",
        "nianbao.indexes",
    ] {
        assert_eq!(library_change(key, true), Nothing, "{key}");
    }
}
