-- When a desk page of each app was last connected (its live stream open), on any instance: an app
-- whose desk was not seen for 30 seconds has no agent online, and a rule that hands a user to an
-- agent then answers with the app's AGENTS_OFFLINE rule.
CREATE TABLE desk_presence (
	app_id  VARCHAR(32) NOT NULL,
	seen_at BIGINT      NOT NULL,
	CONSTRAINT pk_desk_presence PRIMARY KEY (app_id)
);
