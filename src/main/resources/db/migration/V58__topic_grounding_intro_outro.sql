-- Issue 13: whether a podcast was written from the caller's sources ('sources') or from a topic alone ('none'),
-- for its details and its feed item; and the intro and outro a show's host reads at the start and end of each
-- episode made for it.
ALTER TABLE podcasts ADD COLUMN grounding VARCHAR(8);
ALTER TABLE shows ADD COLUMN intro_text VARCHAR(1000);
ALTER TABLE shows ADD COLUMN outro_text VARCHAR(1000);
