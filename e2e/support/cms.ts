import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import { copyProject } from '../../support/project-copy';
import { run, start, typeScript, waitFor, waitForHttp, type Started } from '../../support/processes';

export { isListening } from '../../support/processes';

const root = process.cwd();
const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');
const base = Number(process.env.PORT ?? 3100);

/** The CMS specs' own servers, beside the suite's production server on PORT. */
export const cmsPorts = {
  /** `npm run cms` in a copy of the site: next dev (cms-editor.spec.ts). */
  editor: base + 10,
  /** Its decap-server (CMS_PROXY_PORT), apart from the 8081 of an editor's own `npm run cms` and from other runs. */
  proxy: base + 13,
  /** The stand-in for github.com's two OAuth endpoints. */
  github: base + 11,
  /** `next start` on the suite's build, with the GitHub backend set up against the stand-in. */
  signIn: base + 12,
};

/**
 * A copy of the site (sources, the suite's content, photos and build cache: support/project-copy.ts) in a temporary
 * folder, so that the editor writes there and never into the repository's own content/ or public/; Decap's bundle
 * copied in.
 */
export async function copySite(): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'portfolio-cms-'));
  // The suite's own content (playwright.config.ts), whatever the owner keeps in content/.
  await copyProject(copy, { content: contentDir });
  await run(process.execPath, [path.join(root, 'scripts', 'copy-cms.mjs'), path.join(copy, 'public')], { cwd: copy });
  return copy;
}

export async function removeCopy(copy: string | undefined) {
  if (copy) await rm(copy, { recursive: true, force: true });
}

export type Editor = { url: string; process: Started; output: () => string; stop: () => Promise<void> };

/** `npm run cms` (scripts/cms.ts) in the copy, as package.json runs it: decap-server and next dev (Turbopack). */
export async function startEditor(copy: string, ports = { editor: cmsPorts.editor, proxy: cmsPorts.proxy }): Promise<Editor> {
  const child = start(
    ...typeScript('scripts/cms.ts', '--hostname', '127.0.0.1'),
    {
      cwd: copy,
      env: {
        ...process.env,
        CONTENT_DIR: path.join(copy, 'content'),
        PORT: String(ports.editor),
        CMS_PROXY_PORT: String(ports.proxy),
        NEXT_TELEMETRY_DISABLED: '1',
      },
      capture: true,
    },
  );
  const ready = /Editor ready: (http:\/\/\S+)/;
  try {
    // next dev compiles /admin's first requests before it says so: minutes on a loaded 2-core machine.
    await waitFor('npm run cms', async () => ready.test(child.output()), child, 240_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url: ready.exec(child.output())![1]!, process: child, output: child.output, stop: () => child.stop(10_000) };
}

/**
 * A spec file's editor: a copy of the site and `npm run cms` in it, started before the file's tests and stopped,
 * with the copy removed, after them. Read `copy` and `editor` inside tests, once beforeAll has set them.
 */
export function setUpEditor(ports?: { editor: number; proxy: number }) {
  const session = {} as { copy: string; editor: Editor };
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    session.copy = await copySite();
    session.editor = await startEditor(session.copy, ports);
  });
  test.afterAll(async () => {
    await session.editor?.stop();
    await removeCopy(session.copy);
  });
  return session;
}

export type Server = { url: string; output: () => string; stop: () => Promise<void> };

/** `next start` on the suite's production build, with extra environment (the GitHub backend's settings). */
export async function startProductionServer(port: number, env: Record<string, string>): Promise<Server> {
  const child = start(
    process.execPath,
    [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, capture: true },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/robots.txt`, child, 120_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { url, output: child.output, stop: () => child.stop(10_000) };
}
