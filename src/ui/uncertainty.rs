//! The Monte Carlo fan, filled in small chunks between frames so sliders never wait for it.
//! A new scenario abandons the old run at its next chunk: rapid slider moves never queue
//! stale work.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use crate::model::monte_carlo::MonteCarloRun;
use crate::model::{Baseline, MonteCarlo, Scenario};

/// Runs in a full fan.
pub const RUNS: usize = 200;
/// Runs per chunk: small enough that a chunk stays well inside a frame's budget.
const CHUNK: usize = 25;
/// Fixed, so the same scenario always shows the same fan (and goal seeking's chance, issue
/// 14.1, draws the same runs).
pub(super) const SEED: u64 = 2025;
/// Wait before the first chunk, so a slider being dragged does not start runs it would
/// abandon a frame later.
const SETTLE_MS: i32 = 60;

/// The Monte Carlo so far and the scenario it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct Fans {
    pub scenario: Scenario,
    pub summary: Rc<MonteCarlo>,
}

impl Fans {
    /// The summary if it belongs to `scenario` (a stale fan is never drawn).
    pub fn for_scenario(&self, scenario: &Scenario) -> Option<Rc<MonteCarlo>> {
        (self.scenario == *scenario).then(|| self.summary.clone())
    }
}

/// Starts (or restarts) the Monte Carlo whenever the scenario changes and returns what has
/// been run so far.
#[hook]
pub fn use_monte_carlo(baseline: Rc<Baseline>, scenario: Scenario) -> Option<Fans> {
    let fans = use_state(|| None::<Fans>);
    // Bumped by every restart; a chunk from an older run sees the change and stops.
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u64)));
    {
        let setter = fans.setter();
        let generation = generation.borrow().clone();
        use_effect_with((baseline, scenario), move |(baseline, scenario)| {
            let mine = generation.get() + 1;
            generation.set(mine);
            // The run (and its store of every run's figures, about 2 MB) is made by the first
            // chunk, not here: this effect runs before the page is painted after each slider
            // move, and a drag abandons most runs before they start.
            let chunk = Chunk {
                job: Rc::new(RefCell::new(None)),
                baseline: baseline.clone(),
                scenario: scenario.clone(),
                generation: generation.clone(),
                mine,
                setter,
            };
            chunk.schedule(SETTLE_MS);
            move || generation.set(generation.get() + 1)
        });
    }
    (*fans).clone()
}

struct Chunk {
    /// `None` until the first chunk runs.
    job: Rc<RefCell<Option<MonteCarloRun>>>,
    baseline: Rc<Baseline>,
    scenario: Scenario,
    generation: Rc<Cell<u64>>,
    mine: u64,
    setter: UseStateSetter<Option<Fans>>,
}

impl Chunk {
    fn schedule(self, delay_ms: i32) {
        super::later(delay_ms, move || self.run());
    }

    fn run(self) {
        if self.generation.get() != self.mine {
            return; // the scenario moved on
        }
        let finished = {
            let mut job = self.job.borrow_mut();
            let job = job.get_or_insert_with(|| MonteCarloRun::new(&self.scenario, RUNS, SEED));
            job.advance(&self.baseline, CHUNK);
            self.setter.set(Some(Fans {
                scenario: self.scenario.clone(),
                summary: Rc::new(job.summary()),
            }));
            job.is_finished()
        };
        if !finished {
            self.schedule(0);
        }
    }
}
