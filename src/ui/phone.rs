//! The phone layout's "Levers" button (issue 15.4): on a narrow screen the lever panel is a
//! sheet over the lower half of the screen, opened and closed by one tap on a button that
//! stays at the bottom of the screen, so the levers are one tap away wherever the page is
//! scrolled. Opening it brings the headline figures to the top of the screen, so the figure
//! a lever changes stays in view above the sheet while the lever moves.
//!
//! The button shows only on narrow screens (the CSS block "Phone layout" at the end of
//! `style.css`); it marks the open sheet as `data-levers="open"` on the page's root element,
//! which the CSS reads, so the lever panel itself needs no change.
//!
//! Room3 (issue 15): on a phone the page scrolls in its own box that ends above a strip at
//! the foot of the screen, and this button sits in the strip, so it never covers a line of
//! the page (the CSS block "Phone toolbar and the Levers strip").

use yew::prelude::*;

#[function_component]
pub fn PhoneLevers() -> Html {
    let open = use_state(|| false);
    use_effect_with(*open, |&open| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("data-levers", if open { "open" } else { "closed" });
        }
        if open {
            if let Ok(Some(headlines)) = document.query_selector(".headlines") {
                headlines.scroll_into_view_with_bool(true);
            }
        }
    });
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <button type="button" class="phone-levers" data-control="phone-levers"
            aria-expanded={open.to_string()} onclick={toggle}>
            { if *open { "\u{25BC} Close levers" } else { "\u{25B2} Levers" } }
        </button>
    }
}
