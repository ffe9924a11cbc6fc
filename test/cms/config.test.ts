import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { shippedLanguages } from '../../lib/i18n';
import { imagesDirOf, translatable } from '../../lib/content/load';
import { createProjectSchema, knownKeys, siteSchema } from '../../lib/content/schema';
import { photoSourcePath } from '../../lib/photos/source';

// Decap's config.yml and the loader's schema must not drift apart: every field the editor offers is a key the
// loader knows, every key the loader requires is required in the form, and the form's patterns accept what the
// loader accepts. Everything here is derived from lib/content/schema.ts and from the fixture site beside this test
// (fixtures/site: every kind of media and link, with every key, and the previous CMS's quirks), so that a new key
// there (or a new kind of media or link) fails this test until config.yml says how to edit it, whatever content/ holds.

type Field = {
  name: string;
  widget?: string;
  required?: boolean;
  pattern?: [string, string];
  options?: (string | { value: string })[];
  fields?: Field[];
  types?: Field[];
  typeKey?: string;
};
type Collection = {
  name: string;
  folder?: string;
  extension?: string;
  format?: string;
  fields?: (Field & Record<string, unknown>)[];
  files?: { file: string; fields: Field[] }[];
};
type Config = { locale: string; media_folder: string; public_folder: string; collections: Collection[] };

const root = path.resolve(import.meta.dirname, '../..');
const config = parse(readFileSync(path.join(root, 'public/admin/config.yml'), 'utf8')) as Config;
const projectsCollection = config.collections.find((collection) => collection.name === 'projects')!;
const siteCollection = config.collections.find((collection) => collection.files?.some((file) => file.file === 'content/site.yml'))!;
const siteFields = siteCollection.files!.find((file) => file.file === 'content/site.yml')!.fields;

// The site's own site.yml: the site collection edits it, and any valid one is a base to probe its rules with.
const siteSource = parse(readFileSync(path.join(root, 'content/site.yml'), 'utf8')) as Record<string, unknown>;
const site = siteSchema.parse(siteSource);
const imagesDir = imagesDirOf(site.originals, { contentDir: path.join(root, 'content'), publicDir: path.join(root, 'public') });

const fixture = path.join(import.meta.dirname, 'fixtures');
const fixtureSite = siteSchema.parse(parse(readFileSync(path.join(fixture, 'site/site.yml'), 'utf8')));
const fixtureImages = path.join(fixture, 'site/images');
const projectSchema = createProjectSchema({
  categories: fixtureSite.categories.map((category) => category.slug),
  publicDir: path.join(fixture, 'public'),
  imagesDir: fixtureImages,
});

/** The raw front matter of every fixture project: valid values, as editors and the previous CMS write them. */
const samples = readdirSync(path.join(fixture, 'site/projects'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({ name, data: matter(readFileSync(path.join(fixture, 'site/projects', name), 'utf8')).data as Record<string, unknown> }));

const isRequired = (field: Field) => field.required !== false;
const clone = <T>(value: T): T => structuredClone(value);

/** Issues the project schema reports at `at` (or below it) for this front matter. */
function projectIssuesAt(data: Record<string, unknown>, at: PropertyKey[]) {
  const result = projectSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.filter((issue) => at.every((segment, index) => issue.path[index] === segment));
}

/** A list field's kinds: its variable types (by typeKey), or the one kind of its plain `fields`. */
function kindsOf(list: Field): { kind: string | undefined; fields: Field[] }[] {
  if (list.types) return list.types.map((type) => ({ kind: type.name, fields: type.fields ?? [] }));
  return [{ kind: undefined, fields: list.fields ?? [] }];
}

type Item = { sample: Record<string, unknown>; index: number; item: Record<string, unknown> };

/** Every item of the list field `list` in the samples, with the project it is in, by kind. */
function itemsOf(list: Field, kind: string | undefined): Item[] {
  return samples.flatMap(({ data }) => {
    const items = data[list.name];
    if (!Array.isArray(items)) return [];
    return items
      .map((item: Record<string, unknown>, index) => ({ sample: data, index, item }))
      .filter(({ item }) => kind === undefined || item[list.typeKey!] === kind);
  });
}

const projectFields = projectsCollection.fields!;
const listFields = projectFields.filter((field) => field.widget === 'list');

describe('config.yml: the projects collection', () => {
  it('edits content/projects/*.md, front matter in YAML', () => {
    expect(projectsCollection).toMatchObject({ folder: 'content/projects', extension: 'md', format: 'frontmatter' });
    expect(projectFields.at(-1)).toMatchObject({ name: 'body', widget: 'markdown' });
  });

  it('names every field after a front matter key the loader knows', () => {
    const frontmatter = projectFields.filter((field) => field.name !== 'body');
    for (const field of frontmatter) expect(knownKeys.project, field.name).toContain(field.name);
    for (const list of listFields) {
      const known: readonly string[] | undefined = knownKeys[list.name as 'media' | 'links'];
      expect(known, `knownKeys has no "${list.name}" list`).toBeDefined();
      if (list.typeKey) expect(known, `${list.name}.${list.typeKey}`).toContain(list.typeKey);
      for (const { kind, fields } of kindsOf(list)) {
        for (const field of fields) expect(known, `${list.name}${kind ? `[${kind}]` : ''}.${field.name}`).toContain(field.name);
      }
    }
  });

  it('lets the editor set every key the loader knows', () => {
    const names = (fields: Field[]) => fields.map((field) => field.name);
    expect(names(projectFields)).toEqual(expect.arrayContaining([...knownKeys.project]));
    for (const list of listFields) {
      const editable = new Set([...(list.typeKey ? [list.typeKey] : []), ...kindsOf(list).flatMap(({ fields }) => names(fields))]);
      const known: readonly string[] = knownKeys[list.name as 'media' | 'links'];
      expect([...editable].sort(), list.name).toEqual(expect.arrayContaining([...known]));
    }
  });

  it('requires every top-level key the schema requires', () => {
    for (const key of knownKeys.project) {
      const field = projectFields.find((candidate) => candidate.name === key);
      const requiredBySchema = !projectSchema.shape[key].safeParse(undefined).success;
      if (requiredBySchema) expect(field && isRequired(field), `${key} is required by the loader`).toBe(true);
    }
  });

  it('requires, in each kind of media and link, every key the schema requires there', () => {
    for (const list of listFields) {
      for (const { kind, fields } of kindsOf(list)) {
        const label = `${list.name}${kind ? `[${kind}]` : ''}`;
        const items = itemsOf(list, kind);
        expect(items.length, `the fixture has no ${label} to probe the schema with`).toBeGreaterThan(0);
        for (const { sample, index, item } of items) {
          expect(projectIssuesAt(sample, [list.name, index]), `${label} sample is valid`).toEqual([]);
          for (const key of Object.keys(item)) {
            const without = clone(sample);
            delete (without[list.name] as Record<string, unknown>[])[index]![key];
            if (projectIssuesAt(without, [list.name, index]).length === 0) continue;
            const field = fields.find((candidate) => candidate.name === key);
            const editedByType = key === list.typeKey;
            expect(editedByType || (field !== undefined && isRequired(field)), `${label}.${key} is required by the loader`).toBe(true);
          }
        }
      }
    }
  });

  it('offers only values the loader accepts (link kinds, media types)', () => {
    for (const list of listFields) {
      for (const { kind, fields } of kindsOf(list)) {
        const first = itemsOf(list, kind)[0];
        if (!first) continue; // Reported by the test above.
        const { sample, index } = first;
        for (const field of fields.filter((candidate) => candidate.widget === 'select')) {
          for (const option of field.options ?? []) {
            const value = typeof option === 'string' ? option : option.value;
            const changed = clone(sample);
            (changed[list.name] as Record<string, unknown>[])[index]![field.name] = value;
            // Only this field's verdict: another kind may need other fields than the sample has.
            expect(projectIssuesAt(changed, [list.name, index, field.name]), `${list.name}.${field.name}: ${value}`).toEqual([]);
          }
        }
      }
    }
  });

  it('uploads photos where the loader looks for them, referenced as it expects', () => {
    const photo = readdirSync(fixtureImages)[0]!;
    expect(photoSourcePath(imagesDir, `${config.public_folder}/${photo}`)).toBe(path.join(root, config.media_folder, photo));
    const { sample, index } = itemsOf(listFields.find((field) => field.name === 'media')!, undefined)[0]!;
    const changed = clone(sample);
    (changed.media as Record<string, unknown>[])[index]!.file = `${config.public_folder}/${photo}`;
    expect(projectIssuesAt(changed, ['media'])).toEqual([]);
  });
});

describe('config.yml: the translations collections', () => {
  const translationCollections = config.collections.filter((collection) => /^projects-/.test(collection.name));

  it('one per language, writing content/projects/<language>/<original>.md, the original chosen from the projects', () => {
    expect(translationCollections.length).toBeGreaterThan(0);
    for (const collection of translationCollections) {
      const language = collection.name.slice('projects-'.length);
      expect(shippedLanguages, collection.name).toContain(language);
      expect(collection).toMatchObject({
        folder: `content/projects/${language}`,
        extension: 'md',
        format: 'frontmatter',
        identifier_field: 'original',
        slug: '{{fields.original}}',
      });
      expect(collection.fields![0]).toMatchObject({ name: 'original', widget: 'relation', collection: 'projects', value_field: '{{slug}}' });
      expect(isRequired(collection.fields![0]!)).toBe(true);
    }
  });

  it('offers only the fields a translation may carry, title and summary required, nothing else', () => {
    for (const collection of translationCollections) {
      const fields = collection.fields!.slice(1);
      expect(fields.at(-1), collection.name).toMatchObject({ name: 'body', widget: 'markdown', required: false });
      for (const field of fields.slice(0, -1)) {
        expect(translatable.project, `${collection.name}: ${field.name}`).toContain(field.name);
        expect(isRequired(field), `${collection.name}: ${field.name} is required`).toBe(field.name === 'title' || field.name === 'summary');
        if (field.name !== 'media' && field.name !== 'links') continue;
        // One item per item of the original, `{}` for one with nothing to translate: no field of an item is required.
        expect(field.types, `${collection.name}: ${field.name} has one kind of item`).toBeUndefined();
        for (const item of field.fields ?? []) {
          expect(translatable[field.name] as readonly string[], `${collection.name}: ${field.name}.${item.name}`).toContain(item.name);
          expect(isRequired(item), `${collection.name}: ${field.name}.${item.name} is required`).toBe(false);
        }
      }
      expect(fields.map((field) => field.name)).toEqual(expect.arrayContaining(['title', 'summary']));
    }
  });
});

describe('config.yml: the site collection', () => {
  it('names every field after a key of site.yml the loader knows, and requires what it requires', () => {
    const keys = Object.keys(siteSchema.shape) as (keyof typeof siteSchema.shape)[];
    for (const field of siteFields) expect(keys, field.name).toContain(field.name);
    for (const key of keys) {
      const field = siteFields.find((candidate) => candidate.name === key);
      expect(field, `site.yml ${key} is editable`).toBeDefined();
      if (!siteSchema.shape[key].safeParse(undefined).success) expect(isRequired(field!), `site.yml ${key} is required`).toBe(true);
    }
    const category = siteSchema.shape.categories.element.shape;
    const categoryFields = siteFields.find((field) => field.name === 'categories')!.fields!;
    for (const field of categoryFields) expect(Object.keys(category), `categories.${field.name}`).toContain(field.name);
    for (const [key, schema] of Object.entries(category)) {
      const field = categoryFields.find((candidate) => candidate.name === key);
      expect(field, `categories.${key} is editable`).toBeDefined();
      if (!schema.safeParse(undefined).success) expect(isRequired(field!), `categories.${key} is required`).toBe(true);
    }
  });

  it("speaks the site's language", () => {
    expect(config.locale).toBe(site.lang);
    const admin = readFileSync(path.join(root, 'public/admin/index.html'), 'utf8');
    expect(admin).toContain(`<html lang="${site.lang}">`);
  });
});

// Values around each rule. The form must let through no value the loader refuses, and must take the ordinary
// values it accepts; it may be stricter on odd ones the URL parser forgives (`http:/example.org`).
const candidates = {
  url: {
    accepted: [
      'https://example.org',
      'http://example.org/a/b?c=d#e',
      ' https://example.org/con-spazi ',
      'HTTPS://EXAMPLE.ORG/',
      'http://www.comune.torino.it/benicomuni/co-city/index.shtml ',
      'https://localhost:8080/x',
      'http://[::1]:3000/',
    ],
    others: [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://example.org',
      'mailto:studio@example.com',
      'example.org',
      '//example.org',
      'https://',
      'http:/example.org',
      'https://exa mple.org',
      'http://:80/',
      'https://user:secret@example.org',
      'none',
    ],
  },
  email: {
    accepted: ['studio@example.com', ' nome.cognome+tag@example.co.uk ', "o'brien@example.ie"],
    others: [
      'studio@example',
      'studio@',
      '@example.com',
      'nome..cognome@example.com',
      '.nome@example.com',
      'nome cognome@example.com',
      'studio@example.c',
      'none',
    ],
  },
  slug: { accepted: ['fotografie', 'arte-2024'], others: ['Fotografie', 'arte--2024', '-arte', 'arte_2024', 'è'] },
  lang: { accepted: ['it', 'en-GB', 'ita', 'zh-Hant-TW'], others: ['IT', 'i', 'it_IT', 'it-'] },
};

function expectSameVerdicts(pattern: RegExp, values: typeof candidates.url, loaderAccepts: (value: string) => boolean) {
  for (const value of [...values.accepted, ...values.others]) {
    const loader = loaderAccepts(value);
    if (pattern.test(value)) expect(loader, `${JSON.stringify(value)} passes the form but not the loader`).toBe(true);
  }
  for (const value of values.accepted) {
    expect(loaderAccepts(value), `${JSON.stringify(value)} is accepted by the loader`).toBe(true);
    expect(pattern.test(value), `${JSON.stringify(value)} is accepted by the form`).toBe(true);
  }
}

function patternOf(fields: Field[], name: string): RegExp {
  const pattern = fields.find((field) => field.name === name)?.pattern;
  expect(pattern, `${name} has a pattern`).toBeDefined();
  return new RegExp(pattern![0]);
}

describe("config.yml: the form's patterns accept what the loader accepts", () => {
  const links = listFields.find((field) => field.name === 'links')!;
  const linkFields = (kind: string) => kindsOf(links).find((candidate) => candidate.kind === kind)!.fields;

  it.each([
    ['linkto', 'target', candidates.url],
    ['mailto', 'emailaddress', candidates.email],
  ])('links[%s].%s', (kind, key, values) => {
    const { sample, index } = itemsOf(links, kind)[0]!;
    expectSameVerdicts(patternOf(linkFields(kind), key), values, (value) => {
      const changed = clone(sample);
      (changed.links as Record<string, unknown>[])[index]![key] = value;
      return projectIssuesAt(changed, ['links', index]).length === 0;
    });
  });

  it.each([
    ['email', { ...candidates.email, accepted: [...candidates.email.accepted.map((value) => value.trim()), 'none'] }],
    ['lang', candidates.lang],
  ])('site.yml %s', (key, values) => {
    expectSameVerdicts(patternOf(siteFields, key), values, (value) => siteSchema.safeParse({ ...siteSource, [key]: value }).success);
  });

  it('site.yml categories[].slug', () => {
    const pattern = patternOf(siteFields.find((field) => field.name === 'categories')!.fields!, 'slug');
    // With its label in each of the site's other languages, which site.yml requires.
    const translations = Object.fromEntries(site.languages.map((language) => [language, { label: 'Prova' }]));
    expectSameVerdicts(pattern, candidates.slug, (slug) => siteSchema.safeParse({ ...siteSource, categories: [{ slug, label: 'Prova', translations }] }).success);
  });

  it('order is a number field, as the loader requires', () => {
    expect(projectFields.find((field) => field.name === 'order')).toMatchObject({ widget: 'number' });
    expect(projectSchema.shape.order.safeParse(3).success).toBe(true);
    expect(projectSchema.shape.order.safeParse('tre').success).toBe(false);
  });
});
