// Jest with ts-jest; the release workflow adds --coverageThreshold (lines) from its coverage-threshold input.
/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  // every source file counts, tested or not; main.ts is the one-line entry point, also counted
  collectCoverageFrom: ["src/**/*.ts"],
  coverageReporters: ["text", "lcov"],
};
