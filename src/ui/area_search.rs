//! Finding an area by what people type (the app's Area filter, places7): an ICB's short or
//! official name ("Manchester", "NHS Greater Manchester"), its code ("QOP"), or the name of a council
//! inside it ("Blackpool"; `places.csv`'s local authorities), with the usual county
//! abbreviations ("Lancs", "Notts"). A council split between ICBs is found in each, with the
//! share of its residents there. Local-government users type their council's name. Here in
//! the app's package, built for size (the model's crate is built for speed).

use super::format::system_name;
use crate::data::{places, systems, System};

/// One council a filter found inside an ICB.
#[derive(Clone, Debug, PartialEq)]
pub struct CouncilHit {
    pub name: &'static str,
    /// Share of the council's residents (Census 2021) who live in this ICB: 1 when it lies
    /// wholly inside.
    pub share: f64,
    /// Its residents in this ICB.
    pub residents: f64,
}

/// One area a filter found: England or an ICB, by its own name or code, or by the councils
/// inside it that the filter names.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaMatch {
    pub system: &'static System,
    /// The filter matched the ICB's own name (short or official) or its code.
    pub by_name: bool,
    /// Councils inside it whose names match, in `places.csv`'s order (empty when the name
    /// matched: "Lancashire" names the ICB, not also West Lancashire).
    pub councils: Vec<CouncilHit>,
}

/// Common short forms of county names, as people type them.
const ABBREVIATIONS: [(&str, &str); 19] = [
    ("beds", "bedfordshire"),
    ("berks", "berkshire"),
    ("bucks", "buckinghamshire"),
    ("cambs", "cambridgeshire"),
    ("derbys", "derbyshire"),
    ("glos", "gloucestershire"),
    ("hants", "hampshire"),
    ("herts", "hertfordshire"),
    ("lancs", "lancashire"),
    ("leics", "leicestershire"),
    ("lincs", "lincolnshire"),
    ("northants", "northamptonshire"),
    ("notts", "nottinghamshire"),
    ("oxon", "oxfordshire"),
    ("staffs", "staffordshire"),
    ("wilts", "wiltshire"),
    ("worcs", "worcestershire"),
    ("warks", "warwickshire"),
    ("yorks", "yorkshire"),
];

/// Lower case, ASCII letters and digits only, words separated by one space ("Stoke-on-Trent"
/// and "stoke on trent" read alike; "King's" reads "kings"; "&" reads "and").
pub fn normalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        if c == '&' {
            space = true;
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str("and");
            continue;
        }
        // ASCII only (the names are): Unicode's case and letter tables would cost the
        // app's wasm about 10 KB.
        if c.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// The filter as it is matched: normalised, county abbreviations spelt out, and a trailing
/// "ICB" or "ICS" dropped ("Manchester ICB" finds Greater Manchester).
fn needle(filter: &str) -> String {
    let words: Vec<String> = normalised(filter)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            ABBREVIATIONS
                .iter()
                .find(|(short, _)| *short == w)
                .map_or(w.to_string(), |(_, long)| long.to_string())
        })
        .collect();
    let mut words = words;
    if words.len() > 1 && matches!(words.last().map(String::as_str), Some("icb" | "ics")) {
        words.pop();
    }
    words.join(" ")
}

/// The areas `filter` finds, England first then the ICBs in name order (as the area list):
/// each ICB whose name or code matches, and each ICB holding a council whose name matches.
/// An empty filter finds every area.
pub fn find_areas(filter: &str) -> Vec<AreaMatch> {
    let n = needle(filter);
    let all = systems();
    if n.is_empty() {
        return all
            .iter()
            .map(|system| AreaMatch {
                system,
                by_name: true,
                councils: Vec::new(),
            })
            .collect();
    }
    // Each council's residents across every ICB it lies in (a split authority has a row in each).
    let whole = |code: &str| -> f64 {
        places()
            .iter()
            .filter(|p| p.ltla_code == code)
            .map(|p| p.residents)
            .sum()
    };
    all.iter()
        .filter_map(|system| {
            let short = normalised(system_name(&system.name));
            let by_name = short.contains(&n)
                || normalised(&system.name).contains(&n)
                || system.code.eq_ignore_ascii_case(filter.trim());
            let councils: Vec<CouncilHit> = if by_name {
                Vec::new()
            } else {
                places()
                    .iter()
                    .filter(|p| p.icb_code == system.code && normalised(&p.ltla_name).contains(&n))
                    .map(|p| CouncilHit {
                        name: p.ltla_name.as_str(),
                        share: p.residents / whole(&p.ltla_code).max(1.0),
                        residents: p.residents,
                    })
                    .collect()
            };
            (by_name || !councils.is_empty()).then_some(AreaMatch {
                system,
                by_name,
                councils,
            })
        })
        .collect()
}

/// The area Enter opens among `matches`: the first found by its own name, else the one
/// holding the most residents of the councils found (a split council opens the ICB where
/// most of it lives).
pub fn best(matches: &[AreaMatch]) -> Option<&AreaMatch> {
    matches.iter().find(|m| m.by_name).or_else(|| {
        matches.iter().max_by(|a, b| {
            let r = |m: &AreaMatch| m.councils.iter().map(|c| c.residents).sum::<f64>();
            r(a).total_cmp(&r(b))
        })
    })
}

impl AreaMatch {
    /// How the area list names it: "Lancashire and South Cumbria (has Blackpool)", "North
    /// East and North Cumbria (has 97% of Cumberland)"; a name match is the name alone. At
    /// most two councils are named, then "and N more".
    pub fn label(&self) -> String {
        let name = system_name(&self.system.name);
        if self.councils.is_empty() {
            return name.to_string();
        }
        let named: Vec<String> = self
            .councils
            .iter()
            .take(2)
            .map(|c| {
                if c.share > 0.995 {
                    c.name.to_string()
                } else {
                    format!("{} of {}", share_text(c.share), c.name)
                }
            })
            .collect();
        let more = self.councils.len().saturating_sub(2);
        let list = if more > 0 {
            format!("{} and {more} more", named.join(", "))
        } else {
            named.join(" and ")
        };
        format!("{name} (has {list})")
    }
}

/// "3.1%" below 10%, else whole per cent ("76%"); never "100%" for a part.
fn share_text(share: f64) -> String {
    let pct = share * 100.0;
    if pct < 10.0 {
        format!("{pct:.1}%")
    } else {
        format!("{:.0}%", pct.min(99.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(filter: &str) -> Vec<String> {
        find_areas(filter).iter().map(AreaMatch::label).collect()
    }

    #[test]
    fn a_council_name_finds_the_icb_that_holds_it() {
        assert_eq!(
            labels("Blackpool"),
            ["Lancashire and South Cumbria (has Blackpool)"]
        );
        assert_eq!(
            labels("  blackPOOL "),
            ["Lancashire and South Cumbria (has Blackpool)"]
        );
        let m = find_areas("Blackpool");
        assert_eq!(best(&m).unwrap().system.code, "QE1");
        assert!(!m[0].by_name);
    }

    #[test]
    fn county_abbreviations_and_official_names_find_icbs() {
        let lancs = labels("lancs");
        assert!(
            lancs.contains(&"Lancashire and South Cumbria".to_string()),
            "{lancs:?}"
        );
        assert_eq!(labels("NHS Greater"), ["Greater Manchester"]);
        assert_eq!(labels("Manchester ICB"), ["Greater Manchester"]);
        assert_eq!(labels("qop"), ["Greater Manchester"]);
        // Punctuation reads as a space: Stoke-on-Trent typed without hyphens.
        assert!(
            labels("stoke on trent")[0].contains("Stoke-on-Trent"),
            "{:?}",
            labels("stoke on trent")
        );
    }

    #[test]
    fn a_split_council_is_found_in_each_icb_with_its_share() {
        let m = find_areas("Cumberland");
        let codes: Vec<&str> = m.iter().map(|a| a.system.code.as_str()).collect();
        assert_eq!(codes.len(), 2, "{codes:?}");
        let shares: f64 = m.iter().map(|a| a.councils[0].share).sum();
        assert!((shares - 1.0).abs() < 1e-9, "{shares}");
        let lsc = m.iter().find(|a| a.system.code == "QE1").unwrap();
        assert_eq!(
            lsc.label(),
            "Lancashire and South Cumbria (has 3.1% of Cumberland)"
        );
        // Enter opens the ICB where most of it lives.
        assert_eq!(best(&m).unwrap().system.code, "QHM");
    }

    #[test]
    fn nothing_found_is_empty_and_an_empty_filter_finds_every_area() {
        assert!(find_areas("zzqx").is_empty());
        assert!(best(&find_areas("zzqx")).is_none());
        assert_eq!(find_areas("").len(), systems().len());
        assert_eq!(find_areas(" ").len(), systems().len());
    }
}
