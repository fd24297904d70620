-- 1.1: the assurance levels are made a release before a column takes them,
-- and an array of permissions (no column has the enum itself).
CREATE TYPE assurance AS ENUM ('aal1', 'aal2', 'aal3');
CREATE TYPE factor_kind AS ENUM ('totp', 'webauthn');
ALTER TABLE account ADD COLUMN allowed_factors factor_kind[] NOT NULL DEFAULT '{}';
