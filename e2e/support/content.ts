import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse } from 'yaml';

/**
 * What the site should show, read straight from the content files with the rules of content/README.md.
 * Deliberately independent of lib/content, so that a bug in the loader cannot make its own expectations.
 */

export type Category = {
  slug: string;
  label: string;
  description?: string;
  /** Per other language: the label and description the header and listings show in it. */
  translations: Record<string, { label: string; description?: string }>;
};
export type Site = {
  title: string;
  description: string;
  lang: string;
  /** The site's other languages, each with its pages under /<language>/. */
  languages: string[];
  /** Per other language: the site's description in it. */
  translations: Record<string, { description: string }>;
  author?: string;
  email?: string;
  /** `public`: the photos' sources are served as they are, from public/_static/images/. */
  originals: 'private' | 'public';
  categories: Category[];
};
type Described = { alt: string; caption?: string };
export type Photo = { type: 'image'; file: string } & Described;
export type Video = { type: 'video'; file: string; poster: string } & Described;
/** `player` is the iframe's address, as content/README.md says each URL becomes. */
export type Embed = { type: 'embed'; url: string; player: string; host: string; provider: string; poster?: string } & Described;
export type Media = Photo | Video | Embed;
/** The project's cover on its page and card: the first item's photo or poster. */
export type Cover = { file: string; alt: string; caption?: string };
export type Link = {
  name: string;
  action: 'slider' | 'linkto' | 'mailto';
  dark: boolean;
  newtab: boolean;
  target?: string;
  emailaddress?: string;
  emailsubject?: string;
  emailcontent?: string;
};
export type Project = {
  slug: string;
  href: string;
  title: string;
  order?: number;
  category: string;
  role?: string;
  year?: string;
  summary: string;
  draft: boolean;
  media: Media[];
  cover?: Cover;
  links: Link[];
  body: string;
};

/** The interface strings of the Italian site, as the brief specifies them. */
export const ui = {
  mainNavigation: 'Navigazione principale',
  facts: { category: 'Categoria', year: 'Anno', role: 'Ruolo' },
  skipToContent: 'Vai al contenuto',
  projectNavigation: 'Altri progetti',
  previousProject: 'Progetto precedente',
  nextProject: 'Progetto successivo',
  opensInNewTab: '(si apre in una nuova scheda)',
  close: 'Chiudi',
  previousSlide: 'Immagine precedente',
  nextSlide: 'Immagine successiva',
  zoom: 'Ingrandisci',
  playVideo: (provider: string) => `Riproduci il video su ${provider}`,
  announcement: (kind: 'Immagine' | 'Video', position: number, total: number, item: { alt: string; caption?: string }) =>
    `${kind} ${position} di ${total}: ${item.alt}${item.caption ? `. Didascalia: ${item.caption}` : ''}`,
  notFoundTitle: 'Pagina non trovata',
  backHome: 'Torna alla home',
  languages: 'Lingue',
  derivedAlt: (title: string, position: number, total: number) => `${title}, immagine ${position} di ${total}`,
  derivedVideoAlt: (title: string, position: number, total: number) => `${title}, video ${position} di ${total}`,
};

/** The interface strings of the English pages, as lib/i18n ships them. */
export const uiEnglish = {
  // The header, a project's facts, the gallery, the 404.
  mainNavigation: 'Main navigation', languages: 'Languages',
  facts: { category: 'Category', year: 'Year', role: 'Role' },
  close: 'Close', nextSlide: 'Next image', notFoundTitle: 'Page not found',
};

/** Each language named in itself, as the language switch names it. */
export const languageNames: Record<string, string> = { it: 'Italiano', en: 'English' };

/** The privacy-enhanced player of a YouTube or Vimeo page URL, as content/README.md documents it. */
export function playerOf(url: string): { player: string; host: string; provider: string } {
  const youtube = /^https?:\/\/(?:(?:www\.|m\.)?youtube\.com\/watch\?(?:.*&)?v=|youtu\.be\/)([\w-]{11})/.exec(url.trim());
  if (youtube) return { player: `https://www.youtube-nocookie.com/embed/${youtube[1]}`, host: 'www.youtube-nocookie.com', provider: 'YouTube' };
  const vimeo = /^https?:\/\/(?:www\.)?vimeo\.com\/(\d+)(?:\/([\da-f]+))?/.exec(url.trim());
  if (vimeo) {
    const hash = vimeo[2] ? `&h=${vimeo[2]}` : '';
    return { player: `https://player.vimeo.com/video/${vimeo[1]}?dnt=1${hash}`, host: 'player.vimeo.com', provider: 'Vimeo' };
  }
  throw new Error(`not a YouTube or Vimeo URL: ${url}`);
}

const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');

/** The previous CMS writes `none` (or nothing, or "") for an absent value. */
const absent = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && ['none', ''].includes(value.trim()));
const text = (value: unknown) => (absent(value) ? undefined : String(value).trim());
const flag = (value: unknown) => value === true;

function readSite(): Site {
  const raw = parse(readFileSync(path.join(contentDir, 'site.yml'), 'utf8')) as Record<string, unknown>;
  const categories = (raw.categories as Record<string, unknown>[]).map((category) => ({
    slug: String(category.slug),
    label: String(category.label).trim(),
    description: text(category.description),
    translations: (category.translations ?? {}) as Category['translations'],
  }));
  return {
    title: String(raw.title).trim(),
    description: String(raw.description).trim(),
    lang: String(raw.lang),
    languages: (raw.languages ?? []) as string[],
    translations: (raw.translations ?? {}) as Site['translations'],
    author: text(raw.author),
    email: text(raw.email),
    originals: text(raw.originals) === 'public' ? 'public' : 'private',
    categories,
  };
}

function readProject(file: string): Project {
  const { data, content } = matter(readFileSync(file, 'utf8'));
  const slug = path.basename(file, '.md');
  const title = String(data.title).trim();
  const category = String(data.category).trim();
  const rawMedia = (absent(data.media) ? [] : data.media) as Record<string, unknown>[];
  const media = rawMedia.map((item, index): Media => {
    const given = text(item.alt);
    const derive = item.type === 'image' ? ui.derivedAlt : ui.derivedVideoAlt;
    const alt = given === undefined || given.toLowerCase() === 'null' ? derive(title, index + 1, rawMedia.length) : given;
    const described = { alt, caption: text(item.caption) };
    const poster = text(item.poster);
    switch (item.type) {
      case 'image':
        return { type: 'image', file: String(item.file).trim(), ...described };
      case 'video':
        return { type: 'video', file: String(item.file).trim(), poster: poster!, ...described };
      case 'embed':
        return { type: 'embed', url: String(item.url).trim(), ...playerOf(String(item.url)), poster, ...described };
      default:
        throw new Error(`${slug}: media[${index}] has an unknown type ${String(item.type)}`);
    }
  });
  const first = media[0];
  const coverFile = first && (first.type === 'image' ? first.file : first.poster);
  const rawLinks = (absent(data.links) ? [] : data.links) as Record<string, unknown>[];
  const links = rawLinks.map((link) => ({
    name: String(link.name).trim(),
    action: link.action as Link['action'],
    dark: flag(link.dark),
    newtab: flag(link.newtab),
    target: text(link.target),
    emailaddress: text(link.emailaddress),
    emailsubject: text(link.emailsubject),
    emailcontent: text(link.emailcontent),
  }));
  return {
    slug,
    href: `/${category}/${slug}`,
    title,
    order: absent(data.order) ? undefined : Number(data.order),
    category,
    role: text(data.role),
    year: text(data.year),
    summary: String(data.summary).trim(),
    draft: flag(data.draft),
    media,
    cover: first && coverFile ? { file: coverFile, alt: first.alt, caption: first.caption } : undefined,
    links,
    body: content,
  };
}

export const site = readSite();

/** The folder of the photos' sources: `<content>/images/`, or `public/_static/images/` with `originals: public`. */
export const imagesDir = site.originals === 'public' ? path.resolve('public/_static/images') : path.join(contentDir, 'images');
/** The source file of a photo that front matter names `/_static/images/<name>`. */
export const originalOf = (file: string) => path.join(imagesDir, file.replace(/^\/_static\/images\//, ''));

const collator = new Intl.Collator(site.lang);
/** Listing order: `order` ascending, projects without one after them, ties by title. */
const byListingOrder = (a: Project, b: Project) => (a.order ?? Infinity) - (b.order ?? Infinity) || collator.compare(a.title, b.title);

const all = readdirSync(path.join(contentDir, 'projects'))
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .map((name) => readProject(path.join(contentDir, 'projects', name)))
  .sort(byListingOrder);

/** Every published project, in listing order. */
export const projects = all.filter((project) => !project.draft);
export const drafts = all.filter((project) => project.draft);

/** The published projects of a category, in listing order. */
export const projectsIn = (category: string) => projects.filter((project) => project.category === category);

export function getProject(slug: string): Project {
  const project = all.find((candidate) => candidate.slug === slug);
  if (!project) throw new Error(`no project "${slug}" in ${contentDir}`);
  return project;
}

export type Translation = {
  slug: string;
  lang: string;
  href: string;
  title: string;
  summary: string;
  /** The links' names: the translation's own, else the original's. */
  linkNames: string[];
  original: Project;
};

/** The translations in `projects/<lang>/`: each one's own title and summary, at `/<lang>/<category>/<slug>`. */
export function translationsIn(lang: string): Translation[] {
  const folder = path.join(contentDir, 'projects', lang);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .map((name) => {
      const { data } = matter(readFileSync(path.join(folder, name), 'utf8'));
      const original = getProject(path.basename(name, '.md'));
      const [title, summary] = [String(data.title).trim(), String(data.summary).trim()];
      const links = (data.links ?? []) as { name?: string }[];
      const linkNames = original.links.map((link, index) => links[index]?.name?.trim() ?? link.name);
      return { slug: original.slug, lang, href: `/${lang}${original.href}`, title, summary, linkNames, original };
    })
    .filter((translation) => !translation.original.draft);
}

export const withGallery = projects.filter((project) => project.links.some((link) => link.action === 'slider'));

/** RFC 6068: subject and body percent-encoded, newlines as CRLF. */
export function expectedMailto(link: Link): string {
  const query = [
    link.emailsubject && `subject=${encodeURIComponent(link.emailsubject)}`,
    link.emailcontent && `body=${encodeURIComponent(link.emailcontent.replace(/\r?\n/g, '\r\n'))}`,
  ].filter(Boolean);
  return `mailto:${link.emailaddress}${query.length ? `?${query.join('&')}` : ''}`;
}
