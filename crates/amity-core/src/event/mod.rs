//! Events: summits, forums, contests, festivals, exhibitions, national-day celebrations … with
//! series for recurring brand activities, dates in the venue's time zone (or a planned year or
//! month while the date is open), organisers, invited partnerships, capacity, a status that runs
//! idea → planned → confirmed → held → reported (or cancelled with a reason), a post-event report,
//! and registrations with a waiting list and check-in. An event marked held logs one activity per
//! partnership that took part, once (see [`crate::activity::log_once`]).

mod store;
pub use store::{EventStore, RegistrationStore};
mod input;
mod model;
mod public;
mod registration;
mod registration_input;
pub mod registrations;
mod series_model;
mod service;
mod status;
mod took_part;

pub use input::{local_time, time_zone};
pub use model::{
    CalendarEvent, CoOrganiser, Event, EventFilter, EventInput, EventKind, EventReportInput, EventSort, EventStatus, EventStatusChange,
    NewEvent,
};
pub use public::{
    PUBLIC_FORM_LIMIT, PUBLIC_FORM_WINDOW_MINUTES, PublicEvent, PublicOutcome, is_published, public_get, public_list, register_public,
};
pub use registration::{
    CountryCount, NewRegistration, PublicReceipt, PublicRegistrationInput, Registration, RegistrationInput, RegistrationKind,
    RegistrationSource, RegistrationStatus, Seats,
};
pub use registration_input::PARTY_MAX;
pub use series_model::{EventSeries, EventSeriesInput, NewEventSeries};
pub use service::{
    calendar, create, create_in, create_series, create_series_in, delete, get, get_series, history, list, list_series, logged_activities,
    page_series, participants_by_country, seats, seats_taken, update, update_series,
};
pub use status::{save_report, set_status};
pub use took_part::{TookPartChoice, took_part_choices};
