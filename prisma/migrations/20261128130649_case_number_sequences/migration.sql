-- Case numbers (MS-<year>-<6 digits>) now come from one Postgres sequence per year,
-- "case_number_<year>", made on demand by the case service (src/cases/case-submission.ts) and set
-- past the highest number of that year already filed, which is where this counter stood (a rolled
-- back submit rolled its increment back too). The counter's upsert held a row lock through the whole
-- submit transaction: every submission in the district waited on it.

-- DropTable
DROP TABLE "CaseNumberCounter";
