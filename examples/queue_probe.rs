//! Prints a scenario's list path beside the same scenario with more funding (a probe for
//! the monotonicity tests). `cargo run --example queue_probe`
use ics_whatif::model::{simulate, AssumptionValues, Baseline, LeverValues, Metric, Scenario};
fn main() {
    let s = Scenario {
        system: "england".into(),
        levers: LeverValues([
            3.1462901311860376,
            0.0,
            -30.0,
            -3.0,
            -20.0,
            0.0,
            0.0,
            0.0,
            4.400525173398474,
            0.30937866074441167,
            0.0,
            0.0,
            0.0,
        ]),
        assumptions: AssumptionValues([
            0.0,
            0.0,
            13.416348786809218,
            114.58875879635642,
            0.0,
            1.0,
            0.0,
            18.820584939522362,
            0.0,
            -0.2,
            0.11394319550304613,
        ]),
        years: 2,
    };
    let mut more = s.clone();
    more.levers.0[2] += 1.0;
    println!("{:?}", (0..1));
    let b = Baseline::for_code(&s.system).unwrap();
    let (p, q) = (simulate(&b, &s), simulate(&b, &more));
    for (x, y) in
        p.months.iter().zip(&q.months).filter(|(x, y)| {
            Metric::WaitingList.of(y) > Metric::WaitingList.of(x) || x.month % 6 == 0
        })
    {
        println!("m{:3} list {:.0} {:.0}  ref {:.0} {:.0}  treat {:.0} {:.0} cap {:.0} {:.0} staff {:.0} {:.0} rem {:.0} {:.0} 18wk {:.2} {:.2}",
            x.month, Metric::WaitingList.of(x), Metric::WaitingList.of(y), Metric::Referrals.of(x), Metric::Referrals.of(y),
            Metric::Treated.of(x), Metric::Treated.of(y), x.capacity, y.capacity, x.staff_fte, y.staff_fte, Metric::Removed.of(x), Metric::Removed.of(y), Metric::Within18WeeksPct.of(x), Metric::Within18WeeksPct.of(y));
    }
}
