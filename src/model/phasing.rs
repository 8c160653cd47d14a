//! Phasing: when a lever's change from current plans takes effect (issue 14, item 2).
//!
//! Every lever's change (its value less its current-plans default) can start at a month of
//! the projection and ramp up in a straight line over some months. Before its start the
//! lever is at current plans; after its ramp, at the value set; between, a straight line.
//! "At once" (start 0, no ramp) is the default and gives exactly the unphased numbers.
//!
//! Months here are months of the projection (month 0 is the last published month); the
//! scenario file, links and CLI read and write them as calendar months (`scenario::phasing`).

use super::levers::{Lever, LeverValues};

/// When one lever's change takes effect: from month `start` of the projection, rising in a
/// straight line over `ramp` months (0: a step at `start`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Phase {
    /// The projection month the change starts in (0: at once).
    pub start: u32,
    /// Months over which the change rises in a straight line to its full size (0: a step).
    pub ramp: u32,
}

impl Phase {
    /// The change in full from the first month: today's behaviour.
    pub const AT_ONCE: Phase = Phase { start: 0, ramp: 0 };

    /// A step to the full change at projection month `start`.
    pub const fn step_at(start: u32) -> Phase {
        Phase { start, ramp: 0 }
    }

    /// A straight line from month `start`, reaching the full change after `ramp` months.
    pub const fn ramp(start: u32, ramp: u32) -> Phase {
        Phase { start, ramp }
    }

    /// Whether the change is in full from the first month (the model's months start at 1,
    /// so a step at month 0 or 1 is the same).
    pub fn is_at_once(self) -> bool {
        self.start <= 1 && self.ramp == 0
    }

    /// The share of the change in effect in month `t`: 0 before the start; from the start,
    /// (months since the start + 1) / ramp, so a 36-month ramp starting in month 13 takes a
    /// 36th of the change in month 13 and all of it from month 48; 1 for a step.
    pub fn share(self, t: usize) -> f64 {
        let start = self.start as usize;
        if t < start {
            0.0
        } else if self.ramp == 0 || t + 1 >= start + self.ramp as usize {
            1.0
        } else {
            (t + 1 - start) as f64 / self.ramp as f64
        }
    }

    /// The lever's value in month `t` when set to `value` with this phase: its default before
    /// the start, `value` after the ramp (exactly: no arithmetic), a straight line between.
    pub fn value_at(self, lever: Lever, value: f64, t: usize) -> f64 {
        let default = lever.spec().default;
        let share = self.share(t);
        if share >= 1.0 {
            value
        } else if share <= 0.0 {
            default
        } else {
            default + share * (value - default)
        }
    }
}

/// A phase for every lever, in table order. The default is every lever at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Phasing(pub [Phase; Lever::COUNT]);

impl std::ops::Index<Lever> for Phasing {
    type Output = Phase;
    fn index(&self, l: Lever) -> &Phase {
        &self.0[l as usize]
    }
}

impl std::ops::IndexMut<Lever> for Phasing {
    fn index_mut(&mut self, l: Lever) -> &mut Phase {
        &mut self.0[l as usize]
    }
}

impl Phasing {
    /// Whether every lever takes effect at once (the run is today's, unphased).
    pub fn is_at_once(&self) -> bool {
        self.0.iter().all(|p| p.is_at_once())
    }

    /// Whether `lever` moves during a run with these `levers`: phased, and set away from its
    /// default (a phase on a lever at current plans changes nothing).
    pub fn moves(&self, levers: &LeverValues, lever: Lever) -> bool {
        !self[lever].is_at_once() && levers[lever] != lever.spec().default
    }

    /// Every lever's value in month `t` (see [`Phase::value_at`]).
    pub fn levers_at(&self, levers: &LeverValues, t: usize) -> LeverValues {
        let mut out = *levers;
        for &l in Lever::ALL {
            let phase = self[l];
            if !phase.is_at_once() {
                out[l] = phase.value_at(l, levers[l], t);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_is_current_plans_before_its_month_and_the_value_from_it() {
        let p = Phase::step_at(25);
        assert_eq!(p.value_at(Lever::Recruitment, 10.0, 24), 0.0);
        assert_eq!(p.value_at(Lever::Recruitment, 10.0, 25), 10.0);
        assert_eq!(p.value_at(Lever::FundingGrowth, 4.7, 24), 3.0);
        assert_eq!(p.value_at(Lever::FundingGrowth, 4.7, 120), 4.7);
    }

    #[test]
    fn a_ramp_rises_in_a_straight_line_to_the_full_value() {
        let p = Phase::ramp(13, 36);
        assert_eq!(p.share(12), 0.0);
        assert!((p.share(13) - 1.0 / 36.0).abs() < 1e-12);
        assert!((p.share(30) - 18.0 / 36.0).abs() < 1e-12);
        assert_eq!(p.share(48), 1.0);
        assert_eq!(p.share(200), 1.0);
        assert!((p.value_at(Lever::FundingGrowth, 6.0, 30) - 4.5).abs() < 1e-12);
        // Monotone between.
        for t in 13..48 {
            assert!(p.share(t) < p.share(t + 1), "{t}");
        }
    }

    #[test]
    fn at_once_leaves_every_value_exactly_as_set() {
        let mut levers = LeverValues::default();
        levers[Lever::FundingGrowth] = 4.7;
        levers[Lever::Recruitment] = 0.1 + 0.2;
        let phasing = Phasing::default();
        assert!(phasing.is_at_once());
        for t in 0..30 {
            assert_eq!(phasing.levers_at(&levers, t), levers);
        }
        assert!(Phase::step_at(1).is_at_once());
        assert!(!Phase::step_at(2).is_at_once());
        assert!(!Phase::ramp(0, 12).is_at_once());
    }
}
