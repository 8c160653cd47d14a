//! Every figure the model's equations use, in one place, each with its source: FACTS.md or
//! another public source, or "Assumption" where none exists. An assumption that drives results
//! and is uncertain is not here but in the assumption table (`levers::ASSUMPTIONS`), which
//! carries its 80% interval into the Monte Carlo; the assumptions here are the model's
//! structure (bounds and weights that keep a loop from reversing an effect) and say so.
//!
//! Units are in the names: `_GBP`, `_FTE`, `_MONTHS`, `_SHARE` (0-1), `_PCT` (0-100), `_A_YEAR`.
//! Unit conversions (12 months a year, 100 per cent, 1e6 pounds a million) are not
//! parameters and stay in the equations.
//!
//! Moving a figure here keeps its value and the arithmetic that uses it bit for bit: the
//! golden fingerprint (tests/golden/england_default.fingerprint) pins it.

use crate::data::BySex;

// ---- England's starting position (FACTS.md unless stated) ----

/// GP-registered population of England 2025/26, the sum over ICBs (NHS England allocations).
pub const ENGLAND_POPULATION: f64 = 63_849_321.0;
/// Clock starts about 1.70m a month in 2022/23 (NHS England RTT series). Referrals per ICB
/// are not published: an ICB's are this x its need-weighted population share (an estimate).
pub const ENGLAND_REFERRALS_A_MONTH: f64 = 1.70e6;
/// About 18m treatments (completed pathways) in 2024 (NHS England; IFS): 1.5m a month. For
/// reference: the model's capacity is fitted to each system's own list
/// (`Fit::capacity_ratio` in `baseline`); England's fit is about 1.5m.
pub const ENGLAND_TREATMENTS_A_MONTH: f64 = 1.5e6;
/// NHS staff 1.5m FTE, 2023 (Nuffield Trust).
pub const ENGLAND_STAFF_FTE: f64 = 1.5e6;
/// Vacancy rate 9.7% of establishment, 2022 (NHS Digital vacancy statistics).
pub const VACANCY_RATE: f64 = 0.097;
/// All NHS England's allocations to ICBs, £ a year: £127.2bn in 2024/25 (House of Commons
/// Library CBP-10031), taken as the 2025/26 level in real terms. Of it £107.6bn was core
/// services (£1,732 per registered patient, the figure this model used until the seventh
/// session, which alone gave England £110.6bn), £11.2bn primary medical care (about £180 a
/// patient) and the rest other delegated services (dental, pharmacy, optometry).
pub const ICB_ALLOCATIONS_GBP_A_YEAR: f64 = 127_200.0e6;
/// ICB allocation per registered patient of 2025/26 at the need index of 1.0 (England's
/// average: the need index is weighted over registered population, and the 42 ICBs' weighted
/// populations add up to the registered one): £127.2bn / 63.85m = £1,992 a head. Each ICB's
/// allocation is this times its registered population times its 2025/26 need index (NHS
/// England; 0.88 to 1.12, so £1,755 to £2,236 a head against core services' published £1,480
/// to £1,986 a head, whose extremes also carry the pace of convergence to target). Primary
/// medical care has its own formula; sharing it by the core need index is an estimate, and
/// the app says so.
pub const ALLOCATION_GBP_PER_HEAD: f64 = ICB_ALLOCATIONS_GBP_A_YEAR / ENGLAND_POPULATION;
/// Maintenance backlog £15.9bn (2024/25), up £2.1bn a year from £13.8bn (NHS ERIC).
pub const ENGLAND_BACKLOG_GBP_M: f64 = 15_900.0;
pub const ENGLAND_BACKLOG_GROWTH_GBP_M: f64 = 2_100.0;
/// General and acute beds in England: about 100,000 (House of Commons Library, Dec 2022).
pub const ENGLAND_ACUTE_BEDS: f64 = 100_000.0;

// ---- Demand ----

/// Relative need for care by quintile (Q1 most deprived), mean 1. Derived: across the 42
/// ICBs the 2025/26 need index rises by 0.32 from no residents to all residents in the most
/// deprived fifth (least squares, data/icb_baseline_extended.csv); a straight line in
/// quintile with that contrast between Q1 and the rest.
pub const NEED_BY_QUINTILE: [f64; 5] = [1.255, 1.127, 1.0, 0.873, 0.745];

/// Monthly clock starts relative to the year's average, January first: NHS England RTT
/// series Oct 2015 - Dec 2019 (12-month centred ratios, data/rtt_england_monthly_to_2019.csv).
/// Used, with noise, in stochastic runs only.
pub const SEASONALITY: [f64; 12] = [
    1.029, 0.959, 1.052, 0.975, 1.033, 1.024, 1.015, 0.994, 0.982, 1.052, 1.045, 0.855,
];
/// Monthly completions (admitted and non-admitted clock stops: treatments) relative to the
/// year's average, January first: NHS England RTT series Oct 2015 - Dec 2019, each month over
/// its 12-month centred moving average, the mean of each calendar month (as
/// [`SEASONALITY`]; data/rtt_england_monthly_to_2019.csv; `tests/seasonality.rs` derives it
/// again). Fewer treatments in December, April (Easter) and February, more in October and
/// November. Used with [`SEASONALITY`] in deterministic runs only when the calibration
/// asks for the calendar (`calibration::Settings::seasonal`; issue 10 item 6).
pub const COMPLETIONS_SEASONALITY: [f64; 12] = [
    1.049, 0.950, 1.025, 0.941, 1.019, 1.021, 1.003, 0.982, 0.991, 1.062, 1.086, 0.869,
];
/// The waiting list relative to its 12-month centred moving average, January first: NHS
/// England RTT series Oct 2015 - Dec 2019, the mean of each calendar month (as
/// [`SEASONALITY`]; `tests/seasonality.rs`). The list is shortest in January and longest in
/// August. With the calendar option the start-stage fit carries the start month's list on
/// along this pattern (`calibration::CarryOn`); the model's own list follows from its flows.
pub const LIST_SEASONALITY: [f64; 12] = [
    0.9734, 0.9774, 0.9893, 1.0047, 1.0146, 1.0146, 1.0167, 1.0190, 1.0133, 1.0081, 0.9937, 0.9834,
];
/// The share within 18 weeks less its 12-month centred moving average, percentage points,
/// January first: NHS England RTT series Oct 2015 - Dec 2019, the mean of each calendar
/// month (`tests/seasonality.rs`). Highest in May, lowest in December and September. With
/// the calendar option the start-stage fit carries the start month's share on along it.
pub const WITHIN_18_SEASONALITY_PTS: [f64; 12] = [
    -0.22, -0.06, -0.11, -0.03, 0.55, 0.40, 0.27, -0.03, -0.29, 0.00, 0.29, -0.50,
];
/// Month-to-month noise in referrals beyond seasonality, as a share (sd). Derived: monthly
/// clock starts October 2015 - December 2019 over their 12-month centred moving average,
/// less [`SEASONALITY`], vary with a standard deviation of 3.6% (39 months; the same months
/// about a log-linear trend with calendar-month effects: 4.0%), data/rtt_england_monthly_to_2019.csv.
/// Much of it is working days and Easter, which the model does not follow month by month.
pub const REFERRAL_NOISE_SD: f64 = 0.036;
/// Prevention spend (£ per head a year) at which half the avoidable demand is avoided.
/// Assumption, sized so £60 a head (about doubling the public-health grant) avoids a third
/// of what is avoidable.
pub const PREVENTION_HALF_EFFECT_GBP: f64 = 150.0;
/// Stages of each delay between prevention spend and its effect (a third-order delay: the
/// effect builds slowly, then fades in, as system-dynamics practice draws a material delay;
/// Sterman, Business Dynamics, ch. 11). The delay's length is the `prevention_delay_years`
/// assumption, which carries the uncertainty.
pub const PREVENTION_DELAY_STAGES: usize = 3;
/// The shortest a stage of those delays lasts, months: the model steps a month at a time.
pub const MIN_DELAY_STAGE_MONTHS: f64 = 1.0;
/// The most of any fifth's referrals prevention can avoid. Assumption, a bound valid input
/// does not reach: at the top of the `prevention_effect_pct` range (40%) and the most
/// deprived fifth's need (1.255) at most 50% are avoided.
pub const MAX_AVOIDED_SHARE: f64 = 0.9;

// ---- Workforce ----

/// Average cost of a member of staff with on-costs, £ a year. Estimate: Agenda for Change
/// band 5-6 mid-points 2024/25 (NHS Employers) plus about 25% employer on-costs.
pub const PAY_GBP_PER_FTE: f64 = 48_000.0;
/// Agency price cap: 55% above basic pay (NHS Improvement, 2016).
pub const AGENCY_PREMIUM: f64 = 0.55;
/// Training pipeline: about 3 years for a nurse (Long Term Workforce Plan).
pub const TRAINING_MONTHS: usize = 36;
/// Share of joiners who come through the domestic training pipeline. Assumption.
pub const TRAINED_SHARE_OF_JOINERS: f64 = 1.0 / 3.0;
/// How workload per head is read for burnout: referrals against month 0's (the flow of new
/// work) weighted 0.7, the list against month 0's (the stock of work waiting) 0.3.
/// Assumption: the weights are not varied in the Monte Carlo; the strength of the response
/// is (`burnout_sensitivity`, with its 80% interval).
pub const WORKLOAD_REFERRAL_WEIGHT: f64 = 0.7;
pub const WORKLOAD_LIST_WEIGHT: f64 = 0.3;
/// Workload per head is read at most ten times month 0's, and staff (with cover) at no less
/// than a tenth of month 0's: a system with almost no staff left would otherwise exceed any
/// bound. Assumption (a bound, not varied in the Monte Carlo).
pub const MAX_WORKLOAD_RATIO: f64 = 10.0;
pub const MIN_STAFF_RATIO: f64 = 0.1;
/// Nobody can leave more than once: at most the whole workforce leaves in a year.
pub const MAX_LEAVER_SHARE_A_YEAR: f64 = 1.0;

// ---- Money (the rules in `finance`) ----

/// Bank staff spend in England, 2022/23: £5.8bn (LaingBuisson, reported by HSJ and others,
/// Jan 2024; NHS England's temporary staffing figures give bank spend rising since).
pub const BANK_SPEND_2022_23_GBP_M: f64 = 5_800.0;
/// Agency spend in England: £3.46bn in 2022/23, £2.07bn in 2024/25 (DHSC parliamentary
/// answer; FACTS.md).
pub const AGENCY_SPEND_2022_23_GBP_M: f64 = 3_460.0;
pub const AGENCY_SPEND_2024_25_GBP_M: f64 = 2_070.0;
/// Bank shifts cost about what a substantive post costs: bank staff are paid Agenda for
/// Change rates with holiday pay and pension (NHS Employers); enhanced "incentive" rates
/// some trusts pay add to it. Assumption: 5% above the cost of a post.
pub const BANK_PREMIUM: f64 = 0.05;

/// Cost of raising productivity growth, £ a head a year per percentage point above the
/// long-run 0.8% a year: the Spring Budget 2024 gave £3.4bn of capital over 2025/26-2027/28
/// for NHS technology to deliver 1.9% a year (NHS productivity plan), about £1.13bn a year
/// for 1.1 points above 0.8%, or £1.03bn a year a point: £16 a head of England's 63.8m.
/// Assumption: the gain needs the investment for as long as it is sought.
pub const PRODUCTIVITY_COST_GBP_PER_HEAD_PER_POINT: f64 =
    3_400.0e6 / 3.0 / (1.9 - 0.8) / ENGLAND_POPULATION;
/// Long-run NHS productivity growth, % a year, that costs nothing extra: about 0.8% a year
/// 1995-2019 (ONS; FACTS.md). The lever's default.
pub const PRODUCTIVITY_TREND_PCT: f64 = 0.8;

/// Cost of training places, £ a head a year per 1% more training intake: the Long Term
/// Workforce Plan (2023) put £2.4bn over five years into the extra education and training
/// places of its roughly 50% expansion: £480m a year for +50%, £9.6m a year per 1% for
/// England. Paid nationally by the NHS (NHS England's workforce budget).
pub const TRAINING_COST_GBP_PER_HEAD_PER_PCT: f64 = 2_400.0e6 / 5.0 / 50.0 / ENGLAND_POPULATION;

// ---- Social care ----

/// A week of the care a person fit to leave hospital waits for, £, at 2025/26 prices:
/// - care home: about £800 a week, the average fee local authorities pay (ONS, care homes
///   and self-funders, 2023);
/// - home care: 15 hours a week (Assumption: the typical long-term package, NHS Digital
///   adult social care activity) at £28.53 an hour (Homecare Association minimum price for
///   homecare, 2024/25);
/// - intermediate care (reablement, step-down beds): taken at the care-home fee
///   (Assumption; PSSRU Unit Costs of Health and Social Care give bed-based intermediate
///   care above residential care, home-based below).
pub const CARE_HOME_GBP_A_WEEK: f64 = 800.0;
pub const HOME_CARE_GBP_A_WEEK: f64 = 15.0 * 28.53;
pub const INTERMEDIATE_CARE_GBP_A_WEEK: f64 = 800.0;
/// Why people fit to leave wait, 2022-23 (Health Foundation): home care 24%, care home 16%,
/// intermediate care 24% (of all delays; the rest wait for the NHS or other reasons).
pub const DELAY_REASONS: [(f64, f64); 3] = [
    (0.24, HOME_CARE_GBP_A_WEEK),
    (0.16, CARE_HOME_GBP_A_WEEK),
    (0.24, INTERMEDIATE_CARE_GBP_A_WEEK),
];

/// What freeing a bed through social care has cost, £ a bed a year: the 2022/23 discharge
/// funds spent £486m + £138m (Dec 2022 - Mar 2023) and people fit to leave but still in
/// hospital fell from 13,452 (week to 31 March 2023) to 12,200 (week to 30 June 2023), a fall
/// the evaluation associates with the funds (DHSC, "Rapid evaluation of the 2022 to 2023
/// discharge funds", Dec 2023). Taken as a year's effect: about £0.5m a bed-year, some 15
/// times the care itself (`finance::care_per_bed_freed_gbp_a_year`), because most extra care goes
/// to people who would have left hospital anyway. Assumption: the whole fall is the funds'.
pub const DISCHARGE_FUNDS_SPENT_GBP: f64 = 486.0e6 + 138.0e6;
pub const DISCHARGE_DELAYS_FALL_BEDS: f64 = 13_452.0 - 12_200.0;
pub const COST_PER_BED_FREED_GBP_A_YEAR: f64 =
    DISCHARGE_FUNDS_SPENT_GBP / DISCHARGE_DELAYS_FALL_BEDS;

/// How much delayed discharge waiting for social care falls when care capacity rises:
/// +10% care-home beds cut the delays attributed to social care by 6% to 9% (Gaughan,
/// Gravelle and Siciliani, Health Economics 2015): an elasticity of about 0.75, read as a
/// constant elasticity so the response flattens as capacity grows and never passes 100%.
pub const DELAY_ELASTICITY: f64 = 0.75;

// ---- Beds ----

/// Beds held by people fit to leave: 13,400 of about 100,000 general and acute beds, Dec 2022
/// (House of Commons Library).
pub const DELAYED_DISCHARGE_SHARE: f64 = 0.134;
/// Share of those delays waiting for social care: home care 24% + care home 16% +
/// intermediate care 24% = 64% (Health Foundation, 2022-23: [`DELAY_REASONS`]).
pub const SOCIAL_CARE_SHARE_OF_DELAYS: f64 =
    DELAY_REASONS[0].0 + DELAY_REASONS[1].0 + DELAY_REASONS[2].0;
/// Admitted pathways as a share of completed pathways: 0.28m of 1.42m in 2022/23 (NHS England).
pub const ADMITTED_SHARE: f64 = 0.2;
/// Share of general and acute beds taken by emergency care. Assumption: bed occupancy
/// 93.6-95.7% with emergencies the large majority (NHS England, 2022-23).
pub const EMERGENCY_BED_SHARE: f64 = 0.70;

// ---- Estate ----

/// Capacity lost as the maintenance backlog grows: 3% for each multiple of the starting
/// backlog added (a doubling costs 3%). Assumption: estates failures lose theatre and clinic
/// time (NHS ERIC records the incidents, not the capacity lost); not varied in the Monte
/// Carlo.
pub const ESTATE_CAPACITY_LOSS_PER_BACKLOG: f64 = 0.03;
/// The estate's effect on capacity stays between these: at most 20% lost, at most 3% gained
/// by clearing the backlog. Assumption (bounds, not varied in the Monte Carlo). Valid input
/// does not pass either: a cleared backlog gives 1.03 itself, and 20 years without capital
/// (£2.1bn a year on £15.9bn) take the backlog to 3.6 times its start, a factor of 0.92.
pub const ESTATE_FACTOR_RANGE: (f64, f64) = (0.8, 1.03);

// ---- The waiting list ----

/// Mid-point rank of each fifth on the deprivation scale (0 most deprived, 1 least).
pub const FIFTH_RANK: [f64; 5] = [0.1, 0.3, 0.5, 0.7, 0.9];

/// Within 18 weeks, most and least deprived tenth of England's areas, %: 59.2 and 60.9
/// (NHS England Waiting List Minimum Data Set, week ending 29 June 2025; shared/data/README).
pub const WLMDS_WITHIN_18_DECILES: (f64, f64) = (59.2, 60.9);
/// Over 52 weeks, most and least deprived tenth, %, England and by NHS region (same source).
pub const WLMDS_OVER_52_DECILES: [(&str, f64, f64); 8] = [
    ("England", 3.1, 2.7),
    ("East of England", 4.9, 4.0),
    ("London", 2.4, 1.8),
    ("Midlands", 3.0, 2.4),
    ("North East and Yorkshire", 2.1, 1.9),
    ("North West", 4.0, 3.7),
    ("South East", 3.4, 3.1),
    ("South West", 2.1, 1.7),
];

/// Months of work on England's list in 2019, the last year before the pandemic: 4.48m
/// waiting over 1.43m pathways completed a month (annual means,
/// data/rtt_england_monthly_to_2019.csv). No demand is deterred at or below it.
pub const SHORT_WAIT_MONTHS_OF_WORK: f64 = 4_475_623.0 / 1_427_198.0;

/// The expected wait (relative to month 0's) beyond which long waits deter no further
/// referrals: at the default elasticity, at most 18% of referrals are deterred (2.5 times
/// month 0's wait against 2019's). Assumption, set so that more capacity cannot draw back
/// more patients than it treats: within the bound that takes elasticity x referrals x the
/// staying share / capacity under 1, which holds for a list of at least a month of
/// referrals at the top of the elasticity's range.
pub const MAX_DETERRING_WAIT: f64 = 2.5;

/// Months of work on the list beyond which removals rise no further (three times England's
/// 2025 level). Assumption, set so the loop cannot reverse the effect of capacity: more
/// capacity saves at most rate x slope x months^2 / (1 + slope x months0) of itself from
/// leaving, under 0.6 at 15 months at the default removal share.
pub const MAX_REMOVAL_MONTHS_OF_WORK: f64 = 15.0;

/// The most a unit of extra capacity may save from leaving untreated through the removal
/// loop (a share of itself): below 1, more capacity always shortens the list. Assumption.
pub const MAX_REMOVAL_SAVING: f64 = 0.5;

// ---- Outcomes ----

/// LE at birth, most and least deprived decile, 2022-24 (ONS, secondary; FACTS.md).
pub const LE_DECILES_MEN: (f64, f64) = (73.2, 83.6);
pub const LE_DECILES_WOMEN: (f64, f64) = (78.3, 86.4);
/// HLE at birth, same deciles and period (ONS, secondary; FACTS.md).
pub const HLE_DECILES_MEN: (f64, f64) = (49.8, 69.2);
pub const HLE_DECILES_WOMEN: (f64, f64) = (48.2, 68.5);
/// England HLE 2021-23: men 61.5, women 61.9 (ONS).
pub const HLE_ENGLAND: BySex = BySex {
    male: 61.5,
    female: 61.9,
};
/// LE gap between the most and least deprived deciles, 2018-20: men 9.7, women 7.9 (ONS;
/// FACTS.md). With the 2022-24 deciles above, the gap widened over the 4 years between period
/// mid-points.
pub const LE_DECILE_GAP_2018_20: BySex = BySex {
    male: 9.7,
    female: 7.9,
};
/// HLE gap between the same deciles, 2018-20: men 18.6, women 19.3 (ONS; FACTS.md).
pub const HLE_DECILE_GAP_2018_20: BySex = BySex {
    male: 18.6,
    female: 19.3,
};

/// Healthy years gained at full prevention effect, per unit of the "avoidable demand"
/// assumption (15% -> 4 years, more in deprived fifths in proportion to need). Assumption,
/// checked against £3,800 per healthy year through public health (Health Foundation, 2024):
/// at the margin and once arrived, a pound a head a year buys about 0.0185 years of HLE, a
/// healthy life-year for about £4,400 (tests/model.rs pins it within a factor of two).
pub const HLE_GAIN_PER_AVOIDABLE_SHARE: f64 = 4.0 / 0.15;
/// Life expectancy moves less than healthy life expectancy: 0.4 years per healthy year, for
/// prevention's gains and for harm from waits alike. Assumption: across English local
/// authorities HLE varies about twice as much as LE (ONS decile gaps 2022-24: HLE 19.4 and
/// 20.3 years against LE 10.4 and 8.1), and much of what prevention and treatment change is
/// health while alive rather than length of life.
pub const LE_PER_HLE_GAIN: f64 = 0.4;
/// Working-age share of people on the list, and the share of those kept out of work while
/// they wait more than 18 weeks. Illustrative assumptions: no robust published estimate.
pub const WORKING_AGE_SHARE_OF_LIST: f64 = 0.45;
pub const OUT_OF_WORK_SHARE_OF_LONG_WAITERS: f64 = 0.05;

// ---- The published record (fresh-eyes finding 16: `record`) ----

/// The highest share of England's waiting list under 18 weeks in NHS England's RTT series in
/// the model's data (October 2015 onwards, data/rtt_england_monthly_to_2019.csv): 92.4% in
/// November 2015. The 92% standard was last met in September 2015 (FACTS.md).
pub const BEST_18_WEEK_SHARE_PCT: f64 = 92.40;
pub const BEST_18_WEEK_SHARE_PERIOD: &str = "November 2015";
/// England's shortest waiting list in the same series: 3,524,702 in January 2016.
pub const SHORTEST_ENGLAND_LIST: f64 = 3_524_702.0;
pub const SHORTEST_ENGLAND_LIST_PERIOD: &str = "January 2016";
