//! `ics-whatif levers` and `ics-whatif systems`: the lever table and the system list, as a
//! readable table, CSV or JSON.

use super::args::Flags;
use super::format::{csv_field, short, wrap};
use super::{output_format, Done};
use crate::model::levers::RENAMED_KEYS;
use crate::model::{ParamSpec, ASSUMPTIONS, LEVERS};
use serde::Serialize;

const WIDTH: usize = 96;

pub fn levers(flags: &Flags) -> Result<Done, String> {
    let text = match output_format(flags, &["text", "csv", "json"])? {
        "text" => levers_text(),
        "csv" => levers_csv(),
        _ => levers_json(),
    };
    Ok(Done {
        text,
        ..Done::default()
    })
}

fn range(s: &ParamSpec) -> String {
    format!("{} to {}", short(s.min), short(s.max))
}

fn levers_text() -> String {
    let all: Vec<&ParamSpec> = LEVERS.iter().chain(ASSUMPTIONS.iter()).collect();
    let key_w = all.iter().map(|s| s.key.len()).max().unwrap_or(0).max(3);
    let group_w = all
        .iter()
        .map(|s| s.group.label().len())
        .max()
        .unwrap_or(0)
        .max(5);
    let default_w = all
        .iter()
        .map(|s| short(s.default).len())
        .max()
        .unwrap_or(0)
        .max(7);
    let range_w = all.iter().map(|s| range(s).len()).max().unwrap_or(0).max(5);
    let row = |key: &str, group: &str, default: &str, range: &str, unit: &str| {
        format!(
            "{key:<key_w$}  {group:<group_w$}  {default:>default_w$}  {range:<range_w$}  {unit}\n"
        )
    };
    let mut out = String::new();
    let sections: [(&str, &[ParamSpec]); 2] = [
        ("LEVERS: policy choices (--set KEY=VALUE, or \"levers\" in a scenario file)", &LEVERS),
        (
            "ASSUMPTIONS: beliefs about the world (--set KEY=VALUE, or \"assumptions\" in a scenario file); \
             --runs draws them from their 80% interval",
            &ASSUMPTIONS,
        ),
    ];
    for (n, (title, specs)) in sections.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&wrap(title, WIDTH, ""));
        out.push('\n');
        out.push_str(&row("KEY", "GROUP", "DEFAULT", "RANGE", "UNIT"));
        for s in specs.iter() {
            out.push_str(&row(
                s.key,
                s.group.label(),
                &short(s.default),
                &range(s),
                s.unit.text(),
            ));
            let mut meaning = format!("{}. {}", s.label, s.description);
            if let Some((lo, hi)) = s.uncertainty {
                meaning.push_str(&format!(" 80% interval: {} to {}.", short(lo), short(hi)));
            }
            if !s.bands.is_empty() {
                let bands: Vec<String> = s
                    .bands
                    .iter()
                    .map(|(v, l)| format!("{} {l}", short(*v)))
                    .collect();
                meaning.push_str(&format!(" Marks: {}.", bands.join("; ")));
            }
            out.push_str(&wrap(&meaning, WIDTH - 4, "    "));
            out.push_str(&wrap(&format!("Source: {}", s.source), WIDTH - 4, "    "));
        }
    }
    out.push_str("\nRENAMED KEYS: files, links and --set still read the old key.\n");
    for (old, new) in RENAMED_KEYS {
        out.push_str(&format!("  {old} is now {new}\n"));
    }
    out
}

fn levers_csv() -> String {
    let mut out = String::from(
        "kind,key,label,group,unit,min,max,step,default,p10,p90,bands,description,source\n",
    );
    for (kind, specs) in [("lever", &LEVERS[..]), ("assumption", &ASSUMPTIONS[..])] {
        for s in specs {
            let (p10, p90) = s
                .uncertainty
                .map_or((String::new(), String::new()), |(lo, hi)| {
                    (short(lo), short(hi))
                });
            let bands: Vec<String> = s
                .bands
                .iter()
                .map(|(v, l)| format!("{}={l}", short(*v)))
                .collect();
            let fields = [
                kind.to_string(),
                s.key.to_string(),
                s.label.to_string(),
                s.group.label().to_string(),
                s.unit.to_string(),
                short(s.min),
                short(s.max),
                short(s.step),
                short(s.default),
                p10,
                p90,
                bands.join("; "),
                s.description.to_string(),
                s.source.to_string(),
            ];
            let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}

#[derive(Serialize)]
struct SpecJson {
    key: &'static str,
    label: &'static str,
    group: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
    step: f64,
    default: f64,
    /// The 80% interval the Monte Carlo draws from (assumptions only).
    p10: Option<f64>,
    p90: Option<f64>,
    bands: Vec<BandJson>,
    description: &'static str,
    source: &'static str,
}

#[derive(Serialize)]
struct BandJson {
    value: f64,
    label: &'static str,
}

impl From<&ParamSpec> for SpecJson {
    fn from(s: &ParamSpec) -> Self {
        SpecJson {
            key: s.key,
            label: s.label,
            group: s.group.label(),
            unit: s.unit.text(),
            min: s.min,
            max: s.max,
            step: s.step,
            default: s.default,
            p10: s.uncertainty.map(|u| u.0),
            p90: s.uncertainty.map(|u| u.1),
            bands: s
                .bands
                .iter()
                .map(|&(value, label)| BandJson { value, label })
                .collect(),
            description: s.description,
            source: s.source,
        }
    }
}

#[derive(Serialize)]
struct LeversJson {
    levers: Vec<SpecJson>,
    assumptions: Vec<SpecJson>,
}

fn levers_json() -> String {
    let doc = LeversJson {
        levers: LEVERS.iter().map(SpecJson::from).collect(),
        assumptions: ASSUMPTIONS.iter().map(SpecJson::from).collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[derive(Serialize)]
struct SystemJson<'a> {
    code: &'a str,
    name: &'a str,
    region: &'a str,
    population: f64,
}

pub fn systems(flags: &Flags) -> Result<Done, String> {
    let all = crate::data::systems();
    let text = match output_format(flags, &["text", "csv", "json"])? {
        "text" => {
            let code_w = all.iter().map(|s| s.code.len()).max().unwrap_or(0).max(4);
            let name_w = all
                .iter()
                .map(|s| s.name.chars().count())
                .max()
                .unwrap_or(0);
            let region_w = all
                .iter()
                .map(|s| s.region.chars().count())
                .max()
                .unwrap_or(0)
                .max(6);
            // The population is registered patients (GP lists, NHS England's 2025/26
            // allocations), more than ONS's resident estimate (England: 63.8m against 57.7m in mid-2023).
            let mut out = format!(
                "{:<code_w$}  {:<name_w$}  {:<region_w$}  {:>10}\n",
                "CODE", "NAME", "REGION", "REGISTERED"
            );
            for s in all {
                out.push_str(&format!(
                    "{:<code_w$}  {:<name_w$}  {:<region_w$}  {:>10.0}\n",
                    s.code, s.name, s.region, s.population
                ));
            }
            out.push_str(
                "REGISTERED: patients registered with a GP, 2025/26 (NHS England allocations); more than ONS's resident population.\n",
            );
            out
        }
        "csv" => {
            let mut out = String::from("code,name,region,population\n");
            for s in all {
                out.push_str(&format!(
                    "{},{},{},{:.0}\n",
                    csv_field(&s.code),
                    csv_field(&s.name),
                    csv_field(&s.region),
                    s.population
                ));
            }
            out
        }
        _ => {
            let list: Vec<SystemJson> = all
                .iter()
                .map(|s| SystemJson {
                    code: &s.code,
                    name: &s.name,
                    region: &s.region,
                    population: s.population,
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
            text.push('\n');
            text
        }
    };
    Ok(Done {
        text,
        ..Done::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::all_specs;

    #[test]
    fn every_key_is_listed_in_every_format() {
        let (text, csv, json) = (levers_text(), levers_csv(), levers_json());
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let keys: Vec<&str> = v["levers"]
            .as_array()
            .unwrap()
            .iter()
            .chain(v["assumptions"].as_array().unwrap())
            .map(|s| s["key"].as_str().unwrap())
            .collect();
        for spec in all_specs() {
            assert!(
                text.lines()
                    .any(|l| l.starts_with(&format!("{} ", spec.key))),
                "{}",
                spec.key
            );
            assert!(csv.contains(&format!(",{},", spec.key)), "{}", spec.key);
            assert!(keys.contains(&spec.key));
        }
        assert_eq!(csv.lines().count(), 1 + LEVERS.len() + ASSUMPTIONS.len());
        assert!(
            text.contains("agency_cap_pct is now agency_cover_pct"),
            "the old key is named"
        );
        assert!(
            text.lines().all(|l| l.chars().count() <= WIDTH + 40),
            "{text}"
        );
    }
}
