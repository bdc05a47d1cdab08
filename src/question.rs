//! A question asked inline before a change the clerk may not want (switching the format,
//! rewriting year references, replacing the 前言): the question and two answers, the first
//! the action, the second leaving things as they are.

use leptos::prelude::*;

use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// The banner with its question and two buttons.
#[component]
pub fn QuestionBanner(
    /// The question, in the interface language.
    #[prop(into)]
    question: Signal<String>,
    /// The label of the action.
    yes: Text,
    /// Does it.
    on_yes: Callback<()>,
    /// The label of leaving things as they are.
    no: Text,
    /// Leaves them.
    on_no: Callback<()>,
    /// `alertdialog` when the question answers the clerk's own action, `status` when it is
    /// offered after a change.
    role: &'static str,
    /// The test id of the banner.
    testid: &'static str,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    view! {
        <div class="banner warning" role=role data-testid=testid>
            <p>{move || question.get()}</p>
            <div class="form-actions">
                <button type="button" class="button primary" on:click=move |_| on_yes.run(())>
                    {move || tr(lang.get(), yes)}
                </button>
                <button type="button" class="button" on:click=move |_| on_no.run(())>
                    {move || tr(lang.get(), no)}
                </button>
            </div>
        </div>
    }
}
