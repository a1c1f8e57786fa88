-- The signatures of accepted pushes (and of WeChat's URL checks), so that a captured query
-- string cannot carry another body. key_hash is SHA-256 (hex) of the app, the kind of signature,
-- timestamp, nonce and signature; body_hash SHA-256 (hex) of the raw body. A row is needed only
-- while its timestamp is within kefu.wechat.max-clock-skew: expires_at (epoch ms) says until
-- when, and the inbox purge deletes it after.
CREATE TABLE inbox_replay (
    key_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    body_hash  VARCHAR(64)  NOT NULL,
    expires_at BIGINT       NOT NULL
);

CREATE INDEX ix_inbox_replay_expires ON inbox_replay (expires_at);
