import type { CameraFacts } from '../photos';

const trim = (value: number, digits: number) => String(Number(value.toFixed(digits)));

/** `1/250 s`, `1/3 s`, `2 s`: as cameras show a shutter speed. */
function shutter(seconds: number): string {
  if (seconds >= 1) return `${trim(seconds, 1)} s`;
  return `1/${Math.round(1 / seconds)} s`;
}

/**
 * The gallery's line of camera facts: "LEICA Q2 · 28 mm · f/5.6 · 1/250 s · ISO 100 · 18 maggio 2024" (the date in
 * the site's language); undefined when the photo carries none.
 */
export function cameraLine(facts: CameraFacts | undefined, lang: string): string | undefined {
  if (!facts) return undefined;
  const { model, lens, focalLength, aperture, exposure, iso, taken } = facts;
  const date = taken && new Date(`${taken}Z`);
  const parts = [
    model,
    lens,
    focalLength && `${trim(focalLength, 1)} mm`,
    aperture && `f/${trim(aperture, 1)}`,
    exposure && shutter(exposure),
    iso && `ISO ${iso}`,
    date && !Number.isNaN(date.getTime()) && new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date),
  ].filter((part): part is string => typeof part === 'string' && part !== '');
  return parts.length ? parts.join(' · ') : undefined;
}
