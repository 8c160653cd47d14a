//! One drawing backend type for every chart: the page's canvas, an export's canvas and an SVG
//! export all draw through [`AnyBackend`], so plotters' chart code (the mesh, the axes, the
//! series, `chart::draw_plot`) is compiled once instead of once a backend. It forwards every
//! primitive (lines, paths, polygons, circles, text) to the real backend unchanged, and text is
//! measured by the style as before (neither backend measures text itself), so the drawing is
//! the same. In the release wasm this saved about 7 KB gzipped (README, "Performance").

use plotters::prelude::DrawingBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};
use std::fmt;

/// Any plotters backend behind one concrete type.
pub struct AnyBackend<'a>(pub &'a mut dyn Primitives);

/// What a backend draws, without generic methods, so it can sit behind a `dyn`.
pub trait Primitives {
    fn size(&self) -> (u32, u32);
    fn prepared(&mut self) -> Result<(), DrawError>;
    fn present(&mut self) -> Result<(), DrawError>;
    fn pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawError>;
    fn line(&mut self, from: BackendCoord, to: BackendCoord, s: Stroke) -> Result<(), DrawError>;
    fn rect(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: Stroke,
        fill: bool,
    ) -> Result<(), DrawError>;
    fn path(&mut self, path: &[BackendCoord], s: Stroke) -> Result<(), DrawError>;
    fn circle(&mut self, c: BackendCoord, r: u32, s: Stroke, fill: bool) -> Result<(), DrawError>;
    fn polygon(&mut self, vertices: &[BackendCoord], s: Stroke) -> Result<(), DrawError>;
    fn text(&mut self, text: &str, style: &Font, pos: BackendCoord) -> Result<(), DrawError>;
}

/// A backend's error, as its message.
#[derive(Debug)]
pub struct DrawError(String);

impl fmt::Display for DrawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DrawError {}

fn message<E: std::error::Error + Send + Sync>(e: DrawingErrorKind<E>) -> DrawError {
    DrawError(e.to_string())
}

fn back(e: DrawError) -> DrawingErrorKind<DrawError> {
    DrawingErrorKind::DrawingError(e)
}

/// A line or fill style: colour and width.
#[derive(Clone, Copy)]
pub struct Stroke {
    color: BackendColor,
    width: u32,
}

impl Stroke {
    fn of<S: BackendStyle>(style: &S) -> Self {
        Stroke {
            color: style.color(),
            width: style.stroke_width(),
        }
    }
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// A text style as the backends read it: colour, size, family, slant, rotation, anchor.
pub struct Font {
    color: BackendColor,
    size: f64,
    family: String,
    style: FontStyle,
    transform: FontTransform,
    anchor: plotters_backend::text_anchor::Pos,
}

impl Font {
    fn of<T: BackendTextStyle>(style: &T) -> Self {
        Font {
            color: style.color(),
            size: style.size(),
            family: style.family().as_str().to_string(),
            style: style.style(),
            transform: style.transform(),
            anchor: style.anchor(),
        }
    }

    fn desc(&self) -> plotters::style::FontDesc<'_> {
        plotters::style::FontDesc::new(
            FontFamily::Name(self.family.as_str()),
            self.size,
            self.style,
        )
    }
}

impl BackendTextStyle for Font {
    type FontError = plotters::style::FontError;

    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        self.transform.clone()
    }
    fn style(&self) -> FontStyle {
        self.style
    }
    fn anchor(&self) -> plotters_backend::text_anchor::Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(self.family.as_str())
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.desc().layout_box(text)
    }
    /// Never called: the canvas and SVG backends draw text themselves.
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        Ok(Ok(()))
    }
}

impl<B: DrawingBackend> Primitives for B {
    fn size(&self) -> (u32, u32) {
        self.get_size()
    }
    fn prepared(&mut self) -> Result<(), DrawError> {
        self.ensure_prepared().map_err(message)
    }
    fn present(&mut self) -> Result<(), DrawError> {
        DrawingBackend::present(self).map_err(message)
    }
    fn pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawError> {
        self.draw_pixel(point, color).map_err(message)
    }
    fn line(&mut self, from: BackendCoord, to: BackendCoord, s: Stroke) -> Result<(), DrawError> {
        self.draw_line(from, to, &s).map_err(message)
    }
    fn rect(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        s: Stroke,
        fill: bool,
    ) -> Result<(), DrawError> {
        self.draw_rect(a, b, &s, fill).map_err(message)
    }
    fn path(&mut self, path: &[BackendCoord], s: Stroke) -> Result<(), DrawError> {
        self.draw_path(path.iter().copied(), &s).map_err(message)
    }
    fn circle(&mut self, c: BackendCoord, r: u32, s: Stroke, fill: bool) -> Result<(), DrawError> {
        self.draw_circle(c, r, &s, fill).map_err(message)
    }
    fn polygon(&mut self, vertices: &[BackendCoord], s: Stroke) -> Result<(), DrawError> {
        self.fill_polygon(vertices.iter().copied(), &s)
            .map_err(message)
    }
    fn text(&mut self, text: &str, style: &Font, pos: BackendCoord) -> Result<(), DrawError> {
        self.draw_text(text, style, pos).map_err(message)
    }
}

impl DrawingBackend for AnyBackend<'_> {
    type ErrorType = DrawError;

    fn get_size(&self) -> (u32, u32) {
        self.0.size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<DrawError>> {
        self.0.prepared().map_err(back)
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<DrawError>> {
        self.0.present().map_err(back)
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<DrawError>> {
        self.0.pixel(point, color).map_err(back)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<DrawError>> {
        self.0.line(from, to, Stroke::of(style)).map_err(back)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<DrawError>> {
        self.0
            .rect(upper_left, bottom_right, Stroke::of(style), fill)
            .map_err(back)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<DrawError>> {
        let path: Vec<BackendCoord> = path.into_iter().collect();
        self.0.path(&path, Stroke::of(style)).map_err(back)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<DrawError>> {
        self.0
            .circle(center, radius, Stroke::of(style), fill)
            .map_err(back)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<DrawError>> {
        let vertices: Vec<BackendCoord> = vert.into_iter().collect();
        self.0.polygon(&vertices, Stroke::of(style)).map_err(back)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<DrawError>> {
        self.0.text(text, &Font::of(style), pos).map_err(back)
    }
    // estimate_text_size: the default, which asks the style (as both backends do).
}
