//! Transcendental functions from the pure-Rust `libm`, never the platform's: the native
//! build would otherwise use the C library's `exp` and the browser build a different one,
//! and the same scenario must give bit-identical numbers in both.

pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// Compound growth: (1 + pct/100)^years.
pub fn grow(pct_a_year: f64, years: f64) -> f64 {
    pow(1.0 + pct_a_year / 100.0, years)
}

/// Both independent standard normal draws Box-Muller gives for two uniforms.
pub fn std_normal_pair(u1: f64, u2: f64) -> (f64, f64) {
    let r = (-2.0 * ln(u1.max(f64::MIN_POSITIVE))).sqrt();
    let (sin, cos) = libm::sincos(std::f64::consts::TAU * u2);
    (r * cos, r * sin)
}
