//! The collection's lists: the checks across the set, the table of reports (sortable by any
//! column, filtered by words or to those with errors, each chosen for the sum or not), the
//! sources that are not reports, last year's reports and the removed ones.

use leptos::prelude::*;
use report::{RowFilter, RowOrder, order_rows};

use super::{Checked, CollectionCtx, origin_name};
use crate::i18n::{LangCtx, Text, tr};
use crate::library::report_row::template_short;

/// What the checks across the collection found (the same agency twice, another year,
/// figures equal to last year's).
#[component]
pub fn ChecksAcross() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    view! {
        <Show when=move || ctx.summary.with(|summary| !summary.findings.is_empty())>
            <section class="banner warning collection-checks" data-testid="collection-checks">
                <h2>{move || tr(lang.get(), Text::CollectionChecks)}</h2>
                <ul>
                    {move || ctx.summary.with(|summary| summary.findings.iter().map(|finding| view! {
                        <li data-rule=finding.rule.id()>{finding.message.clone()}</li>
                    }).collect_view())}
                </ul>
            </section>
        </Show>
    }
}

/// The table of this year's reports.
#[component]
pub fn ReportRows() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let t = move |text| tr(lang.get(), text);
    let order = RwSignal::new((RowOrder::File, false));
    let filter = RwSignal::new(RowFilter::default());
    let shown = Memo::new(move |_| {
        ctx.checked.with(|checked| {
            let rows: Vec<_> = checked.iter().map(|one| one.row.clone()).collect();
            let (by, descending) = order.get();
            filter.with(|filter| {
                order_rows(&rows, by, descending)
                    .into_iter()
                    .filter(|&at| filter.shows(&rows[at]))
                    .map(|at| checked[at].clone())
                    .collect::<Vec<Checked>>()
            })
        })
    });
    view! {
        <Show when=move || !ctx.checked.with(Vec::is_empty)
            fallback=move || view! { <p class="empty-state" data-testid="collection-empty">{move || t(Text::CollectionEmpty)}</p> }>
            <div class="collection-filter">
                <label>
                    <span>{move || t(Text::CollectionFilter)}</span>
                    <input type="search" data-testid="collection-filter"
                        prop:value=move || filter.with(|filter| filter.text.clone())
                        on:input=move |ev| filter.update(|filter| filter.text = event_target_value(&ev)) />
                </label>
                <label>
                    <input type="checkbox" data-testid="collection-only-errors"
                        prop:checked=move || filter.with(|filter| filter.with_errors)
                        on:change=move |ev| filter.update(|filter| filter.with_errors = event_target_checked(&ev)) />
                    " " {move || t(Text::CollectionOnlyErrors)}
                </label>
                <span class="muted" role="status" data-testid="collection-shown">
                    {move || tr(lang.get(), Text::CollectionShown)
                        .replace("{shown}", &shown.with(Vec::len).to_string())
                        .replace("{total}", &ctx.checked.with(Vec::len).to_string())}
                </span>
            </div>
            <table class="library-table collection-table" data-testid="collection-rows">
                <thead>
                    <tr>
                        <th scope="col">{move || t(Text::CollectionInclude)}</th>
                        <SortHeader order=order by=RowOrder::File label=Text::CollectionFile />
                        <SortHeader order=order by=RowOrder::Agency label=Text::CollectionAgency />
                        <SortHeader order=order by=RowOrder::Year label=Text::Year />
                        <SortHeader order=order by=RowOrder::Template label=Text::Format />
                        <SortHeader order=order by=RowOrder::Errors label=Text::CollectionErrors />
                        <SortHeader order=order by=RowOrder::Warnings label=Text::CollectionWarnings />
                        <SortHeader order=order by=RowOrder::Blank label=Text::CollectionBlank />
                        <th scope="col">{move || t(Text::CollectionProblems)}</th>
                        <th scope="col">{move || t(Text::Actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || shown.get() key=|one| (one.id.clone(), one.row.clone())
                        children=move |one| view! { <ReportRow one=one /> } />
                </tbody>
            </table>
        </Show>
    }
}

/// A column heading that orders the rows by its column; again reverses the order.
#[component]
fn SortHeader(
    /// The table's order: the column and whether it is descending.
    order: RwSignal<(RowOrder, bool)>,
    /// This column.
    by: RowOrder,
    /// Its heading.
    label: Text,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    // Counts are read most-first; text columns A to Z.
    let counts = matches!(by, RowOrder::Errors | RowOrder::Warnings | RowOrder::Blank);
    let sort = move || {
        let (current, descending) = order.get();
        match (current == by, descending) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        }
    };
    view! {
        <th scope="col" aria-sort=sort>
            <button type="button" class="sort-button" on:click=move |_| order.update(|(current, descending)| {
                if *current == by {
                    *descending = !*descending;
                } else {
                    *current = by;
                    *descending = counts;
                }
            })>
                {move || tr(lang.get(), label)}
                <span aria-hidden="true">{move || match sort() {
                    "ascending" => " ▲",
                    "descending" => " ▼",
                    _ => "",
                }}</span>
            </button>
        </th>
    }
}

/// One report's row.
#[component]
fn ReportRow(
    /// The report with its check.
    one: Checked,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let Checked { id, row, .. } = one;
    let (include_id, view_id, remove_id) = (id.clone(), id.clone(), id.clone());
    let in_sum = move || {
        ctx.left_out
            .with(|left_out| !left_out.contains(&include_id))
    };
    let toggle_id = id.clone();
    let name = row.file.clone();
    let template = row.template;
    let errors = row.errors;
    view! {
        <tr class:has-errors={errors > 0} data-testid="collection-row">
            <td>
                <input type="checkbox" prop:checked=in_sum
                    aria-label=move || tr(lang.get(), Text::CollectionIncludeRow).replace("{name}", &name)
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        ctx.left_out.update(|left_out| {
                            if checked {
                                left_out.remove(&toggle_id);
                            } else {
                                left_out.insert(toggle_id.clone());
                            }
                        });
                    } />
            </td>
            <td>{row.file.clone()}</td>
            <td>{row.agency.clone()}</td>
            <td class="number">{row.year}</td>
            <td>{move || template_short(lang.get(), template)}</td>
            <td class="number" data-testid="collection-errors">{row.errors}</td>
            <td class="number">{row.warnings}</td>
            <td class="number">{row.blank}</td>
            <td>
                {if row.top.is_empty() {
                    view! { <span class="muted">{move || tr(lang.get(), Text::CollectionNoProblems)}</span> }.into_any()
                } else {
                    view! { <ul class="top-findings">{row.top.iter().map(|message| view! { <li>{message.clone()}</li> }).collect_view()}</ul> }.into_any()
                }}
            </td>
            <td class="actions">
                <button type="button" class="button small" data-testid="collection-view"
                    on:click=move |_| ctx.viewing.set(Some(view_id.clone()))>
                    {move || tr(lang.get(), Text::CollectionView)}
                </button>
                <button type="button" class="button small" data-testid="collection-remove"
                    on:click=move |_| ctx.set_removed(&remove_id, true)>
                    {move || tr(lang.get(), Text::CollectionRemove)}
                </button>
            </td>
        </tr>
    }
}

/// The sources that are not reports, each with why.
#[component]
pub fn UnreadableList() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let items = listed(ctx, |item| {
        if item.removed {
            return None;
        }
        item.content.clone().err()
    });
    let title = Signal::derive(move || {
        tr(lang.get(), Text::CollectionUnreadable).replace("{n}", &items.with(Vec::len).to_string())
    });
    view! { <RemovableList items=items title=title open=true testid="collection-unreadable" /> }
}

/// Last year's reports, kept to compare with.
#[component]
pub fn LastYearList() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let items = listed(ctx, |item| {
        let report = item.last_years_report()?;
        Some(format!("{}（{}）", report.agency.trim(), report.year))
    });
    let title = Signal::derive(move || {
        tr(lang.get(), Text::CollectionLastYearList)
            .replace("{n}", &items.with(Vec::len).to_string())
    });
    view! { <RemovableList items=items title=title open=false testid="collection-last-year-list" /> }
}

/// The gathered sources `said` has something to say of: (id, name, what it says).
fn listed(
    ctx: CollectionCtx,
    said: impl Fn(&report::Gathered) -> Option<String> + Send + Sync + 'static,
) -> Memo<Vec<(String, String, String)>> {
    Memo::new(move |_| {
        ctx.items.with(|items| {
            items
                .iter()
                .filter_map(|item| Some((item.id.clone(), item.name.clone(), said(item)?)))
                .collect()
        })
    })
}

/// A list of gathered sources (id, name, what to say of it), each with 移除; hidden when empty.
#[component]
fn RemovableList(
    /// The sources.
    items: Memo<Vec<(String, String, String)>>,
    /// The list's heading, with its count.
    title: Signal<String>,
    /// Shown open at first.
    open: bool,
    /// The list's test id.
    testid: &'static str,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    view! {
        <Show when=move || !items.with(Vec::is_empty)>
            <details class="collection-list" open=open data-testid=testid>
                <summary>{move || title.get()}</summary>
                <ul>
                    <For each=move || items.get() key=|item| item.clone() children=move |(id, name, said)| view! {
                        <li>
                            <strong>{name}</strong> "：" {said} " "
                            <button type="button" class="button small" on:click=move |_| ctx.set_removed(&id, true)>
                                {move || tr(lang.get(), Text::CollectionRemove)}
                            </button>
                        </li>
                    } />
                </ul>
            </details>
        </Show>
    }
}

/// The removed reports: restored one by one, or deleted for good after asking.
#[component]
pub fn RemovedList() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let items = listed(ctx, move |item| {
        item.removed
            .then(|| origin_name(lang.get(), item.origin).to_string())
    });
    let empty = move |_| {
        let lang = lang.get_untracked();
        let question = tr(lang, Text::CollectionEmptyRemovedConfirm)
            .replace("{n}", &items.with_untracked(Vec::len).to_string());
        let confirmed = web_sys::window()
            .and_then(|window| window.confirm_with_message(&question).ok())
            .unwrap_or(false);
        if confirmed {
            ctx.empty_removed();
        }
    };
    view! {
        <Show when=move || !items.with(Vec::is_empty)>
            <details class="collection-removed" data-testid="collection-removed">
                <summary>{move || tr(lang.get(), Text::CollectionRemoved).replace("{n}", &items.with(Vec::len).to_string())}</summary>
                <ul>
                    <For each=move || items.get() key=|item| item.clone() children=move |(id, name, origin)| view! {
                        <li>
                            {name} " " <span class="muted">{origin}</span> " "
                            <button type="button" class="button small" data-testid="collection-restore"
                                on:click=move |_| ctx.set_removed(&id, false)>
                                {move || tr(lang.get(), Text::CollectionRestore)}
                            </button>
                        </li>
                    } />
                </ul>
                <button type="button" class="button danger" on:click=empty>
                    {move || tr(lang.get(), Text::CollectionEmptyRemoved)}
                </button>
            </details>
        </Show>
    }
}
