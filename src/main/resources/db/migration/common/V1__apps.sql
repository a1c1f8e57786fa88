-- The mini programs kefu serves. Credentials are sealed (AES-GCM, base64 text) by the
-- application before they reach this table, so no column holds a secret in clear.
CREATE TABLE apps_app (
	app_id                 VARCHAR(32)  NOT NULL,
	name                   VARCHAR(100) NOT NULL,
	secret_sealed          VARCHAR(512) NOT NULL,
	token_sealed           VARCHAR(512) NOT NULL,
	aes_key_sealed         VARCHAR(512) NOT NULL,
	previous_aes_key_sealed VARCHAR(512),
	sandbox                BOOLEAN      NOT NULL,
	time_zone              VARCHAR(64)  NOT NULL,
	created_at             BIGINT       NOT NULL,
	updated_at             BIGINT       NOT NULL,
	CONSTRAINT pk_apps_app PRIMARY KEY (app_id)
);

-- One row counting every change to apps_app. Each instance polls it to refresh its
-- in-memory view when another instance sharing the database changed an app.
CREATE TABLE apps_revision (
	id       INT    NOT NULL,
	revision BIGINT NOT NULL,
	CONSTRAINT pk_apps_revision PRIMARY KEY (id)
);

INSERT INTO apps_revision (id, revision) VALUES (1, 0);
