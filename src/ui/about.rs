//! "About this model": what it models, its sources, what it leaves out, in plain words.

use yew::prelude::*;

/// What the model is, where its numbers come from and what it leaves out, in plain words.
#[function_component]
pub fn About() -> Html {
    html! {
        <details class="about" data-control="about">
            <summary>{ "About this model" }</summary>
            <div class="about-body">
                <h3>{ "What it models" }</h3>
                <p>{ "One Integrated Care System (or England), month by month for ten years, with its people split into five fifths by deprivation. \
                      Stocks are things that build up: the waiting list (by how long each person has waited), staff, the money balance, and \
                      life expectancy. Flows move them: referrals join the list, treatments and validation take people off it; joiners and \
                      trainees add staff, leavers take them away (more leave when each carries more work); funding pays for posts, agency \
                      and bank staff cover many empty ones at a premium and the rest lose their work (their budget goes on other \
                      running costs, never into a surplus); an ICS plans to break even, so cost pressure above plan is a deficit until the \
                      next plan year; social care frees beds held by people fit to leave; prevention slowly lowers \
                      avoidable demand and adds healthy years." }</p>
                <h3>{ "Where the numbers come from" }</h3>
                <p>{ "Public figures: NHS England referral-to-treatment statistics, NHS Digital workforce and vacancy statistics, ONS \
                      life expectancy by deprivation, and the FACTS figures the model cites beside every default. Each area's starting \
                      figures are read from the project's data files; where an area's figure is not published it is estimated from \
                      England's and labelled as an estimate (see the note under the title). Every lever's source is under its “Source” link." }</p>
                <h3>{ "What it leaves out" }</h3>
                <p>{ "Emergency care, mental health and primary care are not modelled in their own right; they appear only as capacity the \
                      planned-care list cannot use. Patients do not move between areas; there are no pandemics, strikes or policy changes \
                      beyond the levers." }</p>
                <h3>{ "What is most uncertain" }</h3>
                <p>{ "How many people leave the list without treatment (validated off, treated elsewhere, no longer needing care). \
                      As a share of the list it was about 7% a month before 2020 and about 3% after; as a share of referrals it moved less, \
                      13–19%, so the model uses that. The shaded ranges on the charts come from 200 runs that draw this and the other \
                      assumptions from their likely ranges, and they cover both readings." }</p>
                <h3>{ "A model, not a forecast" }</h3>
                <p>{ "It shows how the parts of a system push on each other if the assumptions hold, so that options can be compared \
                      side by side. Compare a scenario with current plans (the dashed line), not with what will happen." }</p>
            </div>
        </details>
    }
}
