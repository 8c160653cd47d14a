//! The waiting-list chart: plotters drawing on a `<canvas>`.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::format::axis_number;

/// Okabe-Ito blue: the scenario, solid and heavy.
pub const SCENARIO_COLOUR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe-Ito black: current plans, dashed, so the two differ by more than colour.
pub const CURRENT_PLANS_COLOUR: RGBColor = RGBColor(0x00, 0x00, 0x00);
const GRID_COLOUR: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
const TEXT_COLOUR: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// The page's font (style.css), so the chart's text matches the rest of the page.
const FONT: &str = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";

/// Draws the waiting list (patients, one value a month from April 2025) of the scenario and
/// of current plans. The canvas's bitmap is sized to its on-screen size times the device
/// pixel ratio, so lines and text stay sharp on projectors and high-density screens.
pub fn draw_waiting_list(
    canvas: &HtmlCanvasElement,
    scenario: &[f64],
    current_plans: &[f64],
) -> Result<(), String> {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let width = (f64::from(canvas.client_width()) * dpr).round() as u32;
    let height = (f64::from(canvas.client_height()) * dpr).round() as u32;
    if width == 0 || height == 0 {
        return Ok(()); // not laid out (hidden); drawn when it is
    }
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    let px = |css: f64| (css * dpr).round();

    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;

    let years = (scenario.len().max(current_plans.len()).max(2) - 1) as f64 / 12.0;
    let highest = scenario
        .iter()
        .chain(current_plans)
        .fold(0.0_f64, |a, &b| a.max(b));
    // England's list runs to millions, an ICB's to hundreds of thousands.
    let (scale, y_desc) = if highest >= 1e6 {
        (1e6, "Patients waiting (millions)")
    } else {
        (1e3, "Patients waiting (thousands)")
    };
    let y_max = round_up(highest / scale * 1.1);
    let points = |series: &[f64]| -> Vec<(f64, f64)> {
        series
            .iter()
            .enumerate()
            .map(|(month, &n)| (month as f64 / 12.0, n / scale))
            .collect()
    };

    let mut chart = ChartBuilder::on(&root)
        .margin_top(px(20.0) as u32)
        .margin_right(px(28.0) as u32)
        .margin_bottom(px(8.0) as u32)
        .x_label_area_size(px(64.0) as u32)
        .y_label_area_size(px(84.0) as u32)
        .build_cartesian_2d(0.0..years, 0.0..y_max)
        .map_err(|e| e.to_string())?;

    let label_font = (FONT, px(17.0)).into_font().color(&TEXT_COLOUR);
    let axis_font = (FONT, px(18.0)).into_font().color(&TEXT_COLOUR);
    chart
        .configure_mesh()
        .x_desc("Years from April 2025")
        .y_desc(y_desc)
        .x_labels(years.round() as usize + 1)
        .y_labels(6)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|&y| axis_number(y))
        .label_style(label_font)
        .axis_desc_style(axis_font)
        .axis_style(TEXT_COLOUR.stroke_width(px(1.5) as u32))
        .bold_line_style(GRID_COLOUR.stroke_width(px(1.0) as u32))
        .max_light_lines(0)
        .draw()
        .map_err(|e| e.to_string())?;

    // The scenario first and current plans over it, so where the two agree the dashes show.
    chart
        .draw_series(LineSeries::new(
            points(scenario),
            SCENARIO_COLOUR.stroke_width(px(4.0) as u32),
        ))
        .map_err(|e| e.to_string())?;
    chart
        .draw_series(DashedLineSeries::new(
            points(current_plans),
            px(10.0),
            px(7.0),
            CURRENT_PLANS_COLOUR.stroke_width(px(2.5) as u32),
        ))
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// A round axis top at or above `v`: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten.
fn round_up(v: f64) -> f64 {
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
