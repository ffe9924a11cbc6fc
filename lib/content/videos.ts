import { open } from 'node:fs/promises';
import path from 'node:path';

/** Whether the file starts as its extension says: an MP4 (`ftyp` box) or a WebM (EBML header). */
export async function isVideo(publicDir: string, file: string): Promise<boolean> {
  const handle = await open(path.join(publicDir, file)).catch(() => undefined);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(12), position: 0 });
    const head = buffer.subarray(0, bytesRead);
    return /\.mp4$/i.test(file)
      ? head.subarray(4, 8).toString('latin1') === 'ftyp'
      : head.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]));
  } finally {
    await handle.close();
  }
}
