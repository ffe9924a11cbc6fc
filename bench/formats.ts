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

async function encodeAndScore(reference: { data: Buffer; info: OutputInfo }, format: 'webp' | 'avif', quality: number) {
  const raw = { raw: { width: reference.info.width, height: reference.info.height, channels: reference.info.channels } };
  const started = performance.now();
  const encoded = await (format === 'webp'
    ? sharp(reference.data, raw).webp({ ...webpOptions(reference.info.width), quality })
    : sharp(reference.data, raw).avif({ quality, effort: 4 })
  ).toBuffer();
  const encodeMs = performance.now() - started;
  const decoded = await sharp(encoded).raw().toBuffer({ resolveWithObject: true });
  const score = ssim(luma(reference.data, reference.info.channels), luma(decoded.data, decoded.info.channels), reference.info.width, reference.info.height);
  return { bytes: encoded.length, encodeMs, ssim: score };
}

/**
 * WebP at the site's settings against AVIF at the lowest quality that looks as good (SSIM at least as high), on camera
 * photos resized to the widths a first viewport uses.
 */
export async function compareFormats(photos = 3, widths = [750, 1200]): Promise<FormatRow[]> {
  const rows: FormatRow[] = [];
  for (let seed = 1; seed <= photos; seed++) {
    const source = await cameraPhoto('landscape', { seed: 100 + seed });
    for (const width of widths) {
      const reference = await sharp(source).resize({ width }).raw().toBuffer({ resolveWithObject: true });
      const webp = await encodeAndScore(reference, 'webp', photoSettings.webp.quality);
      rows.push({ width, format: 'webp', quality: photoSettings.webp.quality, ...webp });
      // The lowest AVIF quality that matches WebP's SSIM: a binary search over 20–90.
      let [low, high] = [20, 90];
      let best: (Awaited<ReturnType<typeof encodeAndScore>> & { quality: number }) | undefined;
      while (low <= high) {
        const quality = Math.floor((low + high) / 2);
        const avif = await encodeAndScore(reference, 'avif', quality);
        if (avif.ssim >= webp.ssim) [best, high] = [{ ...avif, quality }, quality - 1];
        else low = quality + 1;
      }
      if (best) rows.push({ width, format: 'avif', ...best });
    }
  }
  return rows;
}
