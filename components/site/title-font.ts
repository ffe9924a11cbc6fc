import localFont from 'next/font/local';

// Fraunces (SIL Open Font License), from @fontsource-variable/fraunces: one variable file per subset, weights
// 100–900. Each subset is its own face with the unicode-range of Fontsource's CSS, so a browser fetches latin-ext only
// for a page whose titles use one of its letters (ő, ł, ș…); Italian and the accents of Western names are in latin.
// The metric-adjusted fallback face is in app/globals.css ('Fraunces fallback'): next/font's own names only
// Times New Roman, which Linux lacks.

/** Latin: on every page (the site title and the h1 are in the first viewport), so preloaded. */
const latin = localFont({
  src: '../../node_modules/@fontsource-variable/fraunces/files/fraunces-latin-wght-normal.woff2',
  weight: '100 900',
  display: 'swap',
  preload: true,
  adjustFontFallback: false,
  variable: '--font-title-latin',
  declarations: [
    {
      prop: 'unicode-range',
      value:
        'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
    },
  ],
});

/** Latin-ext: only where a title needs it, so never preloaded. */
const latinExt = localFont({
  src: '../../node_modules/@fontsource-variable/fraunces/files/fraunces-latin-ext-wght-normal.woff2',
  weight: '100 900',
  display: 'swap',
  preload: false,
  adjustFontFallback: false,
  variable: '--font-title-latin-ext',
  declarations: [
    {
      prop: 'unicode-range',
      value:
        'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
    },
  ],
});

/** The classes that define `--font-title-latin` and `--font-title-latin-ext`, for <html>. */
export const titleFontVariables = `${latin.variable} ${latinExt.variable}`;
