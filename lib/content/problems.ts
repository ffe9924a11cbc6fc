import path from 'node:path';

export type Severity = 'error' | 'warning';

/** One thing wrong with a content file, located as precisely as the file allows. */
export type Problem = {
  severity: Severity;
  file: string;
  line?: number;
  column?: number;
  field?: string;
  message: string;
};

/** Thrown when content is invalid; its message lists every problem, one per line. */
export class ContentError extends Error {
  declare readonly problems: Problem[];

  constructor(problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(
      `${errors.length} content ${errors.length === 1 ? 'error' : 'errors'}:\n` +
        errors.map(formatProblem).join('\n'),
    );
    this.name = 'ContentError';
    // Not enumerable, so that Node prints the message lines once instead of the objects behind them.
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false });
  }
}

/** `content/projects/x.md:14:13: links[1].target: expected an http(s) URL, got "none"` */
export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${prefix}${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

/**
 * A GitHub Actions workflow command, which GitHub shows on that line of a pull request's diff:
 * `::error file=content/projects/x.md,line=14,col=13,title=links[1].target::expected an http(s) URL, got "none"`
 */
export function formatGithubProblem(problem: Problem): string {
  const properties = [
    ['file', problem.file],
    ['line', problem.line],
    ['col', problem.line ? (problem.column ?? 1) : undefined],
    ['title', problem.field],
  ]
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeGithubProperty(String(value))}`);
  return `::${problem.severity} ${properties.join(',')}::${escapeGithubData(problem.message)}`;
}

// The escapes of @actions/core: a message cannot end the command early or start a new one on a new line.
function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `['links', 1, 'target']` → `links[1].target` */
export function formatFieldPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

/** A path for messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}

/** How a raw value reads in a message: `"none"`, `42`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  return String(value);
}

/** The closest candidate by edit distance, if it is close enough to be a plausible typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
