-- The look-up code of each dossier's receipt (mã tra cứu, decision 28), beside its summary, so that a citizen's
-- look-up is one read of the primary key whether the dossier exists or not. Null for the dossiers submitted before
-- look-up codes were given: their events hold none, and no look-up finds them.
ALTER TABLE dossier ADD COLUMN lookup_code text;
