//! 打开示例报告: a real published report (洪泽区 2023, with the errors it was published with)
//! that a first-time user can open to see the tables, the checks and the preview at work.

use leptos::prelude::*;

use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;

/// The example: the fixture `tests/fixtures/hongze-2023.json`, compiled into the app.
const EXAMPLE: &str = include_str!("../../tests/fixtures/hongze-2023.json");

/// The example report, marked so the library shows it as 示例 and a clerk never mistakes it
/// for theirs.
pub(crate) fn example_report() -> Result<report::Report, String> {
    let mut example = report::from_json(EXAMPLE).map_err(|err| err.to_string())?;
    example
        .extra
        .insert(report::EXAMPLE_KEY.to_string(), true.into());
    Ok(example)
}

/// The button of the empty library that adds the example report and opens it.
#[component]
pub fn OpenExample() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let open = move |_| {
        leptos::task::spawn_local(async move {
            match crate::split::example_report().await {
                Ok(example) => library.create_and_open(&example, None),
                // The example is checked by a test; this only guards against a broken build.
                Err(err) => library.failure.set(Some(err)),
            }
        });
    };
    view! {
        <button type="button" class="button" on:click=open data-testid="open-example">
            {move || tr(lang.get(), Text::OpenExample)}
        </button>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_example_is_a_valid_report_with_its_published_errors() {
        let example = report::from_json(super::EXAMPLE).expect("the example parses");
        let findings = report::validate(&example, None, report::Lang::Zh);
        let errors = findings
            .iter()
            .filter(|f| f.severity == report::Severity::Error)
            .count();
        assert_eq!(errors, 2, "the two wrong 总计 of table 四, as published");
    }
}
