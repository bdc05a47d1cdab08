//! Browser entry point: installs the panic hook, removes the static page index.html shows
//! while the wasm loads (what the tool is, “正在载入…”), and mounts the app on `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    if let Some(shell) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app-shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(nianbao_app::App);
}
