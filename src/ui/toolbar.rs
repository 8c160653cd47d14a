//! The toolbar: undo, redo and reset; pin; save, open and download; presenter mode and
//! predict-then-reveal; the scenario link.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::persist;
use super::state::{Action, AppState, Workshop};
use crate::model::{Projection, Scenario};
use crate::scenario::export::projection_csv;
use crate::scenario::storage::MAX_PINNED;
use crate::scenario::{auto_name, parse_scenario, to_json, ScenarioFile};

/// What an uploaded scenario file does: a file that reads cleanly replaces the scenario (with a
/// note if it comes from another model version); any problem refuses the whole file, with the
/// problems listed, so a half-read file never silently changes the levers.
fn opened_file(read: Result<String, String>) -> Vec<Action> {
    let text = match read {
        Ok(text) => text,
        Err(e) => return vec![Action::Notify(vec![persist::sentence(&e)])],
    };
    match parse_scenario(&text) {
        Ok(file) => {
            let mut actions = vec![Action::SetScenario(Box::new(file.scenario.clone()))];
            // The file's month, if it has one (issue 14.5); clamped to the horizon.
            if let Some(p) = file.month {
                let m = crate::app_state::view::month_of(p).max(1);
                actions.push(Action::ChooseMonth(m.min(i64::from(u32::MAX)) as u32));
            }
            // The file's "What would it take" question, if it has one (issue 14.1).
            if let Some(goal) = file.goal.clone() {
                actions.push(Action::SetGoalQuestion(Box::new(goal)));
            }
            if let Some(note) = file.model_version_note() {
                actions.push(Action::Notify(vec![persist::sentence(&note)]));
            }
            actions
        }
        Err(problems) => {
            let mut lines = vec!["That file was not opened, and nothing has changed:".to_string()];
            lines.extend(problems.iter().map(|p| persist::sentence(p)));
            vec![Action::Notify(lines)]
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The scenario as set (for the link and the files).
    pub spec: Scenario,
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The scenario's projection, for the CSV download.
    pub projection: Rc<Projection>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Every lever and assumption at its default: "Reset" has nothing to do.
    pub at_current_plans: bool,
    /// How many scenarios are pinned (at most four).
    pub pins: usize,
    pub workshop: Workshop,
    // ---- The chosen month, exports and the board brief (issue 14) ----
    /// The chosen month (months from month 0): carried in the link.
    #[prop_or_default]
    pub month: Option<u32>,
    /// What the CSV download shows, as comment lines for its top (issue 14.6).
    #[prop_or_default]
    pub export_header: String,
    /// Opens the board brief (issue 14.3).
    #[prop_or_default]
    pub on_brief: Option<Callback<MouseEvent>>,
    /// More groups at the end (the workshop file's buttons, issue 15.3).
    #[prop_or_default]
    pub children: Html,
    // ---- Every export says what it is (issue 14.6, ranges) ----
    /// What the scenario file download shows, as its `about` object.
    #[prop_or_default]
    pub export_about: Option<Rc<crate::scenario::export::ExportInfo>>,
    // ---- The goal's question kept (issue 14.1, sixth session) ----
    /// The "What would it take" question: in the link and the scenario file.
    #[prop_or_default]
    pub goal: Option<crate::scenario::goal::GoalQuestion>,
    /// Room5: the scenario's figures are a hidden act's (a prediction open): "Figures (CSV)"
    /// withholds them and says so.
    #[prop_or_default]
    pub withheld: bool,
}

/// Share, undo and save: the scenario link with "Copy link".
#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let link_box = use_node_ref();
    let copied = use_state(|| None::<&'static str>);
    let link = persist::link_with_goal(&props.spec, props.month, props.goal.as_ref());
    let on_copy = {
        let (link, link_box, copied) = (link.clone(), link_box.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            persist::copy(&link, link_box.cast::<HtmlInputElement>(), move |ok| {
                copied.set(Some(if ok {
                    "Link copied"
                } else {
                    "Link selected: press Ctrl+C to copy"
                }))
            });
        })
    };
    let on_json = {
        let spec = props.spec.clone();
        let month = props.month;
        let about = props.export_about.clone();
        let goal = props.goal.clone();
        Callback::from(move |_: MouseEvent| {
            let mut file = ScenarioFile::new(spec.clone()).with_name(auto_name(&spec));
            file.month = month.map(crate::app_state::view::period_of);
            file.goal = goal.clone();
            let json = match &about {
                Some(about) => crate::scenario::to_json_about(&file, about),
                None => to_json(&file),
            };
            persist::download(
                &format!("ics-whatif-{}-scenario.json", spec.system),
                "application/json",
                &json,
            );
        })
    };
    let on_csv = {
        let (projection, system) = (props.projection.clone(), props.spec.system.clone());
        let header = props.export_header.clone();
        let withheld = props.withheld;
        Callback::from(move |_: MouseEvent| {
            let figures = if withheld {
                WITHHELD_CSV.to_string()
            } else {
                projection_csv(&projection)
            };
            persist::download(
                &format!("ics-whatif-{system}-projection.csv"),
                "text/csv",
                &format!("{header}{figures}"),
            );
        })
    };
    let on_upload = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let dispatch = dispatch.clone();
            persist::read_chosen_file(&input, move |read| {
                for action in opened_file(read) {
                    dispatch.dispatch(action);
                }
            });
        })
    };
    // On a phone (issue 15.4, room3): the first row holds undo, redo, pin and "More"; the
    // rest sits behind "More" (see `toolbar_more`). At desktop widths "More" is hidden and
    // every group shows as before.
    let more = use_state(|| false);
    let more_button = use_node_ref();
    let on_more = {
        let more = more.clone();
        Callback::from(move |_: MouseEvent| more.set(!*more))
    };
    let on_more_key = more_escape(&more, &more_button);
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    // Two rows at 1280 px (issue 15, fifth session): what a room uses most on the first
    // (undo, pin, presenter mode, the prediction, the brief); files, the workshop and the
    // link on the second, with short labels whose tooltips say the whole action.
    html! {
        <div class={classes!("toolbar", more.then_some("more-open"))} role="toolbar"
            aria-label="Share, undo and save" onkeydown={on_more_key}>
            <div class="toolbar-group">
                <button type="button" data-control="undo" disabled={!props.can_undo}
                    title="Undo (Ctrl+Z)" onclick={send(Action::Undo)}>{ "\u{21B6} Undo" }</button>
                <button type="button" data-control="redo" disabled={!props.can_redo}
                    title="Redo (Ctrl+Shift+Z)" onclick={send(Action::Redo)}>{ "\u{21B7} Redo" }</button>
                <button type="button" data-control="reset" disabled={props.at_current_plans}
                    title="Every lever and assumption back to its default (undoable)"
                    onclick={send(Action::Reset)}>{ "Reset to current plans" }</button>
            </div>
            <div class="toolbar-group">
                <button type="button" data-control="pin" disabled={props.pins >= MAX_PINNED}
                    title={format!("Keep this scenario on the charts to compare (up to {MAX_PINNED})")}
                    onclick={send(Action::Pin)}>
                    { "Pin" }<span class="wide-only">{ " this scenario" }</span>
                    { format!(" ({} of {MAX_PINNED})", props.pins) }
                </button>
            </div>
            { toolbar_more(*more, more_button, on_more) }
            <div class="toolbar-more-items" id="toolbar-more-items">
                <div class="toolbar-group">
                    <button type="button" data-control="present" aria-pressed={props.workshop.presenting.to_string()}
                        title="Large type and thick lines for a projector; the lever panel is hidden. ? lists the keys."
                        onclick={send(Action::Present(!props.workshop.presenting))}>
                        { if props.workshop.presenting { "Leave presenter mode" } else { "Presenter mode" } }
                    </button>
                    if props.workshop.hide_scenario {
                        <button type="button" class="reveal" data-control="reveal"
                            onclick={send(Action::HideScenario(false))}>{ "Reveal the scenario" }</button>
                    } else {
                        <button type="button" data-control="predict"
                            title="Hide this scenario's line and figures, so the room can predict before seeing them"
                            onclick={send(Action::HideScenario(true))}>{ "Predict, then reveal" }</button>
                    }
                </div>
                // The board brief (issue 14.3).
                if let Some(on_brief) = props.on_brief.clone() {
                    <div class="toolbar-group">
                        <button type="button" data-control="open-brief" onclick={on_brief}
                            title="A one- or two-page brief of this scenario for a board paper: print it or save it as PDF">
                            { "Board brief" }</button>
                    </div>
                }
                <div class="toolbar-group" role="group" aria-label="Scenario files">
                    <button type="button" data-control="download-json" onclick={on_json}
                        title="Save scenario file: this scenario as a file you can open here or with the command line">{ "Save scenario" }</button>
                    <label class="file-button" title="Open scenario file: a scenario saved from this app">
                        { "Open scenario" }
                        <input type="file" accept=".json,application/json" class="visually-hidden"
                            data-control="upload-json" onchange={on_upload} />
                    </label>
                    <button type="button" data-control="download-csv" onclick={on_csv}
                        title="Download figures (CSV): every month's figures for this scenario, by deprivation fifth">{ "Figures (CSV)" }</button>
                </div>
                { props.children.clone() }
                <div class="toolbar-group toolbar-link">
                    <button type="button" data-control="copy-link" onclick={on_copy}
                        title="Copy a link to this scenario and the month shown">{ "Copy link" }</button>
                    <input type="text" readonly=true class="link-box" data-control="link"
                        aria-label="Link to this scenario" ref={link_box} value={link} />
                    <span class="toolbar-status" aria-live="polite" data-control="copy-status">
                        { copied.unwrap_or("") }
                    </span>
                </div>
            </div>
        </div>
    }
}

/// Room5: what "Figures (CSV)" holds while its figures are a hidden act's: no row of them.
pub const WITHHELD_CSV: &str = "# withheld: this scenario's figures are hidden until revealed (predict, then reveal); reveal them (R), then download again\n";

// ---- The phone toolbar (issue 15.4, room3) ----

/// The phone's "More" button: shows or hides every toolbar group after pin (presenter mode,
/// the prediction, the brief, the files, the workshop, the link). A real button with
/// `aria-expanded` and `aria-controls`, so keyboards and screen readers use it like any
/// disclosure; hidden (`display: none`) at desktop widths, where every group shows.
fn toolbar_more(open: bool, button: NodeRef, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="toolbar-more" data-control="toolbar-more" ref={button}
            aria-expanded={open.to_string()} aria-controls="toolbar-more-items"
            title="More: presenter mode, predict then reveal, the board brief, files and the link"
            {onclick}>
            { if open { "Less \u{25B4}" } else { "More \u{25BE}" } }
        </button>
    }
}

/// Escape inside the open "More" groups closes them and puts the focus back on "More".
fn more_escape(more: &UseStateHandle<bool>, button: &NodeRef) -> Callback<KeyboardEvent> {
    let (more, button) = (more.clone(), button.clone());
    Callback::from(move |e: KeyboardEvent| {
        if *more && e.key() == "Escape" {
            more.set(false);
            if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        }
    })
}

// ---- The month menu (issue 15, fifth session) ----

/// A month as the closed menu shows it, short enough to read whole at 320 px: "March 2029
/// (year 4; target)". The option's own text says which target; [`month_target`] shows it
/// beside the menu.
pub fn month_label(m: usize) -> String {
    let period = crate::app_state::view::period_of(m as u32);
    let mut notes = Vec::new();
    if m % 12 == 0 {
        notes.push(format!("year {}", m / 12));
    }
    if month_target(m).is_some() {
        notes.push("target".to_string());
    }
    if notes.is_empty() {
        period.name()
    } else {
        format!("{} ({})", period.name(), notes.join("; "))
    }
}

/// The published target for month `m`, if it is a target date: "92% within 18 weeks".
pub fn month_target(m: usize) -> Option<&'static str> {
    let period = crate::app_state::view::period_of(m as u32);
    crate::app_state::view::TARGET_DATES
        .iter()
        .find(|(p, _)| *p == period)
        .map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_menu_label_is_short_and_the_target_is_said_beside_it() {
        assert_eq!(month_label(48), "March 2029 (year 4; target)");
        assert_eq!(month_target(48), Some("92% within 18 weeks"));
        assert_eq!(month_label(12), "March 2026 (year 1; target)");
        assert_eq!(month_label(13), "April 2026");
        assert_eq!(month_target(13), None);
        assert_eq!(month_label(24), "March 2027 (year 2)");
        let longest = (1..=240).map(|m| month_label(m).chars().count()).max();
        assert!(longest <= Some(30), "{longest:?}");
    }
}
