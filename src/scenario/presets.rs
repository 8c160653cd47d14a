//! Presets: the positions argued over in the live debates about Integrated Care Systems,
//! each as a set of lever values a planner can load, compare and then move on from.
//!
//! Data, not code: one row per preset with its key (for links and the UI's menu), its name,
//! a paragraph in plain English saying why it looks the way it does (figures from
//! DOMAIN.md and FACTS.md), and the levers it moves. Levers it does not name stay at
//! "current plans"; assumptions are never touched, since a preset is a choice, not a belief.

use crate::model::{Lever, Scenario};

/// One preset: a named set of lever values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    /// Stable identifier, e.g. for a link or a menu (`workforce_plan`).
    pub key: &'static str,
    /// What the UI shows ("Workforce plan delivered").
    pub name: &'static str,
    /// Why these values: one paragraph, plain English, citing its figures.
    pub rationale: &'static str,
    /// The levers set away from their defaults, in lever-table order.
    pub levers: &'static [(Lever, f64)],
}

impl Preset {
    /// The preset as a scenario for `system` ("england" or an ICB code) over `years`, every
    /// lever it does not name and every assumption at its default.
    pub fn apply(&self, system: &str, years: u32) -> Scenario {
        let mut s = Scenario {
            system: system.to_string(),
            years,
            ..Scenario::default()
        };
        for &(lever, value) in self.levers {
            s.levers[lever] = value;
        }
        s
    }
}

/// Every preset, "current plans" first.
pub fn presets() -> &'static [Preset] {
    &PRESETS
}

/// The preset with this key, if any.
pub fn find_preset(key: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.key == key)
}

const PRESETS: [Preset; 6] = [
    Preset {
        key: "current_plans",
        name: "Current plans",
        rationale: "Today's settlement carried forward: NHS funding growing 3% a year in real terms \
(Spending Review 2025), the leaver rate at its 2023 level of 8.1%, training and recruitment as now, \
no new money for prevention or social care, and efficiency at the long-run 0.8% a year. Every other \
preset is read against this one.",
        levers: &[],
    },
    Preset {
        key: "workforce_plan",
        name: "Workforce plan delivered",
        rationale: "The NHS Long Term Workforce Plan (2023) done as written: retention brings the \
leaver rate down 0.7 points, from 8.1% to its 7.4% target; training places grow by half, arriving \
about three years later; and recruitment rises modestly (+5%). With vacancies near 10% and leavers \
near 9% a year, workforce is the first barrier ICS leaders name. The plan's 1.5-2% productivity \
assumption is a separate lever and is left at the long-run 0.8%.",
        levers: &[
            (Lever::Recruitment, 5.0),
            (Lever::LeaverRateChange, -0.7),
            (Lever::TrainingPlaces, 50.0),
        ],
    },
    Preset {
        key: "prevention_first",
        name: "Prevention first",
        rationale: "Proportionate universalism (Marmot, 2010): £40 a head a year more for \
prevention, about two-thirds of today's public-health grant and well beyond reversing its 28% real \
cut since 2015/16, with half of it aimed at the most deprived fifth. 77% of senior ICS staff intend \
to invest in prevention but only 31% think they have the capacity to; socio-economic factors and \
behaviours drive about 70% of health, and life expectancy differs by about 10 years between the most \
and least deprived areas. The return is real (median 14.3:1) but slow: the referrals for planned care it avoids come from \
long-term illness, which prevention slows over decades, so in this model England's list is about 1% \
shorter than current plans after four years and 7% after ten, and longer healthy lives come mostly \
after five years.",
        levers: &[
            (Lever::PreventionSpend, 40.0),
            (Lever::PreventionTargeting, 50.0),
        ],
    },
    Preset {
        key: "social_care_fixed",
        name: "Social care fixed",
        rationale: "About 13,400 hospital beds a day are held by people fit to leave, most waiting \
for home care, a care home or intermediate care. Growing care capacity by 39% clears about a fifth of \
the delays that wait for social care (at the published elasticity), giving beds back to emergency and \
planned care and getting older people home sooner: the case social care providers make for a seat at \
the table. Local government pays, about £0.5m a year for each bed freed.",
        levers: &[(Lever::SocialCare, 39.0)],
    },
    Preset {
        key: "flat_cash",
        name: "Flat cash with the running-cost cut",
        rationale: "The squeeze: the allocation frozen in cash terms, about 2% a year less in real \
terms, while ICBs cut their running costs by 30% and then by half. No lever holds running costs, so \
the cut is approximated by what it is meant to free: ICB running costs are about 1% of the allocation \
(our estimate, not in FACTS.md), so halving them returns about £10 a head a year (0.5% of the \
£1,992 allocation per head) to front-line services. The lost planning capacity of a smaller ICB is not \
modelled.",
        levers: &[
            (Lever::FundingGrowth, -2.0),
            (Lever::ExtraFunding, 10.0),
        ],
    },
    Preset {
        key: "devolve_to_place",
        name: "Devolve to place",
        rationale: "Decisions and budgets pushed down to place and neighbourhood, where leaders \
know which streets are losing a year of life per mile; in 2023 only 45% said that had happened. \
Places spend £20 a head more on prevention (about reversing the public-health grant cut) and aim all \
of it at the most deprived fifth, and give that fifth's patients a 50% higher chance of treatment \
each month on the waiting list. Totals barely move; the gaps between the most and least deprived do.",
        levers: &[
            (Lever::PreventionSpend, 20.0),
            (Lever::PreventionTargeting, 100.0),
            (Lever::DeprivedPriority, 50.0),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LEVERS;

    #[test]
    fn every_value_is_inside_its_levers_range_and_on_its_step() {
        for p in presets() {
            for &(lever, value) in p.levers {
                let spec = lever.spec();
                assert!(spec.check(value).is_ok(), "{}: {}", p.key, spec.key);
                let steps = (value - spec.min) / spec.step;
                assert!(
                    (steps - steps.round()).abs() < 1e-9,
                    "{}: {} = {value} is not on the slider's step {}",
                    p.key,
                    spec.key,
                    spec.step
                );
            }
        }
    }

    #[test]
    fn every_lever_a_preset_names_moves_away_from_default_once() {
        for p in presets() {
            for (i, &(lever, value)) in p.levers.iter().enumerate() {
                assert_ne!(value, lever.spec().default, "{}: {}", p.key, lever.key());
                assert!(
                    p.levers[..i].iter().all(|&(l, _)| l != lever),
                    "{}: {} twice",
                    p.key,
                    lever.key()
                );
            }
        }
    }

    #[test]
    fn keys_are_unique_and_every_preset_explains_itself() {
        for (i, p) in presets().iter().enumerate() {
            assert!(presets()[..i].iter().all(|q| q.key != p.key), "{}", p.key);
            assert!(!p.name.is_empty() && p.rationale.len() > 100, "{}", p.key);
            assert_eq!(find_preset(p.key), Some(p));
        }
        assert_eq!(find_preset("nope"), None);
    }

    #[test]
    fn current_plans_is_the_default_scenario() {
        let p = find_preset("current_plans").unwrap();
        assert_eq!(presets()[0].key, "current_plans");
        assert_eq!(
            p.apply("england", 10),
            Scenario::default(),
            "current plans must equal the default scenario"
        );
    }

    #[test]
    fn apply_sets_system_years_and_only_the_named_levers() {
        let p = find_preset("workforce_plan").unwrap();
        let s = p.apply("QE1", 5);
        assert_eq!((s.system.as_str(), s.years), ("QE1", 5));
        for &lever in Lever::ALL {
            let expected = p
                .levers
                .iter()
                .find(|&&(l, _)| l == lever)
                .map_or(LEVERS[lever as usize].default, |&(_, v)| v);
            assert_eq!(s.levers[lever], expected, "{}", lever.key());
        }
        assert_eq!(s.assumptions, Scenario::default().assumptions);
    }

    #[test]
    fn presets_sit_on_the_named_points_of_their_levers() {
        let band = |key: &str, l: Lever| {
            let value = find_preset(key).unwrap().apply("england", 10).levers[l];
            l.spec()
                .bands
                .iter()
                .find(|&&(v, _)| v == value)
                .map(|&(_, name)| name)
        };
        let workforce = "workforce_plan";
        assert_eq!(
            band(workforce, Lever::LeaverRateChange),
            Some("workforce plan target")
        );
        assert_eq!(
            band(workforce, Lever::TrainingPlaces),
            Some("workforce plan")
        );
        assert_eq!(band(workforce, Lever::Recruitment), Some("+5%"));
        assert_eq!(
            band("prevention_first", Lever::PreventionTargeting),
            Some("proportionate universalism")
        );
        assert_eq!(
            band("social_care_fixed", Lever::SocialCare),
            Some("a fifth of social-care delays cleared")
        );
        assert_eq!(band("flat_cash", Lever::FundingGrowth), Some("flat cash"));
        assert_eq!(
            band("devolve_to_place", Lever::PreventionTargeting),
            Some("most deprived fifth only")
        );
    }
}
