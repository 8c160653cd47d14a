//! One run of the model: a scenario in, a month-by-month projection out.
//!
//! Read `step_month` top to bottom for the causal story of a month: prevention lowers need,
//! need drives referrals, funding sets the establishment, staff join and leave (more leave
//! when stretched), staff and beds set capacity, capacity treats the waiting list, money
//! balances, and outcomes follow prevention and waits.

use super::baseline::Baseline;
use super::finance::{self, LeverCosts};
use super::levers::{Assumption as A, AssumptionValues, Lever as L, LeverValues};
use super::math::{exp, exp5, grow, pow, std_normal_pair};
use super::params::*;
use super::phasing::Phasing;
use super::place_aim::{self, PlaceAims};
use super::projection::{MonthRecord, Projection};
use super::queue::{self, HazardShape, Profile, Rules, ShapeParams};
use rand::rngs::StdRng;
use rand::RngExt;

/// A scenario: which system, the levers and assumptions, and how far ahead.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// "england" or an ICB code.
    pub system: String,
    pub levers: LeverValues,
    pub assumptions: AssumptionValues,
    /// Horizon in years, 1 to 20.
    pub years: u32,
    /// When each lever's change takes effect (default: every lever at once).
    pub phasing: Phasing,
    /// Places the place-aimed levers are aimed at (issue 13.2; default: none, the levers act
    /// on the ICB as a whole). See `place_aim`.
    pub places: PlaceAims,
}

pub const MIN_YEARS: u32 = 1;
pub const MAX_YEARS: u32 = 20;
pub const DEFAULT_YEARS: u32 = 10;

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            system: crate::data::ENGLAND.to_string(),
            levers: LeverValues::default(),
            assumptions: AssumptionValues::default(),
            years: DEFAULT_YEARS,
            phasing: Phasing::default(),
            places: PlaceAims::default(),
        }
    }
}

impl Scenario {
    pub fn months(&self) -> usize {
        self.years as usize * 12
    }
}

/// Runs the scenario deterministically.
///
/// Every balancing loop acts in absolute terms (removals as a hazard on those waiting,
/// referrals against the expected wait), so one run suffices: no reference run of current
/// plans is needed.
pub fn simulate(base: &Baseline, s: &Scenario) -> Projection {
    let mut months = Vec::with_capacity(s.months() + 1);
    run(base, s, None, None, |r| months.push(r.clone()));
    Projection {
        system: base.code.clone(),
        months,
    }
}

/// Formerly current plans' list, which removals once followed relatively. The loops now act
/// in absolute terms and ignore it; kept (empty, built without a run) so callers that pass
/// one still compile. Remove when no caller is left.
#[derive(Clone, Debug, PartialEq)]
pub struct ListReference(Vec<f64>);

/// An empty [`ListReference`]: costs nothing, changes nothing.
pub fn reference_lists(_base: &Baseline, _s: &Scenario) -> ListReference {
    ListReference(Vec::new())
}

/// Runs the scenario, handing each month's record to `sink` (month 0 first). `_reference`
/// is ignored (see [`ListReference`]). With `noise`, referrals and capacity follow the
/// seasons and vary month to month.
pub fn run(
    base: &Baseline,
    s: &Scenario,
    _reference: Option<&ListReference>,
    mut noise: Option<&mut StdRng>,
    mut sink: impl FnMut(&MonthRecord),
) {
    let mut state = State::new(base, s);
    sink(&state.record);
    // Box-Muller gives normals in pairs: the second serves the next month.
    let mut spare = None;
    for t in 1..=s.months() {
        let (seasonal, shock) = match noise.as_deref_mut() {
            // Month 0 is the system's start month, so month t is calendar month
            // (start + t) % 12 (0 = January).
            Some(rng) => {
                let z = spare.take().unwrap_or_else(|| {
                    let (z, next) = std_normal_pair(rng.random::<f64>(), rng.random::<f64>());
                    spare = Some(next);
                    z
                });
                (
                    SEASONALITY[(base.start.month0() + t) % 12],
                    1.0 + REFERRAL_NOISE_SD * z,
                )
            }
            None => (1.0, 1.0),
        };
        /* Calendar in deterministic runs (issue 10 item 6): off unless the fit asks for it. */
        if noise.is_none() && base.fit.seasonal != super::baseline::Calendar::Off {
            let (referrals, capacity) = calendar_season(base, t);
            state.step_month_seasons(base, s, t, referrals, capacity, shock);
        } else {
            state.step_month(base, s, t, seasonal, shock);
        }
        sink(&state.record);
    }
}

/// Compound growth factors since month 0, advanced a month at a time by multiplying by a
/// monthly rate (one `pow` per run rather than several per month).
#[derive(Clone, Copy)]
struct Growth {
    demand: f64,
    funding: f64,
    cost: f64,
    productivity: f64,
}

struct Compounding {
    now: Growth,
    monthly: Growth,
}

impl Compounding {
    fn new(s: &Scenario) -> Self {
        let monthly = |pct: f64| grow(pct, 1.0 / 12.0);
        Compounding {
            now: Growth {
                demand: 1.0,
                funding: 1.0,
                cost: 1.0,
                productivity: 1.0,
            },
            monthly: Growth {
                demand: monthly(s.assumptions[A::DemandGrowth]),
                funding: monthly(s.levers[L::FundingGrowth]),
                cost: monthly(s.assumptions[A::CostPressure]),
                productivity: monthly(finance::delivered_productivity_pct(
                    &s.levers,
                    &s.assumptions,
                )),
            },
        }
    }

    fn advance(&mut self) -> Growth {
        let (n, m) = (&mut self.now, &self.monthly);
        n.demand *= m.demand;
        n.funding *= m.funding;
        n.cost *= m.cost;
        n.productivity *= m.productivity;
        *n
    }
}

/// Everything carried from one month to the next.
struct State {
    growth: Compounding,
    queues: [Profile; 5],
    staff: f64,
    /// Trainees who started in each of the last `TRAINING_MONTHS` months, oldest first.
    pipeline: std::collections::VecDeque<f64>,
    /// Third-order delay of prevention spend reaching need, per quintile.
    prevention_delay: [[f64; PREVENTION_DELAY_STAGES]; 5],
    /// A further third-order delay of the same length before that spend reaches health.
    health_delay: [[f64; PREVENTION_DELAY_STAGES]; 5],
    /// Third-order delay of prevention spend reaching planned-care referrals, per quintile
    /// (its own, longer length: fresh-eyes finding 6).
    referral_delay: [[f64; PREVENTION_DELAY_STAGES]; 5],
    /// Whether prevention spend has entered the delays (until it has, every stage is 0 and
    /// stays 0, and the month skips them: 45 divisions a month, a measurable part of a run).
    prevention_started: bool,
    /// Patients waiting beyond 18 weeks at month 0, per quintile.
    over_18_weeks0: [f64; 5],
    backlog_gbp_m: f64,
    /// Who is treated first: the current hazard shape with the equity lever's priority.
    rules: Rules,
    /// Baseline figures at month 0, for relative terms.
    referrals0: f64,
    list0: f64,
    effective_staff0: f64,
    /// Treatment capacity smoothed over `queue::PRIORITY.recent_months`.
    recent_capacity: f64,
    /// Months of work on the list (list / capacity) at month 0: the expected wait that
    /// referrals respond to is measured against it.
    months_of_work0: f64,
    /// Removals at month 0 other than deterred demand, as a share of referrals.
    other_removal_share: f64,
    /// Chance a month of leaving untreated per unit of removal weight (see `removal_rate`).
    removal_rate: f64,
    /// Months of work beyond which removals rise no further (see `max_removal_months`).
    max_removal_months: f64,
    activity_per_fte: f64,
    /// Joiners a month per FTE of establishment that hold the vacancy rate steady under the
    /// default scenario.
    join_rate: f64,
    /// Other running costs (non-pay), £m a month at month 0's funding and unit costs: set at
    /// month 0 so it breaks even, and re-based at the start of each plan year so that year's
    /// plan breaks even (`finance`, rule 1).
    other_costs0_gbp_m: f64,
    /// Unit-cost index the current plan year's budget assumes: re-based on actual costs at
    /// the start of each plan year, then growing at the central cost pressure.
    plan_cost: f64,
    plan_cost_monthly: f64,
    /// Current plans' funding growth since month 0 and a month of it: funding above this
    /// path is extra funding (`MonthRecord::funding_above_plans_gbp_m`).
    plans_funding: f64,
    plans_funding_monthly: f64,
    /// The most bank work staff supply, per member of staff in post.
    bank_supply: f64,
    /// The actual unit-cost index at the end of the previous month.
    last_cost: f64,
    /// Social care: beds freed from delayed discharge (a share of general and acute beds,
    /// negative when care is cut) and the capacity factor from beds given to planned care.
    care: Care,
    /// Whether any lever is phased (set away from current plans, and not at once): only then
    /// are the levers read month by month (`Phasing::levers_at`).
    phased: bool,
    /// The equity lever's value the treatment order was last built for, and the hazard
    /// shape it is built on (made once, when the lever is phased: the order is rebuilt each
    /// month of its ramp).
    deprived_priority: f64,
    hazard: Option<HazardShape>,
    record: MonthRecord,
    /// Levers aimed at places (issue 13.2): the chosen places' share of each fifth's
    /// residents for prevention and for equity in access (`None`: not aimed).
    prevention_reach: Option<[f64; 5]>,
    equity_reach: Option<[f64; 5]>,
}

/// What the social care lever does, fixed for a run.
struct Care {
    delayed_share: f64,
    beds_freed: f64,
    bed_factor: f64,
}

impl Care {
    /// Social-care delays fall with care capacity at the published elasticity
    /// (`finance::social_care_delays_remaining`); part of the freed beds go to planned care
    /// (an assumption); beds limit the admitted fifth of treatments (square root: theatres
    /// and staff limit too).
    fn new(base: &Baseline, s: &Scenario) -> Care {
        Care::of(base, s.levers[L::SocialCare], &s.assumptions)
    }

    /// [`Care::new`] for a social care lever at `social_care_pct` (a phased lever's value in
    /// the month).
    fn of(base: &Baseline, social_care_pct: f64, a: &AssumptionValues) -> Care {
        let remaining = finance::social_care_delays_remaining(social_care_pct);
        let freed_share = DELAYED_DISCHARGE_SHARE * SOCIAL_CARE_SHARE_OF_DELAYS * (1.0 - remaining);
        let to_planned = freed_share * a[A::ElectiveUseOfFreedBeds] / 100.0;
        let free = 1.0 - EMERGENCY_BED_SHARE - DELAYED_DISCHARGE_SHARE;
        let elective_beds = ((free + to_planned) / free).max(0.0);
        Care {
            delayed_share: DELAYED_DISCHARGE_SHARE - freed_share,
            beds_freed: freed_share * base.acute_beds,
            bed_factor: 1.0 - ADMITTED_SHARE + ADMITTED_SHARE * elective_beds.sqrt(),
        }
    }
}

impl State {
    fn new(base: &Baseline, s: &Scenario) -> State {
        let a = &s.assumptions;
        let staff = base.staff_fte;
        let vacancies = base.establishment_fte - staff;
        // Month 0 is the same starting state for every scenario, so calibrations below use the
        // default agency share, not the scenario's.
        let agency = vacancies * L::AgencyCover.spec().default / 100.0;
        let bank_supply = finance::bank_supply_share_of_staff();
        let bank = ((vacancies - agency) * a[A::BankCover] / 100.0).min(bank_supply * staff);
        // Default establishment growth: real funding growth less cost pressure.
        let default_growth = grow(L::FundingGrowth.spec().default, 1.0)
            / grow(A::CostPressure.spec().default, 1.0)
            - 1.0;
        let join_rate =
            (A::LeaverRate.spec().default / 100.0 + default_growth) * (1.0 - VACANCY_RATE) / 12.0;
        let trainees = join_rate * base.establishment_fte * TRAINED_SHARE_OF_JOINERS;
        let pay_m = PAY_GBP_PER_FTE / 12.0 / 1e6;
        let income = base.allocation_gbp_m_a_year / 12.0;
        // Calibrated so month 0 breaks even: what the allocation pays beyond the posts (staff,
        // their cover at its premium, and the budget of posts whose work is lost).
        let other = income
            - base.establishment_fte * pay_m
            - agency * pay_m * AGENCY_PREMIUM
            - bank * pay_m * BANK_PREMIUM;
        let queues = base.waiting_list;
        let rules = {
            // Current plans keep the system's deprivation gap (its fitted priority by fifth);
            // the equity lever adds to the most deprived fifth's.
            let mut priority = base.treatment_priority;
            priority[0] += s.levers[L::DeprivedPriority] / 100.0;
            // Levers aimed at places (issue 13.2): the lever favours the chosen places.
            if let Some(reach) = place_aim::reach(&base.code, &s.places.equity) {
                priority = place_aim::equity_priority(
                    &base.treatment_priority,
                    s.levers[L::DeprivedPriority],
                    &reach,
                );
            }
            rules_for(&base.shape, &priority)
        };
        let months_of_work0 = base.waiting_list_total() / capacity0_for(base, a);
        let other_removal_share = other_removal_share(months_of_work0, a);
        let removal_rate =
            removal_rate(&queues, base.referrals.iter().sum(), a, other_removal_share);
        let capacity0 = base.treatments_a_month * a[A::ActivityPerFte] / 100.0;
        let referrals0: f64 = base.referrals.iter().sum();
        let mut record = MonthRecord {
            referrals: [0.0; 5],
            population_share: base.quintile_share,
            life_expectancy: base.life_expectancy,
            healthy_life_expectancy: base.healthy_life_expectancy,
            staff_fte: staff,
            establishment_fte: base.establishment_fte,
            agency_fte: agency,
            bank_fte: bank,
            leaver_rate_pct: A::LeaverRate.spec().default,
            capacity: capacity0,
            delayed_discharge_pct: 100.0 * DELAYED_DISCHARGE_SHARE,
            backlog_gbp_m: base.backlog_gbp_m,
            income_gbp_m: income,
            spend_gbp_m: income,
            pay_gbp_m: staff * pay_m,
            cover_gbp_m: agency * pay_m * (1.0 + AGENCY_PREMIUM)
                + bank * pay_m * (1.0 + BANK_PREMIUM),
            nonpay_gbp_m: other + (vacancies - agency - bank) * pay_m,
            ..MonthRecord::default()
        };
        record.set_queue_stats(&queues);
        State {
            growth: Compounding::new(s),
            queues,
            staff,
            pipeline: std::iter::repeat_n(trainees, TRAINING_MONTHS).collect(),
            prevention_delay: [[0.0; PREVENTION_DELAY_STAGES]; 5],
            health_delay: [[0.0; PREVENTION_DELAY_STAGES]; 5],
            referral_delay: [[0.0; PREVENTION_DELAY_STAGES]; 5],
            prevention_started: false,
            over_18_weeks0: std::array::from_fn(|q| {
                record.waiting_list[q] - record.within_18_weeks[q]
            }),
            backlog_gbp_m: base.backlog_gbp_m,
            rules,
            referrals0,
            list0: base.waiting_list_total(),
            effective_staff0: staff + agency + bank,
            recent_capacity: capacity0,
            months_of_work0,
            other_removal_share,
            removal_rate,
            max_removal_months: max_removal_months(removal_rate, months_of_work0),
            activity_per_fte: base.treatments_a_month / (staff + agency + bank),
            join_rate,
            other_costs0_gbp_m: other,
            plan_cost: 1.0,
            last_cost: 1.0,
            bank_supply,
            plan_cost_monthly: grow(A::CostPressure.spec().default, 1.0 / 12.0),
            plans_funding: 1.0,
            plans_funding_monthly: grow(L::FundingGrowth.spec().default, 1.0 / 12.0),
            care: Care::new(base, s),
            phased: L::ALL.iter().any(|&l| s.phasing.moves(&s.levers, l)),
            deprived_priority: s.levers[L::DeprivedPriority],
            hazard: None,
            record,
            prevention_reach: place_aim::reach(&base.code, &s.places.prevention),
            equity_reach: place_aim::reach(&base.code, &s.places.equity),
        }
    }

    /// The month's values of the levers otherwise fixed for a run, where they are phased.
    fn phase_fixed_levers(&mut self, base: &Baseline, s: &Scenario, lv: &LeverValues) {
        let (phasing, a) = (&s.phasing, &s.assumptions);
        if phasing.moves(&s.levers, L::FundingGrowth) {
            self.growth.monthly.funding = grow(lv[L::FundingGrowth], 1.0 / 12.0);
        }
        if phasing.moves(&s.levers, L::Productivity) {
            self.growth.monthly.productivity =
                grow(finance::delivered_productivity_pct(lv, a), 1.0 / 12.0);
        }
        if phasing.moves(&s.levers, L::SocialCare) {
            self.care = Care::of(base, lv[L::SocialCare], a);
        }
        if phasing.moves(&s.levers, L::DeprivedPriority)
            && lv[L::DeprivedPriority] != self.deprived_priority
        {
            self.deprived_priority = lv[L::DeprivedPriority];
            let mut priority = base.treatment_priority;
            priority[0] += self.deprived_priority / 100.0;
            if let Some(reach) = &self.equity_reach {
                priority = place_aim::equity_priority(
                    &base.treatment_priority,
                    self.deprived_priority,
                    reach,
                );
            }
            let shape = self
                .hazard
                .get_or_insert_with(|| HazardShape::family(base.shape));
            self.rules = Rules::new(shape, &priority);
        }
    }

    fn step_month(&mut self, base: &Baseline, s: &Scenario, t: usize, seasonal: f64, shock: f64) {
        self.step_month_seasons(base, s, t, seasonal, seasonal, shock);
    }

    /// [`State::step_month`] with separate seasonal factors for referrals and for treatment
    /// capacity (the calendar option, issue 10 item 6).
    fn step_month_seasons(
        &mut self,
        base: &Baseline,
        s: &Scenario,
        t: usize,
        seasonal: f64,
        capacity_seasonal: f64,
        shock: f64,
    ) {
        let a = &s.assumptions;
        // Phasing: a phased lever takes its month's value; the levers fixed for a run (funding
        // growth and efficiency compound, social care frees beds, the equity lever orders
        // treatment) are re-read for the month. An unphased run reads the levers as set.
        let this_month;
        let lv = if self.phased {
            this_month = s.phasing.levers_at(&s.levers, t);
            self.phase_fixed_levers(base, s, &this_month);
            &this_month
        } else {
            &s.levers
        };
        let years = t as f64 / 12.0;
        let pop_m = base.population / 1e6;
        let share = &base.quintile_share;

        // Prevention: extra £ a head, split between the most deprived fifth and the rest by
        // the targeting lever, reaches risk through a third-order delay, and health through
        // a second one of the same length (falls prevention pays back within 18 months,
        // cardiovascular disease, obesity and dementia over decades: PHE return-on-investment
        // tools). Planned-care referrals fall through a third-order delay of their own
        // (`prevention_referral_delay_years`, 10 years): the referrals prevention can avoid
        // come from long-term illness, which it slows over decades; falls prevention, the
        // quick return, avoids emergency admissions, not planned care.
        let spend_per_head = lv[L::PreventionSpend];
        let to_q1 = share[0] + lv[L::PreventionTargeting] / 100.0 * (1.0 - share[0]);
        let delay_months = (a[A::PreventionDelay] * 12.0 / PREVENTION_DELAY_STAGES as f64)
            .max(MIN_DELAY_STAGE_MONTHS);
        let referral_delay_months = (a[A::PreventionReferralDelay] * 12.0
            / PREVENTION_DELAY_STAGES as f64)
            .max(MIN_DELAY_STAGE_MONTHS);
        let mut effect = [0.0; 5];
        let mut health_effect = [0.0; 5];
        // Prevention aimed at places (issue 13.2): the spend goes to the chosen places'
        // residents of each fifth (`per_head` is theirs), and the fifth's effect is theirs
        // times their share of it (`place_aim`). Unaimed: everyone in the fifth, share 1.
        // No spend yet, unaimed, and a most deprived fifth that is neither empty nor
        // everyone: every stage is 0 and each fifth's spend a head is 0 (no division by 0
        // makes it NaN), so the delays stay 0 and no effect arrives: the same figures to the
        // last bit without the 45 divisions.
        let idle = !self.prevention_started
            && spend_per_head == 0.0
            && self.prevention_reach.is_none()
            && share[0] > 0.0
            && share[0] < 1.0;
        self.prevention_started |= !idle;
        let (aimed_per_head, reached) = match &self.prevention_reach {
            Some(reach) => (
                Some(place_aim::prevention_per_head(
                    spend_per_head,
                    lv[L::PreventionTargeting],
                    share,
                    reach,
                )),
                *reach,
            ),
            None => (None, [1.0; 5]),
        };
        for q in (0..5).filter(|_| !idle) {
            let per_head = if let Some(aimed) = &aimed_per_head {
                aimed[q]
            } else if q == 0 {
                spend_per_head * to_q1 / share[0]
            } else {
                spend_per_head * (1.0 - to_q1) / (1.0 - share[0])
            };
            let stages = &mut self.prevention_delay[q];
            stages[0] += (per_head - stages[0]) / delay_months;
            stages[1] += (stages[0] - stages[1]) / delay_months;
            stages[2] += (stages[1] - stages[2]) / delay_months;
            let health = &mut self.health_delay[q];
            health[0] += (stages[2] - health[0]) / delay_months;
            health[1] += (health[0] - health[1]) / delay_months;
            health[2] += (health[1] - health[2]) / delay_months;
            let referral = &mut self.referral_delay[q];
            referral[0] += (per_head - referral[0]) / referral_delay_months;
            referral[1] += (referral[0] - referral[1]) / referral_delay_months;
            referral[2] += (referral[1] - referral[2]) / referral_delay_months;
            // Diminishing returns on the spend that has arrived.
            let returns = |arrived: f64| {
                1.0 - exp(-arrived / PREVENTION_HALF_EFFECT_GBP * std::f64::consts::LN_2)
            };
            if referral[2] > 0.0 {
                effect[q] = reached[q] * returns(referral[2]);
            }
            if health[2] > 0.0 {
                health_effect[q] = reached[q] * returns(health[2]);
            }
        }

        // Referrals: baseline need, growing with demography, less what prevention avoids.
        // More deprived quintiles have more avoidable demand, in proportion to their need.
        let g = self.growth.advance();
        // Demand goes elsewhere as the expected wait (months of work on the list, Little's
        // law) lengthens, and comes back as it shortens (see `referral_response`). Deterred
        // patients are counted as referred and leave the list at once, untreated (RTT counts
        // a patient who is referred and then goes private as a clock start and a removal).
        let months_of_work = MonthRecord::total(&self.record.waiting_list) / self.recent_capacity;
        let response = referral_response(
            months_of_work,
            self.months_of_work0,
            a[A::ReferralWaitElasticity],
        );
        let demand = g.demand * seasonal * shock;
        let avoidable = a[A::PreventionEffect] / 100.0;
        let referrals: [f64; 5] = std::array::from_fn(|q| {
            let avoided = (avoidable * NEED_BY_QUINTILE[q] * effect[q]).min(MAX_AVOIDED_SHARE);
            base.referrals[q] * demand * (1.0 - avoided)
        });
        let referrals_total: f64 = referrals.iter().sum();

        // Funding sets the establishment: each plan year the allocation (and any extra money)
        // buys the posts it can at the unit costs the plan expects; costs then run at their
        // actual pace, so cost pressure above plan is a cost until the next plan year.
        if t % 12 == 1 {
            self.plan_cost = self.last_cost;
        }
        self.plan_cost *= self.plan_cost_monthly;
        let pay_m = PAY_GBP_PER_FTE / 12.0 / 1e6 * g.cost;
        let plan_pay_m = PAY_GBP_PER_FTE / 12.0 / 1e6 * self.plan_cost;
        let core_income = base.allocation_gbp_m_a_year / 12.0 * g.funding;
        // Funding growth above current plans' is extra funding too (below it, less): income,
        // and the spending it buys.
        self.plans_funding *= self.plans_funding_monthly;
        let above_plans = base.allocation_gbp_m_a_year / 12.0 * (g.funding - self.plans_funding);
        let extra_income = lv[L::ExtraFunding] * pop_m / 12.0;
        let establishment =
            base.establishment_fte * g.funding / self.plan_cost + extra_income / plan_pay_m;

        // Workforce: leavers rise with workload per head (burnout); joiners come from
        // recruitment and, three years after they start, training; hiring fills vacancies only.
        let cover_prev = self.record.agency_fte + self.record.bank_fte;
        // Workload per head relative to the start, bounded (see `MAX_WORKLOAD_RATIO`).
        let staff_ratio = (self.staff + cover_prev) / self.effective_staff0;
        let demand_ratio = WORKLOAD_REFERRAL_WEIGHT * referrals_total / self.referrals0 / seasonal
            + WORKLOAD_LIST_WEIGHT * MonthRecord::total(&self.record.waiting_list) / self.list0;
        let workload = (demand_ratio / staff_ratio.max(MIN_STAFF_RATIO)).min(MAX_WORKLOAD_RATIO);
        let leaver_rate = (((a[A::LeaverRate] + lv[L::LeaverRateChange]) / 100.0).max(0.0)
            * (1.0 + a[A::BurnoutSensitivity] * (workload - 1.0).max(0.0)))
        .min(MAX_LEAVER_SHARE_A_YEAR);
        let leavers = self.staff * leaver_rate / 12.0;
        let hired = self.join_rate
            * establishment
            * (1.0 - TRAINED_SHARE_OF_JOINERS)
            * (1.0 + lv[L::Recruitment] / 100.0);
        let trained = self.pipeline.pop_front().unwrap_or(0.0);
        self.pipeline.push_back(
            self.join_rate
                * establishment
                * TRAINED_SHARE_OF_JOINERS
                * (1.0 + lv[L::TrainingPlaces] / 100.0),
        );
        let joiners = (hired + trained).min((establishment - self.staff + leavers).max(0.0));
        self.staff = (self.staff + joiners - leavers).max(0.0);
        // Vacant posts: agency covers the lever's share at its premium, bank staff a share of
        // the rest (an assumption) at theirs, as far as staff will work extra shifts; the work
        // of the others is lost.
        let vacancies = (establishment - self.staff).max(0.0);
        let agency = vacancies * lv[L::AgencyCover] / 100.0;
        // Bank shifts are staff working extra: no more than staff supplied in 2022/23.
        let bank =
            ((vacancies - agency) * a[A::BankCover] / 100.0).min(self.bank_supply * self.staff);
        let lost_posts = vacancies - agency - bank;

        // Beds: social care packages release beds held by people fit to leave (fixed for the
        // run: see `Care`).
        let delayed = self.care.delayed_share;
        let bed_factor = self.care.bed_factor;
        // Estate: the backlog grows unless capital pays it down, and a larger backlog loses
        // capacity (`ESTATE_CAPACITY_LOSS_PER_BACKLOG`).
        let capital_m = lv[L::CapitalBacklog] * pop_m / 12.0;
        self.backlog_gbp_m =
            (self.backlog_gbp_m + base.backlog_growth_gbp_m_a_year / 12.0 - capital_m).max(0.0);
        let estate_factor = (1.0
            - ESTATE_CAPACITY_LOSS_PER_BACKLOG * (self.backlog_gbp_m / base.backlog_gbp_m - 1.0))
            .clamp(ESTATE_FACTOR_RANGE.0, ESTATE_FACTOR_RANGE.1);

        let capacity = (self.staff + agency + bank) * self.activity_per_fte * a[A::ActivityPerFte]
            / 100.0
            * g.productivity
            * bed_factor
            * estate_factor
            * capacity_seasonal;

        // The waiting list: treat, remove, age.
        // Removals without treatment: part a share of referrals (validation as patients
        // join), the rest (the list-response weight) a monthly chance of leaving for everyone
        // still waiting, rising with time waited: a longer, older list loses more patients
        // (they go private, are treated elsewhere or stop needing care), a shorter one fewer.
        let removals = (1.0 - a[A::ListResponse]) * referrals_total * self.other_removal_share;
        let flows = queue::step(
            &mut self.queues,
            &referrals.map(|r| r * response),
            &queue::MonthInput {
                capacity,
                recent_capacity: self.recent_capacity,
                removals,
                removal_rate: self.removal_rate
                    * removal_response(
                        months_of_work,
                        self.months_of_work0,
                        self.max_removal_months,
                    ),
                long_wait_share: lv[L::LongWaitFocus] / 100.0,
            },
            &self.rules,
        );
        self.recent_capacity +=
            (capacity - self.recent_capacity) / queue::PRIORITY.recent_months.max(1.0);

        // Money (NHS): income less staff in post, cover at its premium, other running costs
        // (which follow the allocation, carry cost pressure above plan, and absorb the budget
        // of posts whose work is lost), and the NHS's costs of the levers. Social care and
        // prevention are paid by local government: a cost of the scenario, not of the NHS.
        // Capital is paid from the NHS's capital budget, not the revenue allocation: a cost
        // of the scenario, outside the revenue balance (`LeverCosts::revenue`).
        let mut costs = LeverCosts::of(lv, base.population, self.care.beds_freed);
        costs.extra_funding += above_plans;
        let income = core_income + extra_income;
        let pay = self.staff * pay_m;
        let cover = agency * pay_m * (1.0 + AGENCY_PREMIUM) + bank * pay_m * (1.0 + BANK_PREMIUM);
        let lost_budget = lost_posts * plan_pay_m;
        let other_scale = g.funding * g.cost / self.plan_cost;
        // An ICS plans to break even (`finance`, rule 1): each plan year sets other running
        // costs to what the income leaves after staff in post, their cover at its premium and
        // the budget of posts whose work is lost, as they run at the plan year's start. Within
        // the year costs run at their own pace: cover bought above plan is a deficit until
        // the next plan year re-bases; money the plan set aside and did not need (cover no
        // longer bought as posts fill or are frozen) is spent in the year on other running
        // costs, as a system that plans to spend its allocation does, never kept as a
        // surplus. The levers' NHS revenue costs are not planned away: unfunded, they are a
        // deficit.
        if t % 12 == 1 {
            self.other_costs0_gbp_m = (income - pay - cover - lost_budget) / other_scale;
        }
        let planned_other = self.other_costs0_gbp_m * other_scale + lost_budget;
        let unspent = (income - pay - cover - planned_other).max(0.0);
        let nonpay = planned_other + unspent;
        let spend = pay + cover + nonpay + costs.revenue();

        let r = &mut self.record;
        r.month = t;
        r.referrals = referrals;
        // Places (issue 13): what prevention avoided, for referrals by place.
        r.referrals_avoided = std::array::from_fn(|q| base.referrals[q] * demand - referrals[q]);
        r.treated = flows.treated;
        r.removed = std::array::from_fn(|q| flows.removed[q] + referrals[q] * (1.0 - response));
        r.set_queue_stats(&self.queues);
        r.staff_fte = self.staff;
        r.establishment_fte = establishment;
        r.agency_fte = agency;
        r.bank_fte = bank;
        r.joiners_fte = joiners;
        r.leavers_fte = leavers;
        r.leaver_rate_pct = 100.0 * leaver_rate;
        r.capacity = capacity;
        r.delayed_discharge_pct = 100.0 * delayed;
        r.backlog_gbp_m = self.backlog_gbp_m;
        r.income_gbp_m = income;
        r.spend_gbp_m = spend;
        r.balance_gbp_m = income - spend;
        r.cumulative_balance_gbp_m += income - spend;
        self.last_cost = g.cost;
        r.pay_gbp_m = pay;
        r.cover_gbp_m = cover;
        r.nonpay_gbp_m = nonpay;
        r.extra_funding_gbp_m = extra_income + above_plans;
        r.funding_above_plans_gbp_m = above_plans;
        r.cost_nhs_gbp_m = costs.nhs();
        r.lever_revenue_gbp_m = costs.revenue();
        r.cost_local_gov_gbp_m = costs.local_government();
        r.cost_gbp_m = costs.total();
        r.cumulative_cost_gbp_m += costs.total();
        r.cumulative_cost_local_gov_gbp_m += costs.local_government();

        // Outcomes: the background trend for all and each fifth's own published trend,
        // healthy years from prevention that has reached health (scaled by how much demand is
        // avoidable; more deprived fifths carry more preventable illness, in proportion to
        // need), and health lost while more wait beyond 18 weeks than at the start. Healthy
        // years lost a year in a fifth, over its population, times its life expectancy, is
        // the change in its healthy life expectancy (a population's healthy share of years
        // lived is HLE / LE), for small changes.
        let continued = a[A::LifeExpectancyTrendContinued] / 100.0;
        // Small changes: healthy years lost a year over the population, times LE. The loss
        // compounds on the healthy years that remain, so however many wait it takes at most
        // all of the fifth's healthy life expectancy. (The five fifths' `exp` at once.)
        let mut harm = [-1.0; 5];
        let mut harmed = [false; 5];
        for q in 0..5 {
            let people = base.population * share[q];
            let extra_long_waiters =
                r.waiting_list[q] - r.within_18_weeks[q] - self.over_18_weeks0[q];
            let hle0 = base.healthy_life_expectancy[q];
            if people > 0.0 && hle0 > 0.0 {
                let linear = a[A::WaitHarm] * extra_long_waiters / people * base.life_expectancy[q];
                harm[q] = -linear / hle0;
                harmed[q] = true;
            }
        }
        let kept = exp5(harm);
        for q in 0..5 {
            let background = a[A::LifeExpectancyTrend] * years;
            let prevention =
                HLE_GAIN_PER_AVOIDABLE_SHARE * avoidable * NEED_BY_QUINTILE[q] * health_effect[q];
            let hle0 = base.healthy_life_expectancy[q];
            let waits = if harmed[q] {
                -hle0 * (1.0 - kept[q])
            } else {
                0.0
            };
            let hle = &mut r.hle_causes;
            hle.trend[q] = background + continued * base.hle_trend[q] * years;
            hle.prevention[q] = prevention;
            hle.waits[q] = waits;
            let le = &mut r.le_causes;
            le.trend[q] = background + continued * base.le_trend[q] * years;
            le.prevention[q] = LE_PER_HLE_GAIN * prevention;
            le.waits[q] = LE_PER_HLE_GAIN * waits;
            r.healthy_life_expectancy[q] =
                base.healthy_life_expectancy[q] + hle.trend[q] + hle.prevention[q] + hle.waits[q];
            r.life_expectancy[q] =
                base.life_expectancy[q] + le.trend[q] + le.prevention[q] + le.waits[q];
        }
    }
}

/// The removal hazard's level: at month 0 the list-response share of removals (a share of
/// referrals, `removal_share_pct`) comes from a monthly chance of leaving for those waiting.
/// Fixed for the run, so removals then follow the list in absolute terms (about 3% of
/// England's list a month in 2021-2023: data/README.md). Edge value: an empty list, 0.
fn removal_rate(queues: &[Profile; 5], referrals0: f64, a: &AssumptionValues, other: f64) -> f64 {
    let list: f64 = queues.iter().flatten().sum();
    if list > 0.0 {
        a[A::ListResponse] * referrals0 * other / list
    } else {
        0.0
    }
}

/// Month 0's treatment capacity.
fn capacity0_for(base: &Baseline, a: &AssumptionValues) -> f64 {
    base.treatments_a_month * a[A::ActivityPerFte] / 100.0
}

/// Removals at month 0 other than deterred demand, as a share of referrals: the published
/// share (`removal_share_pct`) less those already deterred by month 0's wait. Where the
/// deterred alone exceed the share (a high elasticity with a low share), removals at month 0
/// are the deterred and nothing else: the share then reads as at least the deterred share.
fn other_removal_share(months_of_work0: f64, a: &AssumptionValues) -> f64 {
    let deterred0 = 1.0
        - referral_response(
            months_of_work0,
            months_of_work0,
            a[A::ReferralWaitElasticity],
        );
    (a[A::RemovalShare] / 100.0 - deterred0).max(0.0)
}

/// How the chance of leaving untreated changes with the expected wait (months of work on the
/// list, a proxy for how long those waiting have waited): the back-cast's removal weight,
/// 1 + `removal_slope` x months waited (fitted on who leaves in 2015-2023, the NHSRtt
/// package's reneging by months waited), at the expected wait against month 0's. Months of
/// work are read from [`SHORT_WAIT_MONTHS_OF_WORK`] (2019's; shorter waits change nothing,
/// so a list held at the floor, where treatment is limited by the floor and not by
/// capacity, loses no fewer patients as capacity grows) up to [`MAX_REMOVAL_MONTHS_OF_WORK`]
/// (beyond it, more capacity could save more patients from leaving than it treats). Edge
/// value: no capacity reads as the upper bound.
pub fn removal_response(months_of_work: f64, months_of_work0: f64, max_months: f64) -> f64 {
    let slope = queue::CALIBRATED.removal_slope;
    let read = |m: f64| {
        m.clamp(
            SHORT_WAIT_MONTHS_OF_WORK,
            max_months.max(SHORT_WAIT_MONTHS_OF_WORK),
        )
    };
    let m = if months_of_work.is_finite() {
        read(months_of_work)
    } else {
        read(max_months)
    };
    let m0 = read(months_of_work0);
    (1.0 + slope * m) / (1.0 + slope * m0)
}

/// Months of work beyond which removals rise no further for a run: [`MAX_REMOVAL_MONTHS_OF_WORK`],
/// or less where a high removal rate (a removal share near the top of its range) would let
/// the loop save more than [`MAX_REMOVAL_SAVING`] of any extra capacity from leaving (the
/// saving is rate x slope x months^2 / (1 + slope x months0)). Edge value: no removal rate,
/// the constant.
fn max_removal_months(rate: f64, months_of_work0: f64) -> f64 {
    let slope = queue::CALIBRATED.removal_slope;
    if rate <= 0.0 || slope <= 0.0 {
        return MAX_REMOVAL_MONTHS_OF_WORK;
    }
    let m0 = months_of_work0.clamp(SHORT_WAIT_MONTHS_OF_WORK, MAX_REMOVAL_MONTHS_OF_WORK);
    (MAX_REMOVAL_SAVING * (1.0 + slope * m0) / (rate * slope))
        .sqrt()
        .min(MAX_REMOVAL_MONTHS_OF_WORK)
}

/// The share of referrals who stay on the list rather than go elsewhere, given the expected
/// wait as months of work on the list (list / recent capacity, Little's law):
/// (months / [`SHORT_WAIT_MONTHS_OF_WORK`]) ^ -elasticity, so none are deterred at 2019's
/// waits and some already are at month 0's. The rest leave at once, untreated.
///
/// The deterred are counted as referred and removed, not as never referred: a cut in clock
/// starts would let prevention raise some fifth's referrals (prevention aimed at one fifth
/// shortens everyone's waits), against the invariant "more prevention never raises
/// referrals" (MODEL.md); RTT itself counts a patient referred who then goes private as a
/// clock start and a removal. Two modelled bounds keep "more funding never lengthens the
/// list": waits shorter than 2019's draw no extra demand (a list held at the floor draws
/// none), and deterrence stops growing at [`MAX_DETERRING_WAIT`] times month 0's wait
/// (beyond it, more capacity could draw back more patients than it treats). Edge value: no
/// capacity reads as that bound.
pub fn referral_response(months_of_work: f64, months_of_work0: f64, elasticity: f64) -> f64 {
    if elasticity == 0.0 {
        return 1.0;
    }
    let high = (MAX_DETERRING_WAIT * months_of_work0).max(SHORT_WAIT_MONTHS_OF_WORK);
    let m = if months_of_work.is_finite() {
        months_of_work.clamp(SHORT_WAIT_MONTHS_OF_WORK, high)
    } else {
        high
    };
    pow(m / SHORT_WAIT_MONTHS_OF_WORK, -elasticity)
}

thread_local! {
    /// The last treatment order built: Monte Carlo draws and slider moves reuse one shape and
    /// priority, and sorting the order is a measurable part of a run.
    static RULES: std::cell::RefCell<Option<(ShapeParams, [f64; 5], Rules)>> = const { std::cell::RefCell::new(None) };
}

fn rules_for(shape: &ShapeParams, priority: &[f64; 5]) -> Rules {
    RULES.with(|cache| {
        let mut cache = cache.borrow_mut();
        match cache.as_ref() {
            Some((sh, p, rules)) if sh == shape && p == priority => rules.clone(),
            _ => {
                let rules = Rules::new(&HazardShape::family(*shape), priority);
                *cache = Some((*shape, *priority, rules.clone()));
                rules
            }
        }
    })
}

/// The waiting lists by fifth and months waited, and the month's record, after `months`
/// months of current plans (deterministic): the calibration starts a projection where the
/// model's own run through the history ends.
pub fn queues_after(base: &Baseline, s: &Scenario, months: usize) -> ([Profile; 5], MonthRecord) {
    let mut state = State::new(base, s);
    for t in 1..=months {
        if base.fit.seasonal != super::baseline::Calendar::Off {
            let (referrals, capacity) = calendar_season(base, t);
            state.step_month_seasons(base, s, t, referrals, capacity, 1.0);
        } else {
            state.step_month(base, s, t, 1.0, 1.0);
        }
    }
    (state.queues, state.record)
}

/* Calendar in deterministic runs (issue 10 item 6) */
/// Month `t`'s seasonal factors (referrals, treatment capacity) from a start's calendar
/// month ([`super::baseline::Calendar::factors`]).
fn calendar_season(base: &Baseline, t: usize) -> (f64, f64) {
    base.fit.seasonal.factors((base.start.month0() + t) % 12)
}
