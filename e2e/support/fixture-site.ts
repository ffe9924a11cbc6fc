import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cameraPhoto } from '../../support/camera-photos';
import { copyProject } from '../../support/project-copy';

const execFileAsync = promisify(execFile);

export type FixtureSite = { origin: string; contentDir: string; stop: () => Promise<void> };

/** A photo the fixture's build needs: a camera-like JPEG of this size, with a camera's EXIF (GPS included) if asked. */
export type FixturePhoto = { width: number; height: number; exif?: boolean };

/**
 * The site built from a fixture content folder (its photos generated into `images/`) in a temporary copy of the
 * project, served by its standalone server on `port`: a feature's journeys with their own content, whatever the
 * owner's content is. Nothing of the repository is written. The build is made once per test run (the workers of one
 * run share it, a worker restarted after a failure too; the next run removes it); each caller starts its own server.
 */
export async function startFixtureSite(fixture: string, photos: Record<string, FixturePhoto>, port: number): Promise<FixtureSite> {
  const work = path.join(tmpdir(), `portfolio-fixture-site-${process.ppid}-${path.basename(fixture)}`);
  await removeStaleBuilds(path.basename(fixture));
  const project = path.join(work, 'project');
  const contentDir = path.join(work, 'content');
  const ready = path.join(work, 'ready');
  if (await mkdir(work).then(() => true, () => false)) {
    await build(fixture, photos, project, contentDir).catch(async (error: unknown) => {
      await writeFile(ready, error instanceof Error ? error.message : String(error));
      throw error;
    });
    await writeFile(ready, '');
  } else {
    const deadline = Date.now() + 900_000;
    while (!existsSync(ready)) {
      if (Date.now() > deadline) throw new Error(`no fixture site in ${work} after 15 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const failure = await readFile(ready, 'utf8');
    if (failure) throw new Error(failure);
  }
  const server = spawn(process.execPath, ['server.js'], {
    cwd: path.join(project, '.next', 'standalone'),
    env: { ...process.env, PORT: String(port), HOSTNAME: '127.0.0.1' },
    stdio: 'ignore',
    detached: true,
  });
  const stop = async () => {
    if (server.pid && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await fetch(origin).then((response) => response.ok, () => false))) {
    if (Date.now() > deadline || server.exitCode !== null) {
      await stop();
      throw new Error(`the fixture site did not answer on ${origin}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, contentDir, stop };
}

async function build(fixture: string, photos: Record<string, FixturePhoto>, project: string, contentDir: string) {
  await copyProject(project);
  await cp(fixture, contentDir, { recursive: true });
  await mkdir(path.join(contentDir, 'images'), { recursive: true });
  let seed = 1;
  for (const [name, { width, height, exif }] of Object.entries(photos)) {
    const bytes = await cameraPhoto('landscape', { seed: seed++, width, height, exif });
    await writeFile(path.join(contentDir, 'images', name), bytes);
  }
  const env = { ...process.env, CONTENT_DIR: contentDir, NEXT_TELEMETRY_DISABLED: '1' };
  await execFileAsync('npm', ['run', 'build'], { cwd: project, env, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`the fixture site did not build:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
  });
}

/** Builds left by earlier test runs (their runner has exited). */
async function removeStaleBuilds(name: string) {
  for (const entry of await readdir(tmpdir())) {
    const match = /^portfolio-fixture-site-(\d+)-(.+)$/.exec(entry);
    if (!match || match[2] !== name || Number(match[1]) === process.ppid) continue;
    const alive = (() => {
      try {
        process.kill(Number(match[1]), 0);
        return true;
      } catch {
        return false;
      }
    })();
    if (!alive) await rm(path.join(tmpdir(), entry), { recursive: true, force: true });
  }
}
