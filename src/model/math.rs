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

/// Root of an increasing function on [lo, hi] by bisection, to within `tolerance`; if it has
/// no root there, the nearer end (callers report a fitted value at an end of its range).
/// The model's one root finder: the calibration and the starting profile use it. Kept by
/// hand rather than from a crate because its midpoints and stopping rule fix the fitted
/// figures to the last bit (the golden fingerprint pins them).
pub fn bisect(mut lo: f64, mut hi: f64, tolerance: f64, mut f: impl FnMut(f64) -> f64) -> f64 {
    while hi - lo > tolerance {
        let mid = 0.5 * (lo + hi);
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The minimum of `f` on `[lo, hi]` to within `tolerance`, by golden-section search
/// (for a function with one minimum there; otherwise a local one). Used by the calibration's
/// path-fit option (`calibration::CarryOn::path`).
pub fn golden_min(mut lo: f64, mut hi: f64, tolerance: f64, mut f: impl FnMut(f64) -> f64) -> f64 {
    const INV_PHI: f64 = 0.618_033_988_749_894_8;
    let mut a = hi - INV_PHI * (hi - lo);
    let mut b = lo + INV_PHI * (hi - lo);
    let (mut fa, mut fb) = (f(a), f(b));
    while hi - lo > tolerance {
        if fa <= fb {
            hi = b;
            b = a;
            fb = fa;
            a = hi - INV_PHI * (hi - lo);
            fa = f(a);
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + INV_PHI * (hi - lo);
            fb = f(b);
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bisect_finds_a_root_and_reports_an_end_without_one() {
        let r = bisect(0.0, 10.0, 1e-12, |x| x * x - 2.0);
        assert!((r - 2f64.sqrt()).abs() < 1e-11);
        assert!((bisect(0.0, 1.0, 1e-9, |x| x + 5.0) - 0.0).abs() < 1e-8);
        assert!((bisect(0.0, 1.0, 1e-9, |x| x - 5.0) - 1.0).abs() < 1e-8);
    }

    #[test]
    fn golden_min_finds_a_minimum_and_an_end() {
        assert!((golden_min(0.0, 10.0, 1e-9, |x| (x - 2.5).powi(2)) - 2.5).abs() < 1e-8);
        assert!(golden_min(0.0, 1.0, 1e-9, |x| x).abs() < 1e-8);
    }
}
