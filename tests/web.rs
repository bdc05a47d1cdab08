//! Browser tests of the app's components, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn text_of(selector: &str) -> String {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.text_content())
        .unwrap_or_default()
}

fn click(selector: &str) {
    let element = document().query_selector(selector).ok().flatten();
    let button = element.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    button.expect("element to click is present").click();
}

#[wasm_bindgen_test]
async fn app_mounts_in_chinese_and_switches_to_english() {
    // Start from a clean preference so the default language shows.
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.remove_item("nianbao.lang");
    }
    let handle = leptos::mount::mount_to_body(nianbao_app::App);
    leptos::task::tick().await;

    assert_eq!(text_of("[data-testid=product-name]"), "年报");
    assert_eq!(text_of("#library-title"), "报告库");

    click(".lang-option:nth-child(2)");
    leptos::task::tick().await;
    assert_eq!(text_of("#library-title"), "Library");
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("nianbao.lang").ok().flatten());
    assert_eq!(stored.as_deref(), Some("\"en\""));
    drop(handle);
}
