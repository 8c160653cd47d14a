//! A small, strict argument parser: `--flag value` or `--flag=value`, each flag once unless
//! it is repeatable, no positional arguments. Every problem is one line.

use crate::scenario::shown;

/// A flag a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct FlagSpec {
    pub name: &'static str,
    pub repeatable: bool,
}

pub const fn flag(name: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        repeatable: false,
    }
}

pub const fn repeatable(name: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        repeatable: true,
    }
}

/// The flags given, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flags {
    values: Vec<(&'static str, String)>,
}

impl Flags {
    /// The value of a flag given at most once.
    pub fn one(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeatable flag, in the order given.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.values
            .iter()
            .filter(move |(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, PartialEq)]
pub enum Parsed {
    Help,
    Flags(Flags),
}

/// Parses the arguments after the command name.
pub fn parse(command: &str, args: &[String], specs: &[FlagSpec]) -> Result<Parsed, String> {
    let mut flags = Flags::default();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        i += 1;
        if arg == "--help" || arg == "-h" {
            return Ok(Parsed::Help);
        }
        if !arg.starts_with('-') || arg == "-" {
            return Err(format!(
                "unexpected argument '{}' for `{command}` (options start with --; see `ics-whatif --help`)",
                shown(arg)
            ));
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (arg, None),
        };
        let Some(spec) = specs.iter().find(|s| s.name == name) else {
            let known: Vec<&str> = specs.iter().map(|s| s.name).collect();
            return Err(format!(
                "unknown option '{}' for `{command}` (it takes {}; see `ics-whatif --help`)",
                shown(name),
                if known.is_empty() {
                    "no options".to_string()
                } else {
                    known.join(", ")
                }
            ));
        };
        let value = match inline {
            Some(v) => v.to_string(),
            None => match args.get(i) {
                Some(v) if !v.starts_with("--") => {
                    i += 1;
                    v.clone()
                }
                _ => return Err(format!("{} needs a value", spec.name)),
            },
        };
        if !spec.repeatable && flags.one(spec.name).is_some() {
            return Err(format!("{} given more than once", spec.name));
        }
        flags.values.push((spec.name, value));
    }
    Ok(Parsed::Flags(flags))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    const SPECS: [FlagSpec; 3] = [flag("--ics"), flag("--years"), repeatable("--set")];

    #[test]
    fn both_spellings_and_repeats() {
        let Parsed::Flags(f) = parse(
            "run",
            &args(&["--ics", "QE1", "--years=5", "--set", "a=1", "--set=b=-2"]),
            &SPECS,
        )
        .unwrap() else {
            panic!()
        };
        assert_eq!(f.one("--ics"), Some("QE1"));
        assert_eq!(f.one("--years"), Some("5"));
        assert_eq!(f.all("--set").collect::<Vec<_>>(), ["a=1", "b=-2"]);
        assert_eq!(f.one("--runs"), None);
    }

    #[test]
    fn negative_numbers_are_values() {
        let Parsed::Flags(f) = parse("run", &args(&["--years", "-5"]), &SPECS).unwrap() else {
            panic!()
        };
        assert_eq!(f.one("--years"), Some("-5"));
    }

    #[test]
    fn problems_are_named() {
        let err = |a: &[&str]| parse("run", &args(a), &SPECS).unwrap_err();
        assert!(err(&["--bogus"]).starts_with("unknown option '--bogus' for `run`"));
        assert!(err(&["QE1"]).starts_with("unexpected argument 'QE1'"));
        assert_eq!(err(&["--ics"]), "--ics needs a value");
        assert_eq!(err(&["--ics", "--years", "5"]), "--ics needs a value");
        assert_eq!(
            err(&["--years", "1", "--years", "2"]),
            "--years given more than once"
        );
        assert!(err(&["-x"]).starts_with("unknown option '-x'"));
        assert_eq!(
            parse("run", &args(&["--ics", "a", "-h"]), &SPECS),
            Ok(Parsed::Help)
        );
    }
}
