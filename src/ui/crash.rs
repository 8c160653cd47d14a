//! If the app itself fails (a bug: a panic, which in the release build stops the wasm), the
//! page says so instead of silently no longer responding, and the work is kept: whatever
//! the autosave had not yet written is written first. The message is plain DOM added to
//! `<body>`, not a yew component: after a panic yew cannot be relied on to render.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::persist;

/// Installs the panic hook (once, at start-up).
pub fn install() {
    std::panic::set_hook(Box::new(|info| report(&info.to_string())));
}

/// Saves what is pending, logs `detail` to the console and shows the crash message. Never
/// panics itself: every step that can fail is skipped.
pub fn report(detail: &str) {
    persist::flush();
    web_sys::console::error_1(&format!("ICS What-If stopped: {detail}").into());
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if document
        .query_selector("[data-control=\"crash\"]")
        .ok()
        .flatten()
        .is_some()
    {
        return; // one message is enough
    }
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_class_name("crash-banner");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("data-control", "crash");
    let text = document.create_element("p").ok();
    if let Some(p) = &text {
        p.set_text_content(Some(
            "Something went wrong and ICS What-If stopped responding. Your scenario and pins, \
             up to the last change, are saved in this browser: reload the page to carry on.",
        ));
        let _ = banner.append_child(p);
    }
    if let Ok(button) = document.create_element("button") {
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("data-control", "reload");
        button.set_text_content(Some("Reload"));
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget(); // lives as long as the page, which is about to be reloaded
        let _ = banner.append_child(&button);
    }
    if let Ok(details) = document.create_element("details") {
        if let Ok(summary) = document.create_element("summary") {
            summary.set_text_content(Some("Details for the developers"));
            let _ = details.append_child(&summary);
        }
        if let Ok(code) = document.create_element("code") {
            code.set_text_content(Some(detail));
            let _ = details.append_child(&code);
        }
        let _ = banner.append_child(&details);
    }
    let _ = body.prepend_with_node_1(&banner);
}
