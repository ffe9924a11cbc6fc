// The editor's preview pane, drawn as the site draws its pages: the site's own stylesheet and title face (taken from
// its home page, so they are exactly what the last build or `next dev` serves), and templates that repeat the
// markup of app/[category]/[slug]/page.tsx and components/site/site-header.tsx with the same class names.
// Loaded by /admin alone: no public page carries any of it. Decap provides React as `h` and `createClass`.
/* global CMS, h, createClass */

// The page's words in the site's languages, as lib/i18n.ts has them.
const strings = {
  it: {
    category: 'Categoria',
    year: 'Anno',
    role: 'Ruolo',
    opensInNewTab: '(si apre in una nuova scheda)',
    photoAlt: '{title}, immagine {position} di {total}',
    videoAlt: '{title}, video {position} di {total}',
  },
  en: {
    category: 'Category',
    year: 'Year',
    role: 'Role',
    opensInNewTab: '(opens in a new tab)',
    photoAlt: '{title}, image {position} of {total}',
    videoAlt: '{title}, video {position} of {total}',
  },
};

/** What the preview borrows from the site's home page: stylesheets, <html> classes (the face) and category labels. */
async function readSite() {
  const read = async (path) => {
    const response = await fetch(path, { cache: 'no-store' }).catch(() => undefined);
    return response?.ok ? new DOMParser().parseFromString(await response.text(), 'text/html') : undefined;
  };
  const page = await read('/');
  if (!page) return { stylesheets: [], htmlClass: '', lang: 'it', labels: new Map() };
  const labels = new Map(
    [...page.querySelectorAll('.site-nav a')].map((link) => [link.getAttribute('href').replace(/^\//, ''), link.textContent]),
  );
  // A category page draws its covers in the photo grid's rows, so its stylesheets hold the grid's too.
  const category = labels.size ? await read(`/${[...labels.keys()][0]}`) : undefined;
  const stylesheets = [
    ...new Set([page, category].flatMap((doc) => (doc ? [...doc.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.getAttribute('href')) : []))),
  ];
  return { stylesheets, htmlClass: page.documentElement.className, lang: page.documentElement.lang || 'it', labels };
}

const given = (value) => (typeof value === 'string' && value.trim() && value !== 'none' && value !== 'null' ? value : undefined);

/**
 * The first media item's picture: a photo, or the poster of a video or an embed; without an alt, the one the site
 * derives (content/README.md, `media`).
 */
function coverOf(media, title, text) {
  const first = media && media.first && media.first();
  if (!first) return undefined;
  const type = first.get('type');
  const file = type === 'image' ? first.get('file') : first.get('poster');
  if (!given(file)) return undefined;
  const derived = (type === 'image' ? text.photoAlt : text.videoAlt)
    .replace('{title}', title)
    .replace('{position}', '1')
    .replace('{total}', String(media.size));
  return { file, alt: given(first.get('alt')) || derived, caption: given(first.get('caption')) };
}

function linkButton(link, index, text) {
  const className = `button ${link.get('dark') ? 'button-dark' : 'button-light'}`;
  const name = link.get('name');
  if (link.get('action') === 'slider') return h('li', { key: index }, h('button', { type: 'button', className }, name));
  if (link.get('newtab')) {
    return h(
      'li',
      { key: index },
      h('a', { className, href: link.get('target') }, name, h('span', { 'aria-hidden': 'true' }, ' ↗'), h('span', { className: 'visually-hidden' }, ` ${text.opensInNewTab}`)),
    );
  }
  const href = link.get('action') === 'mailto' ? `mailto:${link.get('emailaddress') || ''}` : link.get('target');
  return h('li', { key: index }, h('a', { className, href }, name));
}

/**
 * Puts the site's <html> classes (they define the face's custom properties) on the preview's own <html>, and its
 * stylesheets in the preview's <head> should they arrive after the pane was drawn (registerPreviewStyle covers the
 * panes drawn after); draws again once the site is read.
 */
function siteRoot(site) {
  function apply() {
    const { document } = this.props;
    document.documentElement.className = site.htmlClass;
    document.documentElement.lang = site.lang;
    for (const href of site.stylesheets) {
      if ([...document.head.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.getAttribute('href') === href)) continue;
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      document.head.append(link);
    }
  }
  return {
    componentDidMount() {
      apply.call(this);
      site.ready.then(() => this.forceUpdate());
    },
    componentDidUpdate: apply,
  };
}

/** The series below the text, as components/project/media-grid.tsx draws it: every item in justified rows. */
function mediaGrid(media, title, text, getAsset) {
  if (!media || media.size < 2) return null;
  const tiles = media.toArray().map((item, index) => {
    const type = item.get('type');
    const file = given(type === 'image' ? item.get('file') : item.get('poster'));
    const alt = given(item.get('alt')) || (type === 'image' ? text.photoAlt : text.videoAlt).replace('{title}', title).replace('{position}', String(index + 1)).replace('{total}', String(media.size));
    return h(
      'li',
      { key: index, className: 'media-tile', style: { '--ratio': 1.5 } },
      h(
        'a',
        { href: `#gallery-${index + 1}`, className: 'media-tile-link' },
        file
          ? h('img', {
              src: getAsset(file).toString(),
              alt,
              className: 'media-tile-image',
              onLoad: (event) => {
                const image = event.currentTarget;
                image.closest('li').style.setProperty('--ratio', (image.naturalWidth / image.naturalHeight).toFixed(4));
              },
            })
          : h('span', { className: 'media-tile-empty' }, alt),
        type !== 'image' && h('span', { className: 'media-tile-play', 'aria-hidden': 'true' }),
      ),
    );
  });
  return h('div', { className: 'media-grid' }, h('ul', { className: 'media-grid-list' }, ...tiles));
}

// The translations' collections (config.yml), by language, and how the editor is offered each.
const translationCollections = {
  en: { collection: 'projects-en', start: 'Traduci in inglese', edit: 'Modifica la traduzione inglese' },
};

/**
 * Above a saved project, per language: a link to its translation, or to a new one with the original chosen and the
 * text to translate filled in. Decap fills a new entry's top-level fields from its address's query
 * (`#/collections/<name>/new?<field>=<value>`); list fields cannot be, so alts, captions and link names are not.
 * The preview is a frame whose links open in a new tab: this one replaces the editor itself.
 */
function translationLinks(entry, translated) {
  const slug = entry.get('slug');
  if (!slug || entry.get('newRecord')) return null;
  const data = entry.get('data');
  const links = Object.entries(translationCollections).map(([language, { collection, start, edit }]) => {
    const exists = translated[collection] && translated[collection].has(slug);
    const fields = { original: slug, title: String(data.get('title') || '').trim(), summary: data.get('summary'), role: data.get('role'), body: data.get('body') };
    const query = new URLSearchParams(Object.entries(fields).filter(([, value]) => typeof value === 'string' && given(value)));
    const href = exists ? `/admin/#/collections/${collection}/entries/${slug}` : `/admin/#/collections/${collection}/new?${query}`;
    return h('a', { key: language, href, target: '_top', hrefLang: language, style: { marginRight: '1em' } }, exists ? edit : start);
  });
  return h('p', { className: 'cms-translations', style: { font: '14px/1.4 system-ui, sans-serif', margin: '0 0 1rem' } }, ...links);
}

function projectPreview(site) {
  return createClass({
    ...siteRoot(site),
    getInitialState() {
      return { translated: {} };
    },
    componentDidMount() {
      siteRoot(site).componentDidMount.call(this);
      // Which projects have a translation already, so that the link opens it instead of starting another.
      for (const { collection } of Object.values(translationCollections)) {
        Promise.resolve(this.props.getCollection(collection))
          .then((entries) => new Set(entries.map((found) => found.get('slug'))))
          .catch(() => new Set())
          .then((slugs) => this.setState((state) => ({ translated: { ...state.translated, [collection]: slugs } })));
      }
    },
    render() {
      const text = strings[site.lang.split('-')[0]] || strings.en;
      const { entry } = this.props;
      return h('main', { id: 'main' }, translationLinks(entry, this.state.translated), projectArticle(entry.get('data'), text, site, this.props));
    },
  });
}

/** The project page's article, as app/[lang]/[category]/[slug]/page.tsx draws it. */
function projectArticle(data, text, site, { widgetFor, getAsset }) {
  const category = data.get('category');
  const title = String(data.get('title') || '').trim();
  const cover = coverOf(data.get('media'), title, text);
  const links = data.get('links');
  const facts = [
    [text.category, category && h('a', { href: `/${category}` }, site.labels.get(category) || category)],
    [text.year, data.get('year')],
    [text.role, data.get('role')],
  ].filter(([, value]) => value && value !== 'none');
  return h(
    'article',
    { className: 'project' },
    h(
      'header',
      { className: 'project-header' },
      h('h1', { className: 'project-title' }, title),
      h('dl', { className: 'project-facts' }, ...facts.map(([term, value]) => h('div', { key: term }, h('dt', null, term), h('dd', null, value)))),
      h('p', { className: 'lede' }, data.get('summary')),
      links && links.size > 0 && h('ul', { className: 'project-links' }, ...links.map((link, index) => linkButton(link, index, text)).toArray()),
    ),
    cover &&
      h(
        'figure',
        { className: 'project-cover', style: { '--ratio': 1.5 } },
        h('img', {
          src: getAsset(cover.file).toString(),
          alt: cover.alt,
          // The page knows the photo's proportions at build time; here the photo tells them once loaded.
          onLoad: (event) => {
            const image = event.currentTarget;
            image.parentElement.style.setProperty('--ratio', String(image.naturalWidth / image.naturalHeight));
          },
        }),
        cover.caption && h('figcaption', { className: 'project-cover-caption' }, cover.caption),
      ),
    h('div', { className: 'prose' }, widgetFor('body')),
    mediaGrid(data.get('media'), title, text, getAsset),
  );
}

/**
 * The original's front matter with the translation's text in it, as lib/content/load.ts merges them: per item of
 * media and links, only the fields given; everything else is the original's but its alts.
 */
function withTranslation(original, translation) {
  // An alt the translation leaves out is derived in its language, never the original's.
  let data = original.get('media') ? original.set('media', original.get('media').map((item) => item.delete('alt'))) : original;
  for (const key of ['title', 'summary', 'role']) if (given(translation.get(key))) data = data.set(key, translation.get(key));
  for (const [key, own] of [['media', ['alt', 'caption']], ['links', ['name', 'emailsubject', 'emailcontent']]]) {
    const items = translation.get(key);
    if (!items || !data.get(key)) continue;
    data = data.set(
      key,
      data.get(key).map((item, index) => {
        const text = items.get(index);
        return text ? own.reduce((merged, field) => (given(text.get(field)) ? merged.set(field, text.get(field)) : merged), item) : item;
      }),
    );
  }
  return data;
}

/**
 * Plain data (getCollection gives an entry's data as it was read) as Decap's own Immutable maps and lists, made from
 * an empty one of them: `h` is all that Decap provides, not Immutable itself.
 */
function immutable(value, like) {
  if (Array.isArray(value)) return like.clear().toList().push(...value.map((item) => immutable(item, like)));
  if (value && typeof value === 'object') return like.clear().merge(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, immutable(item, like)])));
  return value;
}

/** A translation drawn as its page will be: the original's photos, facts and buttons with the translated text. */
function translationPreview(site, language) {
  const root = siteRoot(site);
  return createClass({
    ...root,
    getInitialState() {
      return { slug: undefined, original: undefined };
    },
    componentDidMount() {
      root.componentDidMount.call(this);
      this.loadOriginal();
    },
    componentDidUpdate() {
      root.componentDidUpdate.call(this);
      this.loadOriginal();
    },
    loadOriginal() {
      const slug = this.props.entry.getIn(['data', 'original']);
      if (!slug || slug === this.state.slug) return;
      this.setState({ slug, original: undefined });
      Promise.resolve(this.props.getCollection('projects', slug))
        .then((found) => immutable(found.get('data'), this.props.entry.get('data')))
        .catch(() => undefined)
        .then((original) => this.state.slug === slug && this.setState({ original }));
    },
    render() {
      const data = this.props.entry.get('data');
      const merged = this.state.original ? withTranslation(this.state.original, data) : data;
      return h('main', { id: 'main', lang: language }, projectArticle(merged, strings[language] || strings.en, site, this.props));
    },
  });
}

function sitePreview(site) {
  return createClass({
    ...siteRoot(site),
    render() {
      const data = this.props.entry.get('data');
      const categories = data.get('categories');
      return h(
        'header',
        { className: 'site-header' },
        h('a', { href: '/', className: 'site-title' }, data.get('title')),
        h(
          'nav',
          null,
          h(
            'ul',
            { className: 'site-nav' },
            ...(categories ? categories.toArray() : []).map((category, index) =>
              h('li', { key: index }, h('a', { href: `/${category.get('slug')}` }, category.get('label'))),
            ),
          ),
        ),
      );
    },
  });
}

/**
 * Registers the two templates, then the site's styles once its home page is read. Called by cms-init.js, which does
 * not wait for it: the preview shows only once an entry is open, and draws its styles on each render.
 */
window.registerSitePreview = () => {
  const site = { stylesheets: [], htmlClass: '', lang: 'it', labels: new Map() };
  site.ready = readSite().then((read) => {
    Object.assign(site, read);
    for (const href of site.stylesheets) CMS.registerPreviewStyle(href);
  });
  CMS.registerPreviewTemplate('projects', projectPreview(site));
  for (const [language, { collection }] of Object.entries(translationCollections)) {
    CMS.registerPreviewTemplate(collection, translationPreview(site, language));
  }
  CMS.registerPreviewTemplate('site', sitePreview(site));
};
