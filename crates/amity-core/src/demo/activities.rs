//! The demo's cooperation log: only activities the sources date and describe (DATA.md).

use crate::Actor;
use crate::activity::{self, ActivityInput};
use crate::error::Result;
use crate::store::Tx;

/// One sourced activity of the demo.
struct Logged {
    /// The partner's English name, as in the demo's partnerships.
    partner: &'static str,
    kind: &'static str,
    date: &'static str,
    title: &'static str,
    /// The title as a Chinese foreign-affairs office writes it (a translation, nothing added).
    title_zh: &'static str,
    fields: &'static [&'static str],
    source: &'static str,
    summary: &'static str,
    summary_zh: &'static str,
}

#[rustfmt::skip]
const LOG: &[Logged] = &[
    Logged { partner: "Wakayama", kind: "donation", date: "1993", title: "10th anniversary: Wakayama gives over 100 cherry saplings",
        title_zh: "结好10周年：和歌山市赠送樱花树苗100余株",
        fields: &["culture", "environment"], source: "https://yybnet.net/jinan/news/201911/9853141.html",
        summary: "For the 10th anniversary of the relationship, Wakayama gave Jinan over 100 cherry saplings.",
        summary_zh: "在两市结好10周年之际，和歌山市向济南市赠送樱花树苗100余株。" },
    Logged { partner: "Sacramento", kind: "other", date: "2014", title: "30th anniversary of the Jinan–Sacramento sister-city relationship",
        title_zh: "济南市与萨克拉门托市结好30周年",
        fields: &["culture"], source: "https://jsscc.org/history/",
        summary: "The 30th anniversary of the relationship was marked in 2014.",
        summary_zh: "两市于2014年纪念结好30周年。" },
];

fn input(l: &Logged, home_unit: i64, partnership: i64) -> ActivityInput {
    ActivityInput {
        kind: l.kind.into(),
        title: l.title.into(),
        title_zh: l.title_zh.into(),
        start_on: l.date.into(),
        status: "done".into(),
        owner_unit_id: Some(home_unit),
        partnership_ids: vec![partnership],
        fields: l.fields.iter().map(|f| f.to_string()).collect(),
        summary: l.summary.into(),
        summary_zh: l.summary_zh.into(),
        source_url: l.source.into(),
        ..Default::default()
    }
}

/// Logs the sourced activities; `partners` maps English names to partnership ids.
pub async fn load<T: Tx>(tx: &mut T, actor: &Actor, home_unit: i64, partners: &[(&str, i64)]) -> Result<usize> {
    let mut n = 0;
    for l in LOG {
        let Some((_, id)) = partners.iter().find(|(p, _)| *p == l.partner) else { continue };
        activity::create_in(tx, actor, input(l, home_unit, *id)).await?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_activity_is_valid_dated_and_sourced() {
        for l in LOG {
            assert!(activity::NewActivity::validate(&input(l, 1, 1)).is_ok(), "{}", l.partner);
            assert!(l.source.starts_with("https://"), "{}", l.partner);
            assert!(super::super::is_chinese(l.title_zh) && super::super::is_chinese(l.summary_zh), "{}: Chinese text", l.partner);
        }
    }
}
