//! The same scenario gives bit-identical numbers on every run and every target: the browser
//! test (tests/web.rs) checks the wasm build against the fingerprint pinned here.
//!
//! After a deliberate change to the model's numbers, regenerate the golden file with
//! `UPDATE_GOLDEN=1 cargo test --test determinism` (and bump `MODEL_VERSION`).

#[path = "support/fingerprint.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod support;

use support::{england_default, from_golden, to_golden, GOLDEN};

const GOLDEN_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/england_default.fingerprint"
);

#[test]
fn england_default_scenario_matches_the_golden_fingerprint() {
    let now = england_default();
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(GOLDEN_PATH, to_golden(now)).expect("write the golden fingerprint");
        return;
    }
    // GOLDEN is compiled in; cargo rebuilds this test whenever the file changes.
    assert_eq!(
        from_golden(GOLDEN),
        Some(now),
        "England's default projection no longer matches tests/golden/england_default.fingerprint \
         (now {now:016x}). If the model changed on purpose, regenerate it with \
         `UPDATE_GOLDEN=1 cargo test --test determinism` and commit the file"
    );
}

#[test]
fn the_same_scenario_gives_the_same_fingerprint_twice() {
    assert_eq!(england_default(), england_default());
}
