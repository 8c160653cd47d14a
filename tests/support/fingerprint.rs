//! A fingerprint of a projection: FNV-1a over the bits of every metric in every month, so two
//! runs agree on it only if they agree to the last bit. Shared by the native test
//! (tests/determinism.rs) and the browser test (tests/web.rs).

use ics_whatif::model::{simulate, Baseline, Metric, Projection, Scenario};

pub fn fingerprint(p: &Projection) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for month in &p.months {
        for metric in Metric::ALL {
            for byte in metric.of(month).to_bits().to_le_bytes() {
                hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
            }
        }
    }
    hash
}

/// England under the default scenario: the run both targets must agree on.
pub fn england_default() -> u64 {
    fingerprint(&simulate(&Baseline::england(), &Scenario::default()))
}

/// The golden file's text for a fingerprint, and back.
pub fn to_golden(hash: u64) -> String {
    format!("{hash:016x}\n")
}

pub fn from_golden(text: &str) -> Option<u64> {
    u64::from_str_radix(text.trim(), 16).ok()
}

/// The golden fingerprint, compiled in (the browser test cannot read files).
pub const GOLDEN: &str = include_str!("../golden/england_default.fingerprint");
