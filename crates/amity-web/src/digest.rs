//! The weekly digest as an e-mail: a subject and a plain-text body in the subscriber's language —
//! the occasions coming up (unprepared ones first) and the week's calendar, each with a link.

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::calendar_text;
use crate::i18n::{Locale, date_long};
use amity_core::calendar::digest::DigestContent;

/// `(subject, body)` of one subscriber's digest; `base` is the server's address for links.
pub fn compose(content: &DigestContent, today: NaiveDate, office: Tz, base: &str) -> (String, String) {
    let l = Locale::parse(&content.subscription.locale).unwrap_or(Locale::En);
    let subject = l.t_with("digest.subject", &[("date", date_long(l, today))]);
    let mut body = format!("{}\n\n", l.t_with("digest.intro", &[("date", date_long(l, today))]));
    let (unprepared, prepared): (Vec<_>, Vec<_>) = content.reminders.iter().partition(|r| !r.prepared);
    body.push_str(&format!("{}\n", l.t("digest.unprepared")));
    if unprepared.is_empty() {
        body.push_str(&format!("  {}\n", l.t("digest.none")));
    }
    for r in &unprepared {
        let due = calendar_text::due(l, r);
        body.push_str(&format!(
            "  - {} — {}, {due}\n",
            calendar_text::title(l, &r.item),
            crate::i18n::calendar_when(l, &r.item.when, office)
        ));
    }
    if !prepared.is_empty() {
        body.push_str(&format!("\n{}\n", l.t("digest.prepared")));
        for r in &prepared {
            let (title, when) = (calendar_text::title(l, &r.item), crate::i18n::calendar_when(l, &r.item.when, office));
            body.push_str(&format!("  - {title} — {when} — {}\n", calendar_text::readiness(l, r)));
        }
    }
    body.push_str(&format!("\n{}\n", l.t("digest.week")));
    if content.week.iter().all(|i| !i.when.is_dated()) {
        body.push_str(&format!("  {}\n", l.t("digest.none")));
    }
    for item in content.week.iter().filter(|i| i.when.is_dated()) {
        let link = calendar_text::link(item).map(|p| format!(" <{base}{p}>")).unwrap_or_default();
        body.push_str(&format!("  - {}: {}{link}\n", crate::i18n::calendar_when(l, &item.when, office), calendar_text::title(l, item)));
    }
    body.push_str(&format!(
        "\n{}\n{base}/calendar\n\n-- \n{}\n",
        l.t("digest.more"),
        l.t_with("digest.footer", &[("url", format!("{base}/calendar/feeds"))])
    ));
    (subject, body)
}
