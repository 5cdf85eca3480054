-- Title events (fight cards, race weekends, golf rounds) have no home and away team: they are stored
-- with their parts (JSON list of {"name", "start_utc"}: early prelims / prelims / main card,
-- qualifying / race) and their participants (JSON list of fighter or driver names).
ALTER TABLE events ADD COLUMN parts TEXT;
ALTER TABLE events ADD COLUMN participants TEXT
