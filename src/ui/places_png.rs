//! The Places view's dot chart as a PNG (issue 13.4/13.2): the same layout as its SVG
//! download (`places_view::places_svg`), drawn through the charts' one backend type
//! ([`AnyBackend`]) on an offscreen canvas, as `chart::export_png` draws the line charts.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

use super::chart::{CURRENT_PLANS_COLOUR, SCENARIO_COLOUR};
use super::chart_backend::AnyBackend;
use super::format;
use super::places_view::{value_of, SvgArgs};

/// The charts' font list as a named family (see `chart`'s `FONT`).
const FONT: FontFamily<'static> =
    FontFamily::Name("system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif");
/// The exported PNG is drawn at twice the SVG's units, for print and projectors.
const SCALE: f64 = 2.0;

/// Draws the chart on an offscreen canvas and hands it to `done` as a PNG blob.
pub fn export(a: &SvgArgs, done: impl FnOnce(web_sys::Blob) + 'static) -> Result<(), String> {
    let (w, row, left, right) = (900.0, 26.0, 230.0, 90.0);
    let top = 40.0 + 20.0 * a.settings.len() as f64 + 30.0;
    let h = top + row * a.order.len() as f64 + 60.0;
    let px = |v: f64| (v * SCALE).round() as i32;
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no canvas for the export")?;
    canvas.set_width(px(w) as u32);
    canvas.set_height(px(h) as u32);
    let mut backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas has no 2D context")?;
    let root = AnyBackend(&mut backend).into_drawing_area();
    let err = |e: DrawingAreaErrorKind<_>| e.to_string();
    root.fill(&WHITE).map_err(err)?;
    let grey = RGBColor(0x3d, 0x3d, 0x3d);
    let text = |s: &str, x: f64, y: f64, size: f64, colour: RGBColor, anchor: HPos| {
        let style = (FONT, size * SCALE)
            .into_font()
            .color(&colour)
            .pos(Pos::new(anchor, VPos::Bottom));
        root.draw(&Text::new(s.to_string(), (px(x), px(y)), style))
            .map_err(err)
    };
    text(
        a.title,
        10.0,
        26.0,
        18.0,
        RGBColor(0x1a, 0x1a, 0x1a),
        HPos::Left,
    )?;
    for (k, line) in a.settings.iter().enumerate() {
        text(line, 10.0, 50.0 + 20.0 * k as f64, 14.0, grey, HPos::Left)?;
    }
    let (lo, hi) = a.axis;
    let x = |v: f64| left + (v - lo) / (hi - lo) * (w - left - right);
    let bottom = top + row * a.order.len() as f64;
    let mut t = lo;
    while t <= hi + 1e-9 {
        root.draw(&PathElement::new(
            vec![(px(x(t)), px(top - 10.0)), (px(x(t)), px(bottom))],
            RGBColor(0xc9, 0xce, 0xd4).stroke_width(SCALE as u32),
        ))
        .map_err(err)?;
        text(
            &format!("{t:.0}"),
            x(t),
            top - 14.0,
            14.0,
            grey,
            HPos::Center,
        )?;
        t += 1.0;
    }
    for (r, &i) in a.order.iter().enumerate() {
        let y = top + row * r as f64 + row / 2.0;
        let black = RGBColor(0x1a, 0x1a, 0x1a);
        text(
            &a.places[i].name,
            left - 10.0,
            y + 5.0,
            14.0,
            black,
            HPos::Right,
        )?;
        if let Some(c) = value_of(&a.plans[i], a.figure, a.sex) {
            let at = (px(x(c)), px(y));
            root.draw(&Circle::new(at, px(6.0), WHITE.filled()))
                .map_err(err)?;
            root.draw(&Circle::new(
                at,
                px(6.0),
                CURRENT_PLANS_COLOUR.stroke_width(px(2.0) as u32),
            ))
            .map_err(err)?;
        }
        match value_of(&a.scenario[i], a.figure, a.sex) {
            Some(v) if !a.hidden => {
                root.draw(&Circle::new(
                    (px(x(v)), px(y)),
                    px(5.0),
                    SCENARIO_COLOUR.filled(),
                ))
                .map_err(err)?;
                text(
                    &format::one_decimal(v),
                    w - right + 10.0,
                    y + 5.0,
                    14.0,
                    black,
                    HPos::Left,
                )?;
            }
            _ => {}
        }
    }
    text(
        &format!(
            "Open circle: current plans. {}Years. ICS What-If model version {}; OHID and ONS life expectancy 2022-24.",
            if a.hidden { "" } else { "Blue dot: this scenario. " },
            crate::model::MODEL_VERSION
        ),
        10.0,
        bottom + 30.0,
        14.0,
        grey,
        HPos::Left,
    )?;
    root.present().map_err(err)?;
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
