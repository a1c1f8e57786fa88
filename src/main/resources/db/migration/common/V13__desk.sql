-- Who answers a user instead of the rules: at most one hold per user, taken with a conditional
-- update or an insert-if-absent, so exclusive across instances; it lapses at held_until (epoch ms).
-- While a hold is current, keyword and default rules stay silent for the user.
CREATE TABLE rules_hold (
	app_id     VARCHAR(32)  NOT NULL,
	open_id    VARCHAR(128) NOT NULL,
	holder     VARCHAR(64)  NOT NULL,
	held_until BIGINT       NOT NULL,
	updated_at BIGINT       NOT NULL,
	CONSTRAINT pk_rules_hold PRIMARY KEY (app_id, open_id)
);

-- Replies written by hand at the agent desk carry the console user who sent them; null for the rules'.
ALTER TABLE outbox_delivery ADD COLUMN sent_by VARCHAR(64);

-- Until when each agent has read each user's messages, for the desk's unread counts.
CREATE TABLE desk_read (
	app_id   VARCHAR(32)  NOT NULL,
	open_id  VARCHAR(128) NOT NULL,
	username VARCHAR(64)  NOT NULL,
	read_at  BIGINT       NOT NULL,
	CONSTRAINT pk_desk_read PRIMARY KEY (app_id, open_id, username)
);

-- What agents did at the desk: claims, releases and replies, who and when.
CREATE TABLE desk_audit (
	id       VARCHAR(36)  NOT NULL,
	app_id   VARCHAR(32)  NOT NULL,
	open_id  VARCHAR(128) NOT NULL,
	actor    VARCHAR(64)  NOT NULL,
	action   VARCHAR(16)  NOT NULL,
	detail   VARCHAR(512),
	acted_at BIGINT       NOT NULL,
	CONSTRAINT pk_desk_audit PRIMARY KEY (id)
);

CREATE INDEX ix_desk_audit_user ON desk_audit (app_id, open_id, acted_at);
