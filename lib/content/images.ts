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

async function readImageInfo(file: string): Promise<ImageInfo> {
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
