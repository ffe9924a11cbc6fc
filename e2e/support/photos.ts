/** `text` as a regular expression matches it, letter for letter. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The files the build makes of a photo keep its name and add a hash and a width:
 * `/_static/images/co-city6.jpg` → `/_next/static/photos/co-city6.<hash>.<width>.webp` (`.avif` for the small widths, a
 * `.jpg` for social cards).
 */
export function builtPhoto(file: string, extension: 'webp' | 'avif' | 'jpg' = 'webp'): RegExp {
  const name = file.split('/').at(-1)!.replace(/\.[^.]+$/, '');
  return new RegExp(`/_next/static/photos/${escapeRegExp(name)}\\.[0-9a-f]{10}\\.(\\d+)\\.${extension}$`);
}

/** `url 480w, url 750w` → [{ url, width }] */
export function parseSrcset(srcset: string): { url: string; width: number }[] {
  return srcset.split(',').map((candidate) => {
    const [url = '', descriptor = ''] = candidate.trim().split(/\s+/);
    return { url, width: Number(descriptor.replace(/w$/, '')) };
  });
}
