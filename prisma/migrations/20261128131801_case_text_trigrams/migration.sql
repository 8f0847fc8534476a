-- 并单 candidates found by an index instead of reading the department's open complaints
-- (src/cases/duplicates.ts). pg_trgm ships with PostgreSQL (contrib) and splits Chinese text into
-- character trigrams in a UTF-8 database.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Case_text_trgm_idx" ON "Case" USING GIN ("text" gin_trgm_ops);
