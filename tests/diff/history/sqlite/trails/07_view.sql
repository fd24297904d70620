CREATE VIEW `TrailStats` AS SELECT t.id AS trailId, t.name AS name, COUNT(h.hikeId) AS hikes, AVG(h.durationMin) AS avgMin FROM Trail t LEFT JOIN Hike h ON h.trailId = t.id GROUP BY t.id;
