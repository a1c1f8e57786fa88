-- Notes and tags on a user, per app: free text and a few short tags that agents and operators
-- keep beside the conversation at the desk. Tags are stored space-separated; at most one row per
-- user. Each change is audited in desk_audit (action NOTE).
CREATE TABLE desk_user_note (
	app_id     VARCHAR(32)   NOT NULL,
	open_id    VARCHAR(128)  NOT NULL,
	note       VARCHAR(2000) NOT NULL,
	tags       VARCHAR(200)  NOT NULL,
	updated_by VARCHAR(64)   NOT NULL,
	updated_at BIGINT        NOT NULL,
	CONSTRAINT pk_desk_user_note PRIMARY KEY (app_id, open_id)
);
