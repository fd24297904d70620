select id, n from "time".slot;
