-- Console users: passwords as bcrypt hashes; the failure counters and lock time are there
-- for lockout after repeated failed logins.
CREATE TABLE console_user (
	id                  VARCHAR(36)  NOT NULL,
	username            VARCHAR(64)  NOT NULL,
	password_hash       VARCHAR(100) NOT NULL,
	role                VARCHAR(16)  NOT NULL,
	enabled             BOOLEAN      NOT NULL,
	failed_attempts     INT          NOT NULL,
	locked_until        BIGINT,
	password_changed_at BIGINT       NOT NULL,
	created_at          BIGINT       NOT NULL,
	updated_at          BIGINT       NOT NULL,
	CONSTRAINT pk_console_user PRIMARY KEY (id),
	CONSTRAINT uk_console_user_username UNIQUE (username)
);
