-- 21 CFR 11.200(a)(1): the first signature of a session takes both components (e-mail and
-- password), later ones the password. A session remembers when it first signed; '' until then.
ALTER TABLE sessions ADD COLUMN signed_at TEXT COLLATE "C" NOT NULL DEFAULT '';
