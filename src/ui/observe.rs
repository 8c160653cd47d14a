//! Where an element is, as the browser reports it without being asked (no forced layout):
//! whether it is on screen, so a chart can skip redrawing while it is scrolled away and catch
//! up when it comes back; and its size, so a chart sizes its bitmap without reading the
//! layout in the middle of a slider move. A slider moves the model for every chart, but at
//! 1280x720 only two of the ten are in view, and reading a canvas's size after the page's
//! text changed made the browser lay the page out twice a frame (benches/web-latency.md).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit, ResizeObserver,
    ResizeObserverEntry,
};
use yew::prelude::*;

/// True while the element behind `node` is on screen (a chart scrolled into view shows its
/// last drawing for a frame, then its new one); also true
/// before the first report, when printing, and where the browser has no
/// IntersectionObserver, so a chart is never left undrawn for want of the answer.
#[hook]
pub fn use_on_screen(node: NodeRef) -> bool {
    let on_screen = use_state_eq(|| true);
    {
        let on_screen = on_screen.setter();
        use_effect_with((), move |_| {
            let report = {
                let on_screen = on_screen.clone();
                Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    // The last entry is the newest state of the one element observed.
                    if let Some(entry) = entries
                        .iter()
                        .last()
                        .and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
                    {
                        on_screen.set(entry.is_intersecting());
                    }
                })
            };
            let observer = IntersectionObserver::new_with_options(
                report.as_ref().unchecked_ref(),
                &IntersectionObserverInit::new(),
            )
            .ok();
            if let (Some(observer), Some(element)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&element);
            }
            // A printed page shows every chart: draw them all before it is laid out.
            let before_print = Closure::<dyn Fn()>::new(move || on_screen.set(true));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "beforeprint",
                    before_print.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "beforeprint",
                        before_print.as_ref().unchecked_ref(),
                    );
                }
                drop(report);
            }
        });
    }
    *on_screen
}

/// The element's content box in whole CSS pixels, as the browser last laid it out; `None`
/// until the first report (the caller reads the layout itself that once) and where the
/// browser has no ResizeObserver.
#[hook]
pub fn use_box_size(node: NodeRef) -> Option<(u32, u32)> {
    let size = use_state_eq(|| None::<(u32, u32)>);
    {
        let size = size.setter();
        use_effect_with((), move |_| {
            let report = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                if let Some(entry) = entries
                    .iter()
                    .last()
                    .and_then(|e| e.dyn_into::<ResizeObserverEntry>().ok())
                {
                    let rect = entry.content_rect();
                    size.set(Some((whole_px(rect.width()), whole_px(rect.height()))));
                }
            });
            let observer = ResizeObserver::new(report.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, node.cast::<web_sys::Element>()) {
                observer.observe(&element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(report);
            }
        });
    }
    *size
}

/// A laid-out length as whole pixels, as `clientWidth` reports it.
pub fn whole_px(length: f64) -> u32 {
    if length.is_finite() && length > 0.0 {
        length.round() as u32
    } else {
        0
    }
}
