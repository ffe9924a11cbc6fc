import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../lib/content/load';
import { ContentError, formatProblem } from '../../lib/content/problems';
import { mailtoHref } from '../../lib/content/schema';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const photoCacheDir = mkdtempSync(path.join(os.tmpdir(), 'photo-cache-'));
afterAll(() => rm(photoCacheDir, { recursive: true, force: true }));
const load = (folder: string) =>
  loadContent({ contentDir: path.join(fixtures, folder), publicDir: path.join(fixtures, 'public'), imagesDir: path.join(fixtures, 'images'), photoCacheDir, includeDrafts: false });

const ranFlags = ['pwned', 'yamlRan', 'javascriptRan', 'spacedRan'];

afterEach(() => {
  for (const flag of ranFlags) expect(globalThis, `content code ran (${flag})`).not.toHaveProperty(flag);
});

describe('hostile markdown', () => {
  it('renders raw HTML, event handlers, iframes and script/data URLs as inert text or nothing', async () => {
    const { projects } = await load('hostile');
    const html = projects.find((project) => project.slug === 'markup')?.html;
    expect(html).toBe(
      '<p>link grezzo</p>\n' +
        '<p></p>\n' +
        '<p></p>\n' +
        '<p>gestore</p>\n' +
        '<p><a>maiuscolo</a> <a>entità</a> <a>dati</a>\n' +
        '<a>vb</a> <img alt="immagine"> <img alt="dati"></p>\n' +
        '<p><a href="https://example.com/ok">permesso</a> e <a href="mailto:studio@example.com">posta</a></p>\n',
    );
  });

  it('reads a YAML !!js/function tag as plain text, never as code', async () => {
    const { projects } = await load('hostile');
    expect(projects.find((project) => project.slug === 'tag-yaml')?.title).toBe(
      'function () { globalThis.yamlRan = true }',
    );
  });
});

describe('content that must be refused', () => {
  async function problems() {
    const error = await load('refused').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems.map(formatProblem);
  }
  const file = (name: string) => `test/content/fixtures/refused/projects/${name}.md`;

  it('refuses ---javascript and "--- js" front matter without running it', async () => {
    const refused = await problems();
    expect(refused).toContain(
      `${file('executes-javascript')}:1:1: expected YAML front matter ("---"), got "---javascript": front matter in other languages is refused and never run`,
    );
    expect(refused).toContain(
      `${file('executes-spaced')}:1:1: expected YAML front matter ("---"), got "---js": front matter in other languages is refused and never run`,
    );
  });

  it('accepts only http(s) link targets, whatever their case or leading spaces', async () => {
    const refused = (await problems()).filter((problem) => problem.startsWith(file('links')));
    expect(refused).toEqual([
      `${file('links')}:8:13: links[0].target: expected an http(s) URL, got "JAVASCRIPT:alert(1)"`,
      `${file('links')}:11:13: links[1].target: expected an http(s) URL, got "  javascript:alert(1)"`,
      `${file('links')}:14:13: links[2].target: expected an http(s) URL, got "vbscript:msgbox(1)"`,
      `${file('links')}:17:13: links[3].target: expected an http(s) URL, got "file:///etc/passwd"`,
      `${file('links')}:20:13: links[4].target: expected an http(s) URL, got "//evil.example/x"`,
      `${file('links')}:23:13: links[5].target: expected an http(s) URL, got "ftp://example.com/x"`,
      `${file('links')}:26:13: links[6].target: expected an http(s) URL, got "DATA:text/html,<script>alert(1)</script>"`,
      `${file('links')}:29:13: links[7].target: expected an http(s) URL, got "mailto:studio@example.com"`,
    ]);
  });

  it('refuses mail addresses that smuggle in headers or more recipients', async () => {
    const refused = (await problems()).filter((problem) => problem.startsWith(file('mail')));
    expect(refused).toEqual([
      `${file('mail')}:8:19: links[0].emailaddress: expected an email address, got "studio@example.com?cc=altro@example.com"`,
      `${file('mail')}:11:19: links[1].emailaddress: expected an email address, got "studio@example.com\\nBcc: altro@example.com"`,
      `${file('mail')}:14:19: links[2].emailaddress: expected an email address, got "studio@example.com,altro@example.com"`,
    ]);
  });
});

describe('mail links', () => {
  it('percent-encode &, ?, +, #, % and non-ASCII in subject and body, newlines as CRLF', async () => {
    const { projects } = await load('hostile');
    expect(projects.find((project) => project.slug === 'posta')?.links[0]?.href).toBe(
      'mailto:studio@example.com' +
        '?subject=Pi%C3%B9%20%26%20meglio%3F%201%2B1%3D2%20%23tag' +
        '&body=Prima%20riga%0D%0Aseconda%20riga%3A%20a%26b%3Dc%3Fd%2Be%25',
    );
  });

  it('decode back to exactly what the editor wrote', () => {
    const subject = 'Più & meglio? 1+1=2 #tag';
    const body = 'Prima riga\nseconda riga: a&b=c?d+e%';
    const query = new URL(mailtoHref('studio@example.com', subject, body)).search.slice(1);
    const fields = Object.fromEntries(
      query.split('&').map((pair) => pair.split('=').map(decodeURIComponent) as [string, string]),
    );
    expect(fields).toEqual({ subject, body: body.replace('\n', '\r\n') });
  });
});
