//! 两年对照: this year's report beside the linked last year's, from `report::compare`: each
//! table's cells with both years, the difference and 同比 (only the cells that changed, or
//! all), and each prose section sentence by sentence, marked as copied, updated or new,
//! with what last year's section said that this year's no longer does.

use leptos::prelude::*;
use report::{CellChange, Provenance, SectionChanges, TableChanges, TwoYears};

use super::ctx::EditorCtx;
use super::preview::PreviewCtx;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// The two-year pane on the editor's right.
#[component]
pub fn TwoYearsPane() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let only_changes = RwSignal::new(true);
    // Both years sentence by sentence is too much for every keystroke: the view follows
    // when typing pauses, as the preview does.
    let settled = expect_context::<PreviewCtx>().settled;
    let two: Memo<Option<TwoYears>> = Memo::new(move |_| {
        settled.track();
        ctx.previous.with(|previous| {
            previous.as_ref().map(|previous| {
                ctx.report
                    .with_untracked(|report| report::compare(report, previous))
            })
        })
    });
    let years = move || {
        let year = ctx.report.with(|r| r.year);
        let last = ctx.previous.with(|p| p.as_ref().map_or(0, |p| p.year));
        tr(lang.get(), Text::TwoYearsYears)
            .replace("{last}", &last.to_string())
            .replace("{year}", &year.to_string())
    };
    view! {
        <aside class="two-years-pane" aria-labelledby="two-years-title" data-testid="two-years-pane">
            <h2 id="two-years-title">{move || t(Text::TwoYears)}</h2>
            <Show when=move || two.with(Option::is_some)
                fallback=move || view! { <p class="muted">{move || t(Text::TwoYearsNoPrevious)}</p> }>
                <p class="muted">{years}</p>
                <ReadySentences />
                <label class="two-years-filter">
                    <input type="checkbox" prop:checked=move || only_changes.get()
                        on:change=move |ev| only_changes.set(event_target_checked(&ev)) />
                    {move || t(Text::TwoYearsOnlyChanges)}
                </label>
                {move || two.with(|two| two.as_ref().map(|two| {
                    two.tables.iter().cloned().map(|table| view! { <TableView table=table only_changes=only_changes /> }).collect_view()
                }))}
                <h3 class="two-years-prose-title">{move || t(Text::TwoYearsProse)}</h3>
                <p class="two-years-legend muted">
                    <span class="prose-copied">{move || t(Text::TwoYearsCopied)}</span>" "
                    <span class="prose-updated">{move || t(Text::TwoYearsUpdated)}</span>" "
                    <span class="prose-new">{move || t(Text::TwoYearsNew)}</span>
                </p>
                {move || two.with(|two| two.as_ref().map(|two| {
                    two.sections.iter().cloned().map(|section| view! { <SectionView section=section /> }).collect_view()
                }))}
            </Show>
        </aside>
    }
}

/// The key figures' 同比 as ready sentences, computed exactly from both years' tables, each
/// inserted at the end of its section with one click.
#[component]
fn ReadySentences() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let sentences = Memo::new(move |_| {
        ctx.previous.with(|previous| {
            previous.as_ref().map_or_else(Vec::new, |previous| {
                ctx.report
                    .with(|report| report::ready_sentences(report, previous))
            })
        })
    });
    let item = move |sentence: report::ReadySentence| {
        let sentence = StoredValue::new(sentence);
        let inserted = move || sentence.with_value(|s| ctx.report.with(|r| s.is_in(r)));
        let target = move || {
            let heading = ctx.report.with(|r| {
                let id = sentence.with_value(|s| s.section);
                r.sections
                    .iter()
                    .find(|section| section.id == id)
                    .map(|section| r.section_heading(section).to_string())
                    .unwrap_or_default()
            });
            t(Text::InsertSentenceInto).replace("{section}", &heading)
        };
        let insert = move |_| {
            let section = sentence.with_value(|s| s.section);
            ctx.edit(Some(section), |r| {
                sentence.with_value(|s| s.insert_into(r));
            });
        };
        view! {
            <li>
                <span lang="zh-CN">{sentence.with_value(|s| s.text.clone())}</span>" "
                <button type="button" class="button small" data-testid="insert-sentence"
                    disabled=inserted aria-label=move || (!inserted()).then(target) title=target on:click=insert>
                    {move || t(if inserted() { Text::SentenceInserted } else { Text::InsertSentence })}
                </button>
            </li>
        }
    };
    view! {
        <Show when=move || sentences.with(|s| !s.is_empty())>
            <section class="ready-sentences" data-testid="ready-sentences">
                <h3>{move || t(Text::ReadySentences)}</h3>
                <p class="muted">{move || t(Text::ReadySentencesHint)}</p>
                <ul>{move || sentences.get().into_iter().map(item).collect_view()}</ul>
            </section>
        </Show>
    }
}

/// One table's cells in both years.
#[component]
fn TableView(
    /// The table's cells in both years.
    table: TableChanges,
    /// Whether unchanged cells are left out.
    only_changes: RwSignal<bool>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let t = move |text| tr(lang.get(), text);
    let changed = table.cells.iter().filter(|c| c.differs()).count();
    let cells = table.cells.clone();
    let rows = move || {
        let only = only_changes.get();
        cells
            .iter()
            .filter(|cell| !only || cell.differs())
            .cloned()
            .map(|cell| view! { <CellRow cell=cell /> })
            .collect_view()
    };
    let summary = move || {
        tr(lang.get(), Text::TwoYearsChanged)
            .replace("{n}", &changed.to_string())
            .replace("{cells}", &table.cells.len().to_string())
    };
    view! {
        <section class="two-years-table" data-testid="two-years-table">
            <h3><span class="official-label">{table.title}</span></h3>
            <p class="muted">{summary}</p>
            <Show when=move || !(only_changes.get() && changed == 0)>
                <table>
                    <thead><tr>
                        <th scope="col">{move || t(Text::TwoYearsItem)}</th>
                        <th scope="col">{move || t(Text::TwoYearsLast)}</th>
                        <th scope="col">{move || t(Text::TwoYearsThis)}</th>
                        <th scope="col">{move || t(Text::TwoYearsDifference)}</th>
                        <th scope="col">{move || t(Text::TwoYearsYoy)}</th>
                    </tr></thead>
                    <tbody>{rows.clone()}</tbody>
                </table>
            </Show>
        </section>
    }
}

/// One cell: both years, the difference and 同比.
#[component]
fn CellRow(
    /// The cell in both years.
    cell: CellChange,
) -> impl IntoView {
    let dash = || "—".to_string();
    let direction = match cell.change {
        report::YearOnYear::Percent(tenths) if tenths > 0 => "up",
        report::YearOnYear::Percent(_) => "down",
        _ => "",
    };
    view! {
        <tr data-key=cell.key.clone()>
            <th scope="row"><span class="official-label">{cell.row.clone()}</span>" · "{cell.column}</th>
            <td class="num">{cell.previous.clone().unwrap_or_else(dash)}</td>
            <td class="num">{cell.current.clone().unwrap_or_else(dash)}</td>
            <td class="num">{cell.difference.clone().unwrap_or_else(dash)}</td>
            <td class=format!("num yoy {direction}")>{cell.change.short()}</td>
        </tr>
    }
}

/// One prose section, sentence by sentence.
#[component]
fn SectionView(
    /// The section in both years.
    section: SectionChanges,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let [copied, updated, new] = section.shares();
    let shares = move || {
        tr(lang.get(), Text::TwoYearsShares)
            .replace("{copied}", &copied.to_string())
            .replace("{updated}", &updated.to_string())
            .replace("{new}", &new.to_string())
    };
    let dropped = section.dropped.clone();
    let dropped_count = dropped.len();
    view! {
        <section class="two-years-section" data-testid="two-years-section">
            <h4><span class="official-label">{
                // The preamble has no heading of its own in the report.
                let heading = section.heading.clone();
                move || if heading.is_empty() { tr(lang.get(), Text::Preamble).to_string() } else { heading.clone() }
            }</span></h4>
            <p class="muted">{shares}</p>
            <p class="two-years-prose">
                {section.sentences.iter().map(|sentence| {
                    let (class, label) = match sentence.provenance {
                        Provenance::Copied => ("prose-copied", Text::TwoYearsCopied),
                        Provenance::NumbersUpdated => ("prose-updated", Text::TwoYearsUpdated),
                        Provenance::New => ("prose-new", Text::TwoYearsNew),
                    };
                    // The mark is said, not only shown: in black and white and to screen readers.
                    let marked = sentence.provenance != Provenance::New;
                    view! {
                        <span class=class title=move || tr(lang.get(), label)>
                            <Show when=move || marked>
                                <span class="visually-hidden">{move || format!("[{}]", tr(lang.get(), label))}</span>
                            </Show>
                            {sentence.text.clone()}
                        </span>
                    }
                }).collect_view()}
            </p>
            <Show when=move || dropped_count != 0>
                <details class="two-years-dropped">
                    <summary>{move || tr(lang.get(), Text::TwoYearsDropped).replace("{n}", &dropped_count.to_string())}</summary>
                    <ul>{dropped.iter().map(|text| view! { <li>{text.clone()}</li> }).collect_view()}</ul>
                </details>
            </Show>
        </section>
    }
}
