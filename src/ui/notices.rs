//! Messages for the user, until dismissed.

use std::rc::Rc;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Rc<Vec<String>>,
    pub on_dismiss: Callback<()>,
}

/// Messages about what could not be applied (a link, a file, saved scenarios): one line per
/// problem, until dismissed. Never blocks the page.
#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notices" role="alert" data-control="notices">
            <ul>
                { for props.notices.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
            </ul>
            <button type="button" data-control="dismiss-notices" onclick={on_dismiss}>{ "Dismiss" }</button>
        </div>
    }
}

/* Beyond the record (fresh-eyes finding 16, money helper) */

#[derive(Properties, PartialEq)]
pub struct BeyondRecordProps {
    pub baseline: Rc<crate::model::Baseline>,
    pub projection: Rc<crate::model::Projection>,
}

/// A plain warning when the scenario goes beyond anything NHS England has published (the
/// figure, the record and its month: `model::record`); nothing otherwise.
#[function_component]
pub fn BeyondRecord(props: &BeyondRecordProps) -> Html {
    let lines = crate::model::record::beyond_record(
        &props.projection,
        props.baseline.population,
        props.baseline.code == crate::data::ENGLAND,
    );
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <div class="notices beyond-record" role="status" data-control="beyond-record">
            <ul>
                { for lines.into_iter().map(|n| html! { <li>{ n }</li> }) }
            </ul>
        </div>
    }
}
