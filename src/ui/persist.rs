//! The app's effects on the browser outside its own DOM, in one place: the page URL (the
//! scenario link), local storage (autosave), the clipboard, downloads and uploads. The
//! reducer stays pure; `app.rs` calls [`load`] once to build the first state and [`sync`]
//! after every change (written out at most every [`SYNC_EVERY_MS`]).
//!
//! Everything read back (the URL's query, stored text, an uploaded file) goes through the
//! lenient decoders in `crate::scenario`, so a bad link or file opens what it can and
//! reports the rest; nothing here panics or leaves a blank page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Storage, Url};

use super::state::AppState;
use crate::model::Scenario;
use crate::scenario::storage::{self, Saved, STORAGE_KEY};
use crate::scenario::workshop::{
    acts_from_link, acts_query, read_workshop, workshop_to_json, WorkshopFile, LINK_KEYS,
    WORKSHOP_STORAGE_KEY,
};
use crate::scenario::{from_query_lenient, to_query, ScenarioFile};

/// Where unreadable saved text is set aside, so a bug or a newer version never loses it.
pub const BACKUP_KEY: &str = "ics-whatif.saved.backup";

/// The first state: the scenario in the URL's query if there is one, else the autosaved
/// working scenario; pins from autosave either way; a message for each problem found.
pub fn load() -> AppState {
    let mut notices = Vec::new();
    let saved = load_saved(&mut notices);
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    // The chosen month (issue 14.5): `month=YYYY-MM` or `year=`, read here (it is the view,
    // not the scenario); the rest of the link is the scenario's.
    let (query, view_keys) = split_view_keys(&query);
    // A workshop in the link (issue 15.3, fifth session): its acts, read below.
    let (query, workshop_keys) = split_workshop_keys(&query);
    // The "What would it take" question (issue 14.1, sixth session): the link's `goal`,
    // else (a link without one opens as before) none, else (no link) the autosave's.
    let (query, goal_value) = crate::scenario::goal::split_link(&query);
    let (link_goal, mut goal_problems) = match &goal_value {
        Some(v) => crate::scenario::goal::from_link_value(v),
        None => (None, Vec::new()),
    };
    let from_link = !query.trim_start_matches('?').is_empty();
    let goal = match goal_value {
        Some(_) => link_goal,
        None if from_link => None,
        None => saved.working.goal.clone(),
    };
    let working = if query.trim_start_matches('?').is_empty() {
        saved.working.scenario
    } else {
        let (scenario, mut problems) = from_query_lenient(&query);
        problems.append(&mut goal_problems);
        if !problems.is_empty() {
            notices.push("This link could not all be applied; the rest of it is open:".into());
            notices.extend(problems.iter().map(|p| sentence(p)));
        }
        scenario
    };
    if !goal_problems.is_empty() {
        notices.push("This link could not all be applied; the rest of it is open:".into());
        notices.extend(goal_problems.iter().map(|p| sentence(p)));
    }
    let mut link_problems = Vec::new();
    let state = AppState::restore(&working, saved.pinned, notices);
    let state = match &goal {
        Some(q) => state.with_goal_question(q),
        None => state,
    };
    // The workshop's settings (issue 15.2), with the month they were kept at.
    let mut more = Vec::new();
    // A link with acts opens its workshop (its acts replace the pins); otherwise the
    // workshop settings kept in local storage come back.
    let (state, workshop_month) = match acts_from_link(&workshop_keys) {
        Some((file, problems)) => {
            if !problems.is_empty() {
                more.push(
                    "This link's workshop could not all be opened; the rest of it is open:".into(),
                );
                more.extend(problems.iter().map(|p| sentence(p)));
            }
            let opened = state
                .apply(super::state::Action::OpenWorkshop(Box::new(file)))
                .unwrap_or(state);
            (opened, None)
        }
        None => load_workshop(state, &mut more),
    };
    let state = state
        .apply(super::state::Action::Notify(more))
        .unwrap_or(state);
    let horizon = state.horizon_years() * 12;
    let mut month = None;
    for (key, value) in view_keys {
        match crate::app_state::view::parse_month(&key, &value, horizon) {
            Ok(m) => month = Some(m),
            Err(e) => link_problems.push(sentence(&e)),
        }
    }
    let month = month.or(workshop_month).unwrap_or_else(|| {
        crate::app_state::view::opening_month(
            super::brief::today_months().map(|t| t.floor() as i64),
            horizon,
        )
    });
    let mut state = state
        .apply(super::state::Action::ChooseMonth(month))
        .unwrap_or(state);
    if !link_problems.is_empty() {
        let mut lines = vec![
            "The link's month could not be read; the page opens on its own month:".to_string(),
        ];
        lines.extend(link_problems);
        state = state
            .apply(super::state::Action::Notify(lines))
            .unwrap_or(state);
    }
    state
}

/// Splits the view's keys (`month`, `year`: issue 14.5) from a link's query: the query
/// without them, and each as (key, value) in order.
fn split_view_keys(query: &str) -> (String, Vec<(String, String)>) {
    let query = query.trim_start_matches('?');
    let mut rest = Vec::new();
    let mut keys = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some((k @ ("month" | "year"), v)) => keys.push((k.to_string(), v.replace("%2D", "-"))),
            _ => rest.push(pair),
        }
    }
    (rest.join("&"), keys)
}

/// Splits a workshop's keys (`act`, `open_act`, `hidden`: issue 15.3) from a link's query:
/// the query without them, and each as (key, value as the link has it) in order.
fn split_workshop_keys(query: &str) -> (String, Vec<(String, String)>) {
    let mut rest = Vec::new();
    let mut keys = Vec::new();
    for pair in query.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some((k, v)) if LINK_KEYS.contains(&k) => keys.push((k.to_string(), v.to_string())),
            _ => rest.push(pair),
        }
    }
    (rest.join("&"), keys)
}

/// The link to a whole workshop (issue 15.3): the working scenario, the month, and the acts
/// with their set-ups, the open act and an open prediction
/// (`crate::scenario::workshop::link`).
pub fn workshop_link(file: &WorkshopFile) -> String {
    let working = file
        .working
        .as_ref()
        .map(|f| f.scenario.clone())
        .unwrap_or_default();
    let month = file
        .month
        .map(|p| format!("&month={p}"))
        .unwrap_or_default();
    let acts = acts_query(file);
    let acts = if acts.is_empty() {
        acts
    } else {
        format!("&{acts}")
    };
    format!("{}{month}{acts}", link(&working))
}

// ---- The workshop room (issue 15.2): its settings survive a reload. ----

/// The workshop's settings kept in local storage (each act's set-up, the year, whether a
/// prediction is open and which act), applied to the pins autosave brought back, so a reload
/// in the middle of a prediction keeps the secret. Problems are reported as notices.
fn load_workshop(state: AppState, notices: &mut Vec<String>) -> (AppState, Option<u32>) {
    let Some(text) = local_storage().and_then(|s| s.get_item(WORKSHOP_STORAGE_KEY).ok().flatten())
    else {
        return (state, None);
    };
    let (file, problems) = read_workshop(&text);
    if !problems.is_empty() {
        notices.push("Your workshop settings could not all be read; the rest are open:".into());
        notices.extend(problems.iter().map(|p| sentence(p)));
    }
    let state = state.with_workshop_settings(&file);
    let month = (file.month.is_some() || file.year.is_some()).then_some(state.view.month);
    (state, month)
}

/// Keeps the workshop's settings in local storage (written at once: they change on a click,
/// never during a drag). The working scenario is left out: autosave keeps it.
pub fn save_workshop(file: &WorkshopFile) {
    if let Some(store) = local_storage() {
        let file = WorkshopFile {
            working: None,
            ..file.clone()
        };
        let _ = store.set_item(WORKSHOP_STORAGE_KEY, &workshop_to_json(&file));
    }
}

/// Reads the autosaved document. Text that does not decode cleanly is copied to
/// [`BACKUP_KEY`] and reported; whatever could be read is still used.
fn load_saved(notices: &mut Vec<String>) -> Saved {
    let Some(store) = local_storage() else {
        return Saved::default();
    };
    let Ok(Some(text)) = store.get_item(STORAGE_KEY) else {
        return Saved::default();
    };
    match storage::decode(&text) {
        Ok(saved) => saved,
        Err(error) => {
            let _ = store.set_item(BACKUP_KEY, &text);
            let (saved, _) = storage::decode_lenient(&text);
            notices.push(format!(
                "Your saved scenarios could not all be read, so what could be read is open and the saved text has been set aside (local storage key “{BACKUP_KEY}”). {}",
                sentence(&error.to_string())
            ));
            saved
        }
    }
}

/// The longest the URL and the autosave lag behind the page. A slider dragged for ten
/// seconds sends some 600 moves; writing each would cost a millisecond of every frame, and
/// Chrome stops honouring `history.replaceState` after about 200 calls in ten seconds, which
/// left the link stale after a long drag. So a change is written at once if nothing was
/// written in the last interval (a click, a preset, the first move of a drag), and otherwise
/// at the interval's end with whatever is newest then; pending writes are flushed when the
/// page is hidden or closed ([`flush_on_leave`]).
pub const SYNC_EVERY_MS: f64 = 250.0;

thread_local! {
    /// What the next write will say: the working scenario and the pins.
    static PENDING: RefCell<Option<Saved>> = const { RefCell::new(None) };
    /// Whether a write is already scheduled.
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// When the last write happened (`performance.now()`, milliseconds).
    static WRITTEN_AT: Cell<f64> = const { Cell::new(f64::NEG_INFINITY) };
    /// The chosen month the URL carries (issue 14.5).
    static MONTH: Cell<Option<u32>> = const { Cell::new(None) };
}

/// Records the state to be written out: the URL's query mirrors the scenario (replaceState,
/// so the back button is not flooded) and local storage holds it with the pins. Written at
/// once, or within [`SYNC_EVERY_MS`] if a write has just happened.
pub fn sync(state: &AppState) {
    let saved = Saved {
        working: ScenarioFile {
            // The goal's question (issue 14.1, sixth session): autosaved and in the URL.
            goal: state.goal_kept(),
            ..ScenarioFile::new(state.scenario_spec())
        },
        pinned: state.document.pins.iter().map(|p| p.file.clone()).collect(),
    };
    PENDING.with(|p| *p.borrow_mut() = Some(saved));
    MONTH.with(|m| m.set(Some(state.view.month)));
    if SCHEDULED.with(Cell::get) {
        return; // the scheduled write will take it
    }
    let Some(since) = super::now_ms().map(|t| t - WRITTEN_AT.with(Cell::get)) else {
        return flush();
    };
    if since >= SYNC_EVERY_MS {
        return flush();
    }
    let scheduled = web_sys::window().and_then(|w| {
        let write = Closure::once_into_js(flush);
        w.set_timeout_with_callback_and_timeout_and_arguments_0(
            write.unchecked_ref(),
            (SYNC_EVERY_MS - since).ceil() as i32,
        )
        .ok()
    });
    match scheduled {
        Some(_) => SCHEDULED.with(|s| s.set(true)),
        None => flush(),
    }
}

/// Writes what [`sync`] recorded, if anything is waiting. Failures (storage full or
/// disabled, a sandboxed frame) are ignored: the app works without them.
pub fn flush() {
    SCHEDULED.with(|s| s.set(false));
    let Some(saved) = PENDING.with(|p| p.borrow_mut().take()) else {
        return;
    };
    if let Some(t) = super::now_ms() {
        WRITTEN_AT.with(|w| w.set(t));
    }
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let path = window.location().pathname().unwrap_or_default();
            let _ = history.replace_state_with_url(
                &JsValue::NULL,
                "",
                Some(&format!(
                    "{path}?{}{}{}",
                    to_query(&saved.working.scenario),
                    month_param(MONTH.with(Cell::get)),
                    crate::scenario::goal::link_param(saved.working.goal.as_ref())
                )),
            );
        }
    }
    if let Some(store) = local_storage() {
        let _ = store.set_item(STORAGE_KEY, &storage::encode(&saved));
    }
}

/// Flushes pending writes when the page is hidden (tab switched, window minimised) or left
/// (closed, reloaded, navigated away), so no move is lost. Returns the cleanup that removes
/// the listeners.
pub fn flush_on_leave() -> impl FnOnce() {
    // `visibilitychange` is fired at the document and bubbles to the window.
    const EVENTS: [&str; 2] = ["pagehide", "visibilitychange"];
    let listener = Closure::<dyn Fn()>::new(flush);
    let window = web_sys::window();
    if let Some(w) = &window {
        for event in EVENTS {
            let _ = w.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
    }
    move || {
        if let Some(w) = &window {
            for event in EVENTS {
                let _ =
                    w.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
        }
    }
}

/// `&month=YYYY-MM` for a chosen month (issue 14.5), or nothing.
fn month_param(month: Option<u32>) -> String {
    month
        .map(|m| format!("&month={}", crate::app_state::view::period_of(m)))
        .unwrap_or_default()
}

/// [`link`] with the chosen month (issue 14.5).
pub fn link_at(spec: &Scenario, month: Option<u32>) -> String {
    format!("{}{}", link(spec), month_param(month))
}

/// [`link_at`] with the "What would it take" question (issue 14.1, sixth session): what
/// "Copy link" copies.
pub fn link_with_goal(
    spec: &Scenario,
    month: Option<u32>,
    goal: Option<&crate::scenario::goal::GoalQuestion>,
) -> String {
    format!(
        "{}{}",
        link_at(spec, month),
        crate::scenario::goal::link_param(goal)
    )
}

/// The page's address, with the scenario's query (what "Copy link" copies).
pub fn link(spec: &Scenario) -> String {
    let base = web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
        })
        .unwrap_or_default();
    format!("{base}?{}", to_query(spec))
}

/// Copies `text` to the clipboard where the browser allows it, and selects it in `fallback`
/// (a read-only box) either way, so Ctrl+C works where the clipboard API is missing or
/// refused. `done` hears whether the clipboard took it.
pub fn copy(text: &str, fallback: Option<HtmlInputElement>, done: impl FnOnce(bool) + 'static) {
    if let Some(input) = &fallback {
        input.set_value(text);
        let _ = input.focus();
        input.select();
    }
    let Some(window) = web_sys::window() else {
        return done(false);
    };
    // `navigator.clipboard` is undefined outside secure contexts; check before calling.
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !has_clipboard {
        return done(false);
    }
    // Both outcomes are handled, so a refusal is never an unhandled rejection.
    let done = Rc::new(RefCell::new(Some(done)));
    let settle = |ok: bool| {
        let done = done.clone();
        Closure::once(move |_: JsValue| {
            if let Some(done) = done.borrow_mut().take() {
                done(ok);
            }
        })
    };
    let (resolved, rejected) = (settle(true), settle(false));
    let _ = navigator
        .clipboard()
        .write_text(text)
        .then2(&resolved, &rejected);
    // They must outlive this call; two small closures per click of "Copy link" is harmless.
    resolved.forget();
    rejected.forget();
}

/// Offers `text` as a file download: a Blob, an object URL and a temporary `<a download>`.
pub fn download(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(file_name, &blob);
    }
}

/// Offers `blob` as a file download (an exported PNG, or text from [`download`]).
pub fn download_blob(file_name: &str, blob: &Blob) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(file_name);
            if let Some(body) = document.body() {
                let _ = body.append_child(&a);
                a.click();
                let _ = body.remove_child(&a);
            }
        }
    }
    // The click has handed the blob to the download; let the browser free it afterwards.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    }
}

/// Reads the first file chosen in `input` as text and hands it to `done` (or an error line).
/// The input is cleared, so choosing the same file again reads it again.
pub fn read_chosen_file(
    input: &HtmlInputElement,
    done: impl FnOnce(Result<String, String>) + 'static,
) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    let Ok(reader) = web_sys::FileReader::new() else {
        done(Err("this browser cannot read files".into()));
        return;
    };
    let name = file.name();
    let reader_in = reader.clone();
    let onloadend = Closure::once_into_js(move || match reader_in.result() {
        Ok(v) => match v.as_string() {
            Some(text) => done(Ok(text)),
            None => done(Err(format!("“{name}” could not be read as text"))),
        },
        Err(_) => done(Err(format!("“{name}” could not be read"))),
    });
    reader.set_onloadend(Some(onloadend.unchecked_ref()));
    if reader.read_as_text(&file).is_err() {
        reader.set_onloadend(None);
    }
}

fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A problem line as a sentence: a full stop, and a capital unless it starts with a key
/// (`recruitment_pct = 500 ...`), which is shown as the user typed it.
pub fn sentence(line: &str) -> String {
    let line = line.trim();
    let first_word = line.split_whitespace().next().unwrap_or("");
    let mut out = if first_word.contains('_') {
        line.to_string()
    } else {
        crate::scenario::naming::capitalise(line)
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}
