//! The findings panel: every finding grouped by severity with counts; clicking one shows its
//! section and focuses its cell.

use leptos::prelude::*;
use report::{Finding, Severity};

use super::bundles::{PanelEntry, bundle};
use super::ctx::{EditorCtx, finding_section, go_to, go_to_text};
use crate::app::LangCtx;
use crate::i18n::{Text, blank_cells_summary, tr};

/// The list of findings on the right.
#[component]
pub fn FindingsPanel() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let groups = [
        (Severity::Error, Text::Error, "error"),
        (Severity::Warning, Text::Warning, "warning"),
        (Severity::Info, Text::Note, "info"),
    ];
    view! {
        <aside class="findings-panel" aria-labelledby="findings-title" data-testid="findings-panel">
            <h2 id="findings-title">{move || t(Text::Findings)}</h2>
            <Show when=move || ctx.findings.with(Vec::is_empty)>
                <p class="muted">{move || t(Text::NoFindings)}</p>
            </Show>
            {groups.into_iter().map(|(severity, name, class)| {
                let of_kind = move || ctx.findings.with(|all| bundle(&all.iter().filter(|f| f.severity == severity).cloned().collect::<Vec<_>>()));
                let count = move || ctx.findings.with(|all| all.iter().filter(|f| f.severity == severity).count());
                view! {
                    <Show when=move || count() != 0>
                        <section class=format!("finding-group {class}") data-testid=format!("findings-{class}")>
                            <h3>{move || t(name)} " " <span class="group-count" data-testid="group-count">{count}</span></h3>
                            <ul>{move || of_kind().into_iter().map(|entry| match entry {
                                PanelEntry::One(f) => view! { <FindingItem finding=f /> }.into_any(),
                                PanelEntry::Blanks { section, findings } => view! { <BlankBundle section=section findings=findings /> }.into_any(),
                            }).collect_view()}</ul>
                        </section>
                    </Show>
                }
            }).collect_view()}
        </aside>
    }
}

/// One finding, as a button that leads to where it is.
#[component]
fn FindingItem(
    /// The finding shown.
    finding: Finding,
) -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let section = finding_section(&finding);
    let anchor = finding.anchor().map(str::to_string);
    let span = finding.span.clone();
    let rule = finding.rule.id();
    // A prose finding leads to its sentence; the others to their cell.
    let open = move |_| match span.clone() {
        Some(span) => go_to_text(ctx, span),
        None => go_to(ctx, section.clone(), anchor.clone()),
    };
    view! {
        <li>
            <button type="button" class="finding" data-rule=rule on:click=open>
                {finding.message.clone()}
            </button>
        </li>
    }
}

/// Many blank cells of one section as one expandable line; each stays reachable inside.
#[component]
fn BlankBundle(
    /// The section the blank cells belong to.
    section: String,
    /// The blank-cell findings, in report order.
    findings: Vec<Finding>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let heading = ctx.report.with_untracked(|report| {
        report
            .template()
            .section(&section)
            .map_or_else(|| section.clone(), |spec| spec.heading.to_string())
    });
    let count = findings.len();
    view! {
        <li>
            <details class="finding-bundle" data-testid="blank-bundle">
                <summary class="finding">{move || blank_cells_summary(lang.get(), &heading, count)}</summary>
                <ul>{findings.into_iter().map(|f| view! { <FindingItem finding=f /> }).collect_view()}</ul>
            </details>
        </li>
    }
}
