// Starts Decap by hand (CMS_MANUAL_INIT) so that what depends on where the site runs — the GitHub repository and
// branch, the local decap-server of `npm run cms` — comes from this site's server, merged over config.yml.
// A file of its own because /admin's CSP allows no inline script.
window.CMS_MANUAL_INIT = true;

window.addEventListener('DOMContentLoaded', async () => {
  const response = await fetch('/api/cms/settings', { cache: 'no-store' }).catch(() => undefined);
  if (!response?.ok) {
    showNotConfigured();
    return;
  }
  const settings = await response.json();
  // The preview pane in the site's stylesheet and face (preview.js), ready long before an entry is opened.
  window.registerSitePreview();
  window.CMS.registerEventListener({ name: 'preSave', handler: cleanTranslation });
  // Decap opens its sign-in window at base_url + auth_endpoint and only accepts the answer from that origin.
  window.CMS.init({ config: { ...settings, backend: { ...settings.backend, base_url: window.location.origin } } });
});

// What Decap would write in a translation (content/projects/<lang>/<slug>.md) that the loader refuses or misreads.
const entities = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#039;': "'" };
const filled = (value) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

function cleanTranslation({ entry }) {
  if (!/^projects-[a-z]+$/.test(entry.get('collection'))) return undefined;
  let data = entry.get('data');
  // A new entry filled in from its address (`#/collections/…/new?title=…`, preview.js) has its values HTML-escaped
  // by Decap: "d'acqua" arrives as "d&#039;acqua". Text is stored as written, so they are unescaped once here.
  for (const key of ['title', 'summary', 'role', 'body']) {
    const value = data.get(key);
    if (typeof value === 'string') data = data.set(key, value.replace(/&(?:amp|lt|gt|quot|#039);/g, (entity) => entities[entity]));
  }
  if (!filled(data.get('role'))) data = data.delete('role');
  // An empty field of an item means "the original's"; an empty list, "all the original's" (the loader refuses a list
  // of another length than the original's).
  for (const key of ['media', 'links']) {
    const items = data.get(key);
    data = items && items.size ? data.set(key, items.map((item) => (item ? item.filter(filled) : item))) : data.delete(key);
  }
  return data;
}

function showNotConfigured() {
  const main = document.createElement('main');
  main.style.cssText = 'font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem';
  const title = document.createElement('h1');
  title.textContent = 'Modifica nel browser non configurata';
  const text = document.createElement('p');
  text.textContent =
    'Per modificare i contenuti da qui, imposta GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET e GITHUB_REPO sul server ' +
    '(vedi "Editing in the browser" nel README), oppure lavora in locale con `npm run cms`.';
  main.append(title, text);
  document.body.append(main);
}
