import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export type ImageInfo = { width: number; height: number; blurDataURL: string };

const cache = new Map<string, Promise<ImageInfo>>();

/** Intrinsic size and a tiny blurred placeholder, computed once per distinct file per process. */
export function getImageInfo(publicDir: string, file: string): Promise<ImageInfo> {
  const absolute = path.join(publicDir, file);
  let info = cache.get(absolute);
  if (!info) {
    info = readImageInfo(absolute);
    cache.set(absolute, info);
  }
  return info;
}

/** What the loader reads of a photo; throws when the file is not a readable image. */
export async function readImageInfo(file: string): Promise<ImageInfo> {
  // One read of the file: sharp takes both the header and the placeholder from this buffer.
  const image = sharp(await readFile(file));
  const { autoOrient } = await image.metadata();
  const placeholder = await image.autoOrient().resize(16, 16, { fit: 'inside' }).webp({ quality: 50 }).toBuffer();
  return {
    width: autoOrient.width,
    height: autoOrient.height,
    blurDataURL: `data:image/webp;base64,${placeholder.toString('base64')}`,
  };
}

export type PhotoExtension = 'jpg' | 'png' | 'webp' | 'avif';

/**
 * The extension a photo is saved under, judged by its content: `jpg`, `png`, `webp` or `avif`, or `{ other }`
 * (such as "gif") for an image the site does not take. Throws when the file is not a readable image.
 */
export async function detectPhotoExtension(file: string): Promise<PhotoExtension | { other: string }> {
  await readImageInfo(file);
  const { format, compression } = await sharp(file).metadata();
  if (format === 'jpeg') return 'jpg';
  if (format === 'png' || format === 'webp') return format;
  if (format === 'heif' && compression === 'av1') return 'avif';
  return { other: format === 'heif' ? (compression ?? 'heif') : format };
}
