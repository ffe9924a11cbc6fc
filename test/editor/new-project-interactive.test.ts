import { spawn } from 'node:child_process';
import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parse } from 'yaml';
import { typeScript } from '../../support/processes';
import { copySite, photos, root } from './support';

let site: string;
beforeEach(async () => {
  site = await copySite();
});
afterEach(async () => {
  await rm(site, { recursive: true, force: true });
});

const enter = '\r';
const down = '\u001b[B';

/** `npm run new` in a real terminal: util-linux `script` gives it a pty, and each answer waits for its question. */
function terminal(cwd: string) {
  const [node, args] = typeScript(path.join(root, 'scripts/new-project.ts'));
  const command = `stty cols 160 rows 50; exec ${[node, ...args].join(' ')}`;
  const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd, env: { ...process.env, CI: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let seen = 0;
  const waiters: (() => void)[] = [];
  const plain = () => screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    waiters.splice(0).forEach((wake) => wake());
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    /** Waits for `question` to appear after the previous one, then types `keys`. */
    async answer(question: string, keys: string) {
      const deadline = Date.now() + 20_000;
      while (!plain().includes(question, seen)) {
        const tick = new Promise<void>((wake) => setTimeout(wake, 1000));
        await Promise.race([new Promise<void>((wake) => waiters.push(wake)), exited, tick]);
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`no question "${question}" (exit code ${child.exitCode}):\n${plain().slice(seen)}`);
        }
      }
      seen = plain().indexOf(question, seen) + question.length;
      child.stdin.write(keys);
    },
    async end() {
      const code = await exited;
      return { code, output: plain() };
    },
    kill: () => child.kill('SIGKILL'),
  };
}

it('asks for each value in a terminal, a taken slug again, and writes the project', { timeout: 60_000 }, async () => {
  const folder = path.join(site, 'my photos');
  await cp(path.join(photos, 'folder'), folder, { recursive: true });
  const cli = terminal(site);
  try {
    await cli.answer('Title', `Co-city${enter}`);
    await cli.answer('Category', `${down}${enter}`);
    await cli.answer('Year', `2024${enter}`);
    await cli.answer('Role', enter);
    await cli.answer('Summary', `Manifesti per il quartiere.${enter}`);
    // Paths as a terminal pastes dropped files: a space escaped, then a quoted path.
    await cli.answer('Photos', `my\\ photos${enter}`);
    await cli.answer('More photos? (2 so far', `'${path.join(photos, 'scan.png')}'${enter}`);
    await cli.answer('More photos? (3 so far', enter);
    await cli.answer('Alt text for photo 1', `Il primo manifesto${enter}`);
    await cli.answer('Alt text for photo 2', enter);
    await cli.answer('Alt text for photo 3', enter);
    await cli.answer('draft', enter);
    // "co-city" is the seed project: the slug is asked again, offering a free one.
    await cli.answer('Slug', enter);
    const { code, output } = await cli.end();
    expect(output).toContain('skipped notes.txt');
    expect(output).toContain('/grafica/co-city-2');
    expect(code).toBe(0);
  } finally {
    cli.kill();
  }
  const text = await readFile(path.join(site, 'content/projects/co-city-2.md'), 'utf8');
  expect(parse(text.split('---\n')[1]!)).toEqual({
    title: 'Co-city',
    category: 'grafica',
    year: 2024,
    summary: 'Manifesti per il quartiere.',
    draft: false,
    media: [
      { type: 'image', file: '/_static/images/co-city-2-1.jpg', alt: 'Il primo manifesto' },
      { type: 'image', file: '/_static/images/co-city-2-2.jpg' },
      { type: 'image', file: '/_static/images/co-city-2-3.png' },
    ],
    links: [{ name: 'galleria', action: 'slider' }],
  });
});
