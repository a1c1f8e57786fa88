-- Tracked links. One code per tracked link in a sent reply part (slot: its position within the
-- part), made on the part's first attempt and reused by its retries. The code is the short URL's
-- last segment: 96 random bits, base64url. target is what the code redirects to, utm parameters
-- included. rule_id, open_id and the times say what a click on it was a click on; sent_at is set
-- once WeChat accepted the part. Times are epoch ms.
CREATE TABLE links_code (
    code        VARCHAR(16)   NOT NULL PRIMARY KEY,
    app_id      VARCHAR(32)   NOT NULL,
    rule_id     VARCHAR(36),
    delivery_id VARCHAR(36)   NOT NULL,
    slot        INT           NOT NULL,
    open_id     VARCHAR(128)  NOT NULL,
    target      VARCHAR(8000) NOT NULL,
    issued_at   BIGINT        NOT NULL,
    expires_at  BIGINT        NOT NULL,
    sent_at     BIGINT,
    CONSTRAINT uq_links_code_delivery UNIQUE (delivery_id, slot)
);

CREATE INDEX ix_links_code_app_sent ON links_code (app_id, sent_at);
CREATE INDEX ix_links_code_issued ON links_code (issued_at);

-- One row per request for a valid code. counted is false for link-preview fetchers and bots,
-- which are kept but never counted as taps. The code's app, rule and user are copied, so the
-- funnel reads this table alone.
CREATE TABLE links_click (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    code       VARCHAR(16)  NOT NULL,
    app_id     VARCHAR(32)  NOT NULL,
    rule_id    VARCHAR(36),
    open_id    VARCHAR(128) NOT NULL,
    clicked_at BIGINT       NOT NULL,
    platform   VARCHAR(16)  NOT NULL,
    in_wechat  BOOLEAN      NOT NULL,
    counted    BOOLEAN      NOT NULL
);

CREATE INDEX ix_links_click_app ON links_click (app_id, clicked_at);
CREATE INDEX ix_links_click_clicked ON links_click (clicked_at);
