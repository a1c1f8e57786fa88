-- Quick replies: an app's canned answers that agents insert at the desk with one click or by
-- typing / and the shortcut. One reply each, of the types an agent may send by hand; the columns
-- a type does not use are null.
CREATE TABLE desk_quick_reply (
	id             VARCHAR(36)   NOT NULL,
	app_id         VARCHAR(32)   NOT NULL,
	shortcut       VARCHAR(32)   NOT NULL,
	reply_type     VARCHAR(16)   NOT NULL,
	content        VARCHAR(2000),
	title          VARCHAR(128),
	description    VARCHAR(512),
	url            VARCHAR(1024),
	asset_id       VARCHAR(36),
	page_path      VARCHAR(512),
	updated_at     BIGINT        NOT NULL,
	CONSTRAINT pk_desk_quick_reply PRIMARY KEY (id),
	CONSTRAINT uq_desk_quick_reply_shortcut UNIQUE (app_id, shortcut)
);

-- Per app: whether welcome replies still answer a user an agent holds. No row: they do.
CREATE TABLE rules_hold_policy (
	app_id            VARCHAR(32) NOT NULL,
	welcome_when_held BOOLEAN     NOT NULL,
	updated_at        BIGINT      NOT NULL,
	CONSTRAINT pk_rules_hold_policy PRIMARY KEY (app_id)
);

-- For the retention purges: desk audit and read markers by age, lapsed holds by end; and for
-- the dashboard's desk figures, an app's audit over a period.
CREATE INDEX ix_desk_audit_acted ON desk_audit (acted_at);
CREATE INDEX ix_desk_audit_app ON desk_audit (app_id, acted_at);
CREATE INDEX ix_desk_read_at ON desk_read (read_at);
CREATE INDEX ix_rules_hold_until ON rules_hold (held_until);
