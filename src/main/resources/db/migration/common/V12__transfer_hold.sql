-- Users handed over to WeChat's customer-service tool (a push answered with
-- transfer_customer_service): until held_until (epoch ms) the rules send them no automatic reply.
-- Each message of theirs moves held_until on (kefu.rules.transfer-hold of inactivity, as WeChat's
-- own hand-over), entering the chat again deletes the row. The rules purge deletes rows whose
-- held_until has passed.
CREATE TABLE rules_transfer_hold (
	app_id     VARCHAR(32)  NOT NULL,
	open_id    VARCHAR(128) NOT NULL,
	held_until BIGINT       NOT NULL,
	CONSTRAINT pk_rules_transfer_hold PRIMARY KEY (app_id, open_id)
);

CREATE INDEX ix_rules_transfer_hold_until ON rules_transfer_hold (held_until);
