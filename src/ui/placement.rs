//! Positions and sizes computed at run time (a band's place on its slider, the hover line on
//! a chart) are written as `data-left`, `data-top`, `data-height` and `data-width` and applied here through
//! the CSSOM, because the page's Content-Security-Policy (`style-src 'self'`) refuses
//! `style` attributes.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

const PLACED: [(&str, &str); 4] = [
    ("data-left", "left"),
    ("data-top", "top"),
    ("data-height", "height"),
    ("data-width", "width"),
];

/// A node ref whose element's placement attributes (and its descendants') are applied after
/// every render of the component.
#[hook]
pub fn use_placed() -> NodeRef {
    let root = use_node_ref();
    {
        let root = root.clone();
        use_effect(move || {
            if let Some(root) = root.cast::<Element>() {
                apply(&root);
            }
        });
    }
    root
}

/// Applies every placement attribute under (and on) `root`.
pub fn apply(root: &Element) {
    let selector = "[data-left], [data-top], [data-height], [data-width]";
    let mut elements: Vec<Element> = Vec::new();
    if root.matches(selector).unwrap_or(false) {
        elements.push(root.clone());
    }
    if let Ok(list) = root.query_selector_all(selector) {
        elements.extend(
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<Element>().ok()),
        );
    }
    for element in elements {
        let Ok(element) = element.dyn_into::<HtmlElement>() else {
            continue;
        };
        let style = element.style();
        for (attribute, property) in PLACED {
            // Written only when it changed: every write invalidates the page's style, and
            // the charts read their size just after this runs (a forced layout each).
            if let Some(value) = element.get_attribute(attribute) {
                if style.get_property_value(property).ok().as_deref() != Some(value.as_str()) {
                    let _ = style.set_property(property, &value);
                }
            }
        }
    }
}
