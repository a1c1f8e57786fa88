-- A user's deliveries are looked up by app and user only (a user has few): an index entry that
-- does not hold the status is not rewritten each time a delivery's status changes.
DROP INDEX ix_outbox_delivery_user;
CREATE INDEX ix_outbox_delivery_user ON outbox_delivery (app_id, open_id);
