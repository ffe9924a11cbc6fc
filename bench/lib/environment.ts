import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromiumFlags as sharedFlags, chromiumPath as sharedPath } from '../../scripts/chromium';

export const chromiumPath = sharedPath ?? '/usr/bin/chromium';

/** Flags for every Chromium this benchmark starts (plus a fresh `--user-data-dir` each time). */
export const chromiumFlags = ['--headless=new', ...sharedFlags];

export type Environment = {
  node: string;
  next: string;
  react: string;
  chromium: string;
  lighthouse: string;
  playwright: string;
  autocannon: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
};

function packageVersion(root: string, name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    };
    return manifest.version;
  } catch {
    return 'not installed';
  }
}

function chromiumVersion(): string {
  try {
    const output = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return output.trim();
  } catch {
    return `not found at ${chromiumPath}`;
  }
}

export function describeEnvironment(root: string): Environment {
  return {
    node: process.version,
    next: packageVersion(root, 'next'),
    react: packageVersion(root, 'react'),
    chromium: chromiumVersion(),
    lighthouse: packageVersion(root, 'lighthouse'),
    playwright: packageVersion(root, '@playwright/test'),
    autocannon: packageVersion(root, 'autocannon'),
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
  };
}

/** The 1, 5 and 15 minute load averages: how busy the machine was around a measurement. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');
}
