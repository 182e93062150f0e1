-- Erasure on request: a person's data may be redacted inside audit entries, and only that.
-- An entry may change only when a redaction of it has been recorded (audit_redactions, in the
-- same transaction), and even then its id, time, user id, action and record stay as they were:
-- only the actor's name, the address and the before/after texts may be redacted.
CREATE TABLE audit_redactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    audit_id INTEGER NOT NULL REFERENCES audit_log (id),
    redacted_at TEXT NOT NULL,
    by_actor TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX audit_redactions_audit ON audit_redactions (audit_id);

DROP TRIGGER audit_log_no_update;

CREATE TRIGGER audit_log_redaction_only BEFORE UPDATE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM audit_redactions r WHERE r.audit_id = old.id)
    OR new.id IS NOT old.id OR new.at IS NOT old.at OR new.user_id IS NOT old.user_id
    OR new.action IS NOT old.action OR new.entity IS NOT old.entity OR new.entity_id IS NOT old.entity_id
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: only a recorded redaction may change an entry');
END;

CREATE TRIGGER audit_redactions_no_update BEFORE UPDATE ON audit_redactions
BEGIN
    SELECT RAISE(ABORT, 'audit_redactions is append-only');
END;
