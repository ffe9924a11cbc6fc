import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { shippedLanguages } from '../i18n';
import { photoSourcePath } from '../photos/source';
import { closest, displayPath } from './problems';

/** The previous CMS writes `none` (and sometimes `"null"` or nothing) for an absent value. */
const absent = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && ['none', ''].includes(value.trim()));

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (absent(value) ? undefined : value), schema.optional());

const text = z.string('expected text').trim().min(1, 'expected text');
/** Required text; a `none` placeholder counts as missing. */
const requiredText = z.preprocess((value) => (absent(value) ? undefined : value), text);
const optionalText = optional(text);

/** An optional text field's value as the loader reads it: trimmed, or undefined for a placeholder such as `none`. */
export function givenText(value: unknown): string | undefined {
  const result = optionalText.safeParse(value);
  return result.success ? result.data : undefined;
}
const flag = optional(z.boolean('expected true or false')).transform((value) => value ?? false);

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slugSchema = z.string().regex(slugPattern, 'expected lowercase a-z0-9 words joined by "-"');
const slug = slugSchema;

// Letters that Unicode does not decompose into a base letter and an accent.
const foldedLetters: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th' };

/** A slug made from any text: accents folded, lowercase, `-` between words ("Città d'acqua" → `citta-d-acqua`); empty when no letter or digit is left. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßæœøđłþ]/g, (letter) => foldedLetters[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const siteSchema = z.object({
  title: requiredText,
  description: requiredText,
  lang: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as "it"'),
  /** The other languages, each with its translations in `projects/<language>/` (content/README.md, "Translations"). */
  languages: optional(z.array(z.enum(shippedLanguages, `expected one of ${shippedLanguages.join(', ')}`), 'expected a list such as [en]'))
    .transform((value) => value ?? []),
  author: optionalText,
  email: optional(z.email('expected an email address')),
  /** `false` hides the camera's facts (model, lens, exposure, date) under every photo of the gallery. */
  exif: optional(z.boolean('expected true or false')).transform((value) => value ?? true),
  /** `private` (the default): photo sources stay in `content/images/`, unpublished; `public`: served as they are. */
  originals: optional(z.enum(['private', 'public'], 'expected private or public')).transform((value) => value ?? 'private'),
  /** Per language of `languages`: the site's description (and title, if it changes) in that language. */
  translations: optional(z.record(z.string(), z.object({ title: optionalText, description: optionalText }))).transform((value) => value ?? {}),
  categories: z
    .array(
      z.object({
        slug,
        label: text,
        description: optionalText,
        /** Per language of `languages`: the label (and description) the header and the listings show in it. */
        translations: optional(z.record(z.string(), z.object({ label: text, description: optionalText }))).transform((value) => value ?? {}),
      }),
    )
    .min(1, 'expected at least one category')
    .superRefine((categories, ctx) => {
      const seen = new Set<string>();
      categories.forEach((category, index) => {
        if (seen.has(category.slug)) {
          ctx.addIssue({ code: 'custom', path: [index, 'slug'], message: 'expected a slug not used by another category' });
        }
        seen.add(category.slug);
      });
    }),
}).superRefine((site, ctx) => {
  site.languages.forEach((language, index) => {
    if (language === site.lang || site.languages.indexOf(language) !== index) {
      ctx.addIssue({ code: 'custom', path: ['languages', index], message: 'expected a language other than lang, listed once' });
    }
    if (!site.translations[language]?.description) {
      ctx.addIssue({ code: 'custom', path: ['translations', language, 'description'], message: `expected the site's description in ${language}` });
    }
  });
  const unlisted = (translations: Record<string, unknown>, at: (string | number)[]) => {
    for (const language of Object.keys(translations)) {
      if (!site.languages.includes(language)) {
        ctx.addIssue({ code: 'custom', path: [...at, language], message: `expected a language of languages (${site.languages.join(', ') || 'none listed'})` });
      }
    }
  };
  unlisted(site.translations, ['translations']);
  site.categories.forEach((category, index) => {
    const at = ['categories', index, 'translations'];
    unlisted(category.translations, at);
    if ([site.lang, ...site.languages].includes(category.slug)) {
      ctx.addIssue({ code: 'custom', path: ['categories', index, 'slug'], message: 'expected a slug that is not a language of the site (its pages are under /<language>/)' });
    }
    for (const language of site.languages) {
      const translation = category.translations[language];
      if (!translation) ctx.addIssue({ code: 'custom', path: [...at, language, 'label'], message: `expected the category's label in ${language}` });
      else if (category.description && !translation.description) {
        ctx.addIssue({ code: 'custom', path: [...at, language, 'description'], message: `expected the category's description in ${language}` });
      }
    }
  });
});

export type Site = z.output<typeof siteSchema>;
export type Category = Site['categories'][number];

/** Alt texts the previous CMS wrote when the editor gave none. */
const missingAlt = (value: unknown) =>
  absent(value) || (typeof value === 'string' && value.trim().toLowerCase() === 'null');

const httpUrl = z.string().trim().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'expected an http(s) URL');

const linkSchema = z
  .object({
    name: text,
    action: z.enum(['slider', 'linkto', 'mailto'], 'expected one of slider, linkto, mailto'),
    target: optional(z.string()),
    emailaddress: optional(z.string()),
    emailsubject: optionalText,
    emailcontent: optionalText,
    dark: flag,
    newtab: flag,
  })
  .transform((link, ctx) => {
    const { name, dark, newtab } = link;
    switch (link.action) {
      case 'slider':
        return { action: 'slider' as const, name, dark, newtab: false, href: '#gallery-1' };
      case 'linkto': {
        const target = httpUrl.safeParse(link.target);
        if (!target.success) {
          ctx.addIssue({ code: 'custom', path: ['target'], message: 'expected an http(s) URL' });
          return z.NEVER;
        }
        return { action: 'linkto' as const, name, dark, newtab, href: target.data };
      }
      case 'mailto': {
        const address = z.email().safeParse(link.emailaddress?.trim());
        if (!address.success) {
          ctx.addIssue({ code: 'custom', path: ['emailaddress'], message: 'expected an email address' });
          return z.NEVER;
        }
        return {
          action: 'mailto' as const,
          name,
          dark,
          newtab: false,
          href: mailtoHref(address.data, link.emailsubject, link.emailcontent),
        };
      }
    }
  });

export type ProjectLink = z.output<typeof linkSchema>;

/** An RFC 6068 `mailto:` URL; subject and body percent-encoded (`%20`, never `+`), newlines as CRLF. */
export function mailtoHref(address: string, subject?: string, body?: string): string {
  const query = [
    subject && `subject=${encodeURIComponent(subject)}`,
    body && `body=${encodeURIComponent(body.replace(/\r?\n/g, '\r\n'))}`,
  ].filter(Boolean);
  return `mailto:${address}${query.length ? `?${query.join('&')}` : ''}`;
}

type ProjectContext = {
  categories: readonly string[] | undefined;
  /** Where videos are (`public/`). */
  publicDir: string;
  /** Where photo sources are (`content/images/`), named `/_static/images/…` in front matter. */
  imagesDir: string;
};

/** The players the CSP allows to be framed, and the page URLs an editor copies from each site. */
const players = [
  {
    provider: 'youtube',
    pattern: /^https?:\/\/(?:(?:www\.|m\.)?youtube\.com\/watch\?(?:[^#]*&)?v=|youtu\.be\/)([\w-]{11})(?:[?&#].*)?$/,
    src: ([id]: string[]) => `https://www.youtube-nocookie.com/embed/${id}`,
  },
  {
    // An unlisted Vimeo video carries a hash after its id, which the player needs as `h`.
    provider: 'vimeo',
    pattern: /^https?:\/\/(?:www\.)?vimeo\.com\/(\d+)(?:\/([\da-f]+))?\/?(?:[?#].*)?$/,
    src: ([id, hash]: string[]) => `https://player.vimeo.com/video/${id}?dnt=1${hash ? `&h=${hash}` : ''}`,
  },
] as const;

export type EmbedPlayer = { provider: (typeof players)[number]['provider']; src: string };

/** The privacy-enhanced player for a YouTube or Vimeo page URL; undefined for any other URL. */
export function embedPlayer(url: string): EmbedPlayer | undefined {
  for (const { provider, pattern, src } of players) {
    const match = pattern.exec(url.trim());
    if (match) return { provider, src: src(match.slice(1)) };
  }
  return undefined;
}

const namedFocus = { top: [50, 0], center: [50, 50], bottom: [50, 100], left: [0, 50], right: [100, 50] } as const;
const focusMessage = 'expected a focus such as "30% 60%" (across, down) or one of top, center, bottom, left, right';

/** Where a crop of the photo centres: `30% 60%` (across, then down) or a named side; `{ x, y }` in percent. */
const focusSchema = z
  .string(focusMessage)
  .trim()
  .transform((value, ctx) => {
    const named = namedFocus[value as keyof typeof namedFocus];
    const match = /^(\d{1,3}(?:\.\d+)?)% +(\d{1,3}(?:\.\d+)?)%$/.exec(value);
    const [x, y] = named ?? (match ? [Number(match[1]), Number(match[2])] : []);
    if (x === undefined || y === undefined || x > 100 || y > 100) {
      ctx.addIssue({ code: 'custom', message: focusMessage });
      return z.NEVER;
    }
    return { x, y };
  });

export type Focus = z.output<typeof focusSchema>;

const embedUrlMessage =
  'expected a YouTube or Vimeo video URL (https://www.youtube.com/watch?v=…, https://youtu.be/…, https://vimeo.com/…)';

/** The frontmatter of `content/projects/<slug>.md`, cleaned of the previous CMS's quirks. */
export function createProjectSchema({ categories, publicDir, imagesDir }: ProjectContext) {
  const fileIn = (pattern: RegExp, expected: string, folder: string, resolve: (file: string) => string) =>
    z
      .string(expected)
      .trim()
      .regex(pattern, { message: expected, abort: true })
      .refine((file) => !file.split('/').includes('..'), { message: `expected a path inside ${folder}`, abort: true })
      .refine((file) => existsSync(resolve(file)), `expected an existing file under ${folder}`);
  const imagesFolder = `${displayPath(imagesDir)}/`;
  const imageFile = fileIn(
    /^\/_static\/images\/[^\\]+\.(?:jpe?g|png|webp|avif)$/i,
    `expected an image path such as "/_static/images/photo.jpg" (its file under ${imagesFolder})`,
    imagesFolder,
    (file) => photoSourcePath(imagesDir, file),
  );
  const videoFile = fileIn(
    /^\/[^\\]+\.(?:mp4|webm)$/i,
    'expected an MP4 or WebM video path under public/ such as "/_static/videos/clip.mp4"',
    'public/',
    (file) => path.join(publicDir, file),
  );
  const described = {
    alt: z.preprocess((value) => (missingAlt(value) ? undefined : value), text.optional()),
    caption: optionalText,
    focus: optional(focusSchema),
  };

  const mediaSchema = z.discriminatedUnion(
    'type',
    [
      z.object({
        type: z.literal('image'),
        file: imageFile,
        ...described,
        /** `false` hides this photo's camera facts in the gallery. */
        exif: optional(z.boolean('expected true or false')).transform((value) => value ?? true),
      }),
      z.object({
        type: z.literal('video'),
        file: videoFile,
        poster: z.preprocess((value) => (absent(value) ? undefined : value), imageFile),
        ...described,
      }),
      z
        .object({
          type: z.literal('embed'),
          url: z.string(embedUrlMessage).trim().refine((url) => embedPlayer(url) !== undefined, embedUrlMessage),
          poster: optional(imageFile),
          ...described,
        })
        .transform((item) => ({ ...item, player: embedPlayer(item.url)! })),
    ],
    {
      error: (issue) =>
        typeof issue.input === 'object' && issue.input !== null
          ? 'expected a media type: image, video or embed'
          : 'expected a media item such as { type: image, file: … }',
    },
  );

  const category = requiredText.superRefine((value, ctx) => {
    if (!categories || categories.includes(value)) return;
    const suggestion = closest(value, categories);
    ctx.addIssue({
      code: 'custom',
      message: `expected a category declared in site.yml (${categories.join(', ')})`,
      params: suggestion ? { hint: `did you mean "${suggestion}"?` } : undefined,
    });
  });

  return z
    .object({
      title: requiredText,
      order: optional(z.number('expected a number')),
      category,
      role: optionalText,
      year: optional(z.union([z.string(), z.number()], 'expected a year').transform(String).pipe(text)),
      summary: requiredText,
      draft: flag,
      unlisted: flag,
      media: optional(z.array(mediaSchema, 'expected a list of media')).transform((media) => media ?? []),
      links: optional(z.array(linkSchema, 'expected a list of links')).transform((links) => links ?? []),
    })
    .superRefine(
      (project, ctx) => {
        // Runs even when other fields failed, so that every problem is reported at once.
        const media: unknown = project.media;
        const links: unknown = project.links;
        if ((Array.isArray(media) && media.length > 0) || !Array.isArray(links)) return;
        links.forEach((link: unknown, index) => {
          if (typeof link === 'object' && link !== null && 'action' in link && link.action === 'slider') {
            ctx.addIssue({
              code: 'custom',
              path: ['links', index, 'action'],
              message: 'expected a project with media for the slider to show, but it has none',
            });
          }
        });
      },
      { when: () => true },
    );
}

export type ProjectFrontmatter = z.output<ReturnType<typeof createProjectSchema>>;

const mediaKeys = {
  image: ['type', 'file', 'alt', 'caption', 'focus', 'exif'],
  video: ['type', 'file', 'poster', 'alt', 'caption', 'focus'],
  embed: ['type', 'url', 'poster', 'alt', 'caption', 'focus'],
} as const;

/**
 * Top-level and nested keys the format knows; any other key is reported as a warning. `media` lists the keys of
 * every media type, `mediaTypes` those of each type.
 */
export const knownKeys = {
  project: ['title', 'order', 'category', 'role', 'year', 'summary', 'draft', 'unlisted', 'media', 'links'],
  media: [...new Set(Object.values(mediaKeys).flat())],
  mediaTypes: mediaKeys,
  links: ['name', 'action', 'target', 'emailaddress', 'emailsubject', 'emailcontent', 'dark', 'newtab'],
} as const;
