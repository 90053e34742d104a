-- Issue 13, item 3: a translated podcast is a podcast of its own whose script is the model's translation of
-- another podcast's script; translation_of names that original (its details list its translations, and the two feed
-- items link each other).
ALTER TABLE podcasts ADD COLUMN translation_of UUID;
CREATE INDEX podcasts_translation_of ON podcasts (translation_of);
