-- Page token keys that rotate (decision 31): each key has an id, which a token names, so that a new key can seal the
-- tokens of new pages while the old one still opens the tokens given before, until they expire and it is deleted.
-- The key 0006 made becomes key 1. Silos seal with the highest id they have read (they read the table again every
-- minute, and at once when a token names an id they have not seen); docs/operations.md says how to rotate.
ALTER TABLE page_token_key ADD COLUMN key_id integer, ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
UPDATE page_token_key SET key_id = 1;
ALTER TABLE page_token_key ALTER COLUMN key_id SET NOT NULL, ADD CONSTRAINT pk_page_token_key PRIMARY KEY (key_id);
