-- Indexes for the retention purges, which select old rows by time and delete them by key.
-- Without them each purge would scan its whole table. outbox_delivery needs none: its purge
-- uses ix_outbox_delivery_status (status, created_at).
CREATE INDEX ix_inbox_message_received_at ON inbox_message (received_at);
CREATE INDEX ix_rules_decision_decided ON rules_decision (decided_at);
CREATE INDEX ix_rules_firing_last ON rules_firing (last_at);
CREATE INDEX ix_outbox_allowance_window_end ON outbox_allowance (window_end_at);
