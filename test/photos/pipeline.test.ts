import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { getPhotoFacts, photoSettings, photoSources, photoWork, writePhotoFiles } from '../../lib/photos';
import { cameraExif, cameraPhoto } from '../../support/camera-photos';
import { sizeOf, photoFolders } from './support';

// What a build makes of each photo. What it keeps between builds: cache.test.ts.
const { dirs, put } = photoFolders();

// Each 24 MP photo takes a few seconds to make and to encode on two cores.
describe('photos from a camera (24 MP)', { timeout: 120_000 }, () => {
  it('a landscape and a portrait: the configured widths up to 2880 px on the long side, a social JPEG, named after the photo', async () => {
    const landscape = await put('Città vecchia.JPG', await cameraPhoto('landscape', { seed: 1 }));
    const portrait = await put('ritratto.jpeg', await cameraPhoto('portrait', { seed: 2 }));
    const stats = await writePhotoFiles(dirs, [landscape, portrait]);
    expect(stats).toMatchObject({ photos: 2, encoded: 2 });

    for (const [file, expected] of [
      [landscape, { width: 6000, height: 4000, name: 'Citta-vecchia', widths: photoSettings.widths }],
      // 1920×2880 at most: a 2880-px-wide portrait would be 2880×4320, more than the zoomed gallery shows.
      [portrait, { width: 4000, height: 6000, name: 'ritratto', widths: [...photoSettings.widths.filter((width) => width < 1920), 1920] }],
    ] as const) {
      const facts = await getPhotoFacts(dirs, file);
      expect(facts).toMatchObject({ width: expected.width, height: expected.height });
      expect(facts.widths).toEqual(expected.widths);
      const sources = photoSources(file, facts);
      for (const candidate of sources.srcSet.split(', ')) {
        const [url, descriptor] = candidate.split(' ');
        const width = Number(descriptor!.slice(0, -1));
        expect(url).toBe(`/_next/static/photos/${expected.name}.${facts.hash}.${width}.webp`);
        expect(await sizeOf(path.join(dirs.outDir, path.basename(url!)))).toEqual({
          width,
          height: Math.round((expected.height * width) / expected.width),
          space: 'srgb',
          channels: 3,
          format: 'webp',
        });
      }
      // The AVIF list: the same widths, AVIF files at 660 and 750 px (sharp calls the format heif), WebP at the others.
      for (const candidate of sources.avifSrcSet.split(', ')) {
        const [url, descriptor] = candidate.split(' ');
        const width = Number(descriptor!.slice(0, -1));
        const format = width === 660 || width === 750 ? 'avif' : 'webp';
        expect(url).toBe(`/_next/static/photos/${expected.name}.${facts.hash}.${width}.${format}`);
        expect(await sizeOf(path.join(dirs.outDir, path.basename(url!)))).toMatchObject({
          width,
          height: Math.round((expected.height * width) / expected.width),
          format: format === 'avif' ? 'heif' : 'webp',
        });
      }
      const social = path.join(dirs.outDir, path.basename(sources.social.url));
      expect(await sizeOf(social)).toMatchObject({ width: 1200, height: sources.social.height, format: 'jpeg' });
      expect((await stat(social)).size).toBeLessThanOrEqual(300 * 1024);
    }
  });

  it('a camera file (EXIF orientation 6, GPS, serial number, XMP): turned upright, and no built file keeps its metadata', async () => {
    const source = await cameraPhoto('rotated', { seed: 3, exif: true });
    const camera = await sharp(source).metadata();
    expect(camera.exif?.includes(cameraExif.IFD2.BodySerialNumber), 'the source carries its serial number').toBe(true);
    expect(camera.xmp).toBeDefined();
    const file = await put('verticale.jpg', source);
    await writePhotoFiles(dirs, [file]);
    // The exposure is read once, with the other facts; the position and the serial number are never kept.
    const facts = await getPhotoFacts(dirs, file);
    expect(facts.camera).toEqual({
      model: 'LEICA Q2',
      lens: 'SUMMILUX 1:1.7/28 ASPH.',
      focalLength: 28,
      aperture: 5.6,
      exposure: 0.004,
      iso: 100,
      taken: '2024-05-18T07:42:10',
    });
    for (const name of await readdir(dirs.cacheDir)) {
      if (!name.endsWith('.json')) continue;
      const cached = await readFile(path.join(dirs.cacheDir, name), 'utf8');
      for (const secret of [cameraExif.IFD2.BodySerialNumber, 'GPS', '45.07', cameraExif.IFD0.Artist]) expect(cached).not.toContain(secret);
    }
    const built = await readdir(dirs.outDir);
    expect(built.length).toBeGreaterThan(5);
    for (const name of built) {
      const bytes = await readFile(path.join(dirs.outDir, name));
      const metadata = await sharp(bytes).metadata();
      expect({ name, exif: metadata.exif, xmp: metadata.xmp, iptc: metadata.iptc, icc: metadata.icc, orientation: metadata.orientation })
        .toEqual({ name, exif: undefined, xmp: undefined, iptc: undefined, icc: undefined, orientation: undefined });
      for (const secret of [cameraExif.IFD2.BodySerialNumber, 'GPS', cameraExif.IFD0.Model, cameraExif.IFD0.Artist]) {
        expect(bytes.includes(secret), `${name} holds "${secret}"`).toBe(false);
      }
    }
    expect(facts).toMatchObject({ width: 4000, height: 6000 });
    const small = path.join(dirs.outDir, `verticale.${facts.hash}.480.webp`);
    expect(await sizeOf(small)).toMatchObject({ width: 480, height: 720 });
    const largest = path.join(dirs.outDir, `verticale.${facts.hash}.1920.webp`);
    expect(await sizeOf(largest)).toMatchObject({ width: 1920, height: 2880 });
  });

  it('a build decodes each new photo once: its facts and its files come from the same pixels', async () => {
    const file = await put('mercato.jpg', await cameraPhoto('landscape', { seed: 11 }));
    const before = photoWork();
    const facts = await getPhotoFacts({ ...dirs, withFiles: true }, file);
    const stats = await writePhotoFiles(dirs, [file]);
    const work = photoWork();
    expect({ read: work.read - before.read, decoded: work.decoded - before.decoded, encoded: work.encoded - before.encoded })
      .toEqual({ read: 1, decoded: 1, encoded: 1 });
    // Every WebP width, the AVIF ones (660 and 750 px) and the social JPEG.
    expect(stats).toMatchObject({ photos: 1, encoded: 0, files: facts.widths.length + 2 + 1 });
    expect(await sizeOf(path.join(dirs.outDir, `mercato.${facts.hash}.2880.webp`))).toMatchObject({ width: 2880, height: 1920 });
  });

  it('colour profiles: a Display P3 photo (a phone) is converted to sRGB; one with an sRGB profile keeps its values', async () => {
    // The same red saved both ways: as P3, the file holds other numbers for it (withIccProfile converts on save).
    const red = sharp({ create: { width: 960, height: 640, channels: 3, background: { r: 230, g: 20, b: 30 } } });
    const p3Bytes = await red.clone().withIccProfile('p3').jpeg({ quality: 95 }).toBuffer();
    const stored = await sharp(p3Bytes, { ignoreIcc: true }).extract({ left: 200, top: 150, width: 1, height: 1 }).raw().toBuffer();
    expect(stored[1]!, 'the P3 file stores other numbers than sRGB would').toBeGreaterThan(40);
    const p3 = await put('p3.jpg', p3Bytes);
    const srgb = await put('srgb.jpg', await red.clone().withIccProfile('srgb').jpeg({ quality: 95 }).toBuffer());
    await writePhotoFiles(dirs, [p3, srgb]);
    for (const file of [p3, srgb]) {
      const { hash } = await getPhotoFacts(dirs, file);
      const built = path.join(dirs.outDir, `${path.basename(file, '.jpg')}.${hash}.480.webp`);
      const pixel = await sharp(built).extract({ left: 100, top: 75, width: 1, height: 1 }).raw().toBuffer();
      [230, 20, 30].forEach((value, channel) => expect(Math.abs(pixel[channel]! - value), `${file} channel ${channel}`).toBeLessThanOrEqual(5));
    }
  });

  it('CMYK: converted to sRGB', async () => {
    // A print workflow's export, at 6 MP: the conversion is the same at any size, and making a 24 MP CMYK file here took
    // 7.4 s (the benchmark's photos step builds 24 MP ones).
    const file = await put('stampa.jpg', await cameraPhoto('cmyk', { seed: 4, width: 3000, height: 2000 }));
    await writePhotoFiles(dirs, [file]);
    const facts = await getPhotoFacts(dirs, file);
    expect(await sizeOf(path.join(dirs.outDir, `stampa.${facts.hash}.750.webp`))).toMatchObject({ space: 'srgb', channels: 3 });
  });
});

describe('a photo narrower than the widths', { timeout: 60_000 }, () => {
  it('is never upscaled: its own width is the largest file, and the social card is no wider', async () => {
    const file = await put('piccola.jpg', await cameraPhoto('landscape', { seed: 5, width: 1000, height: 667 }));
    await writePhotoFiles(dirs, [file]);
    const facts = await getPhotoFacts(dirs, file);
    expect(facts.widths).toEqual([240, 288, 345, 415, 480, 560, 660, 750, 900, 1000]);
    const sources = photoSources(file, facts);
    expect(sources.largest).toEqual({ url: `/_next/static/photos/piccola.${facts.hash}.1000.webp`, width: 1000, height: 667 });
    expect(sources.social).toMatchObject({ width: 1000, height: 667 });
    expect(await sizeOf(path.join(dirs.outDir, path.basename(sources.social.url)))).toMatchObject({ width: 1000, height: 667 });
    expect((await readdir(dirs.outDir)).toSorted()).toEqual(
      [
        ...[240, 288, 345, 415, 480, 560, 660, 750, 900, 1000].map((width) => `piccola.${facts.hash}.${width}.webp`),
        ...[660, 750].map((width) => `piccola.${facts.hash}.${width}.avif`),
        `piccola.${facts.hash}.1000.jpg`,
      ].toSorted(),
    );
  });

  it('keeps 16 bits per channel out of the files: 8-bit sRGB WebP', async () => {
    const deep = await sharp(await cameraPhoto('landscape', { seed: 6, width: 900, height: 600 }))
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    const file = await put('profonda.png', deep);
    await writePhotoFiles(dirs, [file]);
    const facts = await getPhotoFacts(dirs, file);
    const variant = await sharp(path.join(dirs.outDir, `profonda.${facts.hash}.900.webp`)).metadata();
    expect(variant).toMatchObject({ width: 900, depth: 'uchar', space: 'srgb' });
  });
});

/** A PNG whose header promises 30000×30000 pixels (900 MP) in a few bytes: decoding it would take gigabytes. */
function decompressionBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30_000, 0);
  header.writeUInt32BE(30_000, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(30_001 * 16))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('files that must not reach the build', { timeout: 60_000 }, () => {
  it('a decompression bomb is refused from its header, before any decoding', async () => {
    const file = await put('bomba.png', decompressionBomb());
    await expect(getPhotoFacts(dirs, file)).rejects.toThrow(
      'expected a photo of at most 120 megapixels (it is 30000×30000, 900 MP: too large to decode safely)',
    );
  });

  it('a truncated JPEG is refused as damaged', async () => {
    const whole = await cameraPhoto('landscape', { seed: 10, width: 800, height: 533 });
    const file = await put('troncata.jpg', whole.subarray(0, Math.floor(whole.length * 0.6)));
    await expect(getPhotoFacts(dirs, file)).rejects.toThrow('expected a readable image (it is damaged or cut short)');
  });

  it('a text file named .jpg is refused as not an image', async () => {
    const file = await put('nota.jpg', Buffer.from('non è una foto\n'));
    await expect(getPhotoFacts(dirs, file)).rejects.toThrow('expected a readable JPEG, PNG, WebP or AVIF image');
  });
});
