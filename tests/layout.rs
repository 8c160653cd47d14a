//! The model's modules depend one way: figures (`params`) on nothing, a start (`baseline`)
//! on no model run, the monthly loop (`simulate`) on no fitting (`calibration`). Read from the
//! source: each module's `super::` and `crate::model::` paths outside its tests, and the
//! names `model/mod.rs` re-exports.

use std::collections::{BTreeMap, BTreeSet};

const MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/model");

/// A file's code without its test modules (`#[cfg(test)]` then `mod ... {` at the margin, to
/// the next `}` at the margin: rustfmt's layout).
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line == "#[cfg(test)]" && lines.peek().is_some_and(|l| l.starts_with("mod ")) {
            for inner in lines.by_ref() {
                if inner == "}" {
                    break;
                }
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The names `model/mod.rs` re-exports (`pub use simulate::{simulate, Scenario}`), each with
/// the module it comes from, so that `super::Scenario` counts as a use of `simulate`.
fn re_exports(modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(format!("{MODEL}/mod.rs")).expect("src/model/mod.rs");
    let mut names = BTreeMap::new();
    for item in text.split("pub use ").skip(1) {
        let item = item.split(';').next().unwrap_or_default();
        let Some((module, rest)) = item.split_once("::") else {
            continue;
        };
        if !modules.contains(module.trim()) {
            continue;
        }
        for name in rest.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if !name.is_empty() {
                names.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    names
}

/// Each model module and the sibling modules its code (tests left out) names, through
/// `super::` or `crate::model::`, directly or through a name `model/mod.rs` re-exports.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(MODEL).expect("src/model") {
        let path = entry.expect("a directory entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.extension().is_some_and(|e| e == "rs") && name != "mod" {
            let text = std::fs::read_to_string(&path).expect("a source file");
            files.insert(name, without_tests(&text));
        }
    }
    let modules: BTreeSet<String> = files.keys().cloned().collect();
    let exported = re_exports(&modules);
    let mut graph = BTreeMap::new();
    for (name, code) in &files {
        let mut deps = BTreeSet::new();
        for prefix in ["super::", "crate::model::"] {
            for (i, _) in code.match_indices(prefix) {
                let word: String = code[i + prefix.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let module = if modules.contains(&word) {
                    Some(word)
                } else {
                    exported.get(&word).cloned()
                };
                deps.extend(module.filter(|m| m != name));
            }
        }
        graph.insert(name.clone(), deps);
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
        ("outcomes", ["simulate", "baseline"]),
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
    // record (projection) holds outcomes' causes while outcomes reads records.
    let known = ["backcast", "outcomes", "projection", "queue"];
    let graph = dependencies();
    let circular: Vec<&String> = graph
        .keys()
        .filter(|m| reach(&graph, m).contains(*m))
        .filter(|m| !known.contains(&m.as_str()))
        .collect();
    assert!(circular.is_empty(), "modules in a circle: {circular:?}");
}
