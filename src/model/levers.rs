//! What a user can move: levers (policy choices) and assumptions (beliefs about the world).
//!
//! Both are data, not code: one table each, which the CLI (`ics-whatif levers`), the scenario
//! file, the URL and the web UI all read. Each row names its variant (`keyed_table!` makes
//! the enum from the rows), its typed unit and, for a lever, the phrase that names it in a
//! scenario's automatic name. Adding a lever means one row here and its use in `simulate`;
//! nothing else.

use super::table::keyed_table;
use serde::{Deserialize, Serialize};
use ParamUnit::{Percent, Plain, Pounds};

/// The groups the lever panel shows, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Group {
    Funding,
    Workforce,
    Prevention,
    SocialCare,
    ProductivityCapital,
    Equity,
    /// Assumptions about the world rather than choices.
    Assumption,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Funding => "Funding",
            Group::Workforce => "Workforce",
            Group::Prevention => "Prevention",
            Group::SocialCare => "Social care",
            Group::ProductivityCapital => "Productivity and capital",
            Group::Equity => "Equity in access",
            Group::Assumption => "Assumptions",
        }
    }
}

/// The unit of a lever or assumption, as a type: the variant says how a value reads ("+10%",
/// "£50", "1.5"); the text, which starts with the variant's symbol, is only shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamUnit {
    /// A percentage: "% change in joiners" (the value reads "+10%").
    Percent(&'static str),
    /// Pounds: "£ per resident a year" (the value reads "£50").
    Pounds(&'static str),
    /// A plain number, then the unit: "years" (the value reads "1.5").
    Plain(&'static str),
}

impl ParamUnit {
    /// The unit in words, as tables and files show it: "% change in joiners".
    pub const fn text(self) -> &'static str {
        match self {
            Percent(t) | Pounds(t) | Plain(t) => t,
        }
    }

    /// The symbol a value carries: "%", "£", or nothing.
    pub const fn symbol(self) -> &'static str {
        match self {
            Percent(_) => "%",
            Pounds(_) => "£",
            Plain(_) => "",
        }
    }

    /// The words after the symbol: " change in joiners", " per resident a year"; all of a
    /// plain unit ("years").
    pub fn rest(self) -> &'static str {
        let text = self.text();
        text.strip_prefix(self.symbol()).unwrap_or(text)
    }
}

impl std::fmt::Display for ParamUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text())
    }
}

/// A unit equals its text, so tests can name it as a reader would.
impl PartialEq<&str> for ParamUnit {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl Serialize for ParamUnit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text())
    }
}

/// How a changed lever reads in a scenario's automatic name (`scenario::naming`): the words
/// before and after its value, "recruitment " and "%" for "recruitment +5%".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Phrase {
    pub before: &'static str,
    pub after: &'static str,
    /// Whether a rise reads with its sign ("+5"), as a change from today does.
    pub signed: bool,
    /// Values with words of their own: funding growth of -2% reads "flat cash".
    pub named: &'static [(f64, &'static str)],
    /// When the lever named is changed too, this one reads inside its phrase instead, with
    /// these words before and after its value: prevention targeting reads "prevention
    /// £40/head (50% targeted)".
    pub inside: Option<(Lever, &'static str, &'static str)>,
}

/// A phrase: `before`, the value, `after`.
const fn says(before: &'static str, after: &'static str) -> Phrase {
    Phrase {
        before,
        after,
        signed: false,
        named: &[],
        inside: None,
    }
}

impl Phrase {
    const fn signed(self) -> Phrase {
        Phrase {
            signed: true,
            ..self
        }
    }

    const fn naming(self, named: &'static [(f64, &'static str)]) -> Phrase {
        Phrase { named, ..self }
    }

    const fn inside(self, lever: Lever, before: &'static str, after: &'static str) -> Phrase {
        Phrase {
            inside: Some((lever, before, after)),
            ..self
        }
    }
}

/// One movable number: its key (used by the CLI, scenario files and URLs), label, unit, range,
/// default, named points on its range, a one-line meaning and the source of its default.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub group: Group,
    pub unit: ParamUnit,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub default: f64,
    /// Named points on the range, e.g. "flat cash".
    pub bands: &'static [(f64, &'static str)],
    pub description: &'static str,
    pub source: &'static str,
    /// For assumptions: the 80% interval (P10, P90) used by the Monte Carlo. The default is
    /// the median; each side is a half-normal scaled to its end of the interval.
    pub uncertainty: Option<(f64, f64)>,
    /// How a lever reads in a scenario's automatic name (every lever has one; assumptions
    /// read together as "different assumptions").
    pub phrase: Option<Phrase>,
}

impl ParamSpec {
    /// Checks a value against the range; the error names the problem in one line.
    pub fn check(&self, value: f64) -> Result<f64, ValueError> {
        if !value.is_finite() {
            return Err(ValueError::NotANumber {
                key: self.key,
                value,
            });
        }
        if value < self.min || value > self.max {
            return Err(ValueError::OutOfRange {
                key: self.key,
                value,
                min: self.min,
                max: self.max,
                unit: self.unit,
            });
        }
        Ok(value)
    }
}

/// Why a value does not fit a lever or assumption ([`ParamSpec::check`]); `Display` gives the
/// one line a user reads ("recruitment_pct = 99 is out of range: ...").
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueError {
    /// NaN or infinite.
    NotANumber { key: &'static str, value: f64 },
    /// Below `min` or above `max`.
    OutOfRange {
        key: &'static str,
        value: f64,
        min: f64,
        max: f64,
        unit: ParamUnit,
    },
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            ValueError::NotANumber { key, value } => {
                write!(f, "{key} must be a number, got {value}")
            }
            ValueError::OutOfRange {
                key,
                value,
                min,
                max,
                unit,
            } => write!(
                f,
                "{key} = {} is out of range: it must be between {} and {} ({unit})",
                fmt_num(value),
                fmt_num(min),
                fmt_num(max),
            ),
        }
    }
}

impl std::error::Error for ValueError {}

/// Where a caller's error is a line of text (`?` in the CLI's parsers).
impl From<ValueError> for String {
    fn from(e: ValueError) -> String {
        e.to_string()
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

keyed_table! {
    /// The policy levers, one row each in [`LEVERS`].
    enum Lever;
    /// The levers. Defaults are "current plans".
    const LEVERS: [ParamSpec] = {
        FundingGrowth => ParamSpec {
            key: "funding_growth_pct",
            label: "Funding growth",
            group: Group::Funding,
            unit: Percent("% a year, real terms"),
            min: -3.0,
            max: 6.0,
            step: 0.1,
            default: 3.0,
            bands: &[(-2.0, "flat cash"), (0.0, "flat real"), (3.0, "current plans"), (4.0, "long-run average")],
            description: "Real-terms growth of the system's NHS allocation each year. Money buys staff (establishment) after cost pressures.",
            source: "HM Treasury Spending Review 2025: NHS day-to-day spending +3.0% a year real to 2028/29; long-run NHS average about 3.6-4% (Institute for Fiscal Studies).",
            uncertainty: None,
            phrase: Some(says("funding growth ", "%/yr").naming(&[(-2.0, "flat cash"), (0.0, "flat real-terms funding")])),
        },
        ExtraFunding => ParamSpec {
            key: "extra_funding_gbp_per_head",
            label: "Extra funding",
            group: Group::Funding,
            unit: Pounds("£ per resident a year"),
            min: 0.0,
            max: 200.0,
            step: 5.0,
            default: 0.0,
            bands: &[(0.0, "none"), (20.0, "+1% of allocation"), (100.0, "+5%")],
            description: "Recurrent extra money on top of growth, per registered resident (multiply by population for £m). Spent on staff like the rest of the allocation.",
            source: "Scale: ICB allocations £127.2bn in 2024/25, about £1,992 per registered patient at average need (House of Commons Library CBP-10031; £1,732 of it core services).",
            uncertainty: None,
            phrase: Some(says("extra funding £", "/head")),
        },
        Recruitment => ParamSpec {
            key: "recruitment_pct",
            label: "Recruitment",
            group: Group::Workforce,
            unit: Percent("% change in joiners"),
            min: -30.0,
            max: 50.0,
            step: 1.0,
            default: 0.0,
            bands: &[(0.0, "current"), (5.0, "+5%"), (20.0, "international drive")],
            description: "More or fewer people hired each month. Hiring can fill vacancies only: staff never exceed the funded establishment.",
            source: "Default: joiners that hold the 2022 vacancy rate of 9.7% steady (NHS Digital vacancy statistics).",
            uncertainty: None,
            phrase: Some(says("recruitment ", "%").signed()),
        },
        LeaverRateChange => ParamSpec {
            key: "leaver_rate_change_pts",
            label: "Retention: change in leaver rate",
            group: Group::Workforce,
            unit: Plain("percentage points a year"),
            min: -3.0,
            max: 3.0,
            step: 0.1,
            default: 0.0,
            bands: &[(-0.7, "workforce plan target"), (0.0, "current"), (1.3, "2022 level")],
            description: "Negative means fewer staff leave each year (better retention). The burnout loop adds to this when staff are stretched.",
            source: "Leaver rate 8.1% (2023), 9.4% (2022); Long Term Workforce Plan target 7.4-8.2% (NHS England).",
            uncertainty: None,
            phrase: Some(says("leaver rate ", " pts").signed()),
        },
        TrainingPlaces => ParamSpec {
            key: "training_places_pct",
            label: "Training places",
            group: Group::Workforce,
            unit: Percent("% change in training intake"),
            min: -20.0,
            max: 100.0,
            step: 5.0,
            default: 0.0,
            bands: &[(0.0, "current"), (50.0, "workforce plan"), (100.0, "doubled")],
            description: "More trainees start now and join the workforce about 3 years later. A third of today's joiners come through training.",
            source: "Training takes about 3 years for a nurse, longer for doctors (Long Term Workforce Plan, 2023).",
            uncertainty: None,
            phrase: Some(says("training places ", "%").signed()),
        },
        AgencyCover => ParamSpec {
            key: "agency_cover_pct",
            label: "Agency use",
            group: Group::Workforce,
            unit: Percent("% of vacancies covered by agency staff"),
            min: 0.0,
            max: 40.0,
            step: 1.0,
            default: 17.0,
            bands: &[(0.0, "no agency"), (17.0, "current"), (30.0, "2022/23 level")],
            description: "Agency staff fill part of the gap between establishment and staff, at 55% above basic pay. Less agency saves money but loses capacity.",
            source: "Derived: agency spend £2.07bn in 2024/25 (DHSC) at the 55% price cap (NHS Improvement) over 9.7% vacancies.",
            uncertainty: None,
            phrase: Some(says("agency ", "% of vacancies")),
        },
        PreventionSpend => ParamSpec {
            key: "prevention_gbp_per_head",
            label: "Extra prevention spend",
            group: Group::Prevention,
            unit: Pounds("£ per resident a year"),
            min: 0.0,
            max: 150.0,
            step: 5.0,
            default: 0.0,
            bands: &[(0.0, "current"), (17.0, "reverse the public-health grant cut"), (60.0, "double the grant")],
            description: "Prevention on top of today's public-health grant (about £62 a head). It lowers avoidable demand and adds healthy years, slowly and with diminishing returns.",
            source: "Public health grant down 28% real per person since 2015/16 (Health Foundation, 2024); £3,800 per healthy year through public health (Health Foundation, 2024).",
            uncertainty: None,
            phrase: Some(says("prevention £", "/head")),
        },
        PreventionTargeting => ParamSpec {
            key: "prevention_targeting_pct",
            label: "Prevention targeting",
            group: Group::Prevention,
            unit: Percent("% towards the most deprived fifth"),
            min: 0.0,
            max: 100.0,
            step: 5.0,
            default: 0.0,
            bands: &[(0.0, "flat per head"), (50.0, "proportionate universalism"), (100.0, "most deprived fifth only")],
            description: "0% spreads extra prevention equally per head; 100% spends it all on the most deprived fifth. Between the two, a mix (the Marmot review's proportionate universalism).",
            source: "Fair Society, Healthy Lives (Marmot review, 2010).",
            uncertainty: None,
            phrase: Some(says("prevention targeting ", "%").inside(Lever::PreventionSpend, " (", "% targeted)")),
        },
        SocialCare => ParamSpec {
            key: "social_care_pct",
            label: "Social care capacity",
            group: Group::SocialCare,
            unit: Percent("% change in packages of care"),
            min: -20.0,
            max: 50.0,
            step: 1.0,
            default: 0.0,
            bands: &[(0.0, "current"), (39.0, "a fifth of social-care delays cleared"), (50.0, "a quarter cleared")],
            description: "More home care, care-home and intermediate-care capacity frees beds held by people fit to leave, part of which planned operations can use. Delays fall less than capacity grows: most extra care goes to people who would have left hospital anyway. Paid by local government.",
            source: "About 13,400 of 100,000 general and acute beds held by people fit to leave (House of Commons Library, Dec 2022); 64% of delays wait for care (Health Foundation, 2022-23); +10% care-home beds, -6% to -9% of those delays (Gaughan et al., Health Economics 2015); about £0.5m a year per bed freed (DHSC evaluation of the 2022/23 discharge funds).",
            uncertainty: None,
            phrase: Some(says("social care ", "%").signed()),
        },
        Productivity => ParamSpec {
            key: "productivity_pct",
            label: "Productivity gain",
            group: Group::ProductivityCapital,
            unit: Percent("% more activity per staff member a year"),
            min: 0.0,
            max: 4.0,
            step: 0.1,
            default: 0.8,
            bands: &[(0.8, "long-run average"), (2.0, "workforce plan")],
            description: "Treatments each member of staff delivers grow by this much a year: more care from the same staff and money, not a cash saving. Above the long-run 0.8% a year it needs technology investment, paid from the NHS capital budget (not a deficit): about £1bn a year for England per point.",
            source: "About 0.8% a year 1995-2019 (ONS); the Long Term Workforce Plan assumes 1.5-2%. Cost: Spring Budget 2024, £3.4bn of capital over three years for 1.9% a year (NHS productivity plan). Efficiency requirements (NHS Providers) are cash savings; this lever is not one.",
            uncertainty: None,
            phrase: Some(says("productivity ", "%/yr")),
        },
        CapitalBacklog => ParamSpec {
            key: "capital_gbp_per_head",
            label: "Capital on the maintenance backlog",
            group: Group::ProductivityCapital,
            unit: Pounds("£ per resident a year"),
            min: 0.0,
            max: 60.0,
            step: 1.0,
            default: 0.0,
            bands: &[(0.0, "current"), (33.0, "stop the backlog growing")],
            description: "Extra capital to repair buildings and equipment. A growing backlog loses theatre and clinic time; paying it down wins it back.",
            source: "Maintenance backlog £13.8bn (2023/24) to £15.9bn (2024/25), NHS ERIC.",
            uncertainty: None,
            phrase: Some(says("backlog capital £", "/head")),
        },
        DeprivedPriority => ParamSpec {
            key: "deprived_priority_pct",
            label: "Waiting-list priority for the most deprived fifth",
            group: Group::Equity,
            unit: Percent("% higher chance of treatment each month"),
            min: 0.0,
            max: 100.0,
            step: 5.0,
            default: 0.0,
            bands: &[(0.0, "equal"), (100.0, "twice the chance")],
            description: "Patients from the most deprived fifth are treated sooner: at 100% their chance of treatment in a month is doubled. Others wait a little longer.",
            source: "NHS England 2022/23 priorities: restore services inclusively, using waiting-list data by deprivation.",
            uncertainty: None,
            phrase: Some(says("deprived-fifth priority ", "%").signed()),
        },
        LongWaitFocus => ParamSpec {
            key: "long_wait_focus_pct",
            label: "Capacity for the longest waiters",
            group: Group::Equity,
            unit: Percent("% of treatments, longest wait first"),
            min: 0.0,
            max: 30.0,
            step: 1.0,
            default: 0.0,
            bands: &[(0.0, "current practice"), (5.0, "a long-wait drive"), (20.0, "strict turn")],
            description: "Treatments set aside for the patients who have waited longest, longest first, on top of today's practice (which already works towards the 18-week and 52-week marks). It changes who is treated, not how many: fewer wait over a year, and as the longest waiters leave the list the share still waiting under 18 weeks rises a little (England at 30%: about 65% after four years against 61%, and a few hundred over a year), though shorter waiters wait a little longer.",
            source: "NHS England planning guidance targets the 104-, 78-, 65- and then 52-week cohorts (2022/23 to 2025/26 priorities). The size of the set-aside is the user's choice.",
            uncertainty: None,
            phrase: Some(says("capacity for the longest waiters ", "")),
        },
    }
}

keyed_table! {
    /// Uncertain beliefs about the world, one row each in [`ASSUMPTIONS`].
    enum Assumption;
    /// The assumptions. Defaults are central estimates; `uncertainty` is their 80% interval.
    const ASSUMPTIONS: [ParamSpec] = {
        DemandGrowth => ParamSpec {
            key: "demand_growth_pct",
            label: "Growth in referrals",
            group: Group::Assumption,
            unit: Percent("% a year"),
            min: 0.0,
            max: 6.0,
            step: 0.1,
            default: 2.5,
            bands: &[],
            description: "How fast referrals for planned care grow from ageing and rising need, before prevention.",
            source: "Derived: RTT clock starts grew 2.5% a year from 2015/16 to 2018/19 (NHS England RTT series, data/rtt_england_monthly_to_2019.csv). The 80% interval is for the average rate over the years ahead (each run draws one rate for its whole horizon), derived from the same monthly series, October 2015 to December 2019: the trend's standard error (0.46 points; trend 2.26% a year, a log-linear fit with calendar-month effects) with the spread of single years' growth (2.3%, 2.7% and 1.1% in 2017-2019, sd 0.85 points) averaged over 10 years, 2.5% ± 1.28 x 0.53 = 1.8% to 3.2%. The top is the NHS Long Term Plan's 3.2% a year (as assumed in the IFS waiting-list calculator, 2022).",
            // The 80% interval of a 10-year average growth rate, not of one year's growth (for
            // which sqrt(0.46^2 + 0.85^2) = 0.97 points gives 1.3-3.7%, close to the 1.5-3.5%
            // used before, which cited no source): sqrt(0.46^2 + 0.85^2 / 10) = 0.53 points, so
            // 2.5 +- 1.2816 x 0.53 = 1.82 to 3.18, rounded outward to the lever's step. The test
            // `tests/referral_uncertainty.rs` derives it again from ../shared/data. The single
            // years' term is generous: their departures from the trend do not persist (12 months
            // apart they differ no more than two independent months: variance ratio 1.04), so
            // the trend's error alone (1.9-3.1%) would also do; with financial years instead of
            // calendar years (two comparisons, 0.7% and 3.9%, moved by Easter) the same term
            // would give 1.4-3.6%. Not in it:
            // a change of regime (clock starts grew 5.7% a year from July 2021 to August 2023 as
            // demand held back in 2020-21 returned; over 2018/19 to 2022/23 as a whole they fell,
            // 1.72m to 1.70m a month, FACTS.md).
            uncertainty: Some((1.8, 3.2)),
            phrase: None,
        },
        CostPressure => ParamSpec {
            key: "cost_pressure_pct",
            label: "Cost pressure",
            group: Group::Assumption,
            unit: Percent("% a year of real funding absorbed"),
            min: 0.0,
            max: 4.0,
            step: 0.1,
            default: 1.0,
            bands: &[],
            description: "Part of each year's real growth that goes on rising unit costs (pay above inflation, drugs, new treatments) rather than more staff.",
            source: "Assumption: NHS costs have risen faster than general inflation by 1-2% a year (Nuffield Trust, NHS cost pressures).",
            uncertainty: Some((0.3, 1.8)),
            phrase: None,
        },
        LeaverRate => ParamSpec {
            key: "leaver_rate_pct",
            label: "Leaver rate",
            group: Group::Assumption,
            unit: Percent("% of staff a year"),
            min: 4.0,
            max: 15.0,
            step: 0.1,
            default: 8.1,
            bands: &[],
            description: "Share of staff who leave each year when the workload is normal.",
            source: "8.1% in 2023, 9.4% in 2022 (NHS England).",
            uncertainty: Some((7.4, 9.4)),
            phrase: None,
        },
        ActivityPerFte => ParamSpec {
            key: "activity_per_fte_pct",
            label: "Activity per staff member",
            group: Group::Assumption,
            unit: Percent("% of the calibrated level"),
            min: 80.0,
            max: 120.0,
            step: 1.0,
            default: 100.0,
            bands: &[],
            description: "How many treatments a member of staff delivers, relative to the level that reproduces 18 million treatments in 2024.",
            source: "Calibrated: about 18m treatments in 2024 (NHS England; IFS) over 1.5m FTE (Nuffield Trust).",
            uncertainty: Some((95.0, 105.0)),
            phrase: None,
        },
        PreventionEffect => ParamSpec {
            key: "prevention_effect_pct",
            label: "Avoidable demand",
            group: Group::Assumption,
            unit: Percent("% of referrals prevention could avoid"),
            min: 0.0,
            max: 40.0,
            step: 1.0,
            default: 15.0,
            bands: &[],
            description: "The most that prevention could ever remove from referrals (more in deprived areas); spending approaches it with diminishing returns.",
            source: "Assumption, scaled to a 14.3:1 median return on public-health spend (Masters et al., JECH 2017) and £3,800 per healthy year (Health Foundation, 2024).",
            uncertainty: Some((7.5, 22.5)),
            phrase: None,
        },
        PreventionDelay => ParamSpec {
            key: "prevention_delay_years",
            label: "Prevention delay",
            group: Group::Assumption,
            unit: Plain("years"),
            min: 1.0,
            max: 15.0,
            step: 0.5,
            default: 5.0,
            bands: &[],
            description: "Average time before prevention spending reaches risk (smoking, weight, blood pressure), and again before that shows in healthy years. Planned-care referrals have their own, longer delay.",
            source: "Falls prevention pays back within 18 months; cardiovascular disease, obesity and dementia over decades (PHE return-on-investment tools).",
            uncertainty: Some((3.0, 8.0)),
            phrase: None,
        },
        BurnoutSensitivity => ParamSpec {
            key: "burnout_sensitivity",
            label: "Burnout sensitivity",
            group: Group::Assumption,
            unit: Plain("extra leavers per unit of excess workload"),
            min: 0.0,
            max: 3.0,
            step: 0.05,
            default: 0.5,
            bands: &[],
            description: "How strongly leaving rises when each member of staff carries more work than at the start (0.5: 10% more work per head, 5% more leavers).",
            source: "Assumption: no direct UK estimate; NHS Staff Survey links workload and intention to leave.",
            uncertainty: Some((0.2, 1.0)),
            phrase: None,
        },
        RemovalShare => ParamSpec {
            key: "removal_share_pct",
            label: "Removed without treatment",
            group: Group::Assumption,
            unit: Percent("% of referrals, at the start"),
            min: 0.0,
            max: 30.0,
            step: 0.5,
            default: 13.0,
            bands: &[],
            description: "Patients validated off the list or who no longer need care in the first month, as a share of new referrals. It sets the level of removals; after the first month the part that follows the list (next assumption) moves with the list and how long people have waited, the rest with referrals. As a share of the list removals were about 7% a month before 2020 and about 3% after.",
            source: "Derived: clock starts minus completions minus change in list. July 2021 to August 2023, the regime the model starts in: 12.9% of starts (median month), P10-P90 11.0-14.1% (data/rtt_england_monthly_2020_2023.csv); annual means 12.2% (2021), 12.3% (2022), 13.3% (2023); 2015-2019 annual 15.8-17.5% (data/rtt_england_monthly_to_2019.csv). The 80% interval for the level over the years ahead (11.5-15%) runs from below the recent annual means to half-way back to pre-2020 validation.",
            uncertainty: Some((11.5, 15.0)),
            phrase: None,
        },
        ListResponse => ParamSpec {
            key: "list_response",
            label: "Removals that follow the list",
            group: Group::Assumption,
            unit: Plain("share of removals, 0-1"),
            min: 0.0,
            max: 1.0,
            step: 0.05,
            default: 0.8,
            bands: &[],
            description: "How much of the removal without treatment is a monthly chance of leaving for everyone waiting, rising with time waited (they go private, are treated elsewhere, or no longer need care), rather than a share of new referrals. A longer, older list then loses more patients and a shorter one fewer, whatever the scenario: a balancing loop in absolute terms. 0: removals follow referrals only; 1: all follow the list.",
            source: "Assumption. Reneging as a hazard by months waited follows the NHSRtt package; removals were about 7% of the list a month before 2020 and 3% after, while 13-17% of referrals throughout (NHS England RTT series, data/README.md), so how far they follow the list is uncertain.",
            uncertainty: Some((0.5, 1.0)),
            phrase: None,
        },
        LifeExpectancyTrend => ParamSpec {
            key: "life_expectancy_trend",
            label: "Background life-expectancy gain",
            group: Group::Assumption,
            unit: Plain("years per year"),
            min: -0.2,
            max: 0.4,
            step: 0.01,
            default: 0.1,
            bands: &[],
            description: "How fast life expectancy and healthy life expectancy rise for everyone from wider trends, before anything the system does. Each fifth's own trend comes on top (next assumption).",
            source: "ONS 2022-based national population projections: period life expectancy rising about 0.1-0.15 years a year.",
            uncertainty: Some((0.0, 0.2)),
            phrase: None,
        },
        ReferralWaitElasticity => ParamSpec {
            key: "referral_wait_elasticity",
            label: "Referrals deterred by long waits",
            group: Group::Assumption,
            unit: Percent("% of referrals deterred per 1% longer expected wait"),
            min: 0.0,
            max: 0.4,
            step: 0.01,
            default: 0.15,
            bands: &[],
            description: "When the expected wait (months of work on the list) lengthens beyond today's, some of those referred go private, elsewhere or give up, and leave the list untreated; when it shortens again, they come back (down to today's wait). 0.15: a wait 20% longer than today's deters 3% of referrals; at most 6%, at 1.5 times today's wait.",
            source: "Estimates of the elasticity of demand for elective care to waiting time: -0.15 to -0.24 (Siciliani, Fiorio and Riganti, Health Economics 2017); small in English panel data (Martin and Smith, JRSS A 2003). Bounded by 2015-2023: clock starts in 2022 and 2023 were 12% and 8% below the 2016-2019 trend while median waits were 1.75 and 1.9 times 2019's, an elasticity of 0.13-0.22 at most (data/rtt_england_monthly_*.csv).",
            uncertainty: Some((0.10, 0.24)),
            phrase: None,
        },
        LifeExpectancyTrendContinued => ParamSpec {
            key: "le_trend_continued_pct",
            label: "Trend by fifth that continues",
            group: Group::Assumption,
            unit: Percent("% of the 2015-2024 trend"),
            min: 0.0,
            max: 200.0,
            step: 5.0,
            default: 100.0,
            bands: &[],
            description: "How much of each deprivation fifth's published trend against England's average carries on: places whose life expectancy fell behind from 2015-17 to 2022-24 keep falling behind, and the gap within each place keeps widening at the rate that widened England's. 100%: as in 2015-2024; 0%: every fifth moves with the background trend and the gap holds still.",
            source: "Assumption. Trend: each place's life expectancy 2015-17 to 2022-24 (OHID Fingertips, data/places.csv) and the gap between England's most and least deprived deciles, men 9.7 years (2018-20) to 10.4 (2022-24), women 7.9 to 8.1 (ONS); the gap has widened in every period since 2015-17.",
            uncertainty: Some((25.0, 150.0)),
            phrase: None,
        },
        WaitHarm => ParamSpec {
            key: "wait_harm_healthy_years",
            label: "Health lost to long waits",
            group: Group::Assumption,
            unit: Plain("healthy years lost per year waited beyond 18 weeks"),
            min: 0.0,
            max: 1.0,
            step: 0.01,
            default: 0.1,
            bands: &[],
            description: "Healthy life lost, over a patient's lifetime, for each year a patient waits beyond 18 weeks: symptoms worsen and some of the loss is not recovered after treatment. Averaged over everything on the list, most of which loses little.",
            source: "Assumption, from Gibbs et al., Medical Decision Making 2024 (NHS England, HES and PROMs): waiting 36 rather than 18 weeks costs 0.034-0.043 QALYs for a heart bypass and 0.19-0.29 for a hip replacement, more in deprived areas (0.1-0.8 a year of extra wait); Nikolova et al. (2016) find no loss for hernia or varicose veins.",
            uncertainty: Some((0.03, 0.3)),
            phrase: None,
        },
        ProductivityDelivered => ParamSpec {
            key: "productivity_delivered_pct",
            label: "Productivity gain delivered",
            group: Group::Assumption,
            unit: Percent("% of the productivity lever's planned gain"),
            min: 0.0,
            max: 150.0,
            step: 5.0,
            default: 100.0,
            bands: &[],
            description: "How much of the productivity gain set on its lever is actually delivered. Plans have promised more than the NHS has achieved, and gains can go backwards.",
            source: "Assumption. NHS productivity grew about 0.8% a year 1995-2019 (ONS) against the 1.5-2% the Long Term Workforce Plan relies on (about 40-55% of it); acute productivity was 11% below pre-pandemic in 2023/24 (NHS England).",
            uncertainty: Some((40.0, 110.0)),
            phrase: None,
        },
        BankCover => ParamSpec {
            key: "bank_cover_pct",
            label: "Vacancies covered by bank staff",
            group: Group::Assumption,
            unit: Percent("% of the vacancies agency does not cover"),
            min: 0.0,
            max: 100.0,
            step: 5.0,
            default: 60.0,
            bands: &[],
            description: "Bank shifts (the NHS's own staff working extra, at about the cost of a post) cover this share of the posts agency staff do not. The work of the rest is lost, and their budget goes on other running costs rather than into a surplus.",
            source: "Derived: bank spend £5.8bn in 2022/23 (LaingBuisson) is about 115,000 FTE at the cost of a post, more than the vacancies agency did not cover in 2022 (NHS Digital, 9.7%); part of it covers sickness, leave and surges (assumption), hence 60%, 40-80%.",
            uncertainty: Some((40.0, 80.0)),
            phrase: None,
        },
        ElectiveUseOfFreedBeds => ParamSpec {
            key: "elective_use_of_freed_beds_pct",
            label: "Freed beds used for planned care",
            group: Group::Assumption,
            unit: Percent("% of beds freed from delayed discharge"),
            min: 0.0,
            max: 100.0,
            step: 5.0,
            default: 50.0,
            bands: &[],
            description: "When social care frees beds held by people fit to leave, how many of them go to planned operations rather than to emergency patients and to bringing occupancy down towards a safe level.",
            source: "Assumption: no published estimate links delayed discharges to elective activity (FACTS.md). Bed occupancy ran at 93.6-95.7% against a safe 85-92% (NHS England, 2022-23), so part of any freed bed goes to emergency flow.",
            uncertainty: Some((20.0, 80.0)),
            phrase: None,
        },
        // Prevention and planned care (fresh-eyes finding 6, money helper).
        PreventionReferralDelay => ParamSpec {
            key: "prevention_referral_delay_years",
            label: "Prevention delay for planned-care referrals",
            group: Group::Assumption,
            unit: Plain("years"),
            min: 2.0,
            max: 30.0,
            step: 0.5,
            default: 10.0,
            bands: &[],
            description: "Average time before prevention spending shows up as fewer referrals for planned care, which come from long-term illness (worn joints, diabetic eyes, heart disease) that prevention slows over decades. Falls prevention pays back fast but avoids emergency care.",
            source: "Assumption: no published estimate found. Range from PHE return-on-investment tools: falls prevention pays back within 18 months; cardiovascular disease, obesity and dementia over decades.",
            uncertainty: Some((5.0, 20.0)),
            phrase: None,
        },
    }
}

/// Keys renamed since files and links were first written, (old, new): reading takes either,
/// writing uses the new. `agency_cap_pct` was a share of vacancies covered, not a cap.
pub const RENAMED_KEYS: &[(&str, &str)] = &[("agency_cap_pct", "agency_cover_pct")];

/// The key a possibly old key now goes by.
pub fn current_key(key: &str) -> &str {
    RENAMED_KEYS
        .iter()
        .find(|(old, _)| *old == key)
        .map_or(key, |&(_, new)| new)
}

/// A message about a setting, naming the key as it was written: a link that says
/// `agency_cap_pct=99` hears about `agency_cap_pct`, not the key it now goes by.
pub fn name_as_written(message: String, key: &str) -> String {
    let current = current_key(key);
    match message.strip_prefix(current) {
        Some(rest) if current != key => format!("{key}{rest}"),
        _ => message,
    }
}

impl Lever {
    /// The lever with this key, or with an old key it was renamed from ([`RENAMED_KEYS`]).
    pub fn from_key(key: &str) -> Option<Lever> {
        let key = current_key(key);
        // Behind `black_box` the search stays a loop: at opt-level 3 it was unrolled into a
        // comparison with every key, 4.5 KB of the app's wasm for a lookup made on a click.
        std::hint::black_box(&Lever::ALL)
            .iter()
            .copied()
            .find(|v| v.key() == key)
    }
}

impl Assumption {
    /// The assumption with this key, or with an old key it was renamed from.
    pub fn from_key(key: &str) -> Option<Assumption> {
        let key = current_key(key);
        // A loop, not unrolled (see `Lever::from_key`): 6.2 KB of wasm unrolled.
        std::hint::black_box(&Assumption::ALL)
            .iter()
            .copied()
            .find(|v| v.key() == key)
    }
}

/// A value for every lever, in table order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeverValues(pub [f64; Lever::COUNT]);

/// A value for every assumption, in table order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AssumptionValues(pub [f64; Assumption::COUNT]);

impl Default for LeverValues {
    fn default() -> Self {
        LeverValues(LEVERS.map(|s| s.default))
    }
}

impl Default for AssumptionValues {
    fn default() -> Self {
        AssumptionValues(ASSUMPTIONS.map(|s| s.default))
    }
}

impl std::ops::Index<Lever> for LeverValues {
    type Output = f64;
    fn index(&self, l: Lever) -> &f64 {
        &self.0[l as usize]
    }
}
impl std::ops::IndexMut<Lever> for LeverValues {
    fn index_mut(&mut self, l: Lever) -> &mut f64 {
        &mut self.0[l as usize]
    }
}
impl std::ops::Index<Assumption> for AssumptionValues {
    type Output = f64;
    fn index(&self, a: Assumption) -> &f64 {
        &self.0[a as usize]
    }
}
impl std::ops::IndexMut<Assumption> for AssumptionValues {
    fn index_mut(&mut self, a: Assumption) -> &mut f64 {
        &mut self.0[a as usize]
    }
}

/// Every lever and assumption spec, levers first: what `--set key=value` accepts.
pub fn all_specs() -> impl Iterator<Item = &'static ParamSpec> {
    LEVERS.iter().chain(ASSUMPTIONS.iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_found_by_its_key() {
        let mut keys: Vec<&str> = all_specs().map(|s| s.key).collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
        for (i, &l) in Lever::ALL.iter().enumerate() {
            assert_eq!(l as usize, i);
            assert_eq!(Lever::from_key(l.key()), Some(l));
        }
        for &a in Assumption::ALL {
            assert_eq!(Assumption::from_key(a.key()), Some(a));
        }
    }

    #[test]
    fn a_renamed_key_reads_as_the_key_it_now_goes_by() {
        assert_eq!(Lever::AgencyCover.key(), "agency_cover_pct");
        assert_eq!(Lever::from_key("agency_cap_pct"), Some(Lever::AgencyCover));
        assert_eq!(current_key("agency_cap_pct"), "agency_cover_pct");
        assert_eq!(current_key("recruitment_pct"), "recruitment_pct");
        for (old, new) in RENAMED_KEYS {
            // An old key is no current key, and leads to one.
            assert!(all_specs().all(|s| s.key != *old), "{old}");
            assert!(all_specs().any(|s| s.key == *new), "{new}");
        }
        assert_eq!(
            name_as_written(
                "agency_cover_pct = 99 is out of range".into(),
                "agency_cap_pct"
            ),
            "agency_cap_pct = 99 is out of range"
        );
        assert_eq!(
            name_as_written(
                "agency_cover_pct = 99 is out of range".into(),
                "agency_cover_pct"
            ),
            "agency_cover_pct = 99 is out of range"
        );
    }

    #[test]
    fn a_value_out_of_range_is_a_typed_error_reading_as_one_line() {
        let spec = Lever::Recruitment.spec();
        assert_eq!(spec.check(5.0), Ok(5.0));
        let high = spec.check(99.0).unwrap_err();
        assert!(matches!(
            high,
            ValueError::OutOfRange { key: "recruitment_pct", value, .. } if value == 99.0
        ));
        assert_eq!(
            high.to_string(),
            format!(
                "recruitment_pct = 99 is out of range: it must be between -30 and 50 ({})",
                spec.unit
            )
        );
        assert_eq!(
            spec.check(0.25 - 31.0).unwrap_err().to_string(),
            format!(
                "recruitment_pct = -30.75 is out of range: it must be between -30 and 50 ({})",
                spec.unit
            )
        );
        let nan = spec.check(f64::NAN).unwrap_err();
        assert!(matches!(
            nan,
            ValueError::NotANumber {
                key: "recruitment_pct",
                ..
            }
        ));
        assert_eq!(nan.to_string(), "recruitment_pct must be a number, got NaN");
        assert_eq!(
            String::from(spec.check(f64::INFINITY).unwrap_err()),
            "recruitment_pct must be a number, got inf"
        );
    }

    #[test]
    fn a_unit_starts_with_its_symbol() {
        for s in all_specs() {
            assert!(s.unit.text().starts_with(s.unit.symbol()), "{}", s.key);
            assert_eq!(
                format!("{}{}", s.unit.symbol(), s.unit.rest()),
                s.unit.text(),
                "{}",
                s.key
            );
        }
        assert_eq!(Lever::Recruitment.spec().unit.rest(), " change in joiners");
        assert_eq!(Assumption::PreventionDelay.spec().unit.rest(), "years");
    }

    #[test]
    fn levers_carry_a_phrase_and_assumptions_none() {
        assert!(LEVERS.iter().all(|s| s.phrase.is_some()));
        assert!(ASSUMPTIONS.iter().all(|s| s.phrase.is_none()));
        // A lever read inside another's phrase names a lever with a phrase of its own.
        for s in LEVERS.iter() {
            if let Some((host, _, _)) = s.phrase.and_then(|p| p.inside) {
                assert!(host.spec().phrase.is_some_and(|p| p.inside.is_none()));
            }
        }
    }
}
