// Vitest setup: unit tests beside the code plus the golden suite runner.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
