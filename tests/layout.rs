//! The model's modules depend one way: figures (`params`) on nothing, a start (`baseline`)
//! on no model run, the monthly loop (`simulate`) on no fitting (`calibration`). Read from the
//! source: each module's `super::` paths outside its tests.

use std::collections::{BTreeMap, BTreeSet};

const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/model");

/// Each model module and the sibling modules its code (tests left out) names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(MODEL).expect("src/model") {
        let path = entry.expect("a directory entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.extension().is_none_or(|e| e != "rs") || name == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let deps = code
            .match_indices("super::")
            .map(|(i, _)| {
                code[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect::<String>()
            })
            .filter(|d| !d.is_empty() && *d != name)
            .collect();
        graph.insert(name, deps);
    }
    graph
}

/// Every module `from` reaches through the graph.
fn reach(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(m) = stack.pop() {
        for d in graph.get(&m).into_iter().flatten() {
            if seen.insert(d.clone()) {
                stack.push(d.clone());
            }
        }
    }
    seen
}

#[test]
fn params_depends_on_no_other_model_module() {
    let graph = dependencies();
    assert_eq!(graph["params"], BTreeSet::new());
}

#[test]
fn a_start_needs_no_model_run_and_the_monthly_loop_no_fitting() {
    let graph = dependencies();
    for (module, forbidden) in [
        ("baseline", ["simulate", "calibration"]),
        ("profile", ["simulate", "calibration"]),
        ("simulate", ["calibration", "track_record"]),
    ] {
        let reached = reach(&graph, module);
        for f in forbidden {
            assert!(!reached.contains(f), "{module} reaches {f}: {reached:?}");
        }
    }
}

#[test]
fn no_model_module_reaches_itself_but_the_two_known_pairs() {
    // Known, in files other branches own: the queue's fit uses the back-cast, and a month's
    // record holds outcomes' causes.
    let known = ["backcast", "outcomes", "projection", "queue"];
    let graph = dependencies();
    let circular: Vec<&String> = graph
        .keys()
        .filter(|m| reach(&graph, m).contains(*m))
        .filter(|m| !known.contains(&m.as_str()))
        .collect();
    assert!(circular.is_empty(), "modules in a circle: {circular:?}");
}
