import { expect, test, type Page } from '@playwright/test';
import { languageNames, projects, site, translationsIn, ui, uiEnglish } from './support/content';

// The fixture site (e2e/fixtures/site) speaks Italian and English: the seed and one other project are translated.
const [other] = site.languages;
if (other !== 'en') throw new Error('the e2e content needs `languages: [en]` in site.yml');
const translations = translationsIn('en');
const translated = translations.find((translation) => translation.original.links.some((link) => link.action === 'slider'));
const untranslated = projects.find((project) => !translations.some((translation) => translation.slug === project.slug));
if (!translated || !untranslated) throw new Error('the e2e content needs a translated project with a gallery and an untranslated one');
const category = site.categories.find((candidate) => candidate.slug === translated.original.category)!;
const english = { label: category.translations.en!.label, home: site.translations.en!.description };

const switchTo = (page: Page, lang: string) =>
  page
    .getByRole('navigation', { name: lang === 'en' ? ui.languages : uiEnglish.languages })
    .getByRole('link', { name: languageNames[lang], exact: true });

test('in English: home, category, project and its gallery, with English words and the translated text', async ({ page }) => {
  await page.goto('/en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title);
  await expect(page.getByText(english.home, { exact: true })).toBeVisible();

  const navigation = page.getByRole('navigation', { name: uiEnglish.mainNavigation });
  await expect(navigation.getByRole('link')).toHaveText(site.categories.map((each) => each.translations.en!.label));
  await navigation.getByRole('link', { name: english.label, exact: true }).click();
  await expect(page).toHaveURL(`/en/${category.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(english.label);

  await page.getByRole('main').getByRole('link', { name: new RegExp(`^${translated.title}`) }).click();
  await expect(page).toHaveURL(translated.href);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translated.title);
  await expect(page.getByText(translated.summary, { exact: true })).toBeVisible();
  const facts = page.locator('.project-facts dt');
  await expect(facts.first()).toHaveText(uiEnglish.facts.category);
  await expect(page.locator('.project-facts dd').first()).toHaveText(english.label);

  // The gallery, in English, and Back closes it with the focus on the button that opened it.
  const sliderAt = translated.original.links.findIndex((link) => link.action === 'slider');
  const button = page.getByRole('button', { name: translated.linkNames[sliderAt], exact: true });
  await button.click();
  const dialog = page.getByRole('dialog', { name: translated.title, exact: true });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: uiEnglish.close, exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: uiEnglish.nextSlide, exact: true }).click();
  await expect(page).toHaveURL(`${translated.href}#gallery-2`);
  await page.goBack();
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(translated.href);
  await expect(button).toBeFocused();
});

test('the language switch lands on the same project in the other language, and back', async ({ page }) => {
  await page.goto(translated.href);
  const toItalian = switchTo(page, site.lang);
  await expect(toItalian).toHaveAttribute('hreflang', site.lang);
  await expect(toItalian).toHaveAttribute('lang', site.lang);
  await toItalian.click();
  await expect(page).toHaveURL(translated.original.href);
  await expect(page.locator('html')).toHaveAttribute('lang', site.lang);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translated.original.title);
  await expect(page.getByRole('navigation', { name: ui.mainNavigation })).toBeVisible();

  const toEnglish = switchTo(page, 'en');
  await expect(toEnglish).toHaveAttribute('hreflang', 'en');
  await toEnglish.click();
  await expect(page).toHaveURL(translated.href);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translated.title);
});

test('a project without a translation: in English listings in its own language, marked, and its switch leads to the English category', async ({ page }) => {
  await page.goto(`/en/${untranslated.category}`);
  const card = page.getByRole('main').locator(`a[href="${untranslated.href}"]`);
  await expect(card).toHaveAttribute('lang', site.lang);
  await expect(card).toHaveAttribute('hreflang', site.lang);
  await expect(card).toContainText(untranslated.title);

  await page.goto(untranslated.href);
  await switchTo(page, 'en').click();
  await expect(page).toHaveURL(`/en/${untranslated.category}`);
  const response = await page.request.get(`/en${untranslated.href}`);
  expect(response.status()).toBe(404);
});

test('an unknown URL in either language gets the one 404, in Italian and with a way to the English home page', async ({ page }) => {
  for (const url of ['/non-esiste', '/en/does-not-exist']) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.notFoundTitle);
    const english = page.getByRole('main').locator('[lang="en"]');
    await expect(english).toContainText(uiEnglish.notFoundTitle);
    await expect(english.getByRole('link')).toHaveAttribute('href', '/en');
  }
});
