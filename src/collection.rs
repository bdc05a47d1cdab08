//! 汇总 (issue 18): the screen where a collecting office gathers many agencies' reports,
//! sees each one's problems in one sortable table, exports the checking summary and sums
//! the chosen reports into one report. Reading, checking, ordering, the summary's text and the
//! sum are the core's (`report::collection`); this module keeps the collection in IndexedDB
//! (one record per report) and draws the screen.

pub mod add;
pub mod detail;
pub mod exports;
pub mod rows;
pub mod sum_panel;

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use report::{Finding, Gathered, Origin, Summary, SummaryRow, Unreadable, validate};

use crate::i18n::{Lang, LangCtx, Text, tr};

/// A report of the collection with what its check found.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The record's id.
    pub id: String,
    /// Its row of the summary.
    pub row: SummaryRow,
    /// Its findings, for the read-only view.
    pub findings: Vec<Finding>,
}

/// The collection, shared with the screen's parts through context.
#[derive(Debug, Clone, Copy)]
pub struct CollectionCtx {
    /// Every gathered report, removed and last year's included, in the order added.
    pub items: RwSignal<Vec<Gathered>>,
    /// Whether the stored collection has been read.
    pub loaded: RwSignal<bool>,
    /// Whether reading it has begun: it is read once, when the screen first opens, and then
    /// kept for the page's life, so leaving the screen never drops a report not yet saved.
    requested: StoredValue<bool>,
    /// Why the stored collection could not be read or written.
    pub failure: RwSignal<Option<String>>,
    /// The ids whose latest change is not yet committed to IndexedDB.
    pub unsaved: RwSignal<Vec<String>>,
    /// Stored records that are not readable records: (key, why). Never rewritten.
    pub bad_records: RwSignal<Vec<(String, String)>>,
    /// The reports left out of the sum by the clerk (all are in it by default).
    pub left_out: RwSignal<HashSet<String>>,
    /// The report open read-only.
    pub viewing: RwSignal<Option<String>>,
    /// This year's reports checked: one per readable, kept, not-last-year report.
    pub checked: Memo<Vec<Checked>>,
    /// The summary of the whole collection (rows, unreadable sources, checks across it).
    pub summary: Memo<Summary>,
    /// The collecting office's name, printed on the summary and given to the summed report.
    pub office: RwSignal<String>,
    /// The interface language, for the words of failures.
    lang: RwSignal<Lang>,
}

impl CollectionCtx {
    /// The collection's state, empty until the screen first opens (the app's start-up reads
    /// nothing from IndexedDB).
    pub fn new(lang: RwSignal<Lang>) -> CollectionCtx {
        let items = RwSignal::new(Vec::<Gathered>::new());
        // A gathered report never changes under its id, so its check is kept by (id, language,
        // the last year's report it was compared with): adding a folder of hundreds of files
        // one by one checks each file once, not the whole collection at every file.
        let cache = StoredValue::new(HashMap::<(String, Lang, Option<String>), Checked>::new());
        let checked = Memo::new(move |_| {
            let lang = lang.get();
            items.with(|items| {
                let (last_ids, last_reports): (Vec<&str>, Vec<&report::Report>) = items
                    .iter()
                    .filter_map(|item| Some((item.id.as_str(), item.last_years_report()?)))
                    .unzip();
                let mut fresh = HashMap::new();
                let checked = items
                    .iter()
                    .filter(|item| item.is_member())
                    .filter_map(|item| {
                        let report = item.content.as_ref().ok()?;
                        // With last year's collection loaded, each department is also checked
                        // against its own last year's report (carry-over, rules in force).
                        let at = report::previous_of(report, &last_reports);
                        let previous = at.map(|at| last_reports[at]);
                        let previous_id = at.map(|at| last_ids[at].to_string());
                        let key = (item.id.clone(), lang, previous_id);
                        let one = cache
                            .with_value(|cache| cache.get(&key).cloned())
                            .unwrap_or_else(|| {
                                let findings = validate(report, previous, lang);
                                Checked {
                                    id: item.id.clone(),
                                    row: SummaryRow::new(&item.name, report, &findings),
                                    findings,
                                }
                            });
                        fresh.insert(key, one.clone());
                        Some(one)
                    })
                    .collect::<Vec<_>>();
                // Only what is in the collection now is kept.
                cache.set_value(fresh);
                checked
            })
        });
        let summary = Memo::new(move |_| {
            let lang = lang.get();
            items.with(|items| {
                checked.with(|checked| {
                    // `checked` holds the members that read, in the collection's order.
                    let members: Vec<report::Member<'_>> = items
                        .iter()
                        .filter(|item| item.is_member())
                        .filter_map(|item| Some((item, item.content.as_ref().ok()?)))
                        .zip(checked)
                        .filter(|((item, _), one)| item.id == one.id)
                        .map(|((_, report), one)| {
                            (one.row.file.as_str(), report, one.findings.as_slice())
                        })
                        .collect();
                    let last_year: Vec<(&str, &report::Report)> = items
                        .iter()
                        .filter_map(|item| Some((item.name.as_str(), item.last_years_report()?)))
                        .collect();
                    let mut summary = Summary::new(&members, &last_year, lang);
                    summary.unreadable = items
                        .iter()
                        .filter(|item| !item.removed)
                        .filter_map(|item| {
                            let reason = item.content.as_ref().err()?;
                            Some(Unreadable {
                                file: item.name.clone(),
                                reason: reason.clone(),
                            })
                        })
                        .collect();
                    summary
                })
            })
        });
        CollectionCtx {
            items,
            loaded: RwSignal::new(false),
            requested: StoredValue::new(false),
            failure: RwSignal::new(None),
            unsaved: RwSignal::new(Vec::new()),
            bad_records: RwSignal::new(Vec::new()),
            left_out: RwSignal::new(HashSet::new()),
            viewing: RwSignal::new(None),
            checked,
            summary,
            office: RwSignal::new(String::new()),
            lang,
        }
    }

    /// Reads the stored collection, the first time only. A record that does not read is
    /// listed, never dropped.
    fn load(self) {
        if self.requested.get_value() {
            return;
        }
        self.requested.set_value(true);
        leptos::task::spawn_local(async move {
            match crate::idb::all().await {
                Ok(records) => {
                    let mut items = Vec::new();
                    let mut bad = Vec::new();
                    for (key, text) in records {
                        match text.as_deref().map(Gathered::from_record) {
                            Some(Ok(item)) => items.push(item),
                            Some(Err(reason)) => bad.push((key, reason)),
                            None => bad.push((key, "not text".to_string())),
                        }
                    }
                    items.sort_by(|a, b| a.added_at.total_cmp(&b.added_at));
                    self.items.set(items);
                    self.bad_records.set(bad);
                }
                Err(reason) => {
                    let lang = self.lang();
                    self.failure.set(Some(
                        tr(lang, Text::CollectionStoreFailed).replace("{reason}", &reason),
                    ));
                }
            }
            self.loaded.set(true);
        });
    }

    fn lang(&self) -> Lang {
        self.lang.try_get_untracked().unwrap_or_default()
    }

    /// Shows `changed` at once (added, or replacing the item of the same id) and writes their
    /// records; until the write has committed they are listed as unsaved.
    pub fn keep(self, changed: Vec<Gathered>) {
        if changed.is_empty() {
            return;
        }
        let ids: Vec<String> = changed.iter().map(|item| item.id.clone()).collect();
        self.items.update(|items| {
            for item in changed {
                match items.iter_mut().find(|old| old.id == item.id) {
                    Some(old) => *old = item,
                    None => items.push(item),
                }
            }
        });
        self.unsaved.update(|unsaved| {
            for id in &ids {
                if !unsaved.contains(id) {
                    unsaved.push(id.clone());
                }
            }
        });
        self.write_unsaved();
    }

    /// Writes every unsaved item's record (again).
    pub fn write_unsaved(self) {
        let written: Result<Vec<(String, String)>, String> =
            self.unsaved.with_untracked(|unsaved| {
                self.items.with_untracked(|items| {
                    items
                        .iter()
                        .filter(|item| unsaved.contains(&item.id))
                        .map(|item| Ok((item.id.clone(), item.to_record()?)))
                        .collect()
                })
            });
        let records = match written {
            Ok(records) if records.is_empty() => return,
            Ok(records) => records,
            Err(reason) => {
                self.failure.set(Some(reason));
                return;
            }
        };
        leptos::task::spawn_local(async move {
            match crate::idb::put(&records).await {
                Ok(()) => {
                    // Saved is what was written: a report changed again meanwhile (removed,
                    // restored) stays unsaved until its own write commits.
                    let current = |id: &str| {
                        self.items.with_untracked(|items| {
                            items
                                .iter()
                                .find(|item| item.id == id)
                                .and_then(|item| item.to_record().ok())
                        })
                    };
                    self.unsaved.update(|unsaved| {
                        unsaved.retain(|id| {
                            !records.iter().any(|(written, text)| {
                                written == id && current(id).as_deref() == Some(text.as_str())
                            })
                        })
                    });
                    if self.unsaved.with_untracked(Vec::is_empty) {
                        self.failure.set(None);
                    }
                }
                Err(reason) => self.failure.set(Some(reason)),
            }
        });
    }

    /// Marks a report removed or restores it.
    pub fn set_removed(self, id: &str, removed: bool) {
        let item = self
            .items
            .with_untracked(|items| items.iter().find(|item| item.id == id).cloned());
        if let Some(mut item) = item {
            item.removed = removed;
            if removed && self.viewing.get_untracked().as_deref() == Some(id) {
                self.viewing.set(None);
            }
            self.keep(vec![item]);
        }
    }

    /// Deletes the removed reports for good, once the deletion has committed.
    pub fn empty_removed(self) {
        let ids: Vec<String> = self.items.with_untracked(|items| {
            items
                .iter()
                .filter(|item| item.removed)
                .map(|item| item.id.clone())
                .collect()
        });
        if ids.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            match crate::idb::delete(&ids).await {
                Ok(()) => {
                    self.items
                        .update(|items| items.retain(|item| !ids.contains(&item.id)));
                    self.unsaved
                        .update(|unsaved| unsaved.retain(|id| !ids.contains(id)));
                }
                Err(reason) => self.failure.set(Some(reason)),
            }
        });
    }

    /// The names already used, so a new source gets one of its own.
    pub fn names(self) -> Vec<String> {
        self.items
            .with_untracked(|items| items.iter().map(|item| item.name.clone()).collect())
    }
}

/// A new record id.
pub fn new_id() -> String {
    format!("c{}", crate::clock::new_id())
}

/// The name of an origin in the interface language.
pub fn origin_name(lang: Lang, origin: Origin) -> &'static str {
    tr(
        lang,
        match origin {
            Origin::ReportFile => Text::OriginReportFile,
            Origin::Published => Text::OriginPublished,
            Origin::Word => Text::OriginWord,
            Origin::Pdf => Text::OriginPdf,
            Origin::Pasted => Text::OriginPasted,
            Origin::Library => Text::OriginLibrary,
        },
    )
}

/// The collection screen.
#[component]
pub fn Collection(
    /// Returns to the library.
    on_close: Callback<()>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    ctx.load();
    let t = move |text| tr(lang.get(), text);
    view! {
        <section class="collection" aria-labelledby="collection-title" data-testid="collection">
            <div class="library-head">
                <h1 id="collection-title">{move || t(Text::CollectionTitle)}</h1>
                <button type="button" class="button" data-testid="collection-back"
                    on:click=move |_| on_close.run(())>
                    {move || t(Text::CollectionBack)}
                </button>
            </div>
            <p class="muted">{move || t(Text::CollectionIntro)}</p>
            <p class="local-note" data-testid="collection-where">{move || t(Text::CollectionWhere)}</p>
            <StoreProblems />
            <Show when=move || ctx.loaded.get()
                fallback=move || view! { <p role="status">{move || t(Text::CollectionLoading)}</p> }>
                <add::AddSources />
                <Show when=move || ctx.viewing.get().is_some()>
                    <detail::ReadOnlyReport />
                </Show>
                <exports::ExportTools />
                <rows::ChecksAcross />
                <rows::ReportRows />
                <rows::UnreadableList />
                <rows::LastYearList />
                <sum_panel::SumPanel />
                <rows::RemovedList />
            </Show>
        </section>
    }
}

/// What went wrong with the stored collection: a write that did not commit (with a retry),
/// records that do not read.
#[component]
fn StoreProblems() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    view! {
        <Show when=move || ctx.failure.get().is_some()>
            <div class="banner error" role="alert" data-testid="collection-failure">
                <p>{move || {
                    let reason = ctx.failure.get().unwrap_or_default();
                    let unsaved = ctx.unsaved.with(Vec::len);
                    if unsaved == 0 {
                        reason
                    } else {
                        tr(lang.get(), Text::CollectionNotSaved)
                            .replace("{reason}", &reason)
                            .replace("{n}", &unsaved.to_string())
                    }
                }}</p>
                <Show when=move || !ctx.unsaved.with(Vec::is_empty)>
                    <button type="button" class="button" on:click=move |_| ctx.write_unsaved()>
                        {move || tr(lang.get(), Text::CollectionRetry)}
                    </button>
                </Show>
            </div>
        </Show>
        <Show when=move || !ctx.bad_records.with(Vec::is_empty)>
            <p class="banner warning" role="alert" data-testid="collection-bad-records">
                {move || ctx.bad_records.with(|bad| {
                    let keys: Vec<String> = bad.iter().map(|(key, why)| format!("{key}（{why}）")).collect();
                    tr(lang.get(), Text::CollectionBadRecords)
                        .replace("{n}", &bad.len().to_string())
                        .replace("{keys}", &keys.join("；"))
                })}
            </p>
        </Show>
    }
}
