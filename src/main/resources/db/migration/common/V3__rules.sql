-- Keyword rules. Scalar settings are columns; the replies (a list of differently shaped parts)
-- are the JSON array of the REST API. No foreign key to apps_app: modules share no tables.
CREATE TABLE rules_rule (
	id             VARCHAR(36)  NOT NULL,
	app_id         VARCHAR(32)  NOT NULL,
	name           VARCHAR(100) NOT NULL,
	trigger_kind   VARCHAR(16)  NOT NULL,
	priority       INT          NOT NULL,
	enabled        BOOLEAN      NOT NULL,
	reply_mode     VARCHAR(16)  NOT NULL,
	replies        TEXT         NOT NULL,
	active_from    BIGINT,
	active_until   BIGINT,
	business_days  VARCHAR(64),
	business_from  VARCHAR(8),
	business_until VARCHAR(8),
	session_from   VARCHAR(128),
	cooldown_ms    BIGINT,
	version        INT          NOT NULL,
	created_at     BIGINT       NOT NULL,
	updated_at     BIGINT       NOT NULL,
	CONSTRAINT pk_rules_rule PRIMARY KEY (id)
);

CREATE INDEX ix_rules_rule_app ON rules_rule (app_id);

-- A rule's keywords in order. normalised is the text in the matcher's normal form, so a
-- conflicting EXACT keyword is found with an index lookup.
CREATE TABLE rules_keyword (
	rule_id      VARCHAR(36)  NOT NULL,
	sort_order   INT          NOT NULL,
	app_id       VARCHAR(32)  NOT NULL,
	keyword_text VARCHAR(400) NOT NULL,
	match_mode   VARCHAR(16)  NOT NULL,
	normalised   VARCHAR(400) NOT NULL,
	CONSTRAINT pk_rules_keyword PRIMARY KEY (rule_id, sort_order)
);

CREATE INDEX ix_rules_keyword_normalised ON rules_keyword (app_id, match_mode, normalised);

-- Every change to a rule: who, when, and the rule before and after (REST shape, JSON);
-- before is null for a creation, after for a deletion.
CREATE TABLE rules_rule_version (
	rule_id     VARCHAR(36) NOT NULL,
	version     INT         NOT NULL,
	app_id      VARCHAR(32) NOT NULL,
	change_kind VARCHAR(16) NOT NULL,
	changed_by  VARCHAR(64) NOT NULL,
	changed_at  BIGINT      NOT NULL,
	before_json TEXT,
	after_json  TEXT,
	CONSTRAINT pk_rules_rule_version PRIMARY KEY (rule_id, version)
);

CREATE INDEX ix_rules_rule_version_app ON rules_rule_version (app_id, changed_at);

-- One row per app counting changes to its rules; every instance polls it and recompiles
-- an app's matcher when the count moves.
CREATE TABLE rules_app_revision (
	app_id   VARCHAR(32) NOT NULL,
	revision BIGINT      NOT NULL,
	CONSTRAINT pk_rules_app_revision PRIMARY KEY (app_id)
);

-- The rules' decision on each received message: the rule that answered, or none and why.
CREATE TABLE rules_decision (
	message_id VARCHAR(64)  NOT NULL,
	app_id     VARCHAR(32)  NOT NULL,
	open_id    VARCHAR(128) NOT NULL,
	outcome    VARCHAR(16)  NOT NULL,
	rule_id    VARCHAR(36),
	decided_at BIGINT       NOT NULL,
	CONSTRAINT pk_rules_decision PRIMARY KEY (message_id)
);

CREATE INDEX ix_rules_decision_app ON rules_decision (app_id, decided_at);
CREATE INDEX ix_rules_decision_rule ON rules_decision (rule_id, decided_at);

-- When a DEFAULT or WELCOME rule last answered a user, for cooldowns and welcome-once.
CREATE TABLE rules_firing (
	app_id       VARCHAR(32)  NOT NULL,
	open_id      VARCHAR(128) NOT NULL,
	trigger_kind VARCHAR(16)  NOT NULL,
	last_at      BIGINT       NOT NULL,
	CONSTRAINT pk_rules_firing PRIMARY KEY (app_id, open_id, trigger_kind)
);
