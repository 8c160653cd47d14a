//! places7: `ics-whatif run` with prevention aimed at places far beyond the public-health
//! grant warns on standard error (as the app's Places panel and board brief do), and still
//! reports the figure (no cap).

#[path = "support/cli.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod cli_support;

use cli_support::ok_with_stderr as ok;

const WARNING: &str = "warning: £487 a head in Blackpool is about 8 times England's average public-health grant (£62 a head: £3.6bn to councils in 2024/25, DHSC) and beyond £150 a head, the most the prevention lever spends across a whole ICB. The model's gain at that spend is an extrapolation, not capped: ask whether Blackpool could spend that much well before quoting it.";

#[test]
fn a_whole_prevention_budget_aimed_at_blackpool_warns_on_stderr_and_is_not_capped() {
    let (csv, err) = ok(&[
        "run",
        "--ics",
        "QE1",
        "--years",
        "1",
        "--set",
        "prevention_gbp_per_head=40",
        "--place-aim",
        "prevention=E06000009",
    ]);
    assert!(err.lines().any(|l| l == WARNING), "{err}");
    // Reported, not capped: the description still says £487 a head there.
    assert!(
        csv.contains("# levers: prevention £40/head aimed at Blackpool (£487/head there)\n"),
        "{}",
        &csv[..600]
    );
}

#[test]
fn within_the_levers_range_there_is_no_warning() {
    for args in [
        // £10 a head across the ICB is £122 a head in Blackpool.
        &[
            "run",
            "--ics",
            "QE1",
            "--years",
            "1",
            "--set",
            "prevention_gbp_per_head=10",
            "--place-aim",
            "prevention=E06000009",
        ][..],
        // Not aimed: the lever's own £ a head, even at its top.
        &[
            "run",
            "--ics",
            "QE1",
            "--years",
            "1",
            "--set",
            "prevention_gbp_per_head=150",
        ][..],
    ] {
        let (_, err) = ok(args);
        assert!(!err.contains("public-health grant"), "{args:?}: {err}");
    }
}
