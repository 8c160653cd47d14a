//! The money summary of a deterministic `ics-whatif run`: the scenario's cost (the extra
//! spending its levers need against current plans, by lever and year, and who pays) and the
//! NHS balance beside current plans', apart from each other, in £m at 2025/26 prices.

use super::format::Rounded;
use crate::model::finance::{LeverCosts, PRICE_BASE};
use crate::model::params::DELAYED_DISCHARGE_SHARE;
use crate::model::{simulate, Baseline, LeverValues, Projection, Scenario};
use serde::Serialize;

#[derive(Serialize)]
pub struct Money {
    price_base: &'static str,
    years: usize,
    /// The levers' extra spending against current plans over the horizon.
    cost_gbp_m: Rounded,
    cost_nhs_gbp_m: Rounded,
    /// Of `cost_nhs_gbp_m`, the part paid from the NHS capital budget (the maintenance
    /// backlog; productivity's technology investment): a cost, not a revenue deficit.
    cost_nhs_capital_gbp_m: Rounded,
    cost_local_government_gbp_m: Rounded,
    /// Extra funding received: income, a source of money (its spending is in the cost).
    extra_funding_gbp_m: Rounded,
    /// The NHS's running surplus (+) or deficit (-) at the horizon, and current plans'.
    cumulative_balance_gbp_m: Rounded,
    current_plans_cumulative_balance_gbp_m: Rounded,
    balance_against_current_plans_gbp_m: Rounded,
    cost_by_lever: Vec<LeverLine>,
    /// Fresh-eyes finding 16: where the scenario goes beyond anything NHS England has
    /// published (the figure, the record and its month), one line each; on standard error
    /// after the money line for a CSV run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    beyond_record: Vec<String>,
}

#[derive(Serialize)]
struct LeverLine {
    lever: &'static str,
    label: &'static str,
    paid_by: &'static str,
    /// One entry per year of the horizon, £m.
    by_year: Vec<Rounded>,
    total: Rounded,
}

impl Money {
    pub fn new(base: &Baseline, s: &Scenario, p: &Projection) -> Money {
        let plans = if s.levers == LeverValues::default() {
            p.clone()
        } else {
            simulate(
                base,
                &Scenario {
                    levers: LeverValues::default(),
                    ..s.clone()
                },
            )
        };
        let months = &p.months[1..];
        let years = months.len() / 12;
        let sum = |f: fn(&crate::model::MonthRecord) -> f64| months.iter().map(f).sum::<f64>();
        // The lines by lever, month by month, from each month's beds freed.
        let mut by_lever = vec![vec![0.0; years]; 6];
        let mut labels = None;
        for (i, r) in months.iter().enumerate() {
            let freed =
                (DELAYED_DISCHARGE_SHARE - r.delayed_discharge_pct / 100.0) * base.acute_beds;
            // A phased lever costs what it is in the month (issue 14.2).
            let levers = s.phasing.levers_at(&s.levers, r.month);
            let lines = LeverCosts::of(&levers, base.population, freed).lines();
            for (l, line) in lines.iter().enumerate() {
                by_lever[l][(i / 12).min(years.saturating_sub(1))] += line.3;
            }
            labels.get_or_insert(lines);
        }
        let cost_by_lever = labels
            .map(|lines| {
                lines
                    .iter()
                    .zip(&by_lever)
                    .filter(|(_, years)| years.iter().any(|v| *v != 0.0))
                    .map(|(&(lever, label, paid_by, _), years)| LeverLine {
                        lever,
                        label,
                        paid_by,
                        total: Rounded(years.iter().sum(), 3),
                        by_year: years.iter().map(|v| Rounded(*v, 3)).collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let balance = p.last().cumulative_balance_gbp_m;
        let plans_balance = plans.last().cumulative_balance_gbp_m;
        Money {
            price_base: PRICE_BASE,
            years,
            cost_gbp_m: Rounded(sum(|r| r.cost_gbp_m), 3),
            cost_nhs_gbp_m: Rounded(sum(|r| r.cost_nhs_gbp_m), 3),
            cost_nhs_capital_gbp_m: Rounded(sum(|r| r.cost_nhs_gbp_m - r.lever_revenue_gbp_m), 3),
            cost_local_government_gbp_m: Rounded(sum(|r| r.cost_local_gov_gbp_m), 3),
            extra_funding_gbp_m: Rounded(sum(|r| r.extra_funding_gbp_m), 3),
            cumulative_balance_gbp_m: Rounded(balance, 3),
            current_plans_cumulative_balance_gbp_m: Rounded(plans_balance, 3),
            balance_against_current_plans_gbp_m: Rounded(balance - plans_balance, 3),
            cost_by_lever,
            beyond_record: crate::model::record::beyond_record(
                p,
                base.population,
                base.code == crate::data::ENGLAND,
            ),
        }
    }

    /// One line for standard error: cost and balance, apart; then a `warning:` line for each
    /// record the scenario goes beyond.
    pub fn summary(&self) -> String {
        let m = |v: &Rounded| format!("{:.0}", v.0);
        let warnings: String = self
            .beyond_record
            .iter()
            .map(|w| format!("\nwarning: {w}"))
            .collect();
        format!(
            "money ({}): over {} years the levers need {} of extra spending \
             (NHS {} of which capital {}, local government {}, bought by extra funding {}); \
             NHS surplus (+) or deficit (-) {} against current plans' {} ({} against plans){warnings}",
            PRICE_BASE,
            self.years,
            m(&self.cost_gbp_m),
            m(&self.cost_nhs_gbp_m),
            m(&self.cost_nhs_capital_gbp_m),
            m(&self.cost_local_government_gbp_m),
            m(&self.extra_funding_gbp_m),
            m(&self.cumulative_balance_gbp_m),
            m(&self.current_plans_cumulative_balance_gbp_m),
            m(&self.balance_against_current_plans_gbp_m),
        )
    }
}
