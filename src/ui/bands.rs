//! A slider's named values ("current", "+5%", "international drive") as labelled ticks under
//! its track, laid out so that no two labels overlap and no tick runs through a label, at
//! whatever width the track has (issue 15.4: labels collided at some widths, and the second
//! row's ticks ran through the first row's labels).
//!
//! The layout is measured, not estimated: after the labels are on the page a
//! `ResizeObserver` reports the track's width (on first showing and on every resize), the
//! labels' natural widths are read from the DOM, and [`layout`] (pure, tested natively)
//! places each label in a row and beside its tick. A label that cannot be placed in
//! [`MAX_ROWS`] rows at this width is folded to "…" with its name in its tooltip and its
//! accessible name, and is still a button that sets the value.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ResizeObserver, ResizeObserverEntry};
use yew::prelude::*;

/// Rows of labels under a track at most: three keep the slider compact; a mark that would
/// need a fourth is folded.
pub const MAX_ROWS: usize = 3;
/// Clear space between two labels in a row, and between a tick and a label it passes, px.
pub const GAP: f64 = 4.0;
/// Width of a folded label ("…"), px (fixed in the CSS for `.band[data-fit="folded"]`).
pub const FOLDED_WIDTH: f64 = 16.0;
/// Height of the ticks above the first row of labels, px.
pub const TICK: f64 = 6.0;

/// Where one label goes: its row (0 nearest the track), its left edge in px from the
/// track's left, and whether it is folded to "…".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    pub row: usize,
    pub left: f64,
    pub width: f64,
    pub folded: bool,
    /// Not shown at all (only its tick): marks too close together even for "…".
    pub hidden: bool,
}

/// The labels placed, and how many rows they use.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub placed: Vec<Placed>,
    pub rows: usize,
}

/// Places labels under a track `width` px wide. Each mark is `(x, w)`: its tick at `x` px
/// and its label's natural width `w` px. Every label's box holds its own tick; no two labels
/// in a row come within [`GAP`] of each other; no tick crosses a label in a row it passes
/// through on its way down to its own row. Among the layouts that satisfy these, the one
/// with the fewest folded labels, then the fewest rows, then the most labels centred on their
/// ticks (searched exhaustively, with pruning: a slider has a handful of marks).
pub fn layout(width: f64, marks: &[(f64, f64)]) -> Layout {
    let options: Vec<Vec<Placed>> = marks
        .iter()
        .map(|&(x, w)| options_for(width, x, w))
        .collect();
    let mut best: Option<(Cost, Vec<Placed>)> = None;
    let mut chosen = Vec::with_capacity(marks.len());
    search(width, marks, &options, &mut chosen, &mut best);
    // A hidden label is always an option, so a layout is always found.
    let placed = best.map(|(_, p)| p).unwrap_or_default();
    let rows = placed
        .iter()
        .filter(|p| !p.hidden)
        .map(|p| p.row + 1)
        .max()
        .unwrap_or(0);
    Layout { placed, rows }
}

/// What a layout costs, compared in this order.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
struct Cost {
    hidden: usize,
    folded: usize,
    rows: usize,
    off_centre: usize,
}

/// The places one label may take, cheapest first: centred on its tick, else hanging from it
/// to the right or to the left (kept inside the track), in each row; then folded.
fn options_for(width: f64, x: f64, w: f64) -> Vec<Placed> {
    let mut out = Vec::new();
    for (folded, w) in [(false, w), (true, FOLDED_WIDTH)] {
        if w > width {
            continue;
        }
        let lefts = [x - w / 2.0, x - 1.0, x - w + 1.0].map(|l| l.clamp(0.0, width - w));
        for row in 0..MAX_ROWS {
            for (i, &left) in lefts.iter().enumerate() {
                let holds_tick = left - 0.5 <= x && x <= left + w + 0.5;
                let repeat = lefts[..i].iter().any(|&l| (l - left).abs() < 0.5);
                if holds_tick && !repeat {
                    out.push(Placed {
                        row,
                        left,
                        width: w,
                        folded,
                        hidden: false,
                    });
                }
            }
        }
    }
    out.push(Placed {
        row: 0,
        left: x.clamp(0.0, width),
        width: 0.0,
        folded: true,
        hidden: true,
    });
    out
}

fn cost_of(placed: &[Placed], width: f64, marks: &[(f64, f64)]) -> Cost {
    Cost {
        hidden: placed.iter().filter(|p| p.hidden).count(),
        folded: placed.iter().filter(|p| p.folded).count(),
        rows: placed
            .iter()
            .filter(|p| !p.hidden)
            .map(|p| p.row + 1)
            .max()
            .unwrap_or(0),
        off_centre: placed
            .iter()
            .zip(marks)
            .filter(|(p, &(x, _))| {
                !p.hidden && {
                    let centred = (x - p.width / 2.0).clamp(0.0, (width - p.width).max(0.0));
                    (p.left - centred).abs() > 0.5
                }
            })
            .count(),
    }
}

/// Depth-first over each mark's options in order, keeping the cheapest complete layout; a
/// partial layout already as dear as the best is dropped (every part of the cost only grows
/// as marks are added).
fn search(
    width: f64,
    marks: &[(f64, f64)],
    options: &[Vec<Placed>],
    chosen: &mut Vec<Placed>,
    best: &mut Option<(Cost, Vec<Placed>)>,
) {
    let cost = cost_of(chosen, width, &marks[..chosen.len()]);
    if best.as_ref().is_some_and(|(b, _)| cost >= *b) {
        return;
    }
    let i = chosen.len();
    if i == marks.len() {
        *best = Some((cost, chosen.clone()));
        return;
    }
    for option in &options[i] {
        let fits = chosen
            .iter()
            .zip(marks)
            .all(|(other, &(ox, _))| compatible(option, marks[i].0, other, ox));
        if fits {
            chosen.push(*option);
            search(width, marks, options, chosen, best);
            chosen.pop();
        }
    }
}

/// Whether two placed labels (ticks at `ax` and `bx`) can stand together: apart in one row,
/// and neither's tick passing through the other's label on its way down.
fn compatible(a: &Placed, ax: f64, b: &Placed, bx: f64) -> bool {
    if a.hidden || b.hidden {
        // A hidden label has no box, and its tick stops above the first row.
        return true;
    }
    let clear_of = |p: &Placed, x: f64| x < p.left - GAP / 2.0 || x > p.left + p.width + GAP / 2.0;
    if a.row == b.row {
        a.left + a.width + GAP <= b.left || b.left + b.width + GAP <= a.left
    } else if a.row > b.row {
        clear_of(b, ax)
    } else {
        clear_of(a, bx)
    }
}

/// Lays out the labels under `node` (a `.lever-bands` element) whenever its width changes,
/// for as long as the component lives.
#[hook]
pub fn use_band_layout(node: NodeRef) {
    use_effect_with((), move |_| {
        let last_width = Rc::new(Cell::new(-1.0_f64));
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            for entry in entries.iter() {
                let Ok(entry) = entry.dyn_into::<ResizeObserverEntry>() else {
                    continue;
                };
                let width = entry.content_rect().width();
                if width >= 1.0 && (width - last_width.get()).abs() >= 0.5 {
                    last_width.set(width);
                    apply(&entry.target(), width);
                }
            }
        });
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
        if let (Some(observer), Some(element)) = (&observer, node.cast::<Element>()) {
            observer.observe(&element);
        }
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(callback);
        }
    });
}

/// Measures the labels under `container` (`.band` buttons with `data-at`, the mark's place
/// from 0 to 1, each holding a `.band-name`; `.band-tick`s in the same order) and places
/// them and their ticks for a track `width` px wide.
fn apply(container: &Element, width: f64) {
    let elements = |selector: &str| -> Vec<HtmlElement> {
        container
            .query_selector_all(selector)
            .ok()
            .map(|list| {
                (0..list.length())
                    .filter_map(|i| list.item(i))
                    .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
                    .collect()
            })
            .unwrap_or_default()
    };
    let labels = elements(".band");
    let ticks = elements(".band-tick");
    if labels.is_empty() || labels.len() != ticks.len() {
        return;
    }
    let mut row_height: f64 = 0.0;
    let marks: Vec<(f64, f64)> = labels
        .iter()
        .map(|label| {
            let at: f64 = label
                .get_attribute("data-at")
                .and_then(|a| a.parse().ok())
                .unwrap_or(0.0);
            // The name's own width even while folded (`scrollWidth` counts what its clip
            // hides), plus the button's padding.
            let name_width = label
                .query_selector(".band-name")
                .ok()
                .flatten()
                .map_or(0.0, |n| f64::from(n.scroll_width()));
            let padding = 4.0;
            row_height = row_height.max(f64::from(label.offset_height()));
            (at.clamp(0.0, 1.0) * width, name_width + padding)
        })
        .collect();
    let row = row_height.max(12.0) + 2.0;
    let laid = layout(width, &marks);
    let set = |element: &HtmlElement, property: &str, value: String| {
        let style = element.style();
        if style.get_property_value(property).ok().as_deref() != Some(value.as_str()) {
            let _ = style.set_property(property, &value);
        }
    };
    for ((label, tick), (placed, &(x, _))) in labels
        .iter()
        .zip(&ticks)
        .zip(laid.placed.iter().zip(&marks))
    {
        let top = if placed.hidden {
            TICK
        } else {
            TICK + placed.row as f64 * row
        };
        set(label, "left", format!("{:.1}px", placed.left));
        set(label, "top", format!("{top:.1}px"));
        // An attribute yew does not manage, so a re-render (the value moving) keeps it.
        let fit = match (placed.hidden, placed.folded) {
            (true, _) => "hidden",
            (false, true) => "folded",
            (false, false) => "full",
        };
        if label.get_attribute("data-fit").as_deref() != Some(fit) {
            let _ = label.set_attribute("data-fit", fit);
        }
        let tick_x = x.clamp(0.0, (width - 2.0).max(0.0));
        set(
            tick,
            "left",
            format!("{:.1}px", tick_x - 1.0_f64.min(tick_x)),
        );
        set(tick, "height", format!("{top:.1}px"));
    }
    if let Some(container) = container.dyn_ref::<HtmlElement>() {
        set(
            container,
            "height",
            format!("{:.1}px", TICK + laid.rows as f64 * row + 2.0),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks every rule the layout promises; returns the first broken one.
    fn broken(width: f64, marks: &[(f64, f64)], l: &Layout) -> Option<String> {
        for (i, (a, &(ax, _))) in l.placed.iter().zip(marks).enumerate() {
            if a.hidden {
                continue;
            }
            if a.left < -0.01 || a.left + a.width > width + 0.01 {
                return Some(format!("label {i} leaves the track"));
            }
            if ax < a.left - 0.5 || ax > a.left + a.width + 0.5 {
                return Some(format!("label {i} is not under its tick"));
            }
            if a.row >= MAX_ROWS {
                return Some(format!("label {i} in row {}", a.row));
            }
            for (j, (b, &(bx, _))) in l.placed.iter().zip(marks).enumerate().skip(i + 1) {
                if b.hidden {
                    continue;
                }
                if a.row == b.row
                    && a.left < b.left + b.width + GAP
                    && b.left < a.left + a.width + GAP
                {
                    return Some(format!("labels {i} and {j} overlap"));
                }
                if a.row > b.row && ax >= b.left - GAP / 2.0 && ax <= b.left + b.width + GAP / 2.0 {
                    return Some(format!("tick {i} crosses label {j}"));
                }
                if b.row > a.row && bx >= a.left - GAP / 2.0 && bx <= a.left + a.width + GAP / 2.0 {
                    return Some(format!("tick {j} crosses label {i}"));
                }
            }
        }
        None
    }

    /// The real marks of the slider that collided: recruitment's "current" (0), "+5%" (5)
    /// and "international drive" (20) on a 0 to 50 track, with widths as at 13 px type.
    fn recruitment(width: f64) -> Vec<(f64, f64)> {
        vec![
            (0.0, 50.0),
            (5.0 / 50.0 * width, 30.0),
            (20.0 / 50.0 * width, 125.0),
        ]
    }

    /// Every slider's marks as the page lays them out on a track `width` px wide, with
    /// label widths as at the page's 12.9 px type (about 6.6 px a character, plus padding).
    fn every_slider(width: f64) -> Vec<Vec<(f64, f64)>> {
        crate::model::LEVERS
            .iter()
            .chain(crate::model::ASSUMPTIONS.iter())
            .filter(|spec| !spec.bands.is_empty())
            .map(|spec| {
                spec.bands
                    .iter()
                    .map(|&(v, name)| {
                        let at = (v - spec.min) / (spec.max - spec.min);
                        (at * width, name.chars().count() as f64 * 6.6 + 4.0)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn labels_never_overlap_nor_sit_under_another_tick_at_any_width() {
        // A phone's narrowest track (320 px screen) to a wide monitor's.
        for width in (260..=2500).step_by(3).map(f64::from) {
            for marks in every_slider(width) {
                let l = layout(width, &marks);
                assert_eq!(l.placed.len(), marks.len());
                assert!(l.placed.iter().all(|p| !p.hidden), "{width} px: {l:?}");
                if let Some(problem) = broken(width, &marks, &l) {
                    panic!("{problem} at {width} px: {l:?}");
                }
                if width >= 420.0 {
                    assert!(
                        l.placed.iter().all(|p| !p.folded),
                        "{width} px: {marks:?} {l:?}"
                    );
                }
            }
        }
        // Arbitrary crowds keep the rules too (hiding what cannot stand).
        for width in (260..=900).step_by(11).map(f64::from) {
            let crowd = [
                (0.0, 50.0),
                (0.02 * width, 230.0),
                (0.05 * width, 110.0),
                (0.08 * width, 60.0),
            ];
            let l = layout(width, &crowd);
            assert_eq!(broken(width, &crowd, &l), None, "{width} px: {l:?}");
        }
    }

    #[test]
    fn marks_with_room_sit_centred_in_one_row_and_crowded_ones_use_more_rows_before_folding() {
        let wide = layout(1200.0, &recruitment(1200.0));
        assert_eq!(wide.rows, 1, "{wide:?}");
        assert!(wide.placed.iter().all(|p| !p.folded));
        let third = &wide.placed[2];
        assert!(
            (third.left + third.width / 2.0 - 480.0).abs() < 0.5,
            "centred: {third:?}"
        );
        // At 300 px "current" (0) and "+5%" (30 px) crowd: a second row, nothing folded.
        let narrow = layout(300.0, &recruitment(300.0));
        assert!(narrow.rows >= 2, "{narrow:?}");
        assert!(narrow.placed.iter().all(|p| !p.folded), "{narrow:?}");
        // Seven labels 20 px apart cannot all stand in three rows at full width: some fold,
        // none is hidden, and the rules hold.
        let crowd: Vec<(f64, f64)> = (0..7).map(|i| (90.0 + 20.0 * f64::from(i), 80.0)).collect();
        let folded = layout(300.0, &crowd);
        assert!(folded.placed.iter().any(|p| p.folded), "{folded:?}");
        assert!(folded.placed.iter().all(|p| !p.hidden), "{folded:?}");
        assert_eq!(broken(300.0, &crowd, &folded), None);
        // Five at one point: what cannot stand even folded is hidden, never overlapping.
        let pile: Vec<(f64, f64)> = (0..5).map(|i| (150.0 + f64::from(i), 80.0)).collect();
        let piled = layout(300.0, &pile);
        assert!(piled.placed.iter().any(|p| p.hidden));
        assert_eq!(broken(300.0, &pile, &piled), None);
    }
}
