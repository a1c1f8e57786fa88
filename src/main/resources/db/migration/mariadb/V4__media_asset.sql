-- Operator image assets, content-checked (PNG, JPEG or GIF, at most 2 MiB) before they are
-- stored. The content column's type is the only difference between vendors.
CREATE TABLE media_asset (
	id           VARCHAR(36)   NOT NULL,
	app_id       VARCHAR(32)   NOT NULL,
	file_name    VARCHAR(255)  NOT NULL,
	content_type VARCHAR(32)   NOT NULL,
	size_bytes   BIGINT        NOT NULL,
	sha256       VARCHAR(64)   NOT NULL,
	content      LONGBLOB NOT NULL,
	source_url   VARCHAR(2048),
	created_at   BIGINT        NOT NULL,
	CONSTRAINT pk_media_asset PRIMARY KEY (id)
);

CREATE INDEX ix_media_asset_app ON media_asset (app_id, sha256);
