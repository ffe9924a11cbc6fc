import { expect, it } from 'vitest';
import { slugify, slugPattern } from '../../lib/content/schema';

it.each([
  ["Città d'acqua", 'citta-d-acqua'],
  ['  Co-City  ', 'co-city'],
  ['Été 2024: Perché?', 'ete-2024-perche'],
  ['Straße, Œuvre & Ørsted', 'strasse-oeuvre-orsted'],
  ['--già--fatto--', 'gia-fatto'],
  ['日本', ''],
])('slugify(%j) is %j: accents folded, lowercase, "-" between words', (title, slug) => {
  expect(slugify(title)).toBe(slug);
  if (slug) expect(slug).toMatch(slugPattern);
});
