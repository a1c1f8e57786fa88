-- The desk's figures read the replies by hand of a period and count them by agent: this index
-- finds them without reading the rules' replies, which are most of an app's deliveries
-- (PostgreSQL, MariaDB and MySQL look sent_by IS NOT NULL up in it; H2 keeps to
-- ix_outbox_delivery_app).
CREATE INDEX ix_outbox_delivery_by_hand ON outbox_delivery (app_id, sent_by, created_at);
