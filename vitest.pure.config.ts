import { defineConfig } from 'vitest/config';

// The pure domain core alone: no database, no global setup. Fast feedback while working on rules.
export default defineConfig({
  test: { include: ['src/domain/**/*.test.ts'], testTimeout: 60_000 },
});
