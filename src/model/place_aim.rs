//! Levers aimed at places (issue 13.2): prevention spend aimed at chosen places (the local
//! authorities inside an ICB, `data/places.csv`), and the equity-in-access lever favouring
//! chosen places.
//!
//! # Method
//!
//! The model runs an ICB by national deprivation fifth. A set of chosen places holds, in each
//! fifth `q`, a share `a_q` of the ICB's residents in that fifth (Census 2021 residents of each
//! place times its shares by fifth, as `places` and `outcomes` read them).
//!
//! **Prevention aimed at places.** The budget is unchanged (the lever's £ a head times all the
//! ICB's residents); it is spent on the chosen places' residents only. Within them the
//! targeting lever splits it between their most deprived fifth and the rest as it does for
//! the whole ICB (0%: equal per head across the chosen places). Each fifth then holds two
//! groups: its residents in the chosen places, who receive that spend per head, and the rest,
//! who receive none. The spend reaches need and health through the same delays and the same
//! diminishing returns per head as unaimed prevention (`simulate`); the fifth's effect is the
//! resident-weighted mean of its two groups', `a_q x effect(chosen)`. So a given budget
//! concentrated on fewer people buys more per head there and, with diminishing returns, less
//! in total: aiming trades the ICB's mean for the gap. A place in the chosen set gains
//! `prevention_q / a_q` in each fifth and the others gain nothing from prevention
//! (`places::project_places`); summed over places weighted by residents this is the fifth's
//! gain exactly, so the ICB stays the resident-weighted mean of its places.
//!
//! Assumption (no new constant): a pound of prevention a head has the same effect wherever it
//! is spent in a fifth, so a place's gain follows its residents' fifths and its spend. The
//! Monte Carlo's existing ranges for prevention's effect and delay carry its uncertainty.
//!
//! **Equity in access favouring places.** The waiting list is modelled by fifth, not by place,
//! so favouring chosen places raises each fifth's treatment priority by the lever times the
//! share of that fifth's residents who live in the chosen places (`a_q`): the whole lever for a
//! fifth wholly inside them, as the unaimed lever raises the most deprived fifth's. Within a
//! fifth the chosen places' patients wait as long as the others (a limitation, said in the
//! README).
//!
//! With no place chosen (or none of the chosen places in the ICB) every figure is exactly
//! what it is without this module.

use crate::data::Place;

/// The places a scenario's place-aimed levers are aimed at, by local authority code.
/// Empty lists (the default) aim nothing: the levers act on the ICB as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceAims {
    /// Prevention spend goes to these places' residents only.
    pub prevention: Vec<String>,
    /// The equity-in-access lever favours these places.
    pub equity: Vec<String>,
}

impl PlaceAims {
    pub fn is_empty(&self) -> bool {
        self.prevention.is_empty() && self.equity.is_empty()
    }
}

/// The aims kept to the ICB's own places, each code as `places.csv` spells it, in the file's
/// order (a code of another ICB, or unknown, is dropped: an area changed, or the caller has
/// already said which codes were not read).
pub fn kept_in(icb: &str, aims: &PlaceAims) -> PlaceAims {
    let keep = |codes: &[String]| -> Vec<String> {
        crate::data::places()
            .iter()
            .filter(|p| p.icb_code == icb)
            .filter(|p| {
                codes
                    .iter()
                    .any(|c| c.trim().eq_ignore_ascii_case(&p.ltla_code))
            })
            .map(|p| p.ltla_code.clone())
            .collect()
    };
    PlaceAims {
        prevention: keep(&aims.prevention),
        equity: keep(&aims.equity),
    }
}

/// Prevention aimed at places in £ a head: the ICB's budget (the lever's £ a head times all
/// its residents) over the chosen places' residents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AimedSpend {
    /// £ a head a year in the chosen places, and across the ICB (the lever).
    pub there: f64,
    pub across: f64,
    /// Census 2021 residents of the chosen places in the ICB, and of the whole ICB.
    pub residents_there: f64,
    pub residents: f64,
}

/// What prevention at `spend` £ a head of the ICB comes to a head in the chosen places of
/// `icb` (a split authority counts its residents in this ICB only); `None` when no chosen code
/// is one of the ICB's places. The targeting lever then splits it between the chosen places'
/// most deprived fifth and the rest ([`prevention_per_head`]): this is their mean.
pub fn aimed_spend(icb: &str, codes: &[String], spend: f64) -> Option<AimedSpend> {
    let (mut there, mut all) = (0.0, 0.0);
    for p in crate::data::places().iter().filter(|p| p.icb_code == icb) {
        all += p.residents;
        if codes
            .iter()
            .any(|c| c.trim().eq_ignore_ascii_case(&p.ltla_code))
        {
            there += p.residents;
        }
    }
    (there > 0.0).then(|| AimedSpend {
        there: spend * all / there,
        across: spend,
        residents_there: there,
        residents: all,
    })
}

impl AimedSpend {
    /// "£412 a head in Blackpool (£60 a head across the ICB)", `names` the chosen places: the
    /// Places panel's and the lever's words.
    pub fn words(&self, names: &str) -> String {
        format!(
            "{} a head in {names} ({} a head across the ICB)",
            pounds(self.there),
            pounds(self.across)
        )
    }

    /// "£731/head there": the automatic name's, the brief's and the exports' short words for
    /// the same figure (after "prevention £60/head aimed at Blackpool").
    pub fn short_words(&self) -> String {
        format!("{}/head there", pounds(self.there))
    }
}

/// England's public-health grant to councils in £ a head a year: £3.603bn in 2024/25 (DHSC,
/// "Public health grants to local authorities: 2024 to 2025", gov.uk) over England's 57,690,300
/// residents (ONS mid-2023, `shared/FACTS.md`): £62.45, the "about £62 a head" the prevention
/// lever's description cites. The reference the aimed-spend warning compares with.
pub const PUBLIC_HEALTH_GRANT_A_HEAD: f64 = 3_603.0e6 / 57_690_300.0;

impl AimedSpend {
    /// Whether the £ a head in the chosen places is beyond the prevention lever's own range
    /// across an ICB (£150 a head, about 2.4 times the public-health grant, and the spend at
    /// which the model's returns reach half of what is avoidable): aiming a whole budget at
    /// a small place goes there quickly (£40 a head across Lancashire and South Cumbria is
    /// £487 a head in Blackpool).
    pub fn beyond_range(&self) -> bool {
        self.there > crate::model::Lever::PreventionSpend.spec().max + 1e-9
    }

    /// The warning the Places panel, the board brief and the command line give when
    /// [`beyond_range`](Self::beyond_range), `names` the chosen places; `None` otherwise.
    /// The figure is reported, not capped.
    pub fn warning(&self, names: &str) -> Option<String> {
        if !self.beyond_range() {
            return None;
        }
        let times = self.there / PUBLIC_HEALTH_GRANT_A_HEAD;
        let times = if times >= 2.0 {
            format!("{times:.0}")
        } else {
            format!("{times:.1}")
        };
        Some(format!(
            "{} a head in {names} is about {times} times England's average public-health grant ({} a head: \
             £3.6bn to councils in 2024/25, DHSC) and beyond {} a head, the most the prevention lever spends \
             across a whole ICB. The model's gain at that spend is an extrapolation, not capped: ask whether \
             {names} could spend that much well before quoting it.",
            pounds(self.there),
            pounds(PUBLIC_HEALTH_GRANT_A_HEAD.round()),
            pounds(crate::model::Lever::PreventionSpend.spec().max),
        ))
    }
}

/// The warning for prevention spend `spend` (£ a head across ICB `system`) aimed at the
/// places `aims.prevention`, at a £ a head beyond the lever's range ([`AimedSpend::warning`]),
/// the places named by `names` (the app passes its own copy of
/// `scenario::places::place_names`, so the model's is not in the wasm); `None` without one.
/// The Places panel, the board brief and `ics-whatif run`'s standard error give these words.
/// (It takes the scenario's parts, not the scenario: `simulate` uses this module.)
pub fn spend_warning(
    system: &str,
    aims: &PlaceAims,
    spend: f64,
    names: impl Fn(&[String]) -> String,
) -> Option<String> {
    if spend <= 0.0 {
        return None;
    }
    aimed_spend(system, &aims.prevention, spend)?.warning(&names(&aims.prevention))
}

/// £ a head as the aim's words say it: whole pounds from £100 ("£731", "£30,250"), else to
/// a tenth at most ("£60", "£60.5").
pub fn pounds(v: f64) -> String {
    if v < 100.0 {
        return format!("£{}", format!("{v:.1}").trim_end_matches(".0"));
    }
    let digits = format!("{v:.0}");
    let mut out = String::from("£");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Share of each fifth's residents (most deprived first) who live in the chosen places of
/// the ICB. `None` when no chosen code (any case) is one of the ICB's places.
pub fn reach(icb: &str, codes: &[String]) -> Option<[f64; 5]> {
    if codes.is_empty() {
        return None;
    }
    let chosen = |p: &Place| codes.iter().any(|c| c.eq_ignore_ascii_case(&p.ltla_code));
    let mut all = [0.0; 5];
    let mut aimed = [0.0; 5];
    let mut any = false;
    for p in crate::data::places().iter().filter(|p| p.icb_code == icb) {
        let total: f64 = p.imd_quintile_share.iter().sum();
        let hit = chosen(p);
        any |= hit;
        for q in 0..5 {
            let n = p.residents * p.imd_quintile_share[q] / total;
            all[q] += n;
            if hit {
                aimed[q] += n;
            }
        }
    }
    any.then(|| std::array::from_fn(|q| if all[q] > 0.0 { aimed[q] / all[q] } else { 0.0 }))
}

/// Prevention spend a head a year in each fifth's chosen residents, for `spend` £ a head of
/// the whole ICB, `targeting_pct` of it towards the chosen places' most deprived fifth (as the
/// targeting lever does for the ICB). `share` is the ICB's residents by fifth and `reach` the
/// chosen places' share of each fifth. What the chosen residents of each fifth receive, times
/// their share of the ICB, sums to `spend`.
pub fn prevention_per_head(
    spend: f64,
    targeting_pct: f64,
    share: &[f64; 5],
    reach: &[f64; 5],
) -> [f64; 5] {
    let people: [f64; 5] = std::array::from_fn(|q| share[q] * reach[q]);
    let total: f64 = people.iter().sum();
    let rest = total - people[0];
    let to_q1 = if people[0] <= 0.0 {
        0.0
    } else if rest <= 0.0 {
        1.0
    } else {
        let q1 = people[0] / total;
        q1 + targeting_pct / 100.0 * (1.0 - q1)
    };
    std::array::from_fn(|q| {
        if people[q] <= 0.0 {
            0.0
        } else if q == 0 {
            spend * to_q1 / people[0]
        } else {
            spend * (1.0 - to_q1) / rest
        }
    })
}

/// The treatment priority by fifth with the equity lever (`priority_pct`) favouring chosen
/// places: each fifth's fitted priority plus the lever times the chosen share of its residents.
pub fn equity_priority(fitted: &[f64; 5], priority_pct: f64, reach: &[f64; 5]) -> [f64; 5] {
    std::array::from_fn(|q| fitted[q] + priority_pct / 100.0 * reach[q])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reach_is_the_chosen_places_share_of_each_fifth() {
        let codes = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Every place chosen: the whole of every fifth with residents.
        let all: Vec<String> = crate::data::places()
            .iter()
            .filter(|p| p.icb_code == "QE1")
            .map(|p| p.ltla_code.clone())
            .collect();
        let r = reach("QE1", &all).unwrap();
        assert!(r.iter().all(|&a| (a - 1.0).abs() < 1e-12), "{r:?}");
        // Blackpool: about a seventh of Lancashire and South Cumbria's most deprived fifth
        // (Census 2021), none of its least.
        let b = reach("QE1", &codes(&["e06000009"])).unwrap();
        assert!(b[0] > 0.1 && b[0] < 0.2, "{b:?}");
        assert_eq!(b[4], 0.0, "{b:?}");
        // Nothing chosen, or nothing of this ICB: no aim.
        assert_eq!(reach("QE1", &[]), None);
        assert_eq!(reach("QMF", &codes(&["E06000009"])), None);
    }

    #[test]
    fn a_whole_budget_aimed_at_one_place_warns_against_the_public_health_grant() {
        // places7: £40 a head across Lancashire and South Cumbria aimed at Blackpool.
        let codes = vec!["E06000009".to_string()];
        let a = aimed_spend("QE1", &codes, 40.0).unwrap();
        assert_eq!(pounds(a.there), "£487");
        assert!((PUBLIC_HEALTH_GRANT_A_HEAD - 62.45).abs() < 0.01);
        assert_eq!(
            a.warning("Blackpool").unwrap(),
            "£487 a head in Blackpool is about 8 times England's average public-health grant (£62 a head: \
             £3.6bn to councils in 2024/25, DHSC) and beyond £150 a head, the most the prevention lever spends \
             across a whole ICB. The model's gain at that spend is an extrapolation, not capped: ask whether \
             Blackpool could spend that much well before quoting it."
        );
        // £10 a head there is £122: within the lever's range, no warning.
        let small = aimed_spend("QE1", &codes, 10.0).unwrap();
        assert!(small.there < 150.0 && small.warning("Blackpool").is_none());
        // Every place chosen: the lever's own £ a head, never a warning, even at its top.
        let all: Vec<String> = crate::data::places()
            .iter()
            .filter(|p| p.icb_code == "QE1")
            .map(|p| p.ltla_code.clone())
            .collect();
        assert!(aimed_spend("QE1", &all, 150.0)
            .unwrap()
            .warning("all")
            .is_none());
    }

    #[test]
    fn aimed_prevention_spends_the_same_budget() {
        let share = [0.3, 0.2, 0.2, 0.15, 0.15];
        let reach = [0.5, 0.2, 0.1, 0.0, 0.05];
        for t in [0.0, 40.0, 100.0] {
            let ph = prevention_per_head(60.0, t, &share, &reach);
            let spent: f64 = (0..5).map(|q| ph[q] * share[q] * reach[q]).sum();
            assert!((spent - 60.0).abs() < 1e-9, "{t}: {spent}");
            assert_eq!(ph[3], 0.0);
        }
        // 0% targeting: the same per head across the chosen residents.
        let ph = prevention_per_head(60.0, 0.0, &share, &reach);
        assert!((ph[0] - ph[1]).abs() < 1e-9 && (ph[0] - ph[4]).abs() < 1e-9);
        // 100%: all to their most deprived fifth.
        let ph = prevention_per_head(60.0, 100.0, &share, &reach);
        assert_eq!(ph[1], 0.0);
        // No chosen resident in the most deprived fifth: all to the rest, whatever the
        // targeting.
        let ph = prevention_per_head(60.0, 100.0, &share, &[0.0, 0.5, 0.5, 0.0, 0.0]);
        assert_eq!(ph[0], 0.0);
        assert!((ph[1] * 0.1 + ph[2] * 0.1 - 60.0).abs() < 1e-9);
    }
}
