import { expect, test } from '@playwright/test';
import { stubExternalSites } from './support/browser';
import { expectedMailto, projects, ui, type Link, type Project } from './support/content';

const linksWhere = (matches: (link: Link) => boolean) =>
  projects.flatMap((project) => project.links.filter(matches).map((link) => ({ project, link })));

const newTabLinks = linksWhere((link) => link.action === 'linkto' && link.newtab);
const sameTabLinks = linksWhere((link) => link.action === 'linkto' && !link.newtab);
const mailLinks = linksWhere((link) => link.action === 'mailto');

test('the content has links of every kind to test', () => {
  expect(newTabLinks.length).toBeGreaterThan(0);
  expect(sameTabLinks.length).toBeGreaterThan(0);
  expect(mailLinks.length).toBeGreaterThan(0);
});

const title = ({ project, link }: { project: Project; link: Link }) => `${project.href}: "${link.name}"`;

for (const entry of newTabLinks) {
  test(`${title(entry)} opens its target in a new tab, without access to the site`, async ({ page, context, baseURL }) => {
    const { project, link } = entry;
    const requests: { url: string; referer?: string }[] = [];
    await stubExternalSites(context, baseURL!, (url, headers) => requests.push({ url, referer: headers.referer }));
    await page.goto(project.href);

    const anchor = page.getByRole('link', { name: `${link.name} ${ui.opensInNewTab}`, exact: true });
    await expect(anchor).toHaveAttribute('href', link.target!);
    await expect(anchor).toHaveAttribute('target', '_blank');
    await expect(anchor).toHaveAttribute('rel', /\bnoopener\b/);
    await expect(anchor).toHaveAttribute('rel', /\bnoreferrer\b/);
    await expect(anchor.getByText(ui.opensInNewTab)).toBeAttached();
    await expect(anchor.getByText(ui.opensInNewTab)).not.toBeInViewport();

    const [popup] = await Promise.all([page.waitForEvent('popup'), anchor.click()]);
    await expect(popup).toHaveURL(link.target!);
    await expect(popup.getByRole('heading', { name: 'External site' })).toBeVisible();
    expect(await popup.evaluate(() => window.opener)).toBeNull();
    const request = requests.find((candidate) => candidate.url === link.target);
    expect(request, 'the browser went to the target').toBeDefined();
    expect(request?.referer, 'no Referer sent').toBeUndefined();

    // The project stays open in the first tab.
    await expect(page).toHaveURL(project.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(project.title);
  });
}

for (const entry of sameTabLinks) {
  test(`${title(entry)} goes to its target in the same tab`, async ({ page, context, baseURL }) => {
    const { project, link } = entry;
    await stubExternalSites(context, baseURL!);
    await page.goto(project.href);

    const anchor = page.getByRole('link', { name: link.name, exact: true });
    await expect(anchor).toHaveAttribute('href', link.target!);
    await expect(anchor).not.toHaveAttribute('target');
    await expect(anchor).not.toContainText(ui.opensInNewTab);

    await anchor.click();
    await expect(page).toHaveURL(link.target!);
    expect(context.pages()).toHaveLength(1);
  });
}

for (const entry of mailLinks) {
  test(`${title(entry)} writes an email with the subject and body percent-encoded`, async ({ page }) => {
    const { project, link } = entry;
    await page.goto(project.href);

    const anchor = page.getByRole('link', { name: link.name, exact: true });
    const href = expectedMailto(link);
    await expect(anchor).toHaveAttribute('href', href);
    expect(href.startsWith(`mailto:${link.emailaddress}`)).toBe(true);
    expect(await anchor.getAttribute('href')).not.toContain('+');
    await expect(anchor).not.toHaveAttribute('target');

    // What a mail client reads back is exactly what the editor wrote.
    const query = new URL(href).search.slice(1).split('&');
    const fields = Object.fromEntries(query.filter(Boolean).map((pair) => pair.split('=').map(decodeURIComponent)));
    expect(fields).toEqual({
      ...(link.emailsubject && { subject: link.emailsubject }),
      ...(link.emailcontent && { body: link.emailcontent }),
    });
  });
}
