//! Where an element is, as the browser reports it without being asked (no forced layout):
//! whether it is on screen, so a chart can skip redrawing while it is scrolled away and catch
//! up when it comes back; and its size, so a chart sizes its bitmap without reading the
//! layout in the middle of a slider move. A slider moves the model for every chart, but at
//! 1280x720 only two of the ten are in view, and reading a canvas's size after the page's
//! text changed made the browser lay the page out twice a frame (benches/web-latency.md).
//!
//! The reports are kept in a cell, not in component state: most change nothing the chart
//! shows (a chart leaving the screen, the first size report agreeing with the size the chart
//! already read), and a re-render for each would cost the first frame ten chart renders. The
//! component is re-rendered only when a redraw may be due: it came on screen, or its size
//! changed.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit, ResizeObserver,
    ResizeObserverEntry,
};
use yew::prelude::*;

/// What the browser last reported about an element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seen {
    /// On screen; true until the first report, when printing, and where the browser has no
    /// IntersectionObserver, so nothing is left undrawn for want of the answer.
    pub on_screen: bool,
    /// Content box in whole CSS pixels; `None` until reported or recorded with
    /// [`Observed::record_size`].
    pub size: Option<(u32, u32)>,
}

/// The observations of one element, shared with the observers' callbacks.
#[derive(Clone)]
pub struct Observed(Rc<Cell<Seen>>);

impl Observed {
    pub fn get(&self) -> Seen {
        self.0.get()
    }

    /// Records a size read from the layout (before the first report), so a report of the
    /// same size does not ask for a redraw.
    pub fn record_size(&self, size: (u32, u32)) {
        let mut seen = self.0.get();
        seen.size = Some(size);
        self.0.set(seen);
    }
}

/// Observes the element behind `node` (on screen or not, and its size) for as long as the
/// component lives; re-renders the component when it comes on screen or changes size.
#[hook]
pub fn use_observed(node: NodeRef) -> Observed {
    let observed = use_memo((), |_| {
        Observed(Rc::new(Cell::new(Seen {
            on_screen: true,
            size: None,
        })))
    });
    let rerender = use_force_update();
    {
        let observed = (*observed).clone();
        use_effect_with((), move |_| {
            let cell = observed.0;
            let on_screen = {
                let (cell, rerender) = (cell.clone(), rerender.clone());
                move |now: bool| {
                    let mut seen = cell.get();
                    let came_back = now && !seen.on_screen;
                    seen.on_screen = now;
                    cell.set(seen);
                    if came_back {
                        rerender.force_update();
                    }
                }
            };
            let intersections = {
                let on_screen = on_screen.clone();
                Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Some(entry) = newest::<IntersectionObserverEntry>(&entries) {
                        on_screen(entry.is_intersecting());
                    }
                })
            };
            let resizes = {
                let cell = cell.clone();
                Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Some(entry) = newest::<ResizeObserverEntry>(&entries) {
                        let rect = entry.content_rect();
                        let size = Some((whole_px(rect.width()), whole_px(rect.height())));
                        let mut seen = cell.get();
                        if seen.size != size {
                            seen.size = size;
                            cell.set(seen);
                            rerender.force_update();
                        }
                    }
                })
            };
            let element = node.cast::<web_sys::Element>();
            let intersection = IntersectionObserver::new_with_options(
                intersections.as_ref().unchecked_ref(),
                &IntersectionObserverInit::new(),
            )
            .ok();
            let resize = ResizeObserver::new(resizes.as_ref().unchecked_ref()).ok();
            if let Some(element) = &element {
                if let Some(o) = &intersection {
                    o.observe(element);
                }
                if let Some(o) = &resize {
                    o.observe(element);
                }
            }
            // A printed page shows every chart: draw them all before it is laid out.
            let before_print = Closure::<dyn Fn()>::new(move || on_screen(true));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "beforeprint",
                    before_print.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(o) = intersection {
                    o.disconnect();
                }
                if let Some(o) = resize {
                    o.disconnect();
                }
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "beforeprint",
                        before_print.as_ref().unchecked_ref(),
                    );
                }
                drop((intersections, resizes));
            }
        });
    }
    (*observed).clone()
}

/// An observer's newest entry: only one element is observed, so the last entry is its
/// latest state.
fn newest<T: JsCast>(entries: &js_sys::Array) -> Option<T> {
    entries.iter().last().and_then(|e| e.dyn_into::<T>().ok())
}

/// A laid-out length as whole pixels, as `clientWidth` reports it.
pub fn whole_px(length: f64) -> u32 {
    if length.is_finite() && length > 0.0 {
        length.round() as u32
    } else {
        0
    }
}
