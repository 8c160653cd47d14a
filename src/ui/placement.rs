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

// ---- Chart labels that never overlap nor get cut (issue 15, room3) ----

/// A box in pixels: left, top, width and height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    fn right(&self) -> f64 {
        self.x + self.w
    }
    fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// Whether the two boxes, each grown by `gap` on every side... touch.
    pub fn overlaps(&self, o: &Rect, gap: f64) -> bool {
        self.x < o.right() + gap
            && o.x < self.right() + gap
            && self.y < o.bottom() + gap
            && o.y < self.bottom() + gap
    }
    /// Whether the box lies wholly inside `area`.
    pub fn inside(&self, area: &Rect) -> bool {
        self.x >= area.x - 1e-9
            && self.y >= area.y - 1e-9
            && self.right() <= area.right() + 1e-9
            && self.bottom() <= area.bottom() + 1e-9
    }
}

/// What a chart label hangs from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Anchor {
    /// A vertical line at this x (a mark: today, the chosen month, a target date): the label
    /// sits beside it, right of the line or else left of it, from the top down.
    Vertical(f64),
    /// A horizontal line at this y (a target or standard): the label sits just above or below
    /// it (above first when `above`), at the right end or else further left.
    Horizontal { y: f64, above: bool },
}

/// One label to place: its wordings, longest first, each with its width in pixels; its
/// height; and its line.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub wordings: Vec<(String, f64)>,
    pub height: f64,
    pub anchor: Anchor,
}

/// Where a label went: its wording, its box, and whether it reads up its line (turned a
/// quarter, bottom to top: a mark's label where the marks stand too close for it to lie
/// across the plot without crossing another mark's line).
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub text: String,
    pub rect: Rect,
    pub upright: bool,
}

/// Places `labels`, most important first, inside `area`: each in the first place, in its
/// longest wording that fits, that is wholly inside the area, `gap` pixels clear of every
/// label placed before it, crossing no other label's line and covering none of `points` (the
/// drawn lines and the edges of the shading, sampled). Where no place keeps clear of the
/// lines, one that keeps clear of the vertical lines (the marks), covering as few of the
/// points as it can; where no level place does, a mark's label turns to read up beside its
/// own line (phone charts, where today, a target date and the last published month stand
/// 20 pixels apart: places6). Where none does, the label is left out (`None`) rather than
/// drawn over another, across a mark's line or cut by the plot's edge. Returns each label's
/// wording and box, in the order given.
pub fn place_labels(
    area: Rect,
    labels: &[Label],
    gap: f64,
    points: &[(f64, f64)],
) -> Vec<Option<Placed>> {
    // The points by pixel column (no sort: a sort's code costs the wasm some kilobytes).
    let n = area.right().max(0.0) as usize + 2;
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); n];
    for &(x, y) in points {
        if x >= 0.0 && x <= area.right() + 1.0 {
            columns[x as usize].push(y);
        }
    }
    // How many pixel columns of a box, grown by `gap` (and as much again for a line's own
    // width), cover a point: 0 where it is clear of them (`first`: 0 or 1, sooner).
    let on_data = |r: &Rect, first: bool| {
        let from = (r.x - gap).max(0.0) as usize;
        let to = ((r.right() + gap).max(0.0) as usize).min(n - 1);
        let hit = |c: &usize| {
            columns[*c]
                .iter()
                .any(|&y| y >= r.y - 2.0 * gap && y <= r.bottom() + 2.0 * gap)
        };
        let mut hits = (from.min(to)..=to).filter(hit);
        if first {
            hits.next().map_or(0, |_| 1)
        } else {
            hits.count()
        }
    };
    let mut placed: Vec<Option<Placed>> = Vec::with_capacity(labels.len());
    for (i, label) in labels.iter().enumerate() {
        // Which other lines a box crosses: the vertical ones (today, the chosen month) and,
        // when `horizontal`, the horizontal ones (the targets) too.
        let crosses = |r: &Rect, horizontal: bool| {
            labels.iter().enumerate().any(|(j, other)| {
                j != i
                    && match other.anchor {
                        Anchor::Vertical(x) => r.x - gap < x && x < r.right() + gap,
                        Anchor::Horizontal { y, .. } => {
                            horizontal && r.y - gap < y && y < r.bottom() + gap
                        }
                    }
            })
        };
        let clear = |r: &Rect| {
            r.inside(&area) && placed.iter().flatten().all(|p| !r.overlaps(&p.rect, gap))
        };
        // Best first: the whole wording off every line; off the vertical lines; then the
        // shorter wordings the same way; all of these off the points, then again on as few
        // of them as they can; then a mark's label turned up its line, off the vertical
        // lines, the same way. Never across a mark's line (places6: "65% within 18 weeks
        // due" lay across two on a phone): a label with no such place is left out, and the
        // legend under the chart names the marks.
        let upright = matches!(label.anchor, Anchor::Vertical(_));
        let mut tries: Vec<(usize, bool, bool, bool)> = Vec::new();
        for turned in [false, true] {
            if turned && !upright {
                continue;
            }
            for data in [true, false] {
                for k in 0..label.wordings.len() {
                    for lines in [true, false] {
                        tries.push((k, lines, data, turned));
                    }
                }
            }
        }
        let chosen = tries.into_iter().find_map(|(k, lines, data, turned)| {
            let (text, w) = &label.wordings[k];
            let fits = candidates(area, label, *w, gap, turned)
                .into_iter()
                .filter(|r| clear(r) && !crosses(r, lines));
            let mut fits = fits;
            let best = if data {
                fits.find(|r| on_data(r, true) == 0)
            } else {
                // The first of those covering least.
                fits.min_by_key(|r| on_data(r, false))
            };
            best.map(|rect| Placed {
                text: text.clone(),
                rect,
                upright: turned,
            })
        });
        placed.push(chosen);
    }
    placed
}

/// Where a label of width `w` may go, best first; `turned`, a mark's label read up its line
/// (its box as tall as the wording is wide), from the top down, right of the line or else
/// left of it.
fn candidates(area: Rect, label: &Label, w: f64, gap: f64, turned: bool) -> Vec<Rect> {
    let h = label.height;
    let mut out = Vec::new();
    if turned {
        if let Anchor::Vertical(x) = label.anchor {
            let mut y = area.y + gap;
            while y + w <= area.bottom() {
                for left in [x + gap, x - gap - h] {
                    out.push(Rect {
                        x: left,
                        y,
                        w: h,
                        h: w,
                    });
                }
                y += ((h + gap) / 2.0).max(1.0);
            }
        }
        return out;
    }
    match label.anchor {
        Anchor::Vertical(x) => {
            let mut y = area.y + gap;
            while y + h <= area.bottom() {
                out.push(Rect {
                    x: x + gap,
                    y,
                    w,
                    h,
                });
                out.push(Rect {
                    x: x - gap - w,
                    y,
                    w,
                    h,
                });
                // Fine steps, so a label can sit just under a target's line near the top.
                y += ((h + gap) / 4.0).max(1.0);
            }
        }
        Anchor::Horizontal { y, above } => {
            let step = (w / 4.0).max(8.0);
            let mut x = area.right() - gap - w;
            let (first, second) = if above {
                (y - gap - h, y + gap)
            } else {
                (y + gap, y - gap - h)
            };
            while x >= area.x + gap {
                out.push(Rect { x, y: first, w, h });
                out.push(Rect { x, y: second, w, h });
                x -= step;
            }
        }
    }
    out
}

#[cfg(test)]
mod label_tests {
    use super::*;

    fn label(texts: &[&str], anchor: Anchor) -> Label {
        Label {
            wordings: texts
                .iter()
                .map(|t| (t.to_string(), t.chars().count() as f64 * 7.0))
                .collect(),
            height: 14.0,
            anchor,
        }
    }

    /// The 18-week chart's labels as the page has them: two standards, today, a target date
    /// and the chosen month at a target date, at plot widths from a 260-pixel phone's to a
    /// 2,500-pixel screen's.
    #[test]
    fn chart_labels_never_overlap_nor_leave_the_plot_nor_cross_another_line() {
        for width in (180..2400).step_by(7) {
            let w = width as f64;
            let area = Rect {
                x: 60.0,
                y: 10.0,
                w,
                h: 260.0,
            };
            let at = |years: f64| area.x + w * years / 10.0;
            let labels = vec![
                label(
                    &["92% standard", "92%"],
                    Anchor::Horizontal {
                        y: 30.0,
                        above: true,
                    },
                ),
                label(
                    &["65% interim target", "65%"],
                    Anchor::Horizontal {
                        y: 150.0,
                        above: false,
                    },
                ),
                label(
                    &["March 2029: 92% within 18 weeks due", "March 2029"],
                    Anchor::Vertical(at(4.0)),
                ),
                label(&["Today"], Anchor::Vertical(at(1.7))),
                label(
                    &["65% within 18 weeks due", "65% due"],
                    Anchor::Vertical(at(1.0)),
                ),
                label(&["March 2035"], Anchor::Vertical(at(10.0))),
            ];
            let placed = place_labels(area, &labels, 3.0, &[]);
            // No label crosses another mark's line (places6).
            for (i, p) in placed.iter().enumerate() {
                for (j, other) in labels.iter().enumerate() {
                    if let (Some(p), Anchor::Vertical(x), true) = (p, other.anchor, i != j) {
                        assert!(!crosses_line(&p.rect, x), "{width}: {p:?} crosses {x}");
                    }
                }
            }
            let boxes: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
            for (i, a) in boxes.iter().enumerate() {
                assert!(a.inside(&area), "{width}: {a:?} leaves the plot");
                for b in &boxes[i + 1..] {
                    assert!(!a.overlaps(b, 0.0), "{width}: {a:?} overlaps {b:?}");
                }
            }
            // The standards and the chosen month are always said.
            assert!(placed[0].is_some() && placed[1].is_some() && placed[2].is_some());
            if width >= 700 {
                assert!(placed.iter().all(Option::is_some), "{width}: {placed:?}");
                assert_eq!(placed[2].as_ref().unwrap().text, labels[2].wordings[0].0);
            }
        }
    }

    /// Whether a placed box crosses the vertical line at `x` (a mark's dotted line).
    fn crosses_line(r: &Rect, x: f64) -> bool {
        r.x < x && x < r.right()
    }

    /// The phone's 18-week chart (390 by 844, December 2026; places6): four marks within 90
    /// pixels (the last published month, the 65% target's date, today, March 2029) on a
    /// 292-pixel plot. "65% within 18 weeks due" lay across today's and March 2029's lines,
    /// "Last published: March 2025" across three. Now no label crosses another mark's line:
    /// where none fits level between the lines, it reads up beside its own.
    #[test]
    fn on_a_phone_no_label_crosses_another_mark_s_line() {
        let area = Rect {
            x: 0.0,
            y: 0.0,
            w: 292.0,
            h: 178.0,
        };
        let marks = [156.0, 88.0, 66.0, 106.0];
        let labels = vec![
            label(
                &["92% standard", "92%"],
                Anchor::Horizontal {
                    y: 14.0,
                    above: true,
                },
            ),
            label(
                &["65% interim target", "65%"],
                Anchor::Horizontal {
                    y: 62.0,
                    above: false,
                },
            ),
            label(
                &["March 2029: 92% within 18 weeks due", "March 2029"],
                Anchor::Vertical(marks[0]),
            ),
            label(
                &["65% within 18 weeks due", "65% due"],
                Anchor::Vertical(marks[1]),
            ),
            label(
                &["Last published: March 2025", "Last published"],
                Anchor::Vertical(marks[2]),
            ),
            label(
                &["Today (December 2026)", "Today (Dec 2026)", "Today"],
                Anchor::Vertical(marks[3]),
            ),
        ];
        let placed = place_labels(area, &labels, 3.0, &[]);
        for (i, p) in placed.iter().enumerate() {
            let p = p
                .as_ref()
                .unwrap_or_else(|| panic!("label {i} left out: {placed:?}"));
            for (j, &x) in marks.iter().enumerate() {
                if j + 2 != i {
                    assert!(!crosses_line(&p.rect, x), "{p:?} crosses the mark at {x}");
                }
            }
        }
        // Level where they fit; up their lines where they do not.
        let p = |i: usize| placed[i].as_ref().unwrap();
        assert!(!p(2).upright && !p(5).upright, "{placed:?}");
        assert!(p(3).upright && p(4).upright, "{placed:?}");
        // Today keeps its month where it fits, not here: 44 pixels between its line and
        // March 2029's hold "Today" but not "Today (Dec 2026)".
        assert_eq!(p(5).text, "Today");
        // With March 2029's line further right, the short month fits.
        let mut wide = labels.clone();
        wide[2].anchor = Anchor::Vertical(230.0);
        let placed = place_labels(area, &wide, 3.0, &[]);
        assert_eq!(placed[5].as_ref().unwrap().text, "Today (Dec 2026)");
    }

    #[test]
    fn a_label_near_the_right_edge_flips_to_the_left_of_its_line() {
        let area = Rect {
            x: 0.0,
            y: 0.0,
            w: 500.0,
            h: 200.0,
        };
        let placed = place_labels(
            area,
            &[label(&["March 2035"], Anchor::Vertical(495.0))],
            3.0,
            &[],
        );
        let r = placed[0].clone().unwrap().rect;
        assert!(r.right() <= 495.0 && r.inside(&area), "{r:?}");
    }
    /// A standard's label sat inside the fan's shading (a new user's finding): the chart
    /// gives the shading as points every 8 pixels down it; where the plot has room the label
    /// keeps out of the band, and where it has none it still gets a place.
    #[test]
    fn a_label_keeps_out_of_the_shaded_band_where_there_is_room() {
        let area = Rect {
            x: 0.0,
            y: 0.0,
            w: 600.0,
            h: 200.0,
        };
        let target = [label(
            &["65% interim target", "65%"],
            Anchor::Horizontal {
                y: 100.0,
                above: true,
            },
        )];
        // The band widens from the left: narrow over the first 150 px, 80 px deep after.
        let half = |x: f64| if x < 150.0 { 4.0 } else { 40.0 };
        let band: Vec<(f64, f64)> = (0..600)
            .flat_map(|x| {
                let x = f64::from(x);
                (0..=20).map(move |k| (x, 110.0 - half(x) + 2.0 * half(x) * f64::from(k) / 20.0))
            })
            .collect();
        let r = place_labels(area, &target, 3.0, &band)[0]
            .clone()
            .unwrap()
            .rect;
        let inside = (r.x.max(0.0) as usize..(r.x + r.w) as usize)
            .any(|x| r.y + r.h > 110.0 - half(x as f64) && r.y < 110.0 + half(x as f64));
        assert!(!inside, "{r:?} sits in the band");
        // Points everywhere leave it somewhere, not out.
        let everywhere: Vec<(f64, f64)> = (0..600)
            .flat_map(|x| (0..20).map(move |y| (f64::from(x), f64::from(y) * 10.0)))
            .collect();
        assert!(place_labels(area, &target, 3.0, &everywhere)[0].is_some());
    }
}
