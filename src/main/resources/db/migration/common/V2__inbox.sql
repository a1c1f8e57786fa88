-- Every push kefu accepted. dedupe_key is unique across the whole table, so a retried push
-- landing on any instance that shares this database is recorded once (insert-if-absent).
CREATE TABLE inbox_message (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    app_id       VARCHAR(32)   NOT NULL,
    dedupe_key   VARCHAR(255)  NOT NULL,
    msg_id       VARCHAR(128),
    open_id      VARCHAR(128)  NOT NULL,
    msg_type     VARCHAR(64)   NOT NULL,
    event_type   VARCHAR(64),
    content      TEXT,
    session_from VARCHAR(1024),
    created_at   BIGINT        NOT NULL,
    received_at  BIGINT        NOT NULL,
    transferred  BOOLEAN       NOT NULL,
    CONSTRAINT uk_inbox_message_dedupe UNIQUE (dedupe_key)
);

CREATE INDEX ix_inbox_message_user ON inbox_message (app_id, open_id, received_at);
CREATE INDEX ix_inbox_message_received ON inbox_message (app_id, received_at);
