//! The findings panel: every finding grouped by severity with counts, then the cells still to
//! fill as progress per table (表三已填 120/175); clicking a finding shows its section and
//! focuses its cell.
//!
//! While the clerk types, the panel follows the findings when typing pauses ([`LIST_DELAY`]),
//! not at every keystroke (an action such as a paste or an undo shows at once): a keystroke in a table rewords two or three findings (a sum's figures), and
//! drawing, shaping and laying out their lines again was a large part of a keystroke's cost
//! (issue 15). The cells' marks and the counts in the top bar still follow every keystroke.

use leptos::prelude::*;
use report::{Finding, Severity, TableProgress, Tally, fill_progress, is_pending};

use super::ctx::{EditorCtx, finding_section, go_to, go_to_text};
use crate::i18n::LangCtx;
use crate::i18n::{Text, table_progress, tr};

/// How long typing must pause before the panel follows the findings.
const LIST_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// The list of findings on the right.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let settled = crate::clock::settled(
        move || ctx.findings.track(),
        LIST_DELAY,
        move || !ctx.typing.get_value(),
    );
    let listed = Memo::new(move |_| {
        settled.track();
        ctx.findings.get_untracked()
    });
    let tally = Memo::new(move |_| listed.with(|all| Tally::of(all)));
    let groups = [
        (Severity::Error, Text::Error, "error"),
        (Severity::Warning, Text::Warning, "warning"),
        (Severity::Info, Text::Note, "info"),
    ];
    view! {
        <aside class="findings-panel" aria-labelledby="findings-title" data-testid="findings-panel">
            <h2 id="findings-title">{move || t(Text::Findings)}</h2>
            // Every finding counts in the tally, so a zero tally is an empty list; the tally
            // changes far less often than the findings' words.
            <Show when=move || tally.with(|t| *t == Tally::default())>
                <p class="muted">{move || t(Text::NoFindings)}</p>
            </Show>
            {groups.into_iter().map(|(severity, name, class)| {
                let shown = move |f: &Finding| {
                    f.severity == severity && !is_pending(f) && f.acknowledged.is_none()
                };
                // One memo per group: a keystroke that changes only an error leaves the
                // warnings' and notes' lists, counts and headings asleep.
                let of_kind = Memo::new(move |_| listed.with(|all| all.iter().filter(|f| shown(f)).cloned().collect::<Vec<_>>()));
                let count = move || of_kind.with(Vec::len);
                view! {
                    <Show when=move || count() != 0>
                        <section class=format!("finding-group {class}") data-testid=format!("findings-{class}")>
                            <h3>{move || t(name)} " " <span class="group-count" data-testid="group-count">{count}</span></h3>
                            // Keyed: a keystroke re-draws only the findings it changed.
                            <ul><For each=move || of_kind.get() key=finding_key children=|f| view! { <FindingItem finding=f /> } /></ul>
                        </section>
                    </Show>
                }
            }).collect_view()}
            <PendingGroup listed=listed tally=tally />
            <AcknowledgedGroup listed=listed tally=tally />
        </aside>
    }
}

/// What identifies a finding on screen: its rule, cells, place in the text and words.
fn finding_key(finding: &Finding) -> (&'static str, Vec<String>, Option<(String, usize)>, String) {
    (
        finding.rule.id(),
        finding.cells.clone(),
        finding.span.as_ref().map(|s| (s.section.clone(), s.start)),
        finding.message.clone(),
    )
}

/// One finding, as a button that leads to where it is; a warning or a note can be marked
/// 已核实 with a reason (errors cannot: they are wrong, not a matter of judgement).
#[component]
fn FindingItem(
    /// The finding shown.
    finding: Finding,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let section = finding_section(&finding);
    let anchor = finding.anchor().map(str::to_string);
    let span = finding.span.clone();
    let rule = finding.rule.id();
    // A prose finding leads to its sentence; the others to their cell.
    let open = move |_| match span.clone() {
        Some(span) => go_to_text(ctx, span),
        None => go_to(ctx, section.clone(), anchor.clone()),
    };
    let acknowledgeable = finding.severity != Severity::Error && finding.acknowledged.is_none();
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let stored = StoredValue::new(finding.clone());
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        stored.with_value(|finding| {
            ctx.edit(None, |r| {
                let _ = report::acknowledge(r, finding, &text);
            })
        });
        asking.set(false);
    };
    view! {
        <li class="finding-line">
            <button type="button" class="finding" data-rule=rule on:click=open>
                {finding.message.clone()}
            </button>
            {acknowledgeable.then(|| view! {
                <Show when=move || asking.get() fallback=move || view! {
                    <button type="button" class="link small acknowledge" data-testid="acknowledge"
                        on:click=move |_| asking.set(true)>{move || t(Text::Acknowledge)}</button>
                }>
                    <form class="acknowledge-form" on:submit=confirm>
                        <input type="text" required autofocus aria-label=move || t(Text::AcknowledgeReason)
                            placeholder=move || t(Text::AcknowledgeReason)
                            prop:value=move || reason.get() on:input:target=move |ev| reason.set(ev.target().value()) />
                        <button type="submit" class="button small" disabled=move || reason.with(|r| r.trim().is_empty())>
                            {move || t(Text::Confirm)}
                        </button>
                        <button type="button" class="button small" on:click=move |_| asking.set(false)>
                            {move || t(Text::Cancel)}
                        </button>
                    </form>
                </Show>
            })}
        </li>
    }
}

/// The findings the clerk checked and accepted (已核实), with their reasons: still visible,
/// no longer counted; each can be taken back.
#[component]
fn AcknowledgedGroup(
    /// The findings the panel shows.
    listed: Memo<Vec<Finding>>,
    /// Their counts.
    tally: Memo<Tally>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let accepted = move || {
        listed.with(|all| {
            all.iter()
                .filter(|f| f.acknowledged.is_some())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || tally.get().acknowledged;
    view! {
        <Show when=move || count() != 0>
            <section class="finding-group acknowledged" data-testid="findings-acknowledged">
                <h3>{move || t(Text::Acknowledged)} " " <span class="group-count" data-testid="group-count">{count}</span></h3>
                <ul>
                    <For each=accepted key=finding_key children=move |f| {
                        let reason = f.acknowledged.clone().unwrap_or_default();
                        let stored = StoredValue::new(f.clone());
                        let withdraw = move |_| stored.with_value(|f| ctx.edit(None, |r| report::withdraw(r, f)));
                        view! {
                            <li class="finding-line">
                                <span class="finding">{f.message.clone()}</span>
                                <span class="muted acknowledged-reason">{move || t(Text::Acknowledged)} "：" {reason}</span>
                                <button type="button" class="link small" data-testid="unacknowledge" on:click=withdraw>
                                    {move || t(Text::Unacknowledge)}
                                </button>
                            </li>
                        }
                    } />
                </ul>
            </section>
        </Show>
    }
}

/// The cells still to fill, as one progress line per table; each line opens to its cells.
#[component]
fn PendingGroup(
    /// The findings the panel shows.
    listed: Memo<Vec<Finding>>,
    /// Their counts.
    tally: Memo<Tally>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let progress = Memo::new(move |_| {
        let template = report::Template::get(ctx.template.get());
        listed.with(|all| fill_progress(template, all))
    });
    // The blank cells' findings, which the tables' lines list: apart, so that typing a figure
    // (which changes other findings) does not wake the lines.
    let pending_findings = Memo::new(move |_| {
        listed.with(|all| {
            all.iter()
                .filter(|f| is_pending(f))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let pending = move || tally.get().pending;
    view! {
        <Show when=move || pending() != 0>
            <section class="finding-group pending" data-testid="findings-pending">
                <h3>{move || t(Text::Pending)} " " <span class="group-count" data-testid="group-count">{pending}</span></h3>
                <p class="muted pending-hint">{move || t(Text::PendingHint)}</p>
                <ul>
                    // Keyed by table: a line (and whether it is open) stays while cells fill.
                    <For each=move || progress.with(|all| all.iter().map(|p| p.table).collect::<Vec<_>>())
                        key=|table| *table children=move |table| view! { <ProgressLine table=table all=progress pending=pending_findings /> } />
                </ul>
            </section>
        </Show>
    }
}

/// “表三已填 120/175” with a bar; it opens to the blank cells' findings.
#[component]
fn ProgressLine(
    /// The table's id.
    table: &'static str,
    /// The progress of every table.
    all: Memo<Vec<TableProgress>>,
    /// The blank cells' findings.
    pending: Memo<Vec<Finding>>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let progress =
        Memo::new(move |_| all.with(|all| all.iter().find(|p| p.table == table).cloned()));
    let label = move || progress.with(|p| p.as_ref().map(|p| table_progress(lang.get(), p)));
    let complete = move || progress.with(|p| p.as_ref().is_none_or(TableProgress::is_complete));
    let filled = move || {
        progress
            .with(|p| p.as_ref().map_or(0, |p| p.filled))
            .to_string()
    };
    let total = move || {
        progress
            .with(|p| p.as_ref().map_or(0, |p| p.total))
            .to_string()
    };
    let blanks = move || {
        pending.with(|all| {
            progress.with(|p| {
                let blank = p.as_ref().map(|p| p.blank.as_slice()).unwrap_or_default();
                all.iter()
                    .filter(|f| f.anchor().is_some_and(|a| blank.iter().any(|b| b == a)))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <li class="progress-line" class:complete=complete data-testid="table-progress">
            <details class="finding-bundle">
                <summary class="finding">
                    {label} <Show when=complete>" ✓"</Show> " "
                    <progress value=filled max=total aria-hidden="true"></progress>
                </summary>
                <ul><For each=blanks key=finding_key children=|f| view! { <FindingItem finding=f /> } /></ul>
            </details>
        </li>
    }
}
