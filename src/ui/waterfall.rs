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

/// One outcome's waterfall, as rows of bars with the numbers in words beside them.
fn chart(a: &Attribution, m: usize, shapley: bool, label: &dyn Fn(usize) -> String) -> Html {
    let spec = a.metrics[m].spec();
    let before = a.before[m];
    let mut steps = vec![Step {
        label: "Current plans".into(),
        from: 0.0,
        to: before,
        total: true,
        kind: "plans",
    }];
    let mut level = before;
    for (i, c) in a.proposals.iter().enumerate() {
        // Both methods' contributions add up to the whole change, interaction included.
        let part = if shapley {
            c.shapley[m]
        } else {
            c.sequential[m]
        };
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
    let lo = steps
        .iter()
        .map(|s| s.from.min(s.to))
        .fold(f64::INFINITY, f64::min);
    let hi = steps
        .iter()
        .map(|s| s.from.max(s.to))
        .fold(f64::NEG_INFINITY, f64::max);
    // Totals start from zero unless every value sits far from it: then the axis starts near
    // the smallest value so that contributions are visible.
    let lo = if lo > 0.0 && lo > 0.5 * hi {
        lo - 0.1 * (hi - lo).max(hi.abs() * 0.01)
    } else {
        lo.min(0.0)
    };
    let hi = hi.max(0.0);
    let span = (hi - lo).max(1e-9);
    let pct = |v: f64| ((v - lo) / span * 100.0).clamp(0.0, 100.0);
    let unit = spec.unit;
    html! {
        <figure class="waterfall-chart" data-metric-waterfall={spec.key}>
            <figcaption>{ format!("{} ({unit})", spec.label) }</figcaption>
            <ol class="waterfall-rows">
                { for steps.iter().map(|s| {
                    let (a_, b_) = (pct(s.from.min(s.to)), pct(s.from.max(s.to)));
                    let text = if s.total {
                        value(s.to, unit)
                    } else {
                        change(s.to - s.from, unit)
                    };
                    // A proposal's colour says better or worse for this outcome by the rule
                    // the scoreboard uses (a fall in waiting is better; a cost is neither),
                    // with the word beside it; totals and the interaction are not judged.
                    let verdict = (s.kind == "proposal").then(|| {
                        spec.verdict(s.to, s.from, text == change(0.0, unit))
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
                    html! {
                        <li class={classes!("waterfall-row", format!("waterfall-{}", s.kind))}>
                            <span class="waterfall-label">{ s.label.clone() }</span>
                            <span class="waterfall-track" aria-hidden="true">
                                <span class={classes!("waterfall-bar", judged.clone())}
                                    data-left={format!("{a_:.2}%")}
                                    data-width={format!("{:.2}%", (b_ - a_).max(0.3))}></span>
                            </span>
                            if s.kind == "proposal" {
                                <span class="waterfall-value" data-contribution={s.label.clone()}>
                                    { text }
                                    <span class={classes!("waterfall-verdict", judged)}>{ format!(" {arrow}{word}") }</span>
                                </span>
                            } else {
                                <span class="waterfall-value">{ text }</span>
                            }
                        </li>
                    }
                }) }
            </ol>
        </figure>
    }
}

/// A level as it reads on the page ("7.12m people", "−£56m", "58.3%", "81.30 years").
fn value(v: f64, unit: Unit) -> String {
    match unit {
        Unit::People(what) => format!("{} {what}", format::patients(v)),
        Unit::GbpM(_) => format::Measure::GbpM.show(v),
        Unit::Percent(_) => format!("{}%", format::fixed(v, 1)).replace('-', "\u{2212}"),
        _ => format!("{} {unit}", format::fixed(v, 2)).replace('-', "\u{2212}"),
    }
}

/// A change with its sign, none when it reads as no change ("0.00 years", not "−0.00").
fn change(d: f64, unit: Unit) -> String {
    format::signed(d, |size| match unit {
        Unit::Percent(_) => format!("{} points", format::fixed(size, 1)),
        _ => value(size, unit),
    })
}
