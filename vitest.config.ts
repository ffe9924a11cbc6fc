import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Vitest's default is one worker per core but one: on 2 cores, one file at a time. Most files here wait on
    // processes they start (tsx, next build, sharp's threads), so a file per core overlaps those waits.
    maxWorkers: os.availableParallelism(),
  },
});
