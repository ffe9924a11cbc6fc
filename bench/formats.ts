import { performance } from 'node:perf_hooks';
import sharp, { type OutputInfo } from 'sharp';
import { photoSettings, webpOptions } from '../lib/photos';
import { cameraPhoto } from '../support/camera-photos';

export type FormatRow = {
  width: number;
  format: 'webp' | 'avif';
  quality: number;
  /** Mean SSIM of the luma against the same resize kept lossless. */
  ssim: number;
  bytes: number;
  encodeMs: number;
};

/** Luma of raw sRGB pixels, as SSIM is usually taken. */
function luma(data: Buffer, channels: number): Float64Array {
  const out = new Float64Array(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * data[i * channels]! + 0.587 * data[i * channels + 1]! + 0.114 * data[i * channels + 2]!;
  return out;
}

/** Mean SSIM over 8×8 windows (Wang et al. 2004 constants). */
function ssim(a: Float64Array, b: Float64Array, width: number, height: number): number {
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let total = 0;
  let windows = 0;
  for (let y = 0; y + 8 <= height; y += 8) {
    for (let x = 0; x + 8 <= width; x += 8) {
      let ma = 0, mb = 0, va = 0, vb = 0, cov = 0;
      for (let j = 0; j < 8; j++) for (let i = 0; i < 8; i++) { const k = (y + j) * width + x + i; ma += a[k]!; mb += b[k]!; }
      ma /= 64; mb /= 64;
      for (let j = 0; j < 8; j++) for (let i = 0; i < 8; i++) {
        const k = (y + j) * width + x + i;
        const da = a[k]! - ma, db = b[k]! - mb;
        va += da * da; vb += db * db; cov += da * db;
      }
      va /= 63; vb /= 63; cov /= 63;
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      windows++;
    }
  }
  return total / windows;
}

async function encodeAndScore(
  reference: { data: Buffer; info: OutputInfo },
  format: 'webp' | 'avif',
  options: { quality: number; effort: number },
) {
  const raw = { raw: { width: reference.info.width, height: reference.info.height, channels: reference.info.channels } };
  const started = performance.now();
  const encoded = await (format === 'webp' ? sharp(reference.data, raw).webp(options) : sharp(reference.data, raw).avif(options)).toBuffer();
  const encodeMs = performance.now() - started;
  const decoded = await sharp(encoded).raw().toBuffer({ resolveWithObject: true });
  const score = ssim(luma(reference.data, reference.info.channels), luma(decoded.data, decoded.info.channels), reference.info.width, reference.info.height);
  return { bytes: encoded.length, encodeMs, ssim: score };
}

/**
 * The site's AVIF for the files a phone's first viewport loads, against WebP: at the site's WebP quality, and at the
 * lowest WebP quality (at libwebp's best effort, 6) whose SSIM is at least the AVIF's. On 24 MP camera photos.
 */
export async function compareFormats(photos = 3, widths: readonly number[] = photoSettings.avif.widths): Promise<FormatRow[]> {
  const rows: FormatRow[] = [];
  const { quality, effort } = photoSettings.avif;
  for (let seed = 1; seed <= photos; seed++) {
    const source = await cameraPhoto('landscape', { seed: 100 + seed });
    for (const width of widths) {
      const reference = await sharp(source).resize({ width }).raw().toBuffer({ resolveWithObject: true });
      const avif = await encodeAndScore(reference, 'avif', { quality, effort });
      rows.push({ width, format: 'avif', quality, ...avif });
      const site = await encodeAndScore(reference, 'webp', webpOptions(width));
      rows.push({ width, format: 'webp', quality: photoSettings.webp.quality, ...site });
      // The lowest WebP quality that matches the AVIF's SSIM: a binary search over 10–95.
      let [low, high] = [10, 95];
      let best: (Awaited<ReturnType<typeof encodeAndScore>> & { quality: number }) | undefined;
      while (low <= high) {
        const candidate = Math.floor((low + high) / 2);
        const webp = await encodeAndScore(reference, 'webp', { quality: candidate, effort: 6 });
        if (webp.ssim >= avif.ssim) [best, high] = [{ ...webp, quality: candidate }, candidate - 1];
        else low = candidate + 1;
      }
      if (best) rows.push({ width, format: 'webp', ...best });
    }
  }
  return rows;
}
