-- Pushes recorded without a plan because planning failed (not the database: a bug, a broken
-- rule). Retried with backoff; GAVE_UP rows stay as the record of a message never answered.
CREATE TABLE inbox_unplanned (
    message_id      VARCHAR(36)   NOT NULL PRIMARY KEY,
    app_id          VARCHAR(32)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at BIGINT        NOT NULL,
    last_error      VARCHAR(512),
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL
);

CREATE INDEX ix_inbox_unplanned_due ON inbox_unplanned (status, next_attempt_at);


-- Deliveries no longer run as db-scheduler executions (every instance sweeps for lapsed leases).
DROP TABLE scheduled_tasks;
