//! Drawing one chart with plotters on a `<canvas>`: the Monte Carlo fan, the scenario solid,
//! current plans dashed, reference lines labelled. What to draw comes from `charts::CHARTS`.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use super::chart_backend::AnyBackend;
use super::format::{axis_number, Measure};
use super::placement::{place_labels, Anchor, Label, Placed, Rect};
use crate::model::monte_carlo::Quantiles;

/// Okabe-Ito blue: the scenario, solid and heavy.
pub const SCENARIO_COLOUR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe-Ito black: current plans, dashed, so the two differ by more than colour.
pub const CURRENT_PLANS_COLOUR: RGBColor = RGBColor(0x00, 0x00, 0x00);
/// Published figures (NHS England): dark grey dots, apart from the black dashes of current plans.
pub const PUBLISHED_COLOUR: RGBColor = RGBColor(0x44, 0x44, 0x44);
/// Okabe-Ito vermillion: targets and standards.
const REFERENCE_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const GRID_COLOUR: RGBColor = RGBColor(0xE2, 0xE2, 0xE2);
const TEXT_COLOUR: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// The page's font (style.css), so the chart's text matches the rest of the page.
/// The charts' font list, as a named family: `FontFamily::from(&str)` would lower-case it
/// first, and `str::to_lowercase` brings the Unicode case tables (about 4 KB gzipped) into
/// the wasm for a name that is never "serif", "sans-serif" or "monospace".
const FONT: FontFamily<'static> =
    FontFamily::Name("system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif");

/// One pair of lines: the scenario (solid) and current plans (dashed), one value a month.
pub struct LinePair {
    pub colour: RGBColor,
    pub scenario: Vec<f64>,
    pub current_plans: Vec<f64>,
}

/// A pinned scenario's line: its colour, dash pattern (on, off in CSS pixels; `None` is a thin
/// solid line) and one value a month.
pub struct PinLine {
    pub colour: RGBColor,
    pub dash: Option<(f64, f64)>,
    pub values: Vec<f64>,
}

impl PinLine {
    /// A pin's line in its style (`compare::PIN_STYLES`), through `values`.
    pub fn new(style: super::compare::PinStyle, values: Vec<f64>) -> PinLine {
        let (r, g, b) = style.colour;
        PinLine {
            colour: RGBColor(r, g, b),
            dash: style.dash,
            values,
        }
    }
}

/// Everything one drawing needs, already chosen from the chart's spec and the view.
pub struct Plot<'a> {
    pub y_title: &'a str,
    pub measure: Measure,
    pub lines: Vec<LinePair>,
    /// Pinned scenarios, drawn under the scenario and current plans.
    pub pins: Vec<PinLine>,
    /// The Monte Carlo's quantiles a month around the (single) scenario line: drawn as the
    /// 80% range (P10 to P90, 8 in 10 runs) and, darker, the middle half (P25 to P75).
    pub fan: Option<&'a [Quantiles]>,
    /// A fan the y axis fits but that is not drawn (the last one while a new one is run).
    pub axis_fan: Option<&'a [Quantiles]>,
    pub references: &'a [(f64, &'a str)],
    pub y_from_zero: bool,
    /// Presenter mode: every line drawn thicker, to read from the back of a room.
    pub thick: bool,
    /// Published months up to month 0, drawn as dots: (years from month 0, zero or negative;
    /// value). Empty for charts with no published series.
    pub published: Vec<(f64, f64)>,
    /// Months marked with a thin vertical line and a label (issue 14.5): today's date, the
    /// chosen month, target dates, as (years from month 0, label). Outside the axis: skipped.
    pub marks: Vec<(f64, String)>,
}

/// Grey for the vertical marks (today, the chosen month): apart from every line's colour.
const MARK_COLOUR: RGBColor = RGBColor(0x59, 0x59, 0x59);

/// The projector's larger type (style.css's `.projector` media query: a window at least
/// 1700 by 1000 CSS pixels) and its size against the projector's own: 22 px against 17 px.
const PROJECTOR_LARGE: (f64, f64) = (1700.0, 1000.0);
const PROJECTOR_LARGE_SCALE: f64 = 22.0 / 17.0;

/// The axes' type, CSS pixels (twice that on the projector).
const AXIS_TYPE: f64 = 14.0;

/// Where the plotting area sits on the canvas, in CSS pixels, for hover readouts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// Draws the plot on a canvas laid out at `css_size` (CSS pixels, width and height). The
/// bitmap is that size times the device pixel ratio, so lines and text stay sharp on
/// projectors and high-density screens.
pub fn draw(
    canvas: &HtmlCanvasElement,
    plot: &Plot,
    css_size: (u32, u32),
) -> Result<Option<PlotArea>, String> {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let css_width = f64::from(css_size.0);
    let width = (css_width * dpr).round() as u32;
    let height = (f64::from(css_size.1) * dpr).round() as u32;
    if width == 0 || height == 0 {
        return Ok(None); // not laid out (hidden); drawn when it is
    }
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let mut backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas has no 2D context")?;
    let root = AnyBackend(&mut backend).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    // The projector's type grows with its screen (style.css: 17 px, 22 px from 1700x1000), and
    // the charts' with it, so the years are never smaller beside a larger headline.
    let viewport = |w: &web_sys::Window| {
        let read = |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64());
        (read(w.inner_width()), read(w.inner_height()))
    };
    let type_scale = if plot.thick
        && web_sys::window().is_some_and(|w| match viewport(&w) {
            (Some(width), Some(height)) => {
                width >= PROJECTOR_LARGE.0 && height >= PROJECTOR_LARGE.1
            }
            _ => false,
        }) {
        PROJECTOR_LARGE_SCALE
    } else {
        1.0
    };
    let Drawn {
        xs,
        ys,
        plot: plot_box,
        labels,
        marks,
    } = draw_plot(&root, plot, dpr, css_width < 460.0, type_scale)?;
    root.present().map_err(|e| e.to_string())?;
    // Where the labels and the plot are, in CSS pixels from the canvas's corner, for the
    // browser tests (tests/e2e/room3.test.mjs): text on a canvas is not in the page.
    let css = |r: &Rect| {
        format!(
            "{:.1},{:.1},{:.1},{:.1}",
            r.x / dpr,
            r.y / dpr,
            r.w / dpr,
            r.h / dpr
        )
    };
    let _ = canvas.set_attribute("data-plot-box", &css(&plot_box));
    // The axis's type size in CSS pixels, for the same tests (the projector's years).
    let type_px = AXIS_TYPE * if plot.thick { 2.0 * type_scale } else { 1.0 };
    let _ = canvas.set_attribute("data-type-px", &format!("{type_px:.1}"));
    let _ = canvas.set_attribute(
        "data-label-boxes",
        &labels
            .iter()
            .map(|(text, r)| format!("{}|{text}", css(r)))
            .collect::<Vec<_>>()
            .join(";"),
    );
    // The marks' dotted lines, x in CSS pixels: no label may cross one (places6).
    let _ = canvas.set_attribute(
        "data-mark-xs",
        &marks
            .iter()
            .map(|x| format!("{:.1}", x / dpr))
            .collect::<Vec<_>>()
            .join(","),
    );
    Ok(Some(PlotArea {
        left: f64::from(xs.start) / dpr,
        right: f64::from(xs.end) / dpr,
        top: f64::from(ys.start) / dpr,
        bottom: f64::from(ys.end) / dpr,
    }))
}

/// Draws the plot on any plotters backend (the page's canvas, an export's canvas or SVG, all
/// as [`AnyBackend`]), `dpr` backend pixels to a CSS pixel. Returns the plotting area's pixel
/// ranges. `type_scale` enlarges the projector's type and lines further (1 elsewhere).
fn draw_plot(
    root: &DrawingArea<AnyBackend<'_>, Shift>,
    plot: &Plot,
    dpr: f64,
    narrow: bool,
    type_scale: f64,
) -> Result<Drawn, String> {
    let px = |css: f64| (css * dpr).round();
    // Presenter mode (the projector view, issue 15.1): lines, type and the room they need
    // twice the size, to read from the back of a room (more on a large screen).
    let big = |css: f64| {
        px(if plot.thick {
            css * 2.0 * type_scale
        } else {
            css
        })
    };
    let line_px = |css: f64| big(css) as u32;

    let months = plot
        .lines
        .iter()
        .map(|l| l.scenario.len().max(l.current_plans.len()))
        .max()
        .unwrap_or(0)
        .max(2);
    let years = (months - 1) as f64 / 12.0;
    // Published months before the start (and a mark among them) widen the x axis to the left
    // of month 0, to a whole year, so the years under the published dots are labelled too.
    let mut x_lo: f64 = 0.0;
    if !plot.published.is_empty() {
        for x in plot
            .published
            .iter()
            .map(|p| p.0)
            .chain(plot.marks.iter().map(|m| m.0))
        {
            x_lo = x_lo.min(x);
        }
    }
    let x_lo = x_lo.floor();

    let YAxis {
        scale,
        scale_name,
        lo: y_lo,
        hi: y_hi,
    } = y_axis(plot);
    // On the projector the headline above the chart names the figure: the axis says only
    // its scale ("millions", "£ million"; nothing where the ticks say "%").
    let y_title = if plot.thick && !scale_name.is_empty() {
        scale_name.to_string()
    } else if plot.thick && plot.measure == Measure::Percent {
        String::new()
    } else if scale_name.is_empty() {
        plot.y_title.to_string()
    } else {
        format!("{} ({scale_name})", plot.y_title)
    };
    let scaled = |series: &[f64]| -> Vec<(f64, f64)> {
        series
            .iter()
            .enumerate()
            .map(|(month, &v)| (month as f64 / 12.0, v / scale))
            .collect()
    };

    let mut chart = ChartBuilder::on(root)
        // Room for half the top axis figure on the projector too (room3: "15" was cut).
        .margin_top(big(12.0) as u32)
        .margin_right(big(if plot.thick { 22.0 } else { 16.0 }) as u32)
        .margin_bottom(px(4.0) as u32)
        .x_label_area_size(big(if plot.thick { 26.0 } else { 46.0 }) as u32)
        .y_label_area_size(big(if narrow { 62.0 } else { 70.0 }) as u32)
        .build_cartesian_2d(x_lo..years, y_lo..y_hi)
        .map_err(|e| e.to_string())?;

    let label_font = (FONT, big(AXIS_TYPE)).into_font().color(&TEXT_COLOUR);
    let axis_font = (FONT, big(AXIS_TYPE)).into_font().color(&TEXT_COLOUR);
    // Calendar years read faster than "years from now"; every other year when narrow. Month 0
    // is the last published month (March 2025 today), so whole years fall in that month.
    let start = crate::data::rtt::start_period();
    let start_year = start.year as f64;
    // The projector's headline names the month; its axis has the years only.
    let x_desc = if plot.thick {
        String::new()
    } else {
        format!(
            "{} of each year",
            start.name().split(' ').next().unwrap_or("")
        )
    };
    let span = years - x_lo;
    // Type twice the size needs twice the room: on the projector, a label for every 2.7 times
    // the type's size (a year, "2031", is about 2.2 times it, and a gap) at most; plotters
    // picks round years within that (every other year on a 1920 px screen, so the years
    // under the published dots are labelled too).
    let plot_css_width = f64::from(root.dim_in_pixel().0) / dpr - big(100.0) / dpr;
    let year_labels = if plot.thick {
        ((plot_css_width / (2.7 * big(AXIS_TYPE) / dpr)).floor() as usize)
            .clamp(2, span.round() as usize + 1)
    } else if narrow {
        (span / 2.0).round() as usize + 1
    } else {
        span.round() as usize + 1
    };
    // A year ("2031", about 34 CSS pixels at the axis's type) and a gap each, at most, so the
    // years never run together on a phone's narrowest chart (room3).
    let year_labels = year_labels.min(((plot_css_width / 44.0).floor() as usize).max(2));
    chart
        .configure_mesh()
        .x_desc(x_desc.as_str())
        .y_desc(y_title)
        .x_labels(year_labels)
        .y_labels(6)
        .x_label_formatter(&|x| format!("{:.0}", start_year + x))
        .y_label_formatter(&|&y| axis_label(plot.measure, y))
        .label_style(label_font.clone())
        .axis_desc_style(axis_font)
        .axis_style(TEXT_COLOUR.stroke_width(px(1.0) as u32))
        .bold_line_style(GRID_COLOUR.stroke_width(px(1.0) as u32))
        .max_light_lines(0)
        .draw()
        .map_err(|e| e.to_string())?;

    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    if y_lo < 0.0 && y_hi > 0.0 {
        chart
            .draw_series(LineSeries::new(
                [(x_lo, 0.0), (years, 0.0)],
                TEXT_COLOUR.stroke_width(px(1.5) as u32),
            ))
            .map_err(err)?;
    }
    if let Some(fan) = plot.fan {
        // The 80% range (8 in 10 runs), then the middle half over it.
        for (outer, alpha) in [(true, 0.16), (false, 0.30)] {
            let band_of = |q: &Quantiles| {
                if outer {
                    q.range_80()
                } else {
                    q.middle_half()
                }
            };
            let y = |v: f64| (v / scale).clamp(y_lo, y_hi);
            let mut band: Vec<(f64, f64)> = fan
                .iter()
                .enumerate()
                .map(|(m, q)| (m as f64 / 12.0, y(band_of(q).1)))
                .collect();
            band.extend(
                fan.iter()
                    .enumerate()
                    .rev()
                    .map(|(m, q)| (m as f64 / 12.0, y(band_of(q).0))),
            );
            chart
                .draw_series(std::iter::once(Polygon::new(
                    band,
                    SCENARIO_COLOUR.mix(alpha).filled(),
                )))
                .map_err(err)?;
        }
    }
    for &(value, _) in plot.references {
        let y = value / scale;
        chart
            .draw_series(DashedLineSeries::new(
                [(x_lo, y), (years, y)],
                px(6.0),
                px(4.0),
                REFERENCE_COLOUR.stroke_width(big(2.0) as u32),
            ))
            .map_err(err)?;
    }
    // Marks (today, the chosen month): thin grey verticals, under the lines; their labels
    // are placed with the references' at the end (`draw_labels`).
    for (x, _) in &plot.marks {
        if *x < x_lo || *x > years {
            continue;
        }
        chart
            .draw_series(DashedLineSeries::new(
                [(*x, y_lo), (*x, y_hi)],
                px(2.0),
                px(3.0),
                MARK_COLOUR.stroke_width(px(1.0).max(1.0) as u32),
            ))
            .map_err(err)?;
    }
    // Published months: small dots, so they read as observations rather than a projection.
    if !plot.published.is_empty() {
        let radius = big(2.5) as i32;
        chart
            .draw_series(
                plot.published
                    .iter()
                    .map(|&(x, v)| Circle::new((x, v / scale), radius, PUBLISHED_COLOUR.filled())),
            )
            .map_err(err)?;
    }
    // Pins under the scenario: the lines being worked on stay on top.
    for pin in &plot.pins {
        let style = pin.colour.stroke_width(line_px(3.0));
        match pin.dash {
            Some((on, off)) => chart
                .draw_series(DashedLineSeries::new(
                    scaled(&pin.values),
                    px(on),
                    px(off),
                    style,
                ))
                .map(|_| ()),
            None => chart
                .draw_series(LineSeries::new(
                    scaled(&pin.values),
                    pin.colour.stroke_width(line_px(2.0)),
                ))
                .map(|_| ()),
        }
        .map_err(err)?;
    }
    // The scenario first and current plans over it, so where the two agree the dashes show.
    let heavy = if plot.lines.len() > 1 { 3.0 } else { 4.0 };
    for line in &plot.lines {
        chart
            .draw_series(LineSeries::new(
                scaled(&line.scenario),
                line.colour.stroke_width(line_px(heavy)),
            ))
            .map_err(err)?;
    }
    for line in &plot.lines {
        let colour = if plot.lines.len() > 1 {
            line.colour
        } else {
            CURRENT_PLANS_COLOUR
        };
        chart
            .draw_series(DashedLineSeries::new(
                scaled(&line.current_plans),
                px(9.0),
                px(6.0),
                colour.stroke_width(line_px(2.0)),
            ))
            .map_err(err)?;
    }

    // The labels of the references and marks, last, over the lines: placed so that none
    // overlaps another, none is cut by the plot's edge and none crosses another's line.
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let (left, top) = (f64::from(xs.start), f64::from(ys.start));
    let mut labels = Vec::new();
    let ref_size = big(14.0);
    for (i, &(value, label)) in plot.references.iter().enumerate() {
        let y = f64::from(chart.backend_coord(&(x_lo, value / scale)).1) - top;
        labels.push((
            REFERENCE_COLOUR,
            ref_size,
            Label {
                wordings: wordings(label, ref_size),
                height: (ref_size * 1.15).ceil(),
                // The first (highest) above its line, the others below, so they stay clear
                // of a line running between two references.
                anchor: Anchor::Horizontal { y, above: i == 0 },
            },
        ));
    }
    let mark_size = big(12.0);
    let mut mark_xs = Vec::new();
    // The chosen month (the last mark) before today and the target dates.
    let shown: Vec<&(f64, String)> = plot
        .marks
        .iter()
        .filter(|(x, _)| *x >= x_lo && *x <= years)
        .collect();
    for (x, label) in shown
        .iter()
        .rev()
        .take(1)
        .chain(shown.iter().rev().skip(1).rev())
    {
        let x = f64::from(chart.backend_coord(&(*x, y_lo)).0) - left;
        mark_xs.push(x + left);
        labels.push((
            MARK_COLOUR,
            mark_size,
            Label {
                wordings: wordings(label, mark_size),
                height: (mark_size * 1.15).ceil(),
                anchor: Anchor::Vertical(x),
            },
        ));
    }
    let area = Rect {
        x: 0.0,
        y: 0.0,
        w: f64::from(xs.end - xs.start),
        h: f64::from(ys.end - ys.start),
    };
    let specs: Vec<Label> = labels.iter().map(|l| l.2.clone()).collect();
    // The scenario's, current plans' and the pins' lines, sampled twice a month: labels keep
    // off them where they can.
    // A point in the plot's pixels, from years after month 0 and a value.
    let at_px = |years: f64, v: f64| {
        let (x, y) = chart.backend_coord(&(years, (v / scale).clamp(y_lo, y_hi)));
        (f64::from(x) - left, f64::from(y) - top)
    };
    let mut points = Vec::new();
    let series = plot
        .lines
        .iter()
        .flat_map(|l| [&l.scenario, &l.current_plans])
        .chain(plot.pins.iter().map(|p| &p.values));
    for values in series {
        let at = |m: f64, v: f64| at_px(m / 12.0, v);
        for (m, pair) in values.windows(2).enumerate() {
            let m = m as f64;
            points.push(at(m, pair[0]));
            points.push(at(m + 0.5, (pair[0] + pair[1]) / 2.0));
        }
        if let Some(&v) = values.last() {
            points.push(at((values.len() - 1) as f64, v));
        }
    }
    // The published dots too.
    for &(x, v) in &plot.published {
        points.push(at_px(x, v));
    }
    // The fan's 80% range, a month at a time, as points every 8 pixels down it: labels keep
    // out of the shading too (a standard's label sat in the band, hard to read).
    for (m, q) in plot.fan.into_iter().flatten().enumerate() {
        let (lo, hi) = q.range_80();
        let ((x, top), (_, bottom)) = (at_px(m as f64 / 12.0, hi), at_px(m as f64 / 12.0, lo));
        let mut y = top;
        while y < bottom {
            points.push((x, y));
            y += px(8.0);
        }
        points.push((x, bottom));
    }
    let placed = place_labels(area, &specs, px(3.0), &points);
    let on_plot = chart.plotting_area().strip_coord_spec();
    let mut boxes = Vec::new();
    for ((colour, size, _), spot) in labels.iter().zip(placed) {
        let Some(Placed {
            text,
            rect: r,
            upright,
        }) = spot
        else {
            continue;
        };
        let font =
            (FONT, *size)
                .into_font()
                .color(colour)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Left,
                    plotters::style::text_anchor::VPos::Top,
                ));
        // A mark's label turned to read up its line starts at its box's foot.
        let (at, font) = if upright {
            (
                (r.x.round() as i32, (r.y + r.h).round() as i32),
                font.transform(FontTransform::Rotate270),
            )
        } else {
            ((r.x.round() as i32, r.y.round() as i32), font)
        };
        on_plot
            .draw(&Text::new(text.clone(), at, font))
            .map_err(|e| e.to_string())?;
        boxes.push((
            text,
            Rect {
                x: r.x + left,
                y: r.y + top,
                ..r
            },
        ));
    }

    // Hover readouts map the pointer to months from 0: the area to the left of month 0 holds
    // only the published dots.
    let mut hover_xs = xs.clone();
    hover_xs.start = chart.backend_coord(&(0.0, y_lo)).0.max(xs.start);
    Ok(Drawn {
        xs: hover_xs,
        ys,
        plot: Rect {
            x: left,
            y: top,
            ..area
        },
        labels: boxes,
        marks: mark_xs,
    })
}

// ---- Chart labels that never overlap nor get cut (issue 15, room3) ----

/// What [`draw_plot`] drew where, in backend pixels: the hover readouts' x range (from month
/// 0) and the plot's y range; the whole plotting area; each label's wording and box.
struct Drawn {
    xs: Range<i32>,
    ys: Range<i32>,
    plot: Rect,
    labels: Vec<(String, Rect)>,
    /// Each mark's dotted line, x in backend pixels.
    marks: Vec<f64>,
}

/// A label's wordings, longest first, each with its width at `size` pixels: the label
/// itself; a month in brackets shortened ("Today (December 2026)" as "Today (Dec 2026)");
/// before its colon or bracket ("March 2029: 92% within 18 weeks due" as "March 2029"); a
/// target's figure ("65% within 18 weeks due" as "65% due", "92% standard" as "92%").
fn wordings(label: &str, size: f64) -> Vec<(String, f64)> {
    let mut out = vec![label.to_string()];
    if let Some((head, _)) = label.split_once(": ").or_else(|| label.split_once(" (")) {
        // "Today (December 2026)" as "Today (Dec 2026)" before "Today" (places6: a narrow
        // chart keeps the month where the shorter form fits).
        if let Some((_, when)) = label.split_once(" (") {
            if let Some((month, year)) = when.trim_end_matches(')').split_once(' ') {
                if month.len() > 3 && month.is_ascii() {
                    out.push(format!("{head} ({} {year})", &month[..3]));
                }
            }
        }
        out.push(head.to_string());
    } else if let Some((figure, _)) = label.split_once(' ') {
        if figure.ends_with('%') {
            out.push(if label.ends_with(" due") {
                format!("{figure} due")
            } else {
                figure.to_string()
            });
        }
    }
    out.into_iter()
        .map(|t| {
            let w = text_width(&t, size);
            (t, w)
        })
        .collect()
}

/// The width of `text` in the charts' font at `size` pixels, measured by the browser's own
/// canvas (the same font the charts draw with; plotters' own measure needs a `style`
/// attribute the page's Content-Security-Policy refuses).
#[cfg(target_arch = "wasm32")]
fn text_width(text: &str, size: f64) -> f64 {
    use wasm_bindgen::JsValue;
    thread_local! {
        static CONTEXT: Option<web_sys::CanvasRenderingContext2d> = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("canvas").ok())
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
            .and_then(|c| c.get_context("2d").ok().flatten())
            .and_then(|c| c.dyn_into().ok());
    }
    let FontFamily::Name(family) = FONT else {
        return estimated_width(text, size);
    };
    CONTEXT.with(|context| {
        let Some(context) = context else {
            return estimated_width(text, size);
        };
        context.set_font(&format!("normal {size}px {family}"));
        js_sys::Reflect::get(context, &JsValue::from_str("measureText"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call1(context, &JsValue::from_str(text)).ok())
            .and_then(|m| js_sys::Reflect::get(&m, &JsValue::from_str("width")).ok())
            .and_then(|w| w.as_f64())
            .map_or_else(|| estimated_width(text, size), f64::ceil)
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn text_width(text: &str, size: f64) -> f64 {
    estimated_width(text, size)
}

/// A generous estimate of a sans-serif text's width, where nothing can measure it.
fn estimated_width(text: &str, size: f64) -> f64 {
    (text.chars().count() as f64 * size * 0.6).ceil()
}

/// The size of an exported figure, in pixels (PNG) or user units (SVG).
pub const EXPORT_SIZE: (u32, u32) = (1200, 800);
/// Backend pixels per CSS pixel in an export: the page's proportions at 1200 by 800.
const EXPORT_SCALE: f64 = 1.5;
/// Said on every exported figure.
pub const EXPORT_SOURCE: &str =
    "ICS What-If model projections from public data: NHS England, ONS; not a forecast";

/// The words drawn around an exported chart: its title above, what scenario it shows, and
/// the model version and source below.
pub struct Caption {
    pub title: String,
    /// Area, changed levers and years: one line each.
    pub settings: Vec<String>,
    /// Model version, legend and source: one line each.
    pub footer: Vec<String>,
}

/// Draws the chart with its caption on a plotters backend of [`EXPORT_SIZE`].
fn draw_export(
    root: &DrawingArea<AnyBackend<'_>, Shift>,
    plot: &Plot,
    caption: &Caption,
) -> Result<(), String> {
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let line = 30;
    let head = 24 + 44 + line * caption.settings.len() as u32 + 12;
    let foot = 16 + line * caption.footer.len() as u32 + 16;
    let (_, height) = EXPORT_SIZE;
    let (top, rest) = root.split_vertically(head);
    let (body, bottom) = rest.split_vertically(height.saturating_sub(head + foot));
    let text = |area: &DrawingArea<AnyBackend<'_>, Shift>,
                s: &str,
                y: u32,
                size: f64,
                colour: &RGBColor| {
        area.draw(&Text::new(
            s.to_string(),
            (36, y as i32),
            (FONT, size).into_font().color(colour),
        ))
        .map_err(|e| e.to_string())
    };
    text(&top, &caption.title, 24, 34.0, &TEXT_COLOUR)?;
    for (i, s) in caption.settings.iter().enumerate() {
        text(&top, s, 24 + 44 + line * i as u32, 21.0, &TEXT_COLOUR)?;
    }
    let body = body.margin(0, 0, 12, 12);
    draw_plot(&body, plot, EXPORT_SCALE, false, 1.0)?;
    for (i, s) in caption.footer.iter().enumerate() {
        text(
            &bottom,
            s,
            16 + line * i as u32,
            19.0,
            &RGBColor(0x44, 0x44, 0x44),
        )?;
    }
    root.present().map_err(|e| e.to_string())
}

/// The chart alone (no caption) as an SVG document of `size` user units, one a CSS pixel:
/// the board brief's charts (issue 14.3).
pub fn plot_svg(plot: &Plot, size: (u32, u32)) -> Result<String, String> {
    let mut svg = String::new();
    {
        let mut backend = SVGBackend::with_string(&mut svg, size);
        let root = AnyBackend(&mut backend).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        draw_plot(&root, plot, 1.0, true, 1.0)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// The chart and caption as an SVG document.
pub fn export_svg(plot: &Plot, caption: &Caption) -> Result<String, String> {
    let mut svg = String::new();
    {
        let mut backend = SVGBackend::with_string(&mut svg, EXPORT_SIZE);
        draw_export(&AnyBackend(&mut backend).into_drawing_area(), plot, caption)?;
    }
    Ok(svg)
}

/// The chart and caption drawn on an offscreen canvas (never added to the page), handed to
/// `done` as a PNG blob.
pub fn export_png(
    plot: &Plot,
    caption: &Caption,
    done: impl FnOnce(web_sys::Blob) + 'static,
) -> Result<(), String> {
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no canvas for the export")?;
    canvas.set_width(EXPORT_SIZE.0);
    canvas.set_height(EXPORT_SIZE.1);
    let mut backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas has no 2D context")?;
    draw_export(&AnyBackend(&mut backend).into_drawing_area(), plot, caption)?;
    let callback =
        wasm_bindgen::closure::Closure::once_into_js(move |blob: wasm_bindgen::JsValue| {
            if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
                done(blob);
            }
        });
    canvas
        .to_blob(callback.unchecked_ref())
        .map_err(|_| "the canvas could not be saved as PNG".to_string())
}

/// A chart's y axis: the range shown, in units of `scale` (1, thousands, millions), and the
/// scale's name for the axis title.
#[derive(Clone, Copy, Debug, PartialEq)]
struct YAxis {
    scale: f64,
    scale_name: &'static str,
    lo: f64,
    hi: f64,
}

/// The y range covers every line, the fan and the reference lines.
fn y_axis(plot: &Plot) -> YAxis {
    let values = plot
        .lines
        .iter()
        .flat_map(|l| l.scenario.iter().chain(&l.current_plans))
        .chain(plot.pins.iter().flat_map(|p| &p.values))
        .chain(plot.published.iter().map(|p| &p.1))
        .copied()
        // The axis fits the lines and the middle half of runs; the outer band may run off
        // the chart (and is cut there) rather than squash the lines a planner compares.
        .chain(
            plot.fan
                .into_iter()
                .chain(plot.axis_fan)
                .flatten()
                .flat_map(|q| [q.p25, q.p75]),
        )
        .chain(plot.references.iter().map(|r| r.0))
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let (scale, scale_name) = scale_of(plot.measure, lo.abs().max(hi.abs()));
    let (lo, hi) = (lo / scale, hi / scale);
    let (lo, hi) = if plot.y_from_zero {
        let top = if hi > 0.0 { nice_ceil(hi * 1.08) } else { 0.0 };
        let bottom = if lo < 0.0 {
            -nice_ceil(-lo * 1.08)
        } else {
            0.0
        };
        if top == bottom {
            (bottom, bottom + 1.0)
        } else {
            (bottom, top)
        }
    } else {
        let pad = ((hi - lo) * 0.15).max(0.2);
        ((lo - pad).floor(), (hi + pad).ceil())
    };
    YAxis {
        scale,
        scale_name,
        lo,
        hi,
    }
}

/// Whether the drawn fan's outer band (the 80% range, 8 in 10 runs) runs off the top or bottom of the
/// chart: the axis fits the lines and the middle half of runs, so the legend says so.
pub fn fan_runs_off(plot: &Plot) -> bool {
    let axis = y_axis(plot);
    let (lo, hi) = (axis.lo * axis.scale, axis.hi * axis.scale);
    plot.fan
        .into_iter()
        .flatten()
        .any(|q| q.p10 < lo || q.p90 > hi)
}

/// The divisor and its name for the y axis: counts in millions or thousands, money in £m or
/// £bn, so axis labels stay short.
fn scale_of(measure: Measure, largest: f64) -> (f64, &'static str) {
    match measure {
        Measure::Count if largest >= 1e6 => (1e6, "millions"),
        Measure::Count if largest >= 1e4 => (1e3, "thousands"),
        Measure::GbpM if largest >= 1e4 => (1e3, "£ billion"),
        Measure::GbpM => (1.0, "£ million"),
        _ => (1.0, ""),
    }
}

fn axis_label(measure: Measure, y: f64) -> String {
    let text = axis_number(y + 0.0).replace('-', "\u{2212}");
    match measure {
        Measure::Percent => format!("{text}%"),
        _ => text,
    }
}

/// A round axis end at or above `v`: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten.
fn nice_ceil(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(v.log10().floor());
    let nice = [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .into_iter()
        .find(|&m| m * magnitude >= v)
        .unwrap_or(10.0);
    nice * magnitude
}
