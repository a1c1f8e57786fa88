-- The message encryption mode set for the app in WeChat's admin console: PLAINTEXT,
-- COMPATIBLE or SAFE. NULL (every app registered before) keeps the earlier behaviour: each push
-- is taken in the mode it says it is in.
ALTER TABLE apps_app ADD COLUMN push_mode VARCHAR(16);
