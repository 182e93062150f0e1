//! Dates and numbers as each language writes them: 19 Apr 2023 / 2023年4月19日; 1,234,567.

use super::Locale;
use amity_core::PartialDate;
use chrono::{Datelike, NaiveDate};

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A full date: `19 Apr 2023` or `2023年4月19日`.
pub fn date_long(l: Locale, d: NaiveDate) -> String {
    match l {
        Locale::En => format!("{} {} {}", d.day(), MONTHS_EN[d.month0() as usize], d.year()),
        Locale::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// A partial date at its own precision: `2004`, `Apr 1985`, `1985年4月`.
pub fn partial_date(l: Locale, d: &PartialDate) -> String {
    match (l, d) {
        (_, PartialDate::Day(day)) => date_long(l, *day),
        (Locale::En, PartialDate::Month(y, m)) => format!("{} {y}", MONTHS_EN[(*m as usize).saturating_sub(1) % 12]),
        (Locale::Zh, PartialDate::Month(y, m)) => format!("{y}年{m}月"),
        (Locale::En, PartialDate::Year(y)) => y.to_string(),
        (Locale::Zh, PartialDate::Year(y)) => format!("{y}年"),
    }
}

/// An integer with thousands separators (both languages group by three with commas in office use).
pub fn number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2023, 4, 19).expect("valid");
        assert_eq!(date_long(Locale::En, d), "19 Apr 2023");
        assert_eq!(date_long(Locale::Zh, d), "2023年4月19日");
        assert_eq!(partial_date(Locale::Zh, &PartialDate::Month(1985, 4)), "1985年4月");
        assert_eq!(partial_date(Locale::En, &PartialDate::Year(2004)), "2004");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(number(4_335_989), "4,335,989");
        assert_eq!(number(85), "85");
        assert_eq!(number(-1000), "-1,000");
    }
}
