//! "Partners' proposals": the pinned scenarios as partners' proposals in a live workshop. Each
//! pin's lever changes (measured against current plans) are applied in turn to current plans
//! for the chosen area, and for each headline outcome a waterfall shows current plans, each
//! proposal's contribution, the interaction and the combined result, in bars and in words.
//! Computed only while the panel is open: it runs up to 2^n simulations
//! (`model::attribution`).

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::format;
use super::placement;
use super::state::Pin;
use crate::model::attribution::{attribute_headlines, Attribution, Proposal};
use crate::model::projection::{Unit, Verdict};
use crate::model::{Baseline, LeverValues, Scenario};

/// Who a proposal comes from: the partners of an integrated care system (the workshop file
/// carries each act's partner by these names: issue 15.3).
pub use crate::scenario::workshop::PARTNERS;

#[derive(Properties, PartialEq)]
pub struct WaterfallProps {
    pub pins: Rc<Vec<Pin>>,
    /// The chosen area.
    pub baseline: Rc<Baseline>,
    /// The scenario as set (its assumptions and horizon shape current plans).
    pub scenario: Scenario,
    /// The chosen month: months from month 0 (the last published month).
    pub month: usize,
    /// The partner each pin speaks for (an index into [`PARTNERS`]), by pin position: kept
    /// in the workshop's acts (issue 15.3), so it is saved with them.
    #[prop_or_default]
    pub partners: [Option<usize>; 4],
    /// A partner chosen for a pin.
    #[prop_or_default]
    pub on_partner: Callback<(usize, Option<usize>)>,
}

#[function_component]
pub fn Waterfall(props: &WaterfallProps) -> Html {
    let open = use_state(|| false);
    let shapley = use_state(|| false);
    let partners = props.partners;
    let root = placement::use_placed();
    let start = Scenario {
        levers: LeverValues::default(),
        ..props.scenario.clone()
    };
    let month = props.month;
    let names: Vec<String> = props
        .pins
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.file
                .name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| format!("Pin {}", i + 1))
        })
        .collect();
    let result = {
        let (pins, baseline, names, start) = (
            props.pins.clone(),
            props.baseline.clone(),
            names.clone(),
            start.clone(),
        );
        use_memo(
            (
                *open,
                props.pins.clone(),
                start.clone(),
                month,
                props.baseline.code.clone(),
            ),
            move |(open, ..)| {
                if !*open || pins.is_empty() {
                    return None;
                }
                let proposals: Vec<Proposal> = pins
                    .iter()
                    .zip(&names)
                    .map(|(p, name)| {
                        Proposal::from_scenario(name.clone(), &start, &p.file.scenario)
                    })
                    .collect();
                if let Some(clash) = clash(&proposals) {
                    return Some(Err(clash));
                }
                Some(
                    attribute_headlines(&baseline, &start, &proposals, month)
                        .map_err(|e| format::readable(&e)),
                )
            },
        )
    };
    if props.pins.is_empty() {
        return html! {};
    }
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    let method = |value: bool| {
        let shapley = shapley.clone();
        Callback::from(move |_: Event| shapley.set(value))
    };
    let choose_partner = |i: usize| {
        let on_partner = props.on_partner.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_partner.emit((i, select.value().parse::<usize>().ok()));
        })
    };
    let label = |i: usize| match partners.get(i).copied().flatten() {
        Some(p) => format!("{} ({})", names[i], PARTNERS[p]),
        None => names[i].clone(),
    };
    let sentence = if *shapley {
        "Fair share (Shapley): each proposal's contribution is its average extra effect over \
         every order in which the proposals could be added, so the order they are listed in \
         does not matter."
    } else {
        "In turn (sequential): the proposals are added to current plans one after another in \
         the order listed, and each one's contribution is what it adds on top of those before \
         it, so a proposal listed later is credited with what it does together with the \
         earlier ones."
    };

    html! {
        <details class="waterfall" data-panel="waterfall" ref={root} {ontoggle}>
            <summary data-control="waterfall">{ "Partners' proposals: who contributes what" }</summary>
            <p class="waterfall-intro">
                { "Each pinned scenario is one partner's proposal: the levers it moves from current plans. \
                   They are applied together to current plans for this area, and each outcome's change is split among them." }
            </p>
            <ul class="waterfall-partners">
                { for names.iter().enumerate().map(|(i, name)| html! {
                    <li>
                        <label>
                            <span class={classes!("swatch", format!("swatch-pin-{}", i + 1))} aria-hidden="true"></span>
                            { format!("{name} comes from ") }
                            <select data-control={format!("partner-{i}")} onchange={choose_partner(i)}>
                                <option value="" selected={partners[i.min(3)].is_none()}>{ "(choose a partner)" }</option>
                                { for PARTNERS.iter().enumerate().map(|(p, partner)| html! {
                                    <option value={p.to_string()} selected={partners[i.min(3)] == Some(p)}>{ *partner }</option>
                                }) }
                            </select>
                        </label>
                    </li>
                }) }
            </ul>
            <fieldset class="waterfall-method">
                <legend>{ "Split the change" }</legend>
                <label>
                    <input type="radio" name="waterfall-method" data-control="method-sequential"
                        checked={!*shapley} onchange={method(false)} />
                    { " in turn (sequential)" }
                </label>
                <label>
                    <input type="radio" name="waterfall-method" data-control="method-shapley"
                        checked={*shapley} onchange={method(true)} />
                    { " fair share (Shapley)" }
                </label>
            </fieldset>
            <p class="waterfall-method-note" data-control="method-sentence">
                { sentence }
                { " The interaction is what the proposals do together beyond the sum of their separate effects \
                   (positive when they reinforce each other, negative when they overlap)." }
            </p>
            { match result.as_ref() {
                None => html! {},
                Some(Err(message)) => html! {
                    <p class="waterfall-error" role="alert" data-control="waterfall-error">
                        { format!("These proposals cannot be split: {message}. Unpin or change one of them so that each lever is set by one proposal only.") }
                    </p>
                },
                Some(Ok(a)) => html! {
                    <div class="waterfall-charts">
                        { for (0..a.metrics.len()).map(|m| chart(a, m, *shapley, &label)) }
                    </div>
                },
            } }
        </details>
    }
}

/// One bar of a waterfall: its label, where it starts and ends, and whether it is a total.
struct Step {
    label: String,
    from: f64,
    to: f64,
    total: bool,
    kind: &'static str,
}

/// Two proposals setting one lever to different values, in the page's words: the proposals'
/// names, the lever's label and both values with its unit (never the lever's key).
fn clash(proposals: &[Proposal]) -> Option<String> {
    for (i, p) in proposals.iter().enumerate() {
        for &(lever, value) in &p.changes {
            for q in &proposals[..i] {
                if let Some(&(_, other)) =
                    q.changes.iter().find(|&&(l, v)| l == lever && v != value)
                {
                    let spec = lever.spec();
                    let shown = |v: f64| {
                        let (number, unit) = format::lever_value_parts(spec, v);
                        format!("{number}{unit}")
                    };
                    return Some(format!(
                        "\u{201c}{}\u{201d} and \u{201c}{}\u{201d} both set {} ({} and {})",
                        q.name,
                        p.name,
                        spec.label,
                        shown(other),
                        shown(value)
                    ));
                }
            }
        }
    }
    None
}

/// One outcome's waterfall, as rows of bars with the numbers in words beside them. Each
/// proposal's bar starts where the one before it ended, on an axis that spans the changes:
/// from zero when zero is near them, otherwise zoomed to them (the totals' bars then start
/// at a marked break, and the axis says it does not start at zero).
fn chart(a: &Attribution, m: usize, shapley: bool, label: &dyn Fn(usize) -> String) -> Html {
    let spec = a.metrics[m].spec();
    let before = a.before[m];
    let parts: Vec<f64> = a
        .proposals
        .iter()
        // Both methods' contributions add up to the whole change, interaction included.
        .map(|c| {
            if shapley {
                c.shapley[m]
            } else {
                c.sequential[m]
            }
        })
        .collect();
    let unit = spec.unit;
    // The figures as written add up: one or two more decimals where the usual ones do not.
    let fit = decimals_that_add_up(before, &parts, a.after[m], unit);
    let extra = fit.unwrap_or(0);
    let mut steps = vec![Step {
        label: "Current plans".into(),
        from: 0.0,
        to: before,
        total: true,
        kind: "plans",
    }];
    let mut level = before;
    for (i, &part) in parts.iter().enumerate() {
        steps.push(Step {
            label: label(i),
            from: level,
            to: level + part,
            total: false,
            kind: "proposal",
        });
        level += part;
    }
    // Not a further step: the contributions above already include it. Drawn from the sum of
    // the solo effects to the combined result.
    let solo: f64 = a.proposals.iter().map(|c| c.solo[m]).sum();
    steps.push(Step {
        label: "Interaction (included above)".into(),
        from: before + solo,
        to: before + solo + a.interaction[m],
        total: false,
        kind: "interaction",
    });
    steps.push(Step {
        label: "Combined".into(),
        from: 0.0,
        to: a.after[m],
        total: true,
        kind: "combined",
    });
    let ends: Vec<f64> = steps
        .iter()
        .flat_map(|s| {
            if s.total {
                vec![s.to]
            } else {
                vec![s.from, s.to]
            }
        })
        .collect();
    let axis = Axis::over(&ends, level_text(before, unit, extra).2);
    let pct = |v: f64| axis.pct(v);
    html! {
        <figure class="waterfall-chart" data-metric-waterfall={spec.key}>
            <figcaption>{ format!("{} ({unit})", spec.label) }</figcaption>
            <ol class="waterfall-rows">
                { for steps.iter().map(|s| {
                    let from = if s.total { axis.base } else { s.from };
                    let (a_, b_) = (pct(from.min(s.to)), pct(from.max(s.to)));
                    let text = if s.total {
                        level_text(s.to, unit, extra).0
                    } else {
                        change(s.to - s.from, unit, extra)
                    };
                    // A proposal's colour says better or worse for this outcome by the rule
                    // the scoreboard uses (a fall in waiting is better; a cost is neither),
                    // with the word beside it; totals and the interaction are not judged.
                    let verdict = (s.kind == "proposal").then(|| {
                        spec.verdict(s.to, s.from, text == change(0.0, unit, extra))
                    });
                    let (word, arrow) = match verdict {
                        Some(Verdict::Better) => ("better", "\u{25B2} "),
                        Some(Verdict::Worse) => ("worse", "\u{25BC} "),
                        Some(Verdict::More) => ("spends more", ""),
                        Some(Verdict::Less) => ("spends less", ""),
                        Some(Verdict::Same) => ("no change", ""),
                        None => ("", ""),
                    };
                    let judged = verdict.map(|v| format!("verdict-{}", v.class()));
                    // A total drawn from a zoomed axis's edge, not from zero: its bar is broken.
                    let broken = (s.total && !axis.from_zero).then_some(if axis.base > 0.0 { "broken-left" } else { "broken-right" });
                    html! {
                        <li class={classes!("waterfall-row", format!("waterfall-{}", s.kind))}>
                            <span class="waterfall-label">{ s.label.clone() }</span>
                            <span class="waterfall-track" aria-hidden="true">
                                <span class={classes!("waterfall-bar", judged.clone(), broken)}
                                    data-left={format!("{a_:.2}%")}
                                    data-width={format!("{:.2}%", (b_ - a_).max(0.3))}></span>
                            </span>
                            if s.kind == "proposal" {
                                <span class="waterfall-value" data-contribution={s.label.clone()}>
                                    { text }
                                    <span class={classes!("waterfall-verdict", judged)}>{ format!(" {arrow}{word}") }</span>
                                </span>
                            } else {
                                <span class="waterfall-value" data-total={s.total.then_some(s.kind)}>{ text }</span>
                            }
                        </li>
                    }
                }) }
                <li class="waterfall-row waterfall-axis" aria-hidden="true">
                    <span></span>
                    <span class="waterfall-scale">
                        <span class="waterfall-tick waterfall-tick-lo">{ tick(axis.lo, unit) }</span>
                        <span class="waterfall-tick waterfall-tick-hi">{ tick(axis.hi, unit) }</span>
                    </span>
                    <span class="waterfall-axis-note">{ if axis.from_zero { "" } else { "axis not from zero" } }</span>
                </li>
            </ol>
            if fit.is_none() {
                <p class="waterfall-rounding" data-control="waterfall-rounding">
                    { "Figures are rounded, so the parts may not add up exactly to the total." }
                </p>
            }
        </figure>
    }
}

/// A waterfall's axis: its ends, whether it starts at zero, and where the totals' bars start
/// (zero, or the edge nearest zero when zoomed).
#[derive(Debug, PartialEq)]
struct Axis {
    lo: f64,
    hi: f64,
    from_zero: bool,
    base: f64,
}

impl Axis {
    /// The axis over every bar's ends. Its reach is at least 2% of the largest level and
    /// four of the figures' last digits (`resolution`), so that changes that round to
    /// nothing are drawn as nothing, not blown up; zero is on it when it is within one reach
    /// of the bars. Its ends are rounded out to a round number.
    fn over(ends: &[f64], resolution: f64) -> Axis {
        let lo = ends.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = ends.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || !hi.is_finite() {
            return Axis {
                lo: 0.0,
                hi: 1.0,
                from_zero: true,
                base: 0.0,
            };
        }
        let size = lo.abs().max(hi.abs());
        let reach = (hi - lo).max(0.02 * size).max(4.0 * resolution).max(1e-9);
        let from_zero = lo - reach <= 0.0 && hi + reach >= 0.0;
        let (lo, hi) = if from_zero {
            (lo.min(0.0), hi.max(0.0))
        } else {
            (lo - 0.3 * reach, hi + 0.3 * reach)
        };
        let tick = nice((hi - lo) / 4.0);
        let (lo, hi) = ((lo / tick).floor() * tick, (hi / tick).ceil() * tick);
        let base = if from_zero {
            0.0
        } else if lo > 0.0 {
            lo
        } else {
            hi
        };
        Axis {
            lo,
            hi,
            from_zero,
            base,
        }
    }

    /// `v`'s place on the axis, in percent of its width.
    fn pct(&self, v: f64) -> f64 {
        ((v - self.lo) / (self.hi - self.lo).max(1e-12) * 100.0).clamp(0.0, 100.0)
    }
}

/// The round number (1, 2 or 5 times a power of ten) at or above `x`.
fn nice(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|&n| n >= x * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// The fewest extra decimals (0, 1 or 2 beyond the page's usual ones) at which current plans
/// plus the contributions, each as written, make the combined figure as written (rounded to
/// its last digit, as a reader adding them up would); `None` when even two do not.
fn decimals_that_add_up(before: f64, parts: &[f64], after: f64, unit: Unit) -> Option<usize> {
    (0..=2).find(|&extra| {
        let written = |v: f64| level_text(v.abs(), unit, extra).1.copysign(v);
        let sum =
            level_text(before, unit, extra).1 + parts.iter().map(|&p| written(p)).sum::<f64>();
        let (_, total, last_digit) = level_text(after, unit, extra);
        (sum - total).abs() <= 0.5 * last_digit * (1.0 + 1e-9)
    })
}

/// A level as it reads on the page ("7.12m patients", "−£56m", "58.3%", "8.07 years"), with
/// `extra` more decimals than usual; also the value as written and its last digit's size.
fn level_text(v: f64, unit: Unit, extra: usize) -> (String, f64, f64) {
    let minus = |s: String| s.replace('-', "\u{2212}");
    // `v` over `scale` to `decimals` places, the number written and its last digit.
    let written = |scale: f64, decimals: usize| {
        let text = format::fixed(v / scale, decimals);
        let value = text.parse::<f64>().unwrap_or(0.0) * scale;
        (text, value, scale / 10f64.powi(decimals as i32))
    };
    match unit {
        Unit::People(what) => {
            let (text, value, digit, suffix) = if v.abs() >= 1e6 {
                let (t, w, d) = written(1e6, 2 + extra);
                (t, w, d, "m")
            } else if v.abs() >= 1e3 {
                let (t, w, d) = written(1e3, extra);
                (t, w, d, "k")
            } else {
                let (t, w, d) = written(1.0, 0);
                (t, w, d, "")
            };
            (format!("{}{suffix} {what}", minus(text)), value, digit)
        }
        Unit::GbpM(_) => {
            let (text, value, digit) = written(1.0, extra);
            let size = match text.trim_start_matches('-').split_once('.') {
                Some((whole, decimals)) => {
                    format!(
                        "{}.{decimals}",
                        format::thousands(whole.parse().unwrap_or(0.0))
                    )
                }
                None => format::thousands(value.abs()),
            };
            let sign = if text.starts_with('-') {
                "\u{2212}"
            } else {
                ""
            };
            (format!("{sign}£{size}m"), value, digit)
        }
        Unit::Percent(_) => {
            let (text, value, digit) = written(1.0, 1 + extra);
            (format!("{}%", minus(text)), value, digit)
        }
        _ => {
            let (text, value, digit) = written(1.0, 2 + extra);
            (format!("{} {unit}", minus(text)), value, digit)
        }
    }
}

/// An axis end as a bare figure ("430k", "8.15", "55.0%", "−£100m"): the unit is in the
/// chart's title, and the track is narrow.
fn tick(v: f64, unit: Unit) -> String {
    let (text, ..) = level_text(v, unit, 0);
    text.split(' ').next().unwrap_or_default().to_string()
}

/// A change with its sign, none when it reads as no change ("0.00 years", not "−0.00").
fn change(d: f64, unit: Unit, extra: usize) -> String {
    format::signed(d, |size| match unit {
        Unit::Percent(_) => format!("{} points", format::fixed(size, 1 + extra)),
        _ => level_text(size, unit, extra).0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEARS: Unit = Unit::Years;
    const PATIENTS: Unit = Unit::People("patients");
    const GBP: Unit = Unit::GbpM("£m");

    #[test]
    fn the_figures_as_written_add_up_with_a_decimal_more_where_needed() {
        // fresh6: "Current plans 8.07", both proposals "0.00", "Combined 8.06" (8.07 when added).
        let (before, parts, after) = (8.0712, [-0.0041, -0.0028], 8.0643);
        assert_eq!(decimals_that_add_up(before, &parts, after, YEARS), Some(1));
        assert_eq!(level_text(before, YEARS, 1).0, "8.071 years");
        assert_eq!(change(parts[0], YEARS, 1), "\u{2212}0.004 years");
        assert_eq!(level_text(after, YEARS, 1).0, "8.064 years");
        // Figures that add up as usual keep the usual decimals.
        assert_eq!(
            decimals_that_add_up(458_360.0, &[-13_210.0, -8_040.0], 437_110.0, PATIENTS),
            Some(0)
        );
        assert_eq!(
            decimals_that_add_up(-1.2, &[-97.6, 0.1], -98.7, GBP),
            Some(0),
            "−£1m − £98m + £0m is −£99m"
        );
        // Four parts whose rounding adds up to more than the total's last digit even with two
        // more decimals: none, and the page says that rounding explains it.
        let parts = [0.004_444_49; 4];
        let after = 8.07 + parts.iter().sum::<f64>();
        assert_eq!(decimals_that_add_up(8.07, &parts, after, YEARS), None);
    }

    #[test]
    fn usual_figures_read_as_the_rest_of_the_page() {
        assert_eq!(level_text(458_360.0, PATIENTS, 0).0, "458k patients");
        assert_eq!(level_text(7_123_000.0, PATIENTS, 0).0, "7.12m patients");
        assert_eq!(level_text(-98.6, GBP, 0).0, "\u{2212}£99m");
        assert_eq!(level_text(-0.3, GBP, 0).0, "£0m", "never −£0m");
        assert_eq!(level_text(-1234.56, GBP, 1).0, "\u{2212}£1,234.6m");
        assert_eq!(level_text(56.04, Unit::Percent("%"), 0).0, "56.0%");
        assert_eq!(
            change(-0.001, YEARS, 0),
            "0.00 years",
            "no sign on no change"
        );
        assert_eq!(change(0.96, Unit::Percent("%"), 0), "+1.0 points");
        assert_eq!(tick(430_000.0, PATIENTS), "430k");
        assert_eq!(tick(8.15, YEARS), "8.15");
        assert_eq!(tick(-100.0, GBP), "\u{2212}£100m");
    }

    #[test]
    fn the_axis_spans_the_changes_and_starts_at_zero_only_when_zero_is_near() {
        // The waiting list: zoomed to the changes, the totals from its left edge.
        let a = Axis::over(&[458_360.0, 445_150.0, 437_110.0], 1_000.0);
        assert!(!a.from_zero);
        assert!(
            a.lo > 400_000.0 && a.lo <= 437_110.0 && a.hi >= 458_360.0,
            "{a:?}"
        );
        assert_eq!(a.base, a.lo);
        let drop = a.pct(458_360.0) - a.pct(437_110.0);
        assert!(
            drop > 40.0,
            "the changes fill much of the width: {drop:.0}%"
        );
        // Money near zero: from zero, the totals from zero.
        let m = Axis::over(&[-1.2, -98.8, -98.9], 1.0);
        assert!(
            m.from_zero && m.base == 0.0 && m.hi == 0.0 && m.lo <= -98.9,
            "{m:?}"
        );
        // All far below zero: zoomed, the totals from the right-hand edge.
        let n = Axis::over(&[-500.0, -600.0], 1.0);
        assert!(!n.from_zero && n.base == n.hi && n.hi >= -500.0, "{n:?}");
        // Changes that round to nothing are not blown up across the width.
        let g = Axis::over(&[8.0712, 8.0671, 8.0643], 0.001);
        assert!(g.pct(8.0712) - g.pct(8.0643) < 10.0, "{g:?}");
        assert_eq!(nice(0.026), 0.05);
        assert_eq!(nice(8_400.0), 10_000.0);
        assert_eq!(nice(2.0), 2.0);
    }
}
