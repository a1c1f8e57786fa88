-- The access token each app shares across instances, and the lease that lets one instance
-- at a time refresh it (lease_until: epoch ms, 0 when free).
CREATE TABLE wechat_token (
	app_id VARCHAR(64) NOT NULL PRIMARY KEY,
	access_token VARCHAR(1024),
	refresh_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	lease_owner VARCHAR(36),
	lease_until BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
