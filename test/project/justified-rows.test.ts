import { describe, expect, it } from 'vitest';
import { rowBands, tileWidths } from '../../components/project/justified-rows';

const ratios = [1.5, 2 / 3, 1.5, 1.5, 1, 2 / 3, 1.5, 2 / 3, 1.5];

describe('the tile widths that `sizes` states, as flex wrapping lays the rows out', () => {
  for (const band of rowBands) {
    it(`from ${band.minWidth} px: full rows fill the column at one height, the last keeps the row height`, () => {
      const widths = tileWidths(ratios, band);
      // Rows as a browser breaks them: a tile starts a new row when it no longer fits at its basis.
      const rows: number[][] = [[]];
      let used = 0;
      ratios.forEach((ratio, index) => {
        const basis = ratio * band.rowHeight;
        if (rows.at(-1)!.length && used + band.gap + basis > 1) {
          rows.push([]);
          used = 0;
        }
        used += (rows.at(-1)!.length ? band.gap : 0) + basis;
        rows.at(-1)!.push(index);
      });
      expect(rows.length).toBeGreaterThan(1);
      rows.forEach((row, rowIndex) => {
        const heights = row.map((index) => widths[index]! / ratios[index]!);
        heights.forEach((height) => expect(height).toBeCloseTo(heights[0]!, 9));
        const filled = row.reduce((sum, index) => sum + widths[index]!, 0) + (row.length - 1) * band.gap;
        if (rowIndex < rows.length - 1) expect(filled).toBeCloseTo(1, 9);
        else expect(heights[0]).toBeCloseTo(band.rowHeight, 9);
      });
    });
  }

  it('a photo wider than the column at the row height takes a row of its own, shrunk to the column', () => {
    // The square before it is then a full row alone, stretched to the column; the last keeps the row height.
    expect(tileWidths([1, 4, 1], rowBands[0])).toEqual([1, 1, 0.5]);
  });
});
