import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // Photos go through getImageProps, which renders a plain <img> with no client JavaScript.
      '@next/next/no-img-element': 'off',
    },
  },
  globalIgnores(['.next/**', 'public/admin/decap/**', 'out/**', 'build/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bench/tmp/**']),
]);
