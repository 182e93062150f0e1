-- Delegations (SQLite): inbound and outbound visits with their lists, members' travel documents
-- (restricted personal data, deleted after the office's retention period), and budget lines of
-- delegations and events, and the gifts of a visit. Keep in step with migrations/postgres/0013_delegations.sql.
-- Days are ISO text (YYYY-MM-DD); local wall times are ISO text (YYYY-MM-DDTHH:MM); money is
-- integer minor units with an ISO 4217 code. `position` keeps each list in the order entered.

CREATE TABLE delegations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    direction TEXT NOT NULL,
    title TEXT NOT NULL,
    purpose TEXT,
    owner_unit_id INTEGER NOT NULL REFERENCES units (id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    host TEXT,
    status TEXT NOT NULL,
    approval_document TEXT,
    approval_number TEXT,
    approval_date TEXT,
    report TEXT,
    notes TEXT,
    source_url TEXT,
    search_key TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX delegations_dates ON delegations (starts_on, ends_on);
CREATE INDEX delegations_owner ON delegations (owner_unit_id);

CREATE TABLE delegation_partnerships (
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    PRIMARY KEY (delegation_id, partnership_id)
);
CREATE INDEX delegation_partnerships_partnership ON delegation_partnerships (partnership_id);

CREATE TABLE delegation_countries (
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    country TEXT NOT NULL,
    PRIMARY KEY (delegation_id, country)
);
CREATE INDEX delegation_countries_country ON delegation_countries (country);

CREATE TABLE delegation_fields (
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    field_id INTEGER NOT NULL REFERENCES fields (id),
    PRIMARY KEY (delegation_id, field_id)
);

CREATE TABLE delegation_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_native TEXT,
    title TEXT,
    rank TEXT,
    equivalent_post TEXT,
    organisation TEXT,
    role TEXT NOT NULL
);
CREATE INDEX delegation_members_delegation ON delegation_members (delegation_id);

CREATE TABLE delegation_transport (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    leg TEXT NOT NULL,
    mode TEXT NOT NULL,
    number TEXT,
    from_place TEXT,
    to_place TEXT,
    departs_at TEXT,
    arrives_at TEXT,
    notes TEXT
);
CREATE INDEX delegation_transport_delegation ON delegation_transport (delegation_id);

CREATE TABLE delegation_stays (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    address TEXT,
    check_in TEXT NOT NULL,
    check_out TEXT NOT NULL,
    notes TEXT
);
CREATE INDEX delegation_stays_delegation ON delegation_stays (delegation_id);

CREATE TABLE delegation_interpreters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    languages TEXT,
    organisation TEXT,
    phone TEXT
);
CREATE INDEX delegation_interpreters_delegation ON delegation_interpreters (delegation_id);

CREATE TABLE delegation_itinerary (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT,
    place TEXT,
    activity TEXT NOT NULL,
    host TEXT,
    responsible_unit_id INTEGER REFERENCES units (id)
);
CREATE INDEX delegation_itinerary_delegation ON delegation_itinerary (delegation_id);

-- Gifts given and received during a visit, from the gift registry (0010).
CREATE TABLE delegation_gifts (
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    gift_id INTEGER NOT NULL REFERENCES gifts (id) ON DELETE CASCADE,
    PRIMARY KEY (delegation_id, gift_id)
);
CREATE INDEX delegation_gifts_gift ON delegation_gifts (gift_id);

-- Personal data: read only by admins, coordinators and editors of the delegation's owner unit.
CREATE TABLE travel_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES delegation_members (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    number TEXT,
    country TEXT,
    valid_from TEXT,
    valid_until TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX travel_documents_delegation ON travel_documents (delegation_id);
CREATE INDEX travel_documents_member ON travel_documents (member_id);
CREATE INDEX travel_documents_valid_until ON travel_documents (valid_until);

-- Generic budget lines: subject_kind 'delegation' or 'event' and the subject's id (no foreign
-- key, as it points into one of two tables; the subject's delete removes its lines).
CREATE TABLE budget_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_kind TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    category TEXT NOT NULL,
    description TEXT,
    currency TEXT NOT NULL,
    planned_minor INTEGER NOT NULL,
    actual_minor INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (planned_minor >= 0 AND (actual_minor IS NULL OR actual_minor >= 0))
);
CREATE INDEX budget_lines_subject ON budget_lines (subject_kind, subject_id);
