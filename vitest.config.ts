import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Vitest's default is one worker per core but one: on 2 cores, one file at a time. Most files here wait on
    // processes they start (tsx, next build, sharp's threads), so a file per core overlaps those waits.
    maxWorkers: os.availableParallelism(),
    // `npm test` runs these beside the browser tests and test:cdn, on cores that are always busy: a test that starts a
    // process (npm, git, a script) took 4-5 s there, which Vitest's default of 5 s cut off once; a hook copies a site
    // or sets up a git repository (its default: 10 s). Budgets to end a hung test, not to time one; files with longer
    // work set their own.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
