//! Automatic names for scenarios, from the levers that differ from "current plans":
//! "Recruitment +5%, prevention £40/head (50% targeted)". Used wherever a scenario needs a
//! label and the user gave none (pinned scenarios, downloads, the comparison legend).

use crate::model::levers::Phrase;
use crate::model::{Assumption, Lever, Scenario};

/// The name of a scenario with no lever or assumption changed.
pub const UNCHANGED: &str = "Current plans";
/// The phrase for changed assumptions in a name (the board brief's and the exports' lists of
/// levers leave it out: they list the assumptions themselves; issue 14.6).
pub const DIFFERENT_ASSUMPTIONS: &str = "different assumptions";
/// At most this many changes are spelt out; the rest are counted ("+2 more").
pub const MAX_NAMED_CHANGES: usize = 3;

/// A short, readable name for `s` from the levers that differ from their defaults, in
/// lever-table order: at most [`MAX_NAMED_CHANGES`] spelt out, then "+N more". Changed
/// assumptions count as one more item, "different assumptions". [`UNCHANGED`] when nothing
/// differs. The system and horizon are not part of the name.
///
/// ```
/// use ics_whatif::model::{Lever, Scenario};
/// use ics_whatif::scenario::naming::auto_name;
/// let mut s = Scenario::default();
/// assert_eq!(auto_name(&s), "Current plans");
/// s.levers[Lever::Recruitment] = 5.0;
/// s.levers[Lever::PreventionSpend] = 40.0;
/// s.levers[Lever::PreventionTargeting] = 50.0;
/// assert_eq!(auto_name(&s), "Recruitment +5%, prevention £40/head (50% targeted)");
/// ```
pub fn auto_name(s: &Scenario) -> String {
    let mut items = changes(s);
    if items.is_empty() {
        return UNCHANGED.to_string();
    }
    let more = items.len().saturating_sub(MAX_NAMED_CHANGES);
    items.truncate(MAX_NAMED_CHANGES);
    let mut name = items.join(", ");
    if more > 0 {
        name.push_str(&format!(", +{more} more"));
    }
    capitalise(&name)
}

/// One phrase per change, in lever-table order, each from its lever's row ([`Phrase`]); a
/// lever read inside another's phrase (prevention targeting, with prevention spend) is not
/// a change of its own when that one is changed too.
pub fn changes(s: &Scenario) -> Vec<String> {
    let changed = |l: Lever| s.levers[l] != l.spec().default;
    let mut items = Vec::new();
    for &lever in Lever::ALL {
        if !changed(lever) {
            continue;
        }
        let Some(phrase) = lever.spec().phrase else {
            // A lever without a phrase reads by its label (a test checks every lever has one).
            items.push(format!(
                "{} {}",
                lever.spec().label.to_ascii_lowercase(),
                num(s.levers[lever])
            ));
            continue;
        };
        if matches!(phrase.inside, Some((host, _, _)) if changed(host)) {
            continue;
        }
        let mut item = says(&phrase, s.levers[lever]);
        for &guest in Lever::ALL {
            if let Some(Phrase {
                inside: Some((host, before, after)),
                ..
            }) = guest.spec().phrase
            {
                if host == lever && changed(guest) {
                    item.push_str(&format!("{before}{}{after}", num(s.levers[guest])));
                }
            }
        }
        // Phasing (issue 14.2): "recruitment +10% from April 2027, over 3 years".
        if let Some(words) = super::phasing::words(s.phasing[lever]) {
            item.push(' ');
            item.push_str(&words);
        }
        // Levers aimed at places (issue 13.2): "prevention £60/head aimed at Blackpool", and
        // what the budget comes to a head there, the Places panel's figure (issue 13):
        // "prevention £60/head aimed at Blackpool (£731/head there)".
        if let Some(words) = super::places::aim_words(s, lever) {
            item.push(' ');
            item.push_str(&words);
            if let Some(there) = aimed_there(s, lever) {
                item.push_str(&format!(" ({there})"));
            }
        }
        items.push(item);
    }
    if Assumption::ALL
        .iter()
        .any(|&a| s.assumptions[a] != a.spec().default)
    {
        items.push(DIFFERENT_ASSUMPTIONS.to_string());
    }
    items
}

/// "£731/head there" for prevention aimed at places with money to spend: the ICB's budget
/// over the chosen places' residents ([`aimed_spend`](crate::model::place_aim::aimed_spend),
/// the Places panel's one source for it). `None` for other levers, or no spend.
fn aimed_there(s: &Scenario, lever: Lever) -> Option<String> {
    let spend = s.levers[lever];
    if lever != Lever::PreventionSpend || spend <= 0.0 {
        return None;
    }
    crate::model::place_aim::aimed_spend(&s.system, &s.places.prevention, spend)
        .map(|a| a.short_words())
}

/// A lever's phrase at value `v`: its own words for a named value, else the value between
/// the phrase's words.
fn says(phrase: &Phrase, v: f64) -> String {
    if let Some(&(_, words)) = phrase.named.iter().find(|&&(at, _)| at == v) {
        return words.to_string();
    }
    let value = if phrase.signed { signed(v) } else { num(v) };
    format!("{}{value}{}", phrase.before, phrase.after)
}

/// A value as short as it reads: at most two decimals, no trailing zeros ("5", "0.7").
fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    // -0 would print as "-0".
    format!("{}", if r == 0.0 { 0.0 } else { r })
}

/// [`num`] with its sign: "+5", "-0.7".
fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", num(v))
    } else {
        num(v)
    }
}

/// `text` with its first letter upper-cased ("more recruitment" -> "More recruitment").
/// ASCII only: every label and message is English, and `char::to_uppercase` would bring the
/// whole Unicode case table (about 4 KB gzipped) into the app's wasm.
pub fn capitalise(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets::presets;

    fn with(levers: &[(Lever, f64)]) -> Scenario {
        let mut s = Scenario::default();
        for &(l, v) in levers {
            s.levers[l] = v;
        }
        s
    }

    #[test]
    fn an_unchanged_scenario_is_current_plans_whatever_its_system_and_horizon() {
        assert_eq!(auto_name(&Scenario::default()), "Current plans");
        let s = Scenario {
            system: "QE1".into(),
            years: 3,
            ..Scenario::default()
        };
        assert_eq!(auto_name(&s), "Current plans");
    }

    #[test]
    fn changes_are_named_in_table_order_with_signs_and_units() {
        let s = with(&[(Lever::LeaverRateChange, -0.7), (Lever::Recruitment, 5.0)]);
        assert_eq!(auto_name(&s), "Recruitment +5%, leaver rate -0.7 pts");
        assert_eq!(
            auto_name(&with(&[(Lever::SocialCare, 39.0)])),
            "Social care +39%"
        );
        assert_eq!(
            auto_name(&with(&[(Lever::FundingGrowth, -2.0)])),
            "Flat cash"
        );
        assert_eq!(
            auto_name(&with(&[(Lever::FundingGrowth, 4.5)])),
            "Funding growth 4.5%/yr"
        );
    }

    #[test]
    fn prevention_spend_and_targeting_read_as_one_change() {
        let s = with(&[
            (Lever::PreventionSpend, 40.0),
            (Lever::PreventionTargeting, 50.0),
        ]);
        assert_eq!(auto_name(&s), "Prevention £40/head (50% targeted)");
        assert_eq!(
            auto_name(&with(&[(Lever::PreventionTargeting, 50.0)])),
            "Prevention targeting 50%"
        );
    }

    #[test]
    fn more_than_three_changes_are_counted_not_listed() {
        let s = with(&[
            (Lever::Recruitment, 5.0),
            (Lever::LeaverRateChange, -0.7),
            (Lever::TrainingPlaces, 50.0),
            (Lever::SocialCare, 39.0),
            (Lever::Productivity, 2.0),
        ]);
        assert_eq!(
            auto_name(&s),
            "Recruitment +5%, leaver rate -0.7 pts, training places +50%, +2 more"
        );
    }

    #[test]
    fn changed_assumptions_are_mentioned() {
        let mut s = Scenario::default();
        s.assumptions[Assumption::DemandGrowth] = 3.0;
        assert_eq!(auto_name(&s), "Different assumptions");
        s.levers[Lever::Recruitment] = 5.0;
        assert_eq!(auto_name(&s), "Recruitment +5%, different assumptions");
    }

    #[test]
    fn float_noise_from_slider_arithmetic_does_not_show() {
        assert_eq!(
            auto_name(&with(&[(Lever::LeaverRateChange, 0.1 + 0.2)])),
            "Leaver rate +0.3 pts"
        );
    }

    #[test]
    fn every_preset_gets_a_short_name() {
        for p in presets() {
            let name = auto_name(&p.apply("england", 10));
            assert!(!name.is_empty() && name.chars().count() <= 80, "{name}");
        }
        assert_eq!(auto_name(&presets()[0].apply("england", 10)), UNCHANGED);
    }

    #[test]
    fn every_lever_row_carries_its_phrase() {
        for &l in Lever::ALL {
            assert!(l.spec().phrase.is_some(), "{}", l.key());
        }
        assert_eq!(
            auto_name(&with(&[(Lever::AgencyCover, 5.0)])),
            "Agency 5% of vacancies"
        );
        assert_eq!(
            auto_name(&with(&[(Lever::LongWaitFocus, 5.0)])),
            "Capacity for the longest waiters 5"
        );
        assert_eq!(
            auto_name(&with(&[(Lever::FundingGrowth, 0.0)])),
            "Flat real-terms funding"
        );
    }

    #[test]
    fn phasing_is_said_in_plain_words_after_the_change() {
        use crate::model::Phase;
        let mut s = with(&[(Lever::Recruitment, 10.0), (Lever::SocialCare, 39.0)]);
        s.phasing[Lever::Recruitment] = Phase::ramp(25, 36);
        assert_eq!(
            auto_name(&s),
            "Recruitment +10% from April 2027, over 3 years, social care +39%"
        );
        s.phasing[Lever::Recruitment] = Phase::step_at(25);
        s.phasing[Lever::SocialCare] = Phase::ramp(0, 24);
        assert_eq!(
            auto_name(&s),
            "Recruitment +10% from April 2027, social care +39% over 2 years"
        );
        // A phased lever at current plans is no change.
        let mut unchanged = Scenario::default();
        unchanged.phasing[Lever::Recruitment] = Phase::step_at(25);
        assert_eq!(auto_name(&unchanged), UNCHANGED);
    }

    #[test]
    fn every_lever_at_its_extremes_gets_a_phrase() {
        for &l in Lever::ALL {
            for v in [l.spec().min, l.spec().max] {
                let name = auto_name(&with(&[(l, v)]));
                assert!(!name.is_empty(), "{}", l.key());
                assert!(!name.contains("NaN"), "{name}");
            }
        }
    }
}
