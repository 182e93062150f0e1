//! The time services work with: one `Now` (the instant, and the office's today), read from the
//! `Clock` the caller gave the store — the system clock in the office's time zone when Amity runs,
//! a fixed moment in tests — so no service reads the system clock itself and tests pin time
//! without sleeping.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// A moment as the services see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// The instant, in UTC (stored timestamps, audit entries).
    pub instant: DateTime<Utc>,
    /// The date it is in the office's time zone ("today", "overdue", "in 14 days").
    pub office_today: NaiveDate,
    /// The office's time zone (the day a timed event falls on in the calendar).
    pub office_tz: Tz,
}

/// Where `Now` comes from: the system clock, or a fixed instant; read in the office's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    office: Tz,
    fixed: Option<DateTime<Utc>>,
}

impl Clock {
    /// The system clock, with "today" reckoned in `office` (the setting `office_time_zone`).
    pub fn system(office: Tz) -> Self {
        Self { office, fixed: None }
    }

    /// Always `at` (tests).
    pub fn fixed(at: DateTime<Utc>, office: Tz) -> Self {
        Self { office, fixed: Some(at) }
    }

    /// The office's time zone.
    pub fn office_tz(&self) -> Tz {
        self.office
    }

    /// The moment now.
    pub fn now(&self) -> Now {
        // The one place Amity reads the system clock.
        let instant = self.fixed.unwrap_or_else(Utc::now);
        Now { instant, office_today: instant.with_timezone(&self.office).date_naive(), office_tz: self.office }
    }
}

impl Default for Clock {
    /// The system clock in Asia/Shanghai, the default `office_time_zone`.
    fn default() -> Self {
        Self::system(chrono_tz::Asia::Shanghai)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_office_day_is_reckoned_in_its_time_zone() {
        let late = Utc.with_ymd_and_hms(2024, 6, 15, 20, 0, 0).single().expect("valid");
        let shanghai = Clock::fixed(late, chrono_tz::Asia::Shanghai).now();
        assert_eq!((shanghai.instant, shanghai.office_today.to_string().as_str()), (late, "2024-06-16"));
        assert_eq!(Clock::fixed(late, chrono_tz::UTC).now().office_today.to_string(), "2024-06-15");
    }
}
