DROP VIEW `TrailStats`;
CREATE VIEW `TrailStats` AS SELECT t.id AS trailId, t.name AS name, t.area AS area, COUNT(h.hikeId) AS hikes, SUM(h.durationMin) AS totalMin FROM Trail t LEFT JOIN Hike h ON h.trailId = t.id GROUP BY t.id;
