//! The Places view's dot chart as a PNG (issue 13.4/13.2): the same layout as its SVG
//! download (`places_view::places_svg`), drawn with the canvas's own 2D calls on an offscreen
//! canvas at twice the SVG's units (for print and projectors), saved as `chart::export_png`
//! saves the line charts. (Drawing it through plotters cost the wasm about twice as much.)

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::format;
use super::places_view::{value_of, ChartLabel, SvgArgs};

/// The exported PNG is drawn at twice the SVG's units.
const SCALE: f64 = 2.0;
/// The charts' fonts (as `chart`'s `FONT`).
const FONT: &str = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";

/// Draws the chart on an offscreen canvas and hands it to `done` as a PNG blob.
pub fn export(a: &SvgArgs, done: impl FnOnce(web_sys::Blob) + 'static) -> Result<(), String> {
    let (w, row, left, right) = (900.0, 26.0, 230.0, 90.0);
    let top = 40.0 + 20.0 * a.settings.len() as f64 + 30.0;
    let footer = a.footer();
    let h = top + row * a.order.len() as f64 + 20.0 + 20.0 * footer.len() as f64 + 10.0;
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no canvas for the export")?;
    canvas.set_width((w * SCALE) as u32);
    canvas.set_height((h * SCALE) as u32);
    let c: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("the canvas has no 2D context")?;
    let _ = c.scale(SCALE, SCALE);
    c.set_fill_style_str("#ffffff");
    c.fill_rect(0.0, 0.0, w, h);
    let text = |s: &str, x: f64, y: f64, size: &str, colour: &str, align: &str| {
        c.set_font(&format!("{size} {FONT}"));
        c.set_fill_style_str(colour);
        c.set_text_align(align);
        let _ = c.fill_text(s, x, y);
    };
    let (ink, soft) = ("#1a1a1a", "#3d3d3d");
    text(a.title, 10.0, 26.0, "bold 18px", ink, "left");
    for (k, line) in a.settings.iter().enumerate() {
        text(line, 10.0, 50.0 + 20.0 * k as f64, "14px", soft, "left");
    }
    let (lo, hi) = a.axis;
    let x = |v: f64| left + (v - lo) / (hi - lo) * (w - left - right);
    let bottom = top + row * a.order.len() as f64;
    c.set_stroke_style_str("#c9ced4");
    c.set_line_width(1.0);
    let mut t = lo;
    while t <= hi + 1e-9 {
        c.begin_path();
        c.move_to(x(t), top - 10.0);
        c.line_to(x(t), bottom);
        c.stroke();
        text(&format!("{t:.0}"), x(t), top - 14.0, "14px", soft, "center");
        t += 1.0;
    }
    let dot = |cx: f64, cy: f64, r: f64, fill: &str, stroke: Option<&str>| {
        c.begin_path();
        let _ = c.arc(cx, cy, r, 0.0, std::f64::consts::TAU);
        c.set_fill_style_str(fill);
        c.fill();
        if let Some(s) = stroke {
            c.set_stroke_style_str(s);
            c.set_line_width(2.0);
            c.stroke();
        }
    };
    for (r, &i) in a.order.iter().enumerate() {
        let y = top + row * r as f64 + row / 2.0;
        text(
            &a.places[i].label(),
            left - 10.0,
            y + 5.0,
            "14px",
            ink,
            "right",
        );
        // The scenario's 80% range: a line with end ticks, under the dots (as the panel's).
        if let Some((lo, hi)) = a.range(i) {
            c.set_stroke_style_str("rgba(0, 114, 178, 0.7)");
            c.set_line_width(2.0);
            c.begin_path();
            for (from, to) in [
                ((x(lo), y), (x(hi), y)),
                ((x(lo), y - 5.0), (x(lo), y + 5.0)),
                ((x(hi), y - 5.0), (x(hi), y + 5.0)),
            ] {
                c.move_to(from.0, from.1);
                c.line_to(to.0, to.1);
            }
            c.stroke();
        }
        if let Some(v) = value_of(&a.plans[i], a.figure, a.sex) {
            dot(x(v), y, 6.0, "#ffffff", Some("#000000"));
        }
        match value_of(&a.scenario[i], a.figure, a.sex) {
            Some(v) if !a.hidden => {
                dot(x(v), y, 5.0, "#0072b2", None);
                text(
                    &format::one_decimal(v),
                    w - right + 10.0,
                    y + 5.0,
                    "14px",
                    ink,
                    "left",
                );
            }
            _ => {}
        }
    }
    for (k, line) in footer.iter().enumerate() {
        text(
            line,
            10.0,
            bottom + 30.0 + 20.0 * k as f64,
            "14px",
            soft,
            "left",
        );
    }
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
