/**
 * The justified rows' geometry, shared by the CSS (`media-grid.css`, as custom properties) and the `sizes` each tile
 * states. Every length is a fraction of the column's width, so the browser's rows are the same at any width of a band:
 * a tile's basis is `ratio × rowHeight` and it grows by `ratio`, so the tiles of a full row keep one height.
 */
export const rowBands = [
  /** Phones: rows about half the column high (two portraits, or one landscape, per row). */
  { minWidth: 0, rowHeight: 0.5, gap: 0.015 },
  /** From 700 px: rows a little over a quarter of the column high. */
  { minWidth: 700, rowHeight: 0.28, gap: 0.008 },
] as const;

export type RowBand = (typeof rowBands)[number];

/**
 * Each tile's width as a fraction of the column, as CSS flex wrapping lays them out: a line takes tiles at their basis
 * while they fit (an empty `::after` with its gap closes the last line, which keeps its height); a full line shares
 * what is left by ratio; a tile wider than the column alone is shrunk to it.
 */
export function tileWidths(ratios: readonly number[], { rowHeight, gap }: Pick<RowBand, 'rowHeight' | 'gap'>): number[] {
  const bases = [...ratios.map((ratio) => ratio * rowHeight), 0];
  const lines: number[][] = [];
  let line: number[] = [];
  let used = 0;
  bases.forEach((basis, index) => {
    const needed = used + (line.length ? gap : 0) + basis;
    if (line.length && needed > 1 + 1e-9) {
      lines.push(line);
      line = [];
      used = 0;
    }
    used += (line.length ? gap : 0) + basis;
    line.push(index);
  });
  lines.push(line);
  const widths: number[] = [];
  for (const members of lines) {
    const tiles = members.filter((index) => index < ratios.length);
    // The line the `::after` closes keeps its tiles at their basis: it takes all the free space.
    if (tiles.length < members.length) {
      tiles.forEach((index) => (widths[index] = bases[index]!));
      continue;
    }
    const total = tiles.reduce((sum, index) => sum + ratios[index]!, 0);
    const free = 1 - (tiles.length - 1) * gap - tiles.reduce((sum, index) => sum + bases[index]!, 0);
    tiles.forEach((index) => (widths[index] = tiles.length === 1 && free < 0 ? 1 : bases[index]! + (free * ratios[index]!) / total));
  }
  return widths;
}

/** The column the rows fill: the page's width less its gutters, at most `--wide` (app/globals.css). Written short: each
 * tile states it twice in its HTML and twice in the RSC payload. */
const column = 'min(100vw - 2*clamp(1.25rem,4vw,2.5rem),70rem)';

/** Each tile's `sizes`: its width in each band as the rows lay it out, widest band first. */
export function tileSizes(ratios: readonly number[]): string[] {
  const widths = rowBands.map((band) => tileWidths(ratios, band));
  return ratios.map((_, index) =>
    rowBands
      .map((band, bandIndex) => ({ band, width: widths[bandIndex]![index]! }))
      .reverse()
      .map(({ band, width }) => `${band.minWidth ? `(min-width: ${band.minWidth}px) ` : ''}calc(${Number(width.toFixed(4))}*${column})`)
      .join(', '),
  );
}
