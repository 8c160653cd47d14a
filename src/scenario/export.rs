//! The per-month CSV of a projection: one text, built here and nowhere else, so the CLI's
//! `ics-whatif run` and the web app's "download CSV" give byte-identical files. Pure: no
//! files, no clocks; the caller decides where the text goes.

use crate::model::{Metric, MonthRecord, Projection, Scenario};

/// The quintile labels of the CSV, Q1 (most deprived) first, then the whole system.
pub const QUINTILES: [&str; 6] = ["q1", "q2", "q3", "q4", "q5", "all"];

/// A column of the CSV: a metric, whose key, decimals and values (by fifth and for the
/// whole system) come from its row of the metric table, or a figure only the CSV carries.
#[derive(Clone, Copy)]
pub enum Column {
    Metric(Metric),
    /// Key, decimals, and the value for a quintile (`Some`) or the whole system (`None`).
    Other(&'static str, usize, fn(&MonthRecord, Option<usize>) -> f64),
}

impl Column {
    pub fn key(self) -> &'static str {
        match self {
            Column::Metric(m) => m.key(),
            Column::Other(key, _, _) => key,
        }
    }

    pub fn decimals(self) -> usize {
        match self {
            Column::Metric(m) => m.spec().decimals,
            Column::Other(_, dp, _) => dp,
        }
    }

    /// The value for quintile `q` (`Some`, Q1 most deprived first) or the whole system.
    pub fn value(self, r: &MonthRecord, q: Option<usize>) -> f64 {
        match self {
            Column::Metric(m) => m.spec().value(r, q),
            Column::Other(_, _, value) => value(r, q),
        }
    }
}

use Column::{Metric as M, Other};

/// Columns after `month,period,quintile` (`period` is the calendar month, YYYY-MM: month 0
/// is the last published month). Staff, vacancy, agency, leaver rate and money are
/// system-wide: quintile rows repeat the system value. Life expectancy is per quintile, and
/// its `all` value is the population-weighted mean. Money is in £m at 2025/26 prices
/// (`finance::PRICE_BASE`): the NHS's income, spending by kind and balance; the levers'
/// extra spending against current plans (in all, paid by the NHS, paid by local
/// government, and running total); extra funding received (a source of money).
pub const COLUMNS: [Column; 30] = [
    M(Metric::Referrals),
    M(Metric::Treated),
    M(Metric::Removed),
    M(Metric::WaitingList),
    M(Metric::Within18WeeksPct),
    M(Metric::Over52Weeks),
    M(Metric::StaffFte),
    M(Metric::VacancyRatePct),
    M(Metric::BalanceGbpM),
    M(Metric::LifeExpectancy),
    M(Metric::HealthyLifeExpectancy),
    M(Metric::MedianWaitWeeks),
    Other("mean_wait_weeks", 3, |r, q| match q {
        Some(q) => r.mean_wait_weeks[q],
        None => {
            // Mean over everyone on the list: the quintiles' means weighted by list size.
            let list = MonthRecord::total(&r.waiting_list);
            let weighted: f64 = (0..5)
                .map(|q| r.mean_wait_weeks[q] * r.waiting_list[q])
                .sum();
            if list > 0.0 {
                weighted / list
            } else {
                0.0
            }
        }
    }),
    Other("population_share", 6, |r, q| match q {
        Some(q) => r.population_share[q],
        None => MonthRecord::total(&r.population_share),
    }),
    M(Metric::AgencyFte),
    M(Metric::LeaverRatePct),
    M(Metric::CumulativeBalanceGbpM),
    M(Metric::SpendGbpM),
    Other("income_gbp_m", 3, |r, _| r.income_gbp_m),
    Other("pay_gbp_m", 3, |r, _| r.pay_gbp_m),
    Other("cover_gbp_m", 3, |r, _| r.cover_gbp_m),
    Other("nonpay_gbp_m", 3, |r, _| r.nonpay_gbp_m),
    Other("bank_fte", 1, |r, _| r.bank_fte),
    M(Metric::ExtraFundingGbpM),
    M(Metric::CostGbpM),
    M(Metric::CostNhsGbpM),
    M(Metric::CostLocalGovGbpM),
    M(Metric::CumulativeCostGbpM),
    M(Metric::CumulativeCostLocalGovGbpM),
    // Money (fresh-eyes finding 3): the levers' NHS revenue costs, so pay + cover + nonpay +
    // this = spend_gbp_m.
    Other("lever_revenue_gbp_m", 3, |r, _| r.lever_revenue_gbp_m),
];

/// The header line of the CSV (no line break).
pub fn header() -> String {
    let mut h = String::from("month,period,quintile");
    for column in COLUMNS {
        h.push(',');
        h.push_str(column.key());
    }
    h
}

/// The CSV of a projection: the header, then months 0..=horizon, each with rows q1..q5 and
/// all; every line ends with `\n`.
pub fn projection_csv(p: &Projection) -> String {
    months_csv(&p.months)
}

/// [`projection_csv`] for a run's month records.
pub fn months_csv(months: &[MonthRecord]) -> String {
    let mut out = header();
    out.push('\n');
    let start = crate::data::rtt::start_period();
    for r in months {
        let period = start.plus(r.month).to_string();
        for (i, label) in QUINTILES.iter().enumerate() {
            let q = (i < 5).then_some(i);
            out.push_str(&r.month.to_string());
            out.push(',');
            out.push_str(&period);
            out.push(',');
            out.push_str(label);
            for column in COLUMNS {
                out.push(',');
                out.push_str(&fixed(column.value(r, q), column.decimals()));
            }
            out.push('\n');
        }
    }
    out
}

/// `v` with `dp` decimals; "-0.0" becomes "0.0"; NaN and infinities are written as such.
pub fn fixed(v: f64, dp: usize) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let s = format!("{v:.dp$}");
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s
    }
}

// ---- What an export is (issue 14.6) ----

/// [`ExportInfo`] as a JSON object ([`ExportInfo::about`]): `area`, `scenario`, `levers`
/// (one phrase per lever moved, with its phasing), `assumptions` (one line per assumption
/// changed), `period`, `month_reported` (where one is chosen), `uncertainty`, `runs` and
/// `seed` (where a Monte Carlo is behind the ranges), `pinned` (where any), `model_version`,
/// `exported` (YYYY-MM-DD) and `source`.
pub struct About<'a>(&'a ExportInfo);

impl serde::Serialize for About<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let info = self.0;
        let text = |key: &str| {
            info.fields()
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
        };
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("area", &info.area)?;
        map.serialize_entry("scenario", &info.scenario_name)?;
        map.serialize_entry("levers", &info.levers)?;
        map.serialize_entry("assumptions", &info.assumptions)?;
        map.serialize_entry("period", &text("period"))?;
        if let Some(month) = text("month reported") {
            map.serialize_entry("month_reported", &month)?;
        }
        map.serialize_entry("uncertainty", &text("uncertainty"))?;
        if let Some((runs, seed)) = info.runs {
            map.serialize_entry("runs", &runs)?;
            map.serialize_entry("seed", &seed)?;
        }
        if !info.pins.is_empty() {
            map.serialize_entry("pinned", &info.pins)?;
        }
        if !info.estimates.is_empty() {
            map.serialize_entry("starting_estimates", &info.estimates)?;
        }
        map.serialize_entry("model_version", &crate::model::MODEL_VERSION)?;
        map.serialize_entry("exported", &info.exported)?;
        map.serialize_entry("source", EXPORT_SOURCE)?;
        map.end()
    }
}

/// What an exported file or figure shows, said at its top: the area, the scenario's name,
/// the levers moved, the assumptions changed, the horizon, the month reported, the Monte
/// Carlo (runs and seed) behind any range, the pins drawn, the model version and the date of
/// the export. One list of lines for every export (CSV comment lines, captions of PNG and
/// SVG figures, a `about` object in JSON), so they never disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportInfo {
    /// The area's name ("England", "Greater Manchester").
    pub area: String,
    /// The scenario's name (the user's, or the automatic one).
    pub scenario_name: String,
    /// One phrase per lever moved, in table order; empty for current plans.
    pub levers: Vec<String>,
    /// One line per assumption changed from its central estimate.
    pub assumptions: Vec<String>,
    /// The horizon in years.
    pub years: u32,
    /// The month the figures are reported at (months from month 0), where one is chosen.
    pub month: Option<u32>,
    /// Monte Carlo runs and seed behind any ranges; `None`: deterministic figures only.
    pub runs: Option<(usize, u64)>,
    /// Names of the pinned scenarios drawn or tabled beside this one.
    pub pins: Vec<String>,
    /// The date of the export, YYYY-MM-DD (the caller's clock: the model has none).
    pub exported: String,
    /* Starting figures that are estimates (fresh-eyes finding 15) */
    /// The area's starting figures that are estimates, not published
    /// (`baseline::estimates_for`); empty for an unknown area.
    pub estimates: Vec<String>,
}

impl ExportInfo {
    /// The description of scenario `s` in area `area` (its display name), named `name` (the
    /// automatic name when `None`), exported on `exported`.
    pub fn of(s: &Scenario, area: &str, name: Option<&str>, exported: &str) -> ExportInfo {
        let estimates = crate::data::find(&s.system)
            .map(|system| {
                crate::model::baseline::estimates_for(system)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        Self::with_estimates(s, area, name, exported, estimates)
    }

    /// As [`ExportInfo::of`], with the area's estimated starting figures given (the app has
    /// them in its baseline, `Baseline::estimates`, and describes every export again after
    /// each slider move: working them out again took about half a millisecond a move).
    pub fn with_estimates(
        s: &Scenario,
        area: &str,
        name: Option<&str>,
        exported: &str,
        estimates: Vec<String>,
    ) -> ExportInfo {
        let mut levers = crate::scenario::naming::changes(s);
        levers.retain(|l| l != crate::scenario::naming::DIFFERENT_ASSUMPTIONS);
        ExportInfo {
            area: area.to_string(),
            scenario_name: name
                .map(str::to_string)
                .unwrap_or_else(|| crate::scenario::auto_name(s)),
            levers,
            assumptions: assumption_changes(s),
            years: s.years,
            month: None,
            runs: None,
            pins: Vec::new(),
            exported: exported.to_string(),
            estimates,
        }
    }

    /// The description as (key, text) pairs, in the order every export gives them.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        let start = crate::data::rtt::start_period();
        let mut out = vec![
            ("area", self.area.clone()),
            ("scenario", self.scenario_name.clone()),
            (
                "levers",
                if self.levers.is_empty() {
                    "none moved (current plans)".to_string()
                } else {
                    self.levers.join("; ")
                },
            ),
            (
                "assumptions",
                if self.assumptions.is_empty() {
                    "central estimates".to_string()
                } else {
                    self.assumptions.join("; ")
                },
            ),
            (
                "period",
                format!(
                    "{} to {} (month 0 is the last published month)",
                    start.name(),
                    start.plus(self.years as usize * 12).name()
                ),
            ),
        ];
        if let Some(m) = self.month {
            out.push(("month reported", start.plus(m as usize).name()));
        }
        out.push((
            "uncertainty",
            match self.runs {
                Some((runs, seed)) => format!("Monte Carlo, {runs} runs, seed {seed}"),
                None => "none: one deterministic run".to_string(),
            },
        ));
        if !self.pins.is_empty() {
            out.push(("pinned", self.pins.join("; ")));
        }
        if !self.estimates.is_empty() {
            out.push((
                "starting figures that are estimates",
                self.estimates.join("; "),
            ));
        }
        out.push((
            "model version",
            format!("ICS What-If model version {}", crate::model::MODEL_VERSION),
        ));
        out.push(("exported", self.exported.clone()));
        out.push(("source", EXPORT_SOURCE.to_string()));
        out
    }

    /// The description as the `about` object of a JSON export: the same facts as
    /// [`ExportInfo::fields`], with lists as lists and numbers as numbers. Readers of the
    /// scenario file ignore it: it never changes the numbers.
    pub fn about(&self) -> About<'_> {
        About(self)
    }

    /// The description as CSV comment lines (`# area: England`), each ending with `\n`:
    /// readers skip them (`pandas.read_csv(..., comment='#')`, R's `comment.char = "#"`).
    pub fn csv_comments(&self) -> String {
        self.fields()
            .iter()
            .map(|(k, v)| format!("# {k}: {}\n", v.replace(['\n', '\r'], " ")))
            .collect()
    }

    /// The description as caption lines for a figure, compact and wrapped to about
    /// `width` characters: "Area: England. Scenario: ...", the levers, the assumptions, the
    /// period with the month reported and the runs, the pins, the model version and date
    /// (the source goes in the figure's footer).
    pub fn caption_lines(&self, width: usize) -> Vec<String> {
        let get = |key: &str| {
            self.fields()
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
        };
        let mut when = get("period").unwrap_or_default();
        if let Some(m) = get("month reported") {
            when.push_str(&format!("; figures for {m}"));
        }
        when.push_str(&format!(
            "; uncertainty: {}",
            get("uncertainty").unwrap_or_default()
        ));
        let mut lines = vec![
            format!("Area: {}. Scenario: {}", self.area, self.scenario_name),
            format!("Levers: {}", get("levers").unwrap_or_default()),
            format!("Assumptions: {}", get("assumptions").unwrap_or_default()),
            when,
        ];
        if let Some(p) = get("pinned") {
            lines.push(format!("Pinned: {p}"));
        }
        lines.push(format!(
            "{}; exported {}",
            get("model version").unwrap_or_default(),
            self.exported
        ));
        lines.iter().flat_map(|l| wrap(l, width)).collect()
    }
}

/// `text` in lines of at most `width` characters, broken at spaces (a longer word alone).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

/// Said on every export: where the numbers come from.
pub const EXPORT_SOURCE: &str =
    "ICS What-If model projections from public data: NHS England, ONS; not a forecast";

/// One line per assumption that differs from its central estimate: "Growth in referrals:
/// 3% a year (central 2.5)".
pub fn assumption_changes(s: &Scenario) -> Vec<String> {
    crate::model::Assumption::ALL
        .iter()
        .filter(|&&a| s.assumptions[a] != a.spec().default)
        .map(|&a| {
            let spec = a.spec();
            let short = |v: f64| {
                let r = (v * 100.0).round() / 100.0 + 0.0;
                format!("{r}")
            };
            let unit = spec.unit.text();
            let with_unit = |v: f64| {
                let sep = if unit.starts_with('%') { "" } else { " " };
                format!("{}{sep}{unit}", short(v))
            };
            format!(
                "{}: {} (central estimate {})",
                spec.label,
                with_unit(s.assumptions[a]),
                with_unit(spec.default)
            )
        })
        .collect()
}

/// A table as CSV: the description's comment lines, then the rows (the first is the
/// header), each field quoted where it needs to be.
pub fn table_csv(info: &ExportInfo, rows: &[Vec<String>]) -> String {
    let mut out = info.csv_comments();
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// A CSV field, quoted when it holds a comma, quote or line break.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A date (YYYY-MM-DD) from seconds since 1970 (UTC), for the CLI's export date.
pub fn date_of_unix_seconds(secs: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm (public domain).
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{simulate, Baseline, Scenario};

    fn one_year() -> Projection {
        let mut s = Scenario {
            years: 1,
            ..Scenario::default()
        };
        crate::scenario::set_value(&mut s, "recruitment_pct", 5.0).unwrap();
        simulate(&Baseline::england(), &s)
    }

    #[test]
    fn csv_has_a_row_per_month_and_quintile() {
        let csv = projection_csv(&one_year());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + 13 * 6);
        assert!(lines[0].starts_with(
            "month,period,quintile,referrals,treated,removed,waiting_list,within_18_weeks_pct,over_52_weeks,staff_fte,vacancy_rate_pct,balance_gbp_m,life_expectancy,healthy_life_expectancy,median_wait_weeks"
        ));
        assert!(lines[1].starts_with("0,2025-03,q1,"));
        assert!(lines[6].starts_with("0,2025-03,all,"));
        assert!(lines[7].starts_with("1,2025-04,q1,"));
        assert!(lines
            .iter()
            .all(|l| l.split(',').count() == COLUMNS.len() + 3));
        assert!(csv.ends_with('\n'));
    }

    #[test]
    fn the_all_row_sums_counts_and_weights_means() {
        let p = one_year();
        let r = &p.months[12];
        for column in COLUMNS {
            let key = column.key();
            let all = column.value(r, None);
            let parts: Vec<f64> = (0..5).map(|q| column.value(r, Some(q))).collect();
            match key {
                "referrals" | "treated" | "removed" | "waiting_list" | "over_52_weeks" => {
                    assert!(
                        (parts.iter().sum::<f64>() - all).abs() < 1e-6 * all.max(1.0),
                        "{key}"
                    )
                }
                "life_expectancy" | "healthy_life_expectancy" => {
                    assert!(
                        (r.mean(&parts.clone().try_into().unwrap()) - all).abs() < 1e-9,
                        "{key}"
                    )
                }
                "staff_fte" | "vacancy_rate_pct" | "balance_gbp_m" => {
                    assert!(parts.iter().all(|&v| v == all), "{key}")
                }
                _ => {}
            }
        }
    }

    /// The app describes its exports with the estimates its baseline lists
    /// (`ExportInfo::with_estimates`): the same list `ExportInfo::of` works out.
    #[test]
    fn a_baselines_estimates_are_the_ones_an_export_works_out() {
        for code in ["england", "QE1", "QOP"] {
            let system = crate::data::find(code).unwrap();
            let base = if code == "england" {
                crate::model::Baseline::england()
            } else {
                crate::model::Baseline::for_system(system)
            };
            let s = Scenario {
                system: system.code.clone(),
                ..Scenario::default()
            };
            let given = base.estimates.iter().map(|e| e.to_string()).collect();
            let with = ExportInfo::with_estimates(&s, "A", None, "2026-12-01", given);
            let of = ExportInfo::of(&s, "A", None, "2026-12-01");
            assert!(!of.estimates.is_empty(), "{code}");
            assert_eq!(with, of, "{code}");
        }
    }

    // ---- What an export is (issue 14.6) ----

    #[test]
    fn an_export_header_names_the_area_levers_assumptions_runs_model_and_date() {
        let mut s = Scenario::default();
        crate::scenario::set_value(&mut s, "recruitment_pct", 5.0).unwrap();
        crate::scenario::set_value(&mut s, "demand_growth_pct", 3.0).unwrap();
        let mut info = ExportInfo::of(&s, "England", None, "2026-11-30");
        info.runs = Some((200, 2025));
        info.month = Some(48);
        info.pins = vec!["Fix social care".into()];
        let text = info.csv_comments();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.iter().all(|l| l.starts_with("# ")), "{text}");
        assert_eq!(lines[0], "# area: England");
        assert!(
            text.contains("# scenario: Recruitment +5%, different assumptions\n"),
            "{text}"
        );
        assert!(
            text.contains("# levers: recruitment +5%\n"),
            "levers only: {text}"
        );
        assert!(
            text.contains(
                "# assumptions: Growth in referrals: 3% a year (central estimate 2.5% a year)\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("# period: March 2025 to March 2035"),
            "{text}"
        );
        assert!(text.contains("# month reported: March 2029\n"), "{text}");
        assert!(
            text.contains("# uncertainty: Monte Carlo, 200 runs, seed 2025\n"),
            "{text}"
        );
        assert!(text.contains("# pinned: Fix social care\n"), "{text}");
        assert!(
            text.contains(&format!(
                "# model version: ICS What-If model version {}\n",
                crate::model::MODEL_VERSION
            )),
            "{text}"
        );
        assert!(text.contains("# exported: 2026-11-30\n"), "{text}");
        // Current plans says so rather than leaving the levers blank.
        let plain = ExportInfo::of(&Scenario::default(), "England", None, "2026-11-30");
        let text = plain.csv_comments();
        assert!(
            text.contains("# levers: none moved (current plans)\n"),
            "{text}"
        );
        assert!(
            text.contains("# assumptions: central estimates\n"),
            "{text}"
        );
        assert!(
            text.contains("# uncertainty: none: one deterministic run\n"),
            "{text}"
        );
        assert!(!text.contains("month reported"), "{text}");
    }

    #[test]
    fn a_scenario_file_says_what_it_is_and_reads_back_to_the_same_numbers() {
        use crate::scenario::{parse_scenario, to_json, to_json_about, ScenarioFile};
        let mut s = Scenario::default();
        crate::scenario::phasing::set_phased_text(&mut s, "recruitment_pct", "10@2026-04+3y")
            .unwrap();
        crate::scenario::set_value(&mut s, "demand_growth_pct", 3.0).unwrap();
        let mut info = ExportInfo::of(&s, "England", Some("Staff drive"), "2026-11-30");
        info.runs = Some((200, 2025));
        info.month = Some(48);
        let file = ScenarioFile::new(s.clone()).with_name("Staff drive");
        let json = to_json_about(&file, &info);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let about = &v["about"];
        assert_eq!(about["area"], "England");
        assert_eq!(about["scenario"], "Staff drive");
        let lever = about["levers"][0].as_str().unwrap();
        assert!(
            lever.starts_with("recruitment +10%") && lever.contains("April 2026"),
            "levers with their phasing: {lever}"
        );
        assert_eq!(
            about["assumptions"][0],
            "Growth in referrals: 3% a year (central estimate 2.5% a year)"
        );
        assert_eq!(about["month_reported"], "March 2029");
        assert_eq!(
            (about["runs"].as_u64(), about["seed"].as_u64()),
            (Some(200), Some(2025))
        );
        assert_eq!(about["model_version"], crate::model::MODEL_VERSION);
        assert_eq!(about["exported"], "2026-11-30");
        // Said after the name, before the data.
        let at = |k: &str| json.find(&format!("\"{k}\"")).unwrap();
        assert!(
            at("name") < at("about") && at("about") < at("ics"),
            "{json}"
        );
        // Read back: the same file, so the same numbers; the description is never read.
        assert_eq!(parse_scenario(&json).unwrap(), file);
        // A file without it (every file written before) still reads, to the same file; and
        // a description that says something else changes nothing.
        assert_eq!(parse_scenario(&to_json(&file)).unwrap(), file);
        let edited = json.replace("\"area\": \"England\"", "\"area\": 7");
        assert_eq!(parse_scenario(&edited).unwrap(), file);
        // Current plans, no Monte Carlo: empty lists, no runs or seed.
        let plain = ExportInfo::of(&Scenario::default(), "England", None, "2026-11-30");
        let v: serde_json::Value =
            serde_json::from_str(&to_json_about(&ScenarioFile::default(), &plain)).unwrap();
        assert_eq!(v["about"]["levers"], serde_json::json!([]));
        assert!(v["about"]["runs"].is_null() && v["about"]["seed"].is_null());
        assert_eq!(v["about"]["uncertainty"], "none: one deterministic run");
    }

    #[test]
    fn a_table_csv_quotes_names_with_commas_after_its_header() {
        let info = ExportInfo::of(&Scenario::default(), "England", Some("Plans"), "2026-11-30");
        let csv = table_csv(
            &info,
            &[
                vec!["figure".into(), "Fix care, then staff".into()],
                vec!["Waiting list".into(), "6.1m".into()],
            ],
        );
        let body: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(
            body,
            ["figure,\"Fix care, then staff\"", "Waiting list,6.1m"]
        );
        assert!(csv.starts_with("# area: England\n# scenario: Plans\n"));
    }

    #[test]
    fn unix_seconds_read_as_calendar_dates() {
        assert_eq!(date_of_unix_seconds(0), "1970-01-01");
        assert_eq!(date_of_unix_seconds(951_782_400), "2000-02-29");
        assert_eq!(date_of_unix_seconds(1_795_996_800), "2026-11-30");
    }

    #[test]
    fn fixed_has_no_negative_zero() {
        assert_eq!(fixed(-0.0001, 3), "0.000");
        assert_eq!(fixed(-0.0, 1), "0.0");
        assert_eq!(fixed(-1.26, 1), "-1.3");
        assert_eq!(fixed(7_400_000.04, 1), "7400000.0");
        assert_eq!(fixed(f64::NAN, 1), "NaN");
    }
}
