import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { root } from './support';

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, { 'runs-on': string; steps: Step[] }> };

let workflow: Workflow;
let readme: string;
beforeAll(async () => {
  workflow = parse(await readFile(path.join(root, '.github/workflows/ci.yml'), 'utf8')) as Workflow;
  readme = await readFile(path.join(root, 'README.md'), 'utf8');
});

/** The commands of the README's "Two commands" block: `[['npm ci', 'npm run build', 'npm start'], ['npm test']]`. */
function readmeCommands(): string[][] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Two commands'));
  const block = section?.match(/```sh\n([\s\S]*?)```/)?.[1];
  expect(block, 'README: a ```sh block under "## Two commands"').toBeDefined();
  return block!
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((line) => line.split('&&').map((command) => command.trim()));
}

describe('.github/workflows/ci.yml', () => {
  const steps = () => Object.values(workflow.jobs).flatMap((job) => job.steps);
  const runs = () => steps().flatMap((step) => (step.run ? [step.run.trim()] : []));
  const position = (command: string) => {
    const index = runs().indexOf(command);
    expect(index, `a step that runs "${command}"`).toBeGreaterThanOrEqual(0);
    return index;
  };

  it('runs on every push and pull request, on Ubuntu', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push ?? null).toBeNull();
    expect(workflow.on.pull_request ?? null).toBeNull();
    expect(Object.values(workflow.jobs).map((job) => job['runs-on'])).toEqual(['ubuntu-latest']);
  });

  it("sets up the README's Node version with npm's cache", async () => {
    const setup = steps().find((step) => step.uses?.startsWith('actions/setup-node@'));
    const readmeNode = readme.match(/Node (\d+)\.(\d+)\+/);
    expect(readmeNode, 'README: "Node <major>.<minor>+"').not.toBeNull();
    expect(String(setup?.with?.['node-version'])).toBe(readmeNode![1]);
    expect(setup?.with?.cache).toBe('npm');
    const { engines } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(engines.node).toBe(`>=${readmeNode![1]}.${readmeNode![2]}`);
  });

  it("runs the README's install command, the content check in GitHub's format, then the README's test command", () => {
    const [[install], testCommands] = readmeCommands() as [[string], string[]];
    expect(install).toBe('npm ci');
    const installed = position(install);
    const checked = position('npm run content:check -- --format=github');
    expect(readme).toContain('npm run content:check');
    const tested = testCommands.map(position);
    expect(installed).toBeLessThan(checked);
    tested.forEach((index) => expect(checked).toBeLessThan(index));
    expect(position('npx playwright install --with-deps chromium')).toBeLessThan(Math.min(...tested));
  });
});
