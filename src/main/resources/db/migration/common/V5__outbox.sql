-- One row per reply part to send: its status, attempts, WeChat's last answer and timestamps
-- (epoch ms). deadline_at is the end of the user's sending window: nothing is sent after it.
CREATE TABLE outbox_delivery (
	id VARCHAR(36) NOT NULL PRIMARY KEY,
	app_id VARCHAR(64) NOT NULL,
	open_id VARCHAR(128) NOT NULL,
	message_id VARCHAR(64) NOT NULL,
	part_index INT NOT NULL,
	rule_id VARCHAR(36),
	reply_type VARCHAR(32) NOT NULL,
	reply_json TEXT NOT NULL,
	status VARCHAR(16) NOT NULL,
	attempts INT NOT NULL,
	last_errcode INT,
	last_errmsg VARCHAR(512),
	received_at BIGINT NOT NULL,
	deadline_at BIGINT NOT NULL,
	next_attempt_at BIGINT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	sent_at BIGINT,
	CONSTRAINT uq_outbox_delivery_part UNIQUE (message_id, part_index)
);

CREATE INDEX ix_outbox_delivery_app ON outbox_delivery (app_id, created_at);
CREATE INDEX ix_outbox_delivery_user ON outbox_delivery (app_id, open_id, status);
CREATE INDEX ix_outbox_delivery_status ON outbox_delivery (status, created_at);

-- Each user's sending allowance: the window opened by their last action and how many sends
-- were planned in it.
CREATE TABLE outbox_allowance (
	app_id VARCHAR(64) NOT NULL,
	open_id VARCHAR(128) NOT NULL,
	window_start_at BIGINT NOT NULL,
	window_end_at BIGINT NOT NULL,
	max_sends INT NOT NULL,
	planned INT NOT NULL,
	PRIMARY KEY (app_id, open_id)
);
