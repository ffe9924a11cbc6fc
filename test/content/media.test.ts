import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../lib/content/load';
import { ContentError, formatProblem } from '../../lib/content/problems';
import { createProjectSchema, embedPlayer, knownKeys } from '../../lib/content/schema';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const photoCacheDir = mkdtempSync(path.join(os.tmpdir(), 'photo-cache-'));
afterAll(() => rm(photoCacheDir, { recursive: true, force: true }));
const publicDir = path.join(fixtures, 'public');
const imagesDir = path.join(fixtures, 'images');
const load = () => loadContent({ contentDir: path.join(fixtures, 'media'), publicDir, imagesDir, photoCacheDir, includeDrafts: false });

describe('videos and embeds beside photos', () => {
  it('keeps every media type in gallery order, with alt texts, captions and the facts of each poster', async () => {
    const { projects } = await load();
    const film = projects.find((project) => project.slug === 'film');
    const [video, youtube, vimeo, photo, webm] = film?.media ?? [];
    expect(video).toMatchObject({
      type: 'video',
      file: '/_static/videos/clip.mp4',
      alt: 'Un quadrato blu',
      altGiven: true,
      caption: 'La sigla, in loop.',
      poster: { file: '/_static/images/wide.jpg', alt: 'Un quadrato blu', width: 30, height: 20 },
    });
    expect(video?.type === 'video' && video.poster.blurDataURL).toMatch(/^data:image\/webp;base64,/);
    expect(youtube).toMatchObject({
      type: 'embed',
      alt: 'Film, video 2 di 5',
      altGiven: false,
      player: { provider: 'youtube', src: 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ' },
      poster: { file: '/_static/images/tall.jpg', width: 20, height: 30 },
    });
    expect(vimeo).toMatchObject({
      type: 'embed',
      alt: 'Film, video 3 di 5',
      player: { provider: 'vimeo', src: 'https://player.vimeo.com/video/76979871?dnt=1&h=8272103f6e' },
    });
    expect(vimeo).not.toHaveProperty('caption', expect.anything());
    expect(vimeo).not.toHaveProperty('poster', expect.anything());
    expect(photo).toMatchObject({ type: 'image', file: '/_static/images/tall.jpg', alt: 'Film, immagine 4 di 5', caption: 'Una foto con didascalia.' });
    expect(webm).toMatchObject({ type: 'video', file: '/_static/videos/clip.webm', alt: 'Film, video 5 di 5' });
  });

  it("uses a first video's poster as the cover, with its caption; an embed without poster leaves none", async () => {
    const { projects } = await load();
    expect(projects.find((project) => project.slug === 'film')?.cover).toMatchObject({
      file: '/_static/images/wide.jpg',
      alt: 'Un quadrato blu',
      width: 30,
      height: 20,
      caption: 'La sigla, in loop.',
    });
    expect(projects.find((project) => project.slug === 'trailer')?.cover).toBeUndefined();
  });

  it('warns about a field that the media type does not have', async () => {
    const { warnings } = await load();
    expect(warnings.map(formatProblem)).toEqual([
      expect.stringMatching(
        /fixtures\/media\/projects\/film\.md:21:5: warning: media\[3\]\.poster: unknown field, ignored \(known fields: type, file, alt, caption, focus, exif\)$/,
      ),
    ]);
  });
});

describe('embed URLs', () => {
  it('turns YouTube and Vimeo page URLs into their privacy-enhanced players', () => {
    const youtube = 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ';
    expect(embedPlayer('https://www.youtube.com/watch?v=aqz-KE-bpKQ')).toEqual({ provider: 'youtube', src: youtube });
    expect(embedPlayer('https://youtube.com/watch?list=x&v=aqz-KE-bpKQ&t=1')?.src).toBe(youtube);
    expect(embedPlayer('https://m.youtube.com/watch?v=aqz-KE-bpKQ')?.src).toBe(youtube);
    expect(embedPlayer('https://youtu.be/aqz-KE-bpKQ')?.src).toBe(youtube);
    expect(embedPlayer(' https://youtu.be/aqz-KE-bpKQ?si=abc ')?.src).toBe(youtube);
    expect(embedPlayer('https://vimeo.com/76979871')).toEqual({ provider: 'vimeo', src: 'https://player.vimeo.com/video/76979871?dnt=1' });
    expect(embedPlayer('https://www.vimeo.com/76979871/')?.src).toBe('https://player.vimeo.com/video/76979871?dnt=1');
  });

  it('refuses every other URL', () => {
    for (const url of [
      'https://example.com/watch?v=aqz-KE-bpKQ',
      'https://youtube.com.example.org/watch?v=aqz-KE-bpKQ',
      'https://example.org/?u=https://youtu.be/aqz-KE-bpKQ',
      'https://www.youtube.com/embed/aqz-KE-bpKQ',
      'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ',
      'https://www.youtube.com/watch?v=short',
      'https://youtu.be/',
      'https://player.vimeo.com/video/76979871',
      'https://vimeo.com/channels/staffpicks',
      'javascript:alert(1)//youtu.be/aqz-KE-bpKQ',
      'ftp://youtu.be/aqz-KE-bpKQ',
    ]) {
      expect(embedPlayer(url), url).toBeUndefined();
    }
  });
});

describe('knownKeys', () => {
  const schema = createProjectSchema({ categories: undefined, publicDir, imagesDir });
  const valid = {
    image: { type: 'image', file: '/_static/images/wide.jpg' },
    video: { type: 'video', file: '/_static/videos/clip.mp4', poster: '/_static/images/wide.jpg' },
    embed: { type: 'embed', url: 'https://youtu.be/aqz-KE-bpKQ' },
  };
  const issuesOf = (item: object) => {
    const result = schema.safeParse({ title: 'T', category: 'c', summary: 'S', media: [item] });
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
  };

  it('lists, for each media type, exactly the fields the schema reads', () => {
    for (const [type, keys] of Object.entries(knownKeys.mediaTypes)) {
      const item = valid[type as keyof typeof valid];
      expect(issuesOf(item), type).toEqual([]);
      // A wrong value in each known field is an error at that field: the schema reads it.
      for (const key of keys.filter((key) => key !== 'type')) {
        expect(issuesOf({ ...item, [key]: ['a list'] }), `${type}.${key}`).toEqual([`media.0.${key}`]);
      }
    }
  });

  it('lists in `media` the fields of every media type', () => {
    expect(new Set(knownKeys.media)).toEqual(new Set(Object.values(knownKeys.mediaTypes).flat()));
  });

  it('matches the error the loader gives an unknown type', async () => {
    const error = await loadContent({ contentDir: path.join(fixtures, 'broken'), publicDir, imagesDir, photoCacheDir, includeDrafts: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.map(formatProblem)).toContainEqual(
      expect.stringContaining('media[5].type: expected a media type: image, video or embed, got "audio"'),
    );
  });
});
