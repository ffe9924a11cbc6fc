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
  // The preview pane in the site's stylesheet and face (preview.js).
  await window.registerSitePreview();
  // Decap opens its sign-in window at base_url + auth_endpoint and only accepts the answer from that origin.
  window.CMS.init({ config: { ...settings, backend: { ...settings.backend, base_url: window.location.origin } } });
});

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
