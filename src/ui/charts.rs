//! The charts and headline figures the page shows, as data: adding a chart or a headline is
//! one row here, drawn by `chart` and laid out by `app`. What a figure is (key, label, unit,
//! values, direction) comes from the metric table (`model::projection::METRICS`).

use super::format::Measure;
use crate::model::track_record::Figures;
use crate::model::{Metric, MonthRecord};

/// A month's values by deprivation fifth, Q1 (most deprived) first.
pub type ByQuintile = fn(&MonthRecord) -> [f64; 5];

/// Which lines a chart draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// The system-wide line with its Monte Carlo fan.
    Total,
    /// The system-wide line, or lines by deprivation fifth when the "by deprivation fifth"
    /// toggle is on.
    TotalOrFifths,
    /// Lines by deprivation fifth only.
    Fifths,
}

/// One chart: the metric it plots (its key, values and how they read come from the metric
/// table) and what only the chart has: titles, lines, reference lines, axis.
pub struct ChartSpec {
    pub metric: Metric,
    pub title: &'static str,
    /// The y axis title without the scale ("Patients waiting"; "(millions)" is added).
    pub y_title: &'static str,
    pub lines: Lines,
    /// Labelled horizontal reference lines (value, label).
    pub references: &'static [(f64, &'static str)],
    /// Whether the y axis starts at zero (counts) or fits the data (life expectancy).
    pub y_from_zero: bool,
    /// The published figure this chart projects, drawn as dots for the months before the
    /// start (NHS England RTT statistics); `None` where nothing comparable is published.
    pub published: Option<fn(&Figures) -> f64>,
    /// Why the 80% range sits where it does, where a reader would not guess it (the legend
    /// says it under the range's swatch); `None` for most charts.
    pub range_note: Option<&'static str>,
}

/// The money charts' range lies at or below the central line, which a finance director would
/// ask about: the finance rule (`model::finance`, rule 1) spends a year's unneeded money on
/// other running costs, so no run ends a year in surplus, while runs whose costs rise faster
/// than planned end in deficit.
pub const BALANCE_RANGE_NOTE: &str = "The range lies at or below the line: money a system does \
    not need in a year is spent on its other running costs (plans break even), so no run ends \
    in surplus; runs where costs rise faster than planned end in deficit";

/// The monthly money chart's note: [`BALANCE_RANGE_NOTE`], and why the line is a saw-tooth
/// and starts at zero (a new user took the April resets and the £0 start for faults): the
/// plan year re-bases posts each April (`model::finance`), and no ICB's published deficit is
/// in the data, so every system starts at break-even.
pub const MONTHLY_BALANCE_NOTE: &str = "The range lies at or below the line: money a system does \
    not need in a year is spent on its other running costs (plans break even), so no run ends \
    in surplus; runs where costs rise faster than planned end in deficit. The saw-tooth: each \
    April a new plan year buys the posts the allocation can pay for, so the month returns \
    towards break-even. Every system starts at break-even: no system's published deficit is in \
    the model's data";

impl ChartSpec {
    /// `data-chart` on the canvas: the metric's key.
    pub fn key(&self) -> &'static str {
        self.metric.key()
    }

    pub fn measure(&self) -> Measure {
        Measure::of(self.metric.unit())
    }

    /// The system-wide line, with its Monte Carlo fan. `None`: the chart is by fifth only.
    pub fn total(&self) -> Option<Metric> {
        (self.lines != Lines::Fifths).then_some(self.metric)
    }

    /// Lines by deprivation fifth: the chart's only view when [`Self::total`] is `None`,
    /// otherwise a view the "by deprivation fifth" toggle switches to.
    pub fn by_quintile(&self) -> Option<ByQuintile> {
        match self.lines {
            Lines::Total => None,
            Lines::TotalOrFifths | Lines::Fifths => self.metric.spec().by_fifth,
        }
    }
}

pub const CHARTS: &[ChartSpec] = &[
    ChartSpec {
        metric: Metric::WaitingList,
        title: "Waiting list for planned hospital care",
        y_title: "Patients waiting",
        lines: Lines::TotalOrFifths,
        references: &[],
        y_from_zero: true,
        published: Some(|f| f.waiting_list),
        range_note: None,
    },
    ChartSpec {
        metric: Metric::Within18WeeksPct,
        title: "Share of the list waiting under 18 weeks",
        y_title: "% of waiting list",
        lines: Lines::Total,
        references: &[(92.0, "92% standard"), (65.0, "65% interim target")],
        y_from_zero: true,
        published: Some(|f| f.within_18_weeks_pct),
        range_note: None,
    },
    ChartSpec {
        metric: Metric::Over52Weeks,
        title: "Patients waiting over a year (52 weeks)",
        y_title: "Patients",
        lines: Lines::Total,
        references: &[],
        y_from_zero: true,
        published: Some(|f| f.over_52_weeks),
        range_note: None,
    },
    ChartSpec {
        metric: Metric::StaffFte,
        title: "Staff in post (full-time equivalent)",
        y_title: "Staff",
        lines: Lines::Total,
        references: &[],
        y_from_zero: true,
        published: None,
        range_note: None,
    },
    ChartSpec {
        metric: Metric::VacancyRatePct,
        title: "Vacancy rate: funded posts without staff",
        y_title: "% of funded posts",
        lines: Lines::Total,
        references: &[],
        y_from_zero: true,
        published: None,
        range_note: None,
    },
    ChartSpec {
        metric: Metric::BalanceGbpM,
        title: "NHS monthly surplus (+) or deficit (\u{2212}), 2025/26 prices",
        y_title: "Each month",
        lines: Lines::Total,
        references: &[],
        y_from_zero: true,
        published: None,
        range_note: Some(MONTHLY_BALANCE_NOTE),
    },
    ChartSpec {
        metric: Metric::CumulativeBalanceGbpM,
        title:
            "NHS running total: surplus (+) or deficit (\u{2212}) since the start, 2025/26 prices",
        y_title: "Running total",
        lines: Lines::Total,
        references: &[],
        y_from_zero: true,
        published: None,
        range_note: Some(BALANCE_RANGE_NOTE),
    },
    ChartSpec {
        metric: Metric::LifeExpectancy,
        title: "Life expectancy at birth, by deprivation fifth",
        y_title: "Years",
        lines: Lines::Fifths,
        references: &[],
        y_from_zero: false,
        published: None,
        range_note: None,
    },
    ChartSpec {
        metric: Metric::HealthyLifeExpectancy,
        title: "Healthy life expectancy, by deprivation fifth",
        y_title: "Years in good health",
        lines: Lines::Fifths,
        references: &[],
        y_from_zero: false,
        published: None,
        range_note: None,
    },
    ChartSpec {
        metric: Metric::LifeExpectancyGap,
        title: "Life-expectancy gap: least minus most deprived fifth",
        y_title: "Years",
        lines: Lines::Total,
        references: &[],
        y_from_zero: false,
        published: None,
        range_note: None,
    },
];

/// One headline figure: a metric, its label and how it reads (from the metric's unit).
pub struct Headline {
    pub metric: Metric,
    pub label: &'static str,
    pub measure: Measure,
}

impl Headline {
    /// A headline under the metric's own label.
    const fn of(metric: Metric) -> Headline {
        Headline::named(metric, metric.label())
    }

    /// A headline under a shorter label of its own.
    const fn named(metric: Metric, label: &'static str) -> Headline {
        Headline {
            metric,
            label,
            measure: Measure::of(metric.unit()),
        }
    }
}

/// The figures above the charts, each at the chosen year (`data-metric` is the metric's key).
pub const HEADLINES: &[Headline] = &[
    Headline::of(Metric::WaitingList),
    Headline::named(Metric::Within18WeeksPct, "Waiting under 18 weeks"),
    Headline::named(Metric::Over52Weeks, "Waiting over a year"),
    Headline::named(Metric::StaffFte, "Staff, full-time equivalent"),
    Headline::named(Metric::BalanceGbpM, "NHS surplus or deficit that month"),
    Headline::named(
        Metric::CumulativeBalanceGbpM,
        "NHS surplus or deficit since the start",
    ),
    Headline::named(Metric::CumulativeCostGbpM, "Extra spending since the start"),
    Headline::of(Metric::LifeExpectancy),
    Headline::of(Metric::HealthyLifeExpectancy),
    Headline::of(Metric::LifeExpectancyGap),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_money_charts_say_why_their_range_lies_below_the_line() {
        for spec in CHARTS {
            let money = matches!(
                spec.metric,
                Metric::BalanceGbpM | Metric::CumulativeBalanceGbpM
            );
            assert_eq!(spec.range_note.is_some(), money, "{}", spec.key());
        }
        assert!(BALANCE_RANGE_NOTE.contains("no run ends in surplus"));
        assert!(MONTHLY_BALANCE_NOTE.starts_with(BALANCE_RANGE_NOTE));
        assert!(MONTHLY_BALANCE_NOTE.contains("each April"));
    }
}
