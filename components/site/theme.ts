/** The visitor's choice in the header's toggle; `system` follows `prefers-color-scheme`. */
export const themes = ['light', 'dark', 'system'] as const;
export type Theme = (typeof themes)[number];

const storageKey = 'theme';

/** The window property through which a project page may hear a Back before the router does (cover-back-transition). */
export const popstateHook = '__beforeRouterPopState';

/**
 * Runs in <head> before the first paint: a stored choice of light or dark becomes <html data-theme>, which
 * app/globals.css reads. It also registers the first popstate listener, ahead of the router's, which hands the
 * event to whatever `window.${popstateHook}` holds. One fixed string, so that a strict CSP can allow it by its hash.
 */
export const themeScript =
  `try{var t=localStorage.getItem('${storageKey}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}` +
  `addEventListener('popstate',function(e){var f=window.${popstateHook};if(f)f(e)},true)`;

/** The theme in force, as the head script or the toggle set it on <html>. */
export function currentTheme(): Theme {
  const theme = document.documentElement.dataset.theme;
  return theme === 'light' || theme === 'dark' ? theme : 'system';
}

function apply(theme: Theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  window.dispatchEvent(new Event('themechange'));
}

/** Applies a choice and keeps it for the next visits (where storage is allowed). */
export function chooseTheme(theme: Theme) {
  try {
    if (theme === 'system') localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, theme);
  } catch {
    // Storage refused (a privacy mode): the choice holds for this page only.
  }
  apply(theme);
}

/** Calls `onChange` when the theme changes here or in another tab of the site. */
export function subscribeToTheme(onChange: () => void) {
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key !== storageKey && event.key !== null) return;
    apply(event.newValue === 'light' || event.newValue === 'dark' ? event.newValue : 'system');
  };
  window.addEventListener('themechange', onChange);
  window.addEventListener('storage', fromOtherTab);
  return () => {
    window.removeEventListener('themechange', onChange);
    window.removeEventListener('storage', fromOtherTab);
  };
}
