-- Events (SQLite): series of recurring brand activities, events with their dates and time zone,
-- co-organisers, invited partnerships, fields, status history, registrations and the public-form
-- rate-limit counter; and `activity_origins`, which records the activities an event or a delegation
-- logged so that each is logged once. Keep in step with migrations/postgres/0012_events.sql.
-- Days are ISO text (YYYY-MM-DD); local wall times are ISO text (YYYY-MM-DDTHH:MM).

-- One row per (origin, partnership) ever logged. activity_id is emptied when the activity is
-- deleted, but the row stays, so the origin does not log it again.
CREATE TABLE activity_origins (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id INTEGER REFERENCES activities (id) ON DELETE SET NULL,
    origin_kind TEXT NOT NULL,
    origin_id INTEGER NOT NULL,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    UNIQUE (origin_kind, origin_id, partnership_id)
);
CREATE INDEX activity_origins_activity ON activity_origins (activity_id);

CREATE TABLE event_series (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name_en TEXT NOT NULL DEFAULT '',
    name_zh TEXT NOT NULL DEFAULT '',
    description TEXT,
    owner_unit_id INTEGER NOT NULL REFERENCES units (id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    series_id INTEGER REFERENCES event_series (id),
    edition INTEGER,
    kind TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    title_zh TEXT NOT NULL DEFAULT '',
    description TEXT,
    planned_on TEXT,
    starts_local TEXT,
    ends_local TEXT,
    starts_at TEXT,
    ends_at TEXT,
    all_day BOOLEAN NOT NULL DEFAULT FALSE,
    time_zone TEXT NOT NULL,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    venue TEXT,
    organiser_unit_id INTEGER NOT NULL REFERENCES units (id),
    country_code TEXT,
    capacity INTEGER,
    public BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL,
    cancel_reason TEXT,
    report_outcomes TEXT,
    report_notes TEXT,
    source_url TEXT,
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX events_days ON events (first_day, last_day);
CREATE INDEX events_series ON events (series_id);
CREATE INDEX events_organiser ON events (organiser_unit_id);

CREATE TABLE event_fields (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    field_id INTEGER NOT NULL REFERENCES fields (id),
    PRIMARY KEY (event_id, field_id)
);

-- A co-organiser is one of: a unit of ours, a partnership (partner city), or a named body.
CREATE TABLE event_co_organisers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    unit_id INTEGER REFERENCES units (id),
    partnership_id INTEGER REFERENCES partnerships (id),
    name TEXT,
    CHECK ((unit_id IS NOT NULL) + (partnership_id IS NOT NULL) + (name IS NOT NULL) = 1)
);
CREATE INDEX event_co_organisers_event ON event_co_organisers (event_id);

CREATE TABLE event_invitations (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    PRIMARY KEY (event_id, partnership_id)
);
CREATE INDEX event_invitations_partnership ON event_invitations (partnership_id);

CREATE TABLE event_status_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT,
    actor TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX event_status_changes_event ON event_status_changes (event_id);

CREATE TABLE event_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    reference TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    name_zh TEXT NOT NULL DEFAULT '',
    organisation TEXT,
    country_code TEXT,
    partnership_id INTEGER REFERENCES partnerships (id),
    role TEXT,
    language TEXT,
    party_size INTEGER NOT NULL DEFAULT 1,
    arrival TEXT,
    departure TEXT,
    accommodation TEXT,
    dietary TEXT,
    interpreter_needed BOOLEAN NOT NULL DEFAULT FALSE,
    email TEXT,
    phone TEXT,
    notes TEXT,
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    checked_in_at TEXT,
    sort_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX event_registrations_event ON event_registrations (event_id, status);
CREATE INDEX event_registrations_partnership ON event_registrations (partnership_id);

-- Submissions of public forms per client address, counted in the database so that several
-- servers share one limit.
CREATE TABLE public_form_hits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    form TEXT NOT NULL,
    address TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX public_form_hits_lookup ON public_form_hits (form, address, at);
