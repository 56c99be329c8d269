-- The language a person reads riskloop in ('' until they choose: the browser's Accept-Language
-- decides; 'en' or 'zh-CN'). Users recorded before keep ''; their journal entries leave it out
-- and verify.
ALTER TABLE users ADD COLUMN language TEXT COLLATE "C" NOT NULL DEFAULT '';
