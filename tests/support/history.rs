//! NHS England's monthly RTT series, October 2015 to December 2019, read at test time from
//! `../shared/data/rtt_england_monthly_to_2019.csv`: the months the referral, calendar and
//! queue constants are derived from.

use ics_whatif::model::backcast::{parse_history, HistoryMonth};

/// Every month of the shared 2015-2019 series, oldest first (checked to run from October
/// 2015 to December 2019). Panics with the path when `../shared` is not beside the repo.
pub fn pre_pandemic_months() -> Vec<HistoryMonth> {
    let path = format!(
        "{}/../shared/data/rtt_england_monthly_to_2019.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("read {path}: {e} (../shared must sit beside the repo)"));
    let months = parse_history(&text).expect("the shared history parses");
    assert_eq!(months.first().unwrap().month[..7], *"2015-10");
    assert_eq!(months.last().unwrap().month[..7], *"2019-12");
    months
}
