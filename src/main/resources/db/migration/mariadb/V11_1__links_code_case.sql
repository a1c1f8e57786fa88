-- Codes are base64url, where case matters: compare them byte by byte, whatever the database's
-- default collation (a case-insensitive one would take "abc" for "ABC").
ALTER TABLE links_code MODIFY code VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
ALTER TABLE links_click MODIFY code VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
