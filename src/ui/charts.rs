//! The charts and headline figures the page shows, as data: adding a chart or a headline is
//! one row here, drawn by `chart` and laid out by `app`.

use super::format::Measure;
use crate::model::track_record::Figures;
use crate::model::{Metric, MonthRecord};

/// A month's values by deprivation fifth, Q1 (most deprived) first.
pub type ByQuintile = fn(&MonthRecord) -> [f64; 5];

/// One chart: what it plots and how its axes read.
pub struct ChartSpec {
    /// `data-chart` on the canvas.
    pub key: &'static str,
    pub title: &'static str,
    /// The y axis title without the scale ("Patients waiting"; "(millions)" is added).
    pub y_title: &'static str,
    pub measure: Measure,
    /// The system-wide line, with its Monte Carlo fan. `None`: the chart is by fifth only.
    pub total: Option<Metric>,
    /// Lines by deprivation fifth: the chart's only view when `total` is `None`, otherwise
    /// a view the "by deprivation fifth" toggle switches to.
    pub by_quintile: Option<ByQuintile>,
    /// Labelled horizontal reference lines (value, label).
    pub references: &'static [(f64, &'static str)],
    /// Whether the y axis starts at zero (counts) or fits the data (life expectancy).
    pub y_from_zero: bool,
    /// The published figure this chart projects, drawn as dots for the months before the
    /// start (NHS England RTT statistics); `None` where nothing comparable is published.
    pub published: Option<fn(&Figures) -> f64>,
}

pub const CHARTS: &[ChartSpec] = &[
    ChartSpec {
        key: "waiting_list",
        title: "Waiting list for planned hospital care",
        y_title: "Patients waiting",
        measure: Measure::Count,
        total: Some(Metric::WaitingList),
        by_quintile: Some(|r| r.waiting_list),
        references: &[],
        y_from_zero: true,
        published: Some(|f| f.waiting_list),
    },
    ChartSpec {
        key: "within_18_weeks_pct",
        title: "Share of the list waiting under 18 weeks",
        y_title: "% of waiting list",
        measure: Measure::Percent,
        total: Some(Metric::Within18WeeksPct),
        by_quintile: None,
        references: &[(92.0, "92% standard"), (65.0, "65% interim target")],
        y_from_zero: true,
        published: Some(|f| f.within_18_weeks_pct),
    },
    ChartSpec {
        key: "over_52_weeks",
        title: "Patients waiting over a year (52 weeks)",
        y_title: "Patients",
        measure: Measure::Count,
        total: Some(Metric::Over52Weeks),
        by_quintile: None,
        references: &[],
        y_from_zero: true,
        published: Some(|f| f.over_52_weeks),
    },
    ChartSpec {
        key: "staff_fte",
        title: "Staff in post (full-time equivalent)",
        y_title: "Staff",
        measure: Measure::Count,
        total: Some(Metric::StaffFte),
        by_quintile: None,
        references: &[],
        y_from_zero: true,
        published: None,
    },
    ChartSpec {
        key: "vacancy_rate_pct",
        title: "Vacancy rate: funded posts without staff",
        y_title: "% of funded posts",
        measure: Measure::Percent,
        total: Some(Metric::VacancyRatePct),
        by_quintile: None,
        references: &[],
        y_from_zero: true,
        published: None,
    },
    ChartSpec {
        key: "balance_gbp_m",
        title: "NHS monthly surplus (+) or deficit (\u{2212}), 2025/26 prices",
        y_title: "Each month",
        measure: Measure::GbpM,
        total: Some(Metric::BalanceGbpM),
        by_quintile: None,
        references: &[],
        y_from_zero: true,
        published: None,
    },
    ChartSpec {
        key: "cumulative_balance_gbp_m",
        title:
            "NHS running total: surplus (+) or deficit (\u{2212}) since the start, 2025/26 prices",
        y_title: "Running total",
        measure: Measure::GbpM,
        total: Some(Metric::CumulativeBalanceGbpM),
        by_quintile: None,
        references: &[],
        y_from_zero: true,
        published: None,
    },
    ChartSpec {
        key: "life_expectancy",
        title: "Life expectancy at birth, by deprivation fifth",
        y_title: "Years",
        measure: Measure::Years,
        total: None,
        by_quintile: Some(|r| r.life_expectancy),
        references: &[],
        y_from_zero: false,
        published: None,
    },
    ChartSpec {
        key: "healthy_life_expectancy",
        title: "Healthy life expectancy, by deprivation fifth",
        y_title: "Years in good health",
        measure: Measure::Years,
        total: None,
        by_quintile: Some(|r| r.healthy_life_expectancy),
        references: &[],
        y_from_zero: false,
        published: None,
    },
    ChartSpec {
        key: "le_gap_years",
        title: "Life-expectancy gap: least minus most deprived fifth",
        y_title: "Years",
        measure: Measure::Years,
        total: Some(Metric::LifeExpectancyGap),
        by_quintile: None,
        references: &[],
        y_from_zero: false,
        published: None,
    },
];

/// One headline figure: a metric, how it reads, and a short label.
pub struct Headline {
    pub metric: Metric,
    pub label: &'static str,
    pub measure: Measure,
}

/// The figures above the charts, each at the chosen year (`data-metric` is the metric's key).
pub const HEADLINES: &[Headline] = &[
    Headline {
        metric: Metric::WaitingList,
        label: "Waiting list",
        measure: Measure::Count,
    },
    Headline {
        metric: Metric::Within18WeeksPct,
        label: "Waiting under 18 weeks",
        measure: Measure::Percent,
    },
    Headline {
        metric: Metric::Over52Weeks,
        label: "Waiting over a year",
        measure: Measure::Count,
    },
    Headline {
        metric: Metric::StaffFte,
        label: "Staff, full-time equivalent",
        measure: Measure::Count,
    },
    Headline {
        metric: Metric::BalanceGbpM,
        label: "NHS surplus or deficit that month",
        measure: Measure::GbpM,
    },
    Headline {
        metric: Metric::CumulativeBalanceGbpM,
        label: "NHS surplus or deficit since the start",
        measure: Measure::GbpM,
    },
    Headline {
        metric: Metric::CumulativeCostGbpM,
        label: "Extra spending since the start",
        measure: Measure::GbpM,
    },
    Headline {
        metric: Metric::LifeExpectancy,
        label: "Life expectancy",
        measure: Measure::Years,
    },
    Headline {
        metric: Metric::HealthyLifeExpectancy,
        label: "Healthy life expectancy",
        measure: Measure::Years,
    },
    Headline {
        metric: Metric::LifeExpectancyGap,
        label: "Life-expectancy gap, least vs most deprived fifth",
        measure: Measure::Years,
    },
];

/// Okabe-Ito colours for the fifths, Q1 (most deprived) to Q5; yellow is left out (too
/// faint on white on a projector).
pub const QUINTILE_COLOURS: [(u8, u8, u8); 5] = [
    (0xD5, 0x5E, 0x00),
    (0xE6, 0x9F, 0x00),
    (0xCC, 0x79, 0xA7),
    (0x56, 0xB4, 0xE9),
    (0x00, 0x9E, 0x73),
];

/// How the fifths are named in legends and readouts.
pub const QUINTILE_NAMES: [&str; 5] = ["Q1 most deprived", "Q2", "Q3", "Q4", "Q5 least deprived"];
