//! Transcendental functions from the pure-Rust `libm`, never the platform's: the native
//! build would otherwise use the C library's `exp` and the browser build a different one,
//! and the same scenario must give bit-identical numbers in both.

pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// [`exp`] of five numbers at once, equal to it to the last bit: the same algorithm
/// (FreeBSD's `e_exp.c` as `libm` 0.2 ports it) and the same operations in the same order,
/// written without branches so that the five run side by side rather than one after another
/// (a run spends a measurable part of its time waiting on each `exp` in turn). Numbers outside
/// its main range (tiny, beyond +-700 or NaN) go to [`exp`] one by one. The test
/// `exp5_is_libm_exp_to_the_bit` holds it to `libm`'s on a million numbers. The constants
/// are `e_exp.c`'s, written digit for digit as there, so they can be checked against it
/// (hence the lints allowed for their long digits and for `INVLN2`, which is log2(e)).
#[allow(clippy::excessive_precision, clippy::approx_constant)]
pub fn exp5(x: [f64; 5]) -> [f64; 5] {
    const HALF: [f64; 2] = [0.5, -0.5];
    const LN2HI: f64 = 6.931_471_803_691_238_164_90e-1;
    const LN2LO: f64 = 1.908_214_929_270_587_700_02e-10;
    const INVLN2: f64 = 1.442_695_040_888_963_387_00e0;
    const P1: f64 = 1.666_666_666_666_660_190_37e-1;
    const P2: f64 = -2.777_777_777_701_559_338_42e-3;
    const P3: f64 = 6.613_756_321_437_934_361_17e-5;
    const P4: f64 = -1.653_390_220_546_525_153_90e-6;
    const P5: f64 = 4.138_136_797_057_238_460_39e-8;
    // The high word of |x|: libm's branches test it.
    let hx = x.map(|v| (v.to_bits() >> 32) as u32 & 0x7fff_ffff);
    // |x| <= 2^-28 (libm returns 1 + x), |x| >= 700 (near over- and underflow), NaN.
    if hx.iter().any(|&h| h <= 0x3e30_0000 || h >= 0x4085_e000) {
        return x.map(exp);
    }
    std::array::from_fn(|i| {
        let (x, h) = (x[i], hx[i]);
        let sign = (x.to_bits() >> 63) as usize;
        // Argument reduction: x = k ln2 + r, |r| <= 0.5 ln2. For |x| <= 0.5 ln2, k = 0 and
        // the lines below give hi = x, lo = 0 and r = x exactly, as libm's own branch does.
        let k: i32 = if h >= 0x3ff0_a2b2 {
            (INVLN2 * x + HALF[sign]) as i32
        } else if h > 0x3fd6_2e42 {
            1 - sign as i32 - sign as i32
        } else {
            0
        };
        let kf = k as f64;
        let hi = x - kf * LN2HI;
        let lo = kf * LN2LO;
        let r = hi - lo;
        let rr = r * r;
        let c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
        let y = 1. + (r * c / (2. - c) - lo + hi);
        // scalbn(y, k): with |k| <= 1010 and y near 1, 2^k and the product are normal, so
        // one multiplication is exact (libm's scalbn does the same in this range).
        y * f64::from_bits(((0x3ff + k) as u64) << 52)
    })
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
    fn exp5_is_libm_exp_to_the_bit() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        let mut edges = vec![
            0.0,
            -0.0,
            1e-300,
            -1e-9,
            3.7e-9,
            1e-8,
            0.3465,
            0.3466,
            -0.3466,
            1.0397,
            -1.0398,
            1.5,
            -2.0,
            699.9,
            -699.9,
            700.0,
            -700.0,
            709.0,
            710.0,
            -746.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // Every branch's borders, by their high words.
        for h in [0x3e30_0000_u64, 0x3fd6_2e42, 0x3ff0_a2b2, 0x4085_e000] {
            for low in [0, 1, 0xffff_ffff] {
                for sign in [0, 1 << 63] {
                    for d in [-1_i64, 0, 1] {
                        let bits = (((h as i64 + d) as u64) << 32 | low) | sign;
                        edges.push(f64::from_bits(bits));
                    }
                }
            }
        }
        let same = |x: [f64; 5]| {
            let got = exp5(x);
            for i in 0..5 {
                let want = libm::exp(x[i]);
                assert!(
                    got[i].to_bits() == want.to_bits() || (got[i].is_nan() && want.is_nan()),
                    "exp({:e}): {:e} against libm's {:e}",
                    x[i],
                    got[i],
                    want
                );
            }
        };
        for chunk in edges.chunks(5) {
            let mut x = [0.5; 5];
            x[..chunk.len()].copy_from_slice(chunk);
            same(x);
        }
        for _ in 0..200_000 {
            // Magnitudes from 1e-9 to 700, either sign, and uniform numbers in the middle.
            same(std::array::from_fn(|_| {
                let m = if rng.random::<f64>() < 0.5 {
                    libm::exp(rng.random::<f64>() * 27.0 - 20.7)
                } else {
                    rng.random::<f64>() * 4.0
                };
                if rng.random::<f64>() < 0.5 {
                    -m
                } else {
                    m
                }
            }));
        }
    }

    #[test]
    fn golden_min_finds_a_minimum_and_an_end() {
        assert!((golden_min(0.0, 10.0, 1e-9, |x| (x - 2.5).powi(2)) - 2.5).abs() < 1e-8);
        assert!(golden_min(0.0, 1.0, 1e-9, |x| x).abs() < 1e-8);
    }
}
