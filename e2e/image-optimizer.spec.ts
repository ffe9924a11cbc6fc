import { expect, test } from '@playwright/test';
import nextConfig from '../next.config.js';
import { getProject } from './support/content';

const images = nextConfig.images ?? {};
const widths = [...(images.deviceSizes ?? []), ...(images.imageSizes ?? [])];
const [quality] = images.qualities ?? [];
const [width] = widths;
const photo = getProject('co-city').cover!.file;

const optimizer = (url: string, w: number | string = width!, q: number | string = quality!) =>
  `/_next/image?url=${encodeURIComponent(url)}&w=${w}&q=${q}`;

test.describe('the image optimizer', () => {
  test('serves the site own photos at every configured width as AVIF or WebP', async ({ request }) => {
    expect(widths.length).toBeGreaterThan(0);
    for (const w of widths) {
      const response = await request.get(optimizer(photo, w), { headers: { accept: 'image/avif,image/webp,*/*' } });
      expect(response.status(), `w=${w}`).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^image\/(avif|webp)$/);
    }
  });

  test('refuses anything else with 400', async ({ request }) => {
    const unlisted = [123, 1000, 2000].find((w) => !widths.includes(w));
    const refused = {
      'a remote URL': optimizer('https://example.com/x.jpg'),
      'a protocol-relative URL': optimizer('//example.com/x.jpg'),
      'a file: URL': optimizer('file:///etc/passwd'),
      'a path outside /_static/images/': optimizer('/etc/passwd'),
      'a public file outside /_static/images/': optimizer('/icon.svg'),
      'a path that climbs out of /_static/images/': optimizer('/_static/images/../../package.json'),
      'a photo with a query string': optimizer(`${photo}?v=1`),
      'the optimizer itself': optimizer(optimizer(photo)),
      [`an unlisted width (${unlisted})`]: optimizer(photo, unlisted),
      'a width that is not a number': optimizer(photo, 'abc'),
      'a quality outside the list': optimizer(photo, width, quality === 50 ? 51 : 50),
      'no url': `/_next/image?w=${width}&q=${quality}`,
      'two widths': `${optimizer(photo)}&w=${width}`,
    };
    for (const [what, path] of Object.entries(refused)) {
      expect((await request.get(path)).status(), what).toBe(400);
    }
  });
});
