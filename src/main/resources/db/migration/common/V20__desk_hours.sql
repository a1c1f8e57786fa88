-- Per app: the hours when agents answer at the desk, read in the app's time zone, in the form of a
-- rule's business hours (days as MONDAY,TUESDAY,…; times as HH:mm; a range that ends before it
-- starts runs over midnight; equal times mean the whole day). Outside them a rule that hands a
-- user to an agent answers with the app's AGENTS_OFFLINE rule even while an agent is online, and
-- the user waits in the desk's queue. No row: agents answer at any hour.
CREATE TABLE rules_desk_hours (
	app_id     VARCHAR(32) NOT NULL,
	days       VARCHAR(64) NOT NULL,
	open_from  VARCHAR(8)  NOT NULL,
	open_until VARCHAR(8)  NOT NULL,
	updated_by VARCHAR(64) NOT NULL,
	updated_at BIGINT      NOT NULL,
	CONSTRAINT pk_rules_desk_hours PRIMARY KEY (app_id)
);
