//! Goal seeking in the app, "what would it take" (issue 14.1): the question (a target in one
//! of four plain forms, a month, the levers the planner will move with the range each may
//! take), the last answer (`model::goal::solve` and `chance`, the solver `ics-whatif solve`
//! uses) with the scenario it was found from, and the actions that change them. Native, like
//! the rest of the app state, so every action is tested by `cargo test --lib app_state`.
//!
//! An answer is kept with its question and its scenario: when either changes (a lever moved,
//! another month chosen), the answer is "out of date" ([`GoalResult::is_fresh`]), never shown
//! as if it answered the new question. Applying an answer sets the levers found on the
//! scenario as one change (one step of undo); the answer stays fresh there.

use std::rc::Rc;

use super::view::period_of;
use super::AppState;
use crate::model::goal::{self, Chance, LeverRange, Solution, Target};
use crate::model::{Lever, Metric, Scenario};

/// Monte Carlo runs behind "met in N of 100 runs": as `ics-whatif solve` by default
/// (`cli::solve::DEFAULT_RUNS`).
pub const CHANCE_RUNS: usize = 100;

// The target's forms and a lever's usual range live with the question's file and link
// format (`crate::scenario::goal`), so that the browser app's own build of this module and
// the library share one type.
pub use crate::scenario::goal::{default_range, GoalKind};

/// One lever in the question: whether it may move, and the range it may take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GoalLever {
    pub lever: Lever,
    pub chosen: bool,
    /// The lowest and highest values allowed (NaN where what was typed is not a number).
    pub min: f64,
    pub max: f64,
}

/// The question and the last answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    pub kind: GoalKind,
    /// The number typed (NaN when it is not one), in [`GoalKind::unit`].
    pub threshold: f64,
    /// The target's month (months from month 0); `None`: the page's chosen month.
    pub month: Option<u32>,
    /// Every lever, in the levers' order, chosen or not, with its range.
    pub levers: Vec<GoalLever>,
    /// The last answer, if any.
    pub result: Option<Rc<GoalResult>>,
    /// Why the last "Find it" could not run (bad input), in plain words.
    pub error: Option<String>,
}

impl Default for Goal {
    /// The question: 18-week share at least 92%, efficiency chosen.
    fn default() -> Self {
        Goal {
            kind: GoalKind::Within18Weeks,
            threshold: GoalKind::Within18Weeks.default_threshold(0.0),
            month: None,
            levers: Lever::ALL
                .iter()
                .map(|&lever| {
                    let (min, max) = default_range(lever);
                    GoalLever {
                        lever,
                        chosen: lever == Lever::Productivity,
                        min,
                        max,
                    }
                })
                .collect(),
            result: None,
            error: None,
        }
    }
}

/// What the solver is asked: the target and the ranges (on the levers' step grids).
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub kind: GoalKind,
    /// The number as typed (the target's threshold is its negative for the gap).
    pub threshold: f64,
    pub month: u32,
    pub target: Target,
    pub ranges: Vec<LeverRange>,
}

/// An answer: the solver's solution and chance, for a question, from a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalResult {
    pub question: Question,
    pub solution: Solution,
    pub chance: Chance,
    /// The scenario the search started from.
    pub from: Scenario,
    /// The scenario's cost over the whole horizon with the levers found, £m.
    pub horizon_cost_gbp_m: f64,
}

impl GoalResult {
    /// Whether the answer still answers `question` for `scenario`: the question is the same
    /// and the scenario is the one it was found from, or that scenario with the answer
    /// applied.
    pub fn is_fresh(&self, question: Option<&Question>, scenario: &Scenario) -> bool {
        question == Some(&self.question)
            && (*scenario == self.from || *scenario == self.solution.scenario)
    }

    /// Whether `scenario` is the answer applied.
    pub fn is_applied(&self, scenario: &Scenario) -> bool {
        *scenario == self.solution.scenario && self.solution.scenario != self.from
    }
}

impl Goal {
    /// The lever's row.
    pub fn lever(&self, lever: Lever) -> Option<&GoalLever> {
        self.levers.iter().find(|l| l.lever == lever)
    }

    /// The question as the solver takes it for a page whose month is `page_month`, over a
    /// horizon of `horizon` months, or a message in plain words saying what to fix.
    pub fn question(&self, page_month: u32, horizon: u32) -> Result<Question, String> {
        if !self.threshold.is_finite() {
            return Err(format!(
                "Type a number for the target: {} how many {}?",
                self.kind.words().to_ascii_lowercase(),
                self.kind.unit()
            ));
        }
        let month = self.month.unwrap_or(page_month);
        if month < 1 || month > horizon {
            return Err(format!(
                "Choose a month from {} to {}.",
                period_of(1).name(),
                period_of(horizon).name()
            ));
        }
        let chosen: Vec<&GoalLever> = self.levers.iter().filter(|l| l.chosen).collect();
        if chosen.is_empty() {
            return Err("Tick at least one lever the answer may move.".into());
        }
        let mut ranges = Vec::new();
        for l in chosen {
            let spec = l.lever.spec();
            let unit = spec.unit.text();
            if !l.min.is_finite() || !l.max.is_finite() {
                return Err(format!(
                    "{}: type a lowest and a highest value ({unit}).",
                    spec.label
                ));
            }
            if l.min > l.max {
                return Err(format!(
                    "{}: the lowest value ({}) is above the highest ({}).",
                    spec.label, l.min, l.max
                ));
            }
            if l.min < spec.min || l.max > spec.max {
                return Err(format!(
                    "{}: the range must lie within {} to {} ({unit}).",
                    spec.label, spec.min, spec.max
                ));
            }
            let (range, _) = LeverRange::parse(&format!("{}={}..{}", spec.key, l.min, l.max))
                .map_err(|_| {
                    format!(
                        "{}: no value from {} to {} is on the lever's steps of {} ({unit}).",
                        spec.label, l.min, l.max, spec.step
                    )
                })?;
            ranges.push(range);
        }
        Ok(Question {
            kind: self.kind,
            threshold: self.threshold,
            month,
            target: self.kind.target(self.threshold, period_of(month)),
            ranges,
        })
    }
}

impl AppState {
    /// The goal with `change` made (the answer kept: it shows as out of date if the
    /// question no longer matches), or `None` when nothing changes.
    pub(super) fn with_goal(&self, change: impl FnOnce(&mut Goal)) -> Option<AppState> {
        let mut goal = (*self.view.goal).clone();
        change(&mut goal);
        (goal != *self.view.goal).then(|| {
            let mut next = self.clone();
            next.view.goal = Rc::new(goal);
            next
        })
    }

    /// The question for this state's month and horizon.
    pub fn goal_question(&self) -> Result<Question, String> {
        self.view
            .goal
            .question(self.view.month, self.horizon_years() * 12)
    }

    /// The last answer, if it still answers the question for this scenario.
    pub fn fresh_goal(&self) -> Option<Rc<GoalResult>> {
        let result = self.view.goal.result.clone()?;
        let question = self.goal_question().ok();
        result
            .is_fresh(question.as_ref(), &self.document.scenario)
            .then_some(result)
    }

    /// Chooses the target's form, with its usual number.
    pub(super) fn goal_kind(&self, kind: GoalKind) -> Option<AppState> {
        let list_now = self
            .runs
            .scenario
            .months
            .first()
            .map_or(0.0, |r| Metric::WaitingList.of(r));
        self.with_goal(|g| {
            if g.kind != kind {
                g.kind = kind;
                g.threshold = kind.default_threshold(list_now);
            }
        })
    }

    /// Runs the solver and the Monte Carlo (`runs` runs from `seed`) on the question; a
    /// question that cannot be asked gives its message instead, and no answer.
    pub(super) fn solved_goal(&self, seed: u64) -> Option<AppState> {
        let scenario = self.scenario_spec();
        let base = &self.runs.baseline;
        let found = self.goal_question().and_then(|question| {
            let solution = goal::solve(base, &scenario, &question.target, &question.ranges)?;
            let chance = goal::chance(
                base,
                &solution.scenario,
                &question.target,
                CHANCE_RUNS,
                seed,
            )?;
            let horizon_cost_gbp_m = crate::model::simulate(base, &solution.scenario)
                .last()
                .cumulative_cost_gbp_m;
            Ok(GoalResult {
                question,
                solution,
                chance,
                from: scenario.clone(),
                horizon_cost_gbp_m,
            })
        });
        self.with_goal(|g| match found {
            Ok(result) => {
                g.result = Some(Rc::new(result));
                g.error = None;
            }
            Err(message) => {
                g.result = None;
                g.error = Some(message);
            }
        })
    }

    /// Sets the levers of a fresh answer on the scenario: one change, one step of undo.
    pub(super) fn applied_goal(&self) -> Option<AppState> {
        let result = self.fresh_goal()?;
        let mut to = self.scenario_spec();
        for l in &result.solution.levers {
            to.levers[l.lever] = l.value;
        }
        self.changed(to, None)
    }
}

// ---- The question kept in the link, the autosave and the scenario file (sixth session) ----

use crate::scenario::goal::{GoalQuestion, GoalRange};

impl Goal {
    /// The question as a file or link keeps it (`crate::scenario::goal`): the target, its
    /// number and month, and the levers ticked with their ranges; `None` when it is the
    /// panel's first question, so links and files stay as they were until it is changed. A
    /// lever not ticked is not kept (its range starts as usual).
    pub fn kept(&self) -> Option<GoalQuestion> {
        let q = GoalQuestion {
            kind: self.kind,
            threshold: self.threshold,
            month: self.month.map(period_of),
            levers: self
                .levers
                .iter()
                .filter(|l| l.chosen)
                .map(|l| GoalRange {
                    lever: l.lever,
                    min: l.min,
                    max: l.max,
                })
                .collect(),
        };
        let first = Goal::default();
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits();
        let unchanged = q.kind == first.kind
            && same(q.threshold, first.threshold)
            && q.month.is_none()
            && q.levers.len() == first.levers.iter().filter(|l| l.chosen).count()
            && q.levers.iter().all(|r| {
                first
                    .lever(r.lever)
                    .is_some_and(|f| f.chosen && same(f.min, r.min) && same(f.max, r.max))
            });
        (!unchanged).then_some(q)
    }
}

impl AppState {
    /// The question as the link, the autosave and the scenario file keep it.
    pub fn goal_kept(&self) -> Option<GoalQuestion> {
        self.view.goal.kept()
    }

    /// The state with a kept question put back in the panel (from a link, the autosave or
    /// a file); the answer is forgotten (Find it finds it again). A month outside this
    /// projection is said in a notice and the question then follows the page's month.
    pub fn with_goal_question(&self, q: &GoalQuestion) -> AppState {
        let horizon = self.horizon_years().max(1) * 12;
        let mut notice = None;
        let month = q.month.and_then(|p| {
            let t = super::view::month_of(p);
            if (1..=i64::from(horizon)).contains(&t) {
                Some(t as u32)
            } else {
                notice = Some(format!(
                    "The question's month, {}, is outside this projection ({} to {}); What would it take follows the page's month instead.",
                    p.name(),
                    period_of(1).name(),
                    period_of(horizon).name()
                ));
                None
            }
        });
        let mut goal = Goal {
            kind: q.kind,
            threshold: q.threshold,
            month,
            ..Goal::default()
        };
        for l in goal.levers.iter_mut() {
            l.chosen = false;
            if let Some(r) = q.levers.iter().find(|r| r.lever == l.lever) {
                l.chosen = true;
                l.min = r.min;
                l.max = r.max;
            }
        }
        let mut next = self.clone();
        next.view.goal = Rc::new(goal);
        if let Some(line) = notice {
            let mut notices = (*next.view.notices).clone();
            notices.push(line);
            next.view.notices = Rc::new(notices);
        }
        next
    }
}

#[cfg(test)]
mod kept_tests {
    use super::*;
    use crate::scenario::goal::{from_link_value, to_link_value};

    fn state() -> AppState {
        AppState::restore(&Scenario::default(), Vec::new(), Vec::new())
    }

    #[test]
    fn the_first_question_is_not_kept_and_a_changed_one_comes_back_whole() {
        let s = state();
        assert_eq!(s.goal_kept(), None);
        let mut goal = (*s.view.goal).clone();
        goal.kind = GoalKind::Over52Weeks;
        goal.threshold = 0.5;
        goal.month = Some(36);
        for l in goal.levers.iter_mut() {
            if l.lever == Lever::Recruitment {
                l.chosen = true;
                l.min = 0.0;
                l.max = 30.0;
            }
        }
        let mut changed = s.clone();
        changed.view.goal = Rc::new(goal.clone());
        let kept = changed.goal_kept().expect("a changed question is kept");
        assert_eq!(kept.levers.len(), 2);
        // Through a link and back into a state: the same question, no answer.
        let (read, problems) = from_link_value(&to_link_value(&kept));
        assert!(problems.is_empty(), "{problems:?}");
        let back = s.with_goal_question(&read.unwrap());
        assert_eq!(*back.view.goal, goal);
        assert!(back.view.notices.is_empty());
    }

    #[test]
    fn the_action_puts_an_opened_files_question_in_the_panel_and_leaves_the_scenario() {
        let s = state();
        let (lo, hi) = default_range(Lever::Recruitment);
        let q = GoalQuestion {
            kind: GoalKind::LeGapNarrowed,
            threshold: 0.5,
            month: None,
            levers: vec![GoalRange {
                lever: Lever::Recruitment,
                min: lo,
                max: hi,
            }],
        };
        let next = s
            .apply(super::super::Action::SetGoalQuestion(Box::new(q.clone())))
            .expect("the panel changes");
        assert_eq!(next.goal_kept(), Some(q.clone()));
        assert_eq!(next.scenario_spec(), s.scenario_spec());
        assert!(
            !next.history.can_undo(),
            "a question is not a change to the scenario"
        );
        // The same question again changes nothing.
        assert!(next
            .apply(super::super::Action::SetGoalQuestion(Box::new(q)))
            .is_none());
    }

    #[test]
    fn a_month_outside_the_projection_is_said_and_follows_the_page() {
        let s = state();
        let q = GoalQuestion {
            kind: GoalKind::Within18Weeks,
            threshold: 92.0,
            month: Some(crate::data::rtt::Period::parse("2060-03").unwrap()),
            levers: vec![],
        };
        let back = s.with_goal_question(&q);
        assert_eq!(back.view.goal.month, None);
        assert!(back.view.goal.levers.iter().all(|l| !l.chosen));
        assert_eq!(back.view.notices.len(), 1);
        assert!(
            back.view.notices[0].starts_with("The question's month, March 2060, is outside"),
            "{:?}",
            back.view.notices
        );
    }
}
