//! `--place-aim LEVER=CODE[,CODE...]` (issue 13.2): aims prevention (`prevention=...`) or the
//! equity-in-access lever (`equity=...`) at chosen places of the run's ICB, by local
//! authority code (`ics-whatif places --ics CODE` lists them). Repeatable; a second
//! `--place-aim` for the same lever replaces the first (and any the scenario file gives).

use super::args::Flags;
use crate::model::places::check_place;
use crate::model::Scenario;
use crate::scenario::places::{check_places, list_for, split_codes};
use crate::scenario::shown;

/// The flag's name.
pub const FLAG: &str = "--place-aim";

/// Applies every `--place-aim` to `s` (whose ICB is already set), then checks every chosen
/// place (the file's too) against the ICB: the first not in it is the error, named.
pub fn apply_flags(flags: &Flags, s: &mut Scenario) -> Result<(), String> {
    for text in flags.all(FLAG) {
        let (lever, codes) = text.split_once('=').ok_or_else(|| {
            format!(
                "{FLAG} expects LEVER=CODE[,CODE...], such as {FLAG} prevention=E06000009; got '{}'",
                shown(text)
            )
        })?;
        let lever = lever.trim().to_ascii_lowercase();
        let codes = split_codes(codes);
        if codes.is_empty() {
            return Err(format!(
                "{FLAG} {lever}= needs at least one local authority code, such as E06000009"
            ));
        }
        if s.system == crate::data::ENGLAND {
            return Err(format!(
                "{FLAG}: places belong to an ICB; give --ics CODE (see `ics-whatif systems`)"
            ));
        }
        for code in &codes {
            check_place(&s.system, code).map_err(|e| format!("{FLAG} {lever}: {e}"))?;
        }
        let Some(list) = list_for(&mut s.places, &lever) else {
            return Err(format!(
                "{FLAG}: unknown lever '{}': use prevention or equity",
                shown(&lever)
            ));
        };
        *list = codes;
    }
    // The scenario file's places, against the ICB --ics may have changed.
    match check_places(s).first() {
        Some(problem) => Err(problem.to_string()),
        None => Ok(()),
    }
}
