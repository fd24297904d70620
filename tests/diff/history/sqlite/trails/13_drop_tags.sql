DROP TABLE `TrailTagCrossRef`;
DROP TABLE `Tag`;
