-- The WeChat media_id each asset was last uploaded as (temporary media live three days), and
-- the lease that lets one instance at a time upload it (lease_until: epoch ms, 0 when free).
CREATE TABLE media_temp_media (
	asset_id VARCHAR(36) NOT NULL PRIMARY KEY,
	app_id VARCHAR(64) NOT NULL,
	media_id VARCHAR(256),
	uploaded_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	lease_owner VARCHAR(36),
	lease_until BIGINT NOT NULL
);
