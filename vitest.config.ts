import { defineConfig } from "vitest/config";

/** Tests of the statutory clock, run again under time zones east and west of UTC (README: "whatever the server's TZ"). */
const CLOCK_TESTS = ["tests/unit/deadlines.test.ts", "tests/unit/complaint-clock.test.ts", "tests/unit/calendar.test.ts", "tests/integration/deadlines.test.ts", "tests/integration/disclosure-clock.test.ts", "tests/integration/case-numbers.test.ts"];
const ZONES = ["UTC", "Asia/Shanghai", "America/Los_Angeles"];

export default defineConfig({
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Integration and e2e files share one test database; run files one after another.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "all", include: ["tests/**/*.test.ts"] } },
      // Node applies a TZ set at run time to every Date from then on.
      ...ZONES.map((tz) => ({ extends: true as const, test: { name: `clock ${tz}`, include: CLOCK_TESTS, env: { TZ: tz } } })),
    ],
  },
});
