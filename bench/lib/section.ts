// What a section of the benchmark is, and the few helpers its markdown needs. A section is one module whose export is
// a `Section`, listed in bench/run.ts; its figures are the markdown lines it returns, which replace its own part of
// bench/results.md. A new figure is a line of a section's `targets()` or a row of its table, or a small section of its own.
import type { PortRange } from '../../support/processes';

export type Settings = { runs: number; duration: number; warmup: number; connections: number; sizes: number[]; photos: number; ports: PortRange };

export type Context = {
  root: string;
  /** Scratch folder (bench/tmp/), removed at the end unless --keep-tmp. */
  tmp: string;
  settings: Settings;
  /** The origin of `next start` serving the build of content/ (built, or reused with --reuse-build). */
  server: () => Promise<{ origin: string; pid: number }>;
  /** Makes sure `.next/` holds the build of content/ (`justBuilt`: the caller has just built it). */
  realBuild: (justBuilt?: boolean) => Promise<void>;
};

export type Section = {
  title: string;
  /** What the run's settings were, for the line under the title; `reduced` when shorter than a full run. */
  describe: (settings: Settings) => { text: string; reduced: boolean };
  run: (context: Context) => Promise<string[]>;
};

type Cell = string | number | undefined;

export const pages = ['/', '/fotografie', '/fotografie/co-city'];
export const projectPage = '/fotografie/co-city';

export function table(header: string[], rows: Cell[][]): string[] {
  const line = (cells: Cell[]) => `| ${cells.map((cell) => (cell === undefined ? '—' : String(cell))).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line), ''];
}

/** The section's targets: whether each is met, what is aimed at, what was measured. */
export function targets(rows: [target: string, measured: string, met: boolean][]): string[] {
  return [...rows.map(([target, measured, met]) => `- ${met ? 'met' : '**missed**'}: ${target} — ${measured}`), ''];
}

export const fixed = (value: number, digits = 1) => value.toFixed(digits);
export const whole = (value: number) => Math.round(value).toLocaleString('en');
export const kib = (bytes: number) => (bytes / 1024).toFixed(1);
export const mib = (bytes: number) => whole(bytes / 2 ** 20);
export const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)]!;
