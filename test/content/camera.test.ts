import { describe, expect, it } from 'vitest';
import { cameraLine } from '../../lib/content/camera';

describe("the gallery's line of camera facts", () => {
  it('reads as a camera shows them, the date in the site language', () => {
    const facts = { model: 'LEICA Q2', focalLength: 28, aperture: 5.6, exposure: 1 / 250, iso: 100, taken: '2024-05-18T07:42:10' };
    expect(cameraLine(facts, 'it')).toBe('LEICA Q2 · 28 mm · f/5.6 · 1/250 s · ISO 100 · 18 maggio 2024');
    expect(cameraLine({ exposure: 2, aperture: 8 }, 'en')).toBe('f/8 · 2 s');
  });

  it('is nothing for a photo without EXIF', () => {
    expect(cameraLine(undefined, 'it')).toBeUndefined();
    expect(cameraLine({}, 'it')).toBeUndefined();
  });
});
