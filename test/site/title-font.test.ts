import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// app/globals.css writes the title face's metric-adjusted fallback by hand (next/font's own names only Times New
// Roman, absent on Linux): its figures must stay those next/font derives from the font file itself.
const require = createRequire(import.meta.url);
// next/font's own fontkit build, as its loader calls it.
const fontFromBuffer = (require('next/dist/compiled/@next/font/dist/fontkit/index.js') as { default: (buffer: Buffer) => unknown })
  .default;
const { getFallbackMetricsFromFontFile } = require(
  'next/dist/compiled/@next/font/dist/local/get-fallback-metrics-from-font-file.js',
) as { getFallbackMetricsFromFontFile: (font: unknown, category: 'serif') => Record<string, string> };

const fontModule = readFileSync('components/site/title-font.ts', 'utf8');
const css = readFileSync('app/globals.css', 'utf8');

function fallbackFace(): Record<string, string> {
  const block = /@font-face\s*{([^}]*font-family:\s*'Fraunces fallback'[^}]*)}/.exec(css)?.[1];
  if (!block) throw new Error("app/globals.css: no @font-face for 'Fraunces fallback'");
  return Object.fromEntries([...block.matchAll(/([\w-]+):\s*([^;]+);/g)].map(([, name, value]) => [name!, value!.trim()]));
}

describe("the title face's fallback", () => {
  const latinFile = /src:\s*'([^']+latin-wght-normal\.woff2)'/.exec(fontModule)?.[1];

  it('has the metrics next/font computes from the latin file', () => {
    expect(latinFile).toBeDefined();
    const font = fontFromBuffer(readFileSync(new URL(latinFile!, new URL('../../components/site/', import.meta.url))));
    const metrics = getFallbackMetricsFromFontFile(font, 'serif');
    expect(metrics.fallbackFont).toBe('Times New Roman');
    expect(fallbackFace()).toMatchObject({
      'ascent-override': metrics.ascentOverride,
      'descent-override': metrics.descentOverride,
      'line-gap-override': metrics.lineGapOverride,
      'size-adjust': metrics.sizeAdjust,
    });
  });

  it('stands on Times New Roman or one of its metric-compatible clones', () => {
    const sources = fallbackFace().src;
    for (const name of ['Times New Roman', 'Liberation Serif', 'Tinos']) expect(sources).toContain(`local('${name}')`);
  });

  it('comes after both subsets of the face in the serif stack', () => {
    expect(css).toMatch(/--serif: var\(--font-title-latin\), var\(--font-title-latin-ext\), 'Fraunces fallback', serif;/);
  });
});
