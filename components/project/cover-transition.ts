/**
 * The view-transition name a project's cover carries on its card and on its page (a slug is a valid CSS
 * identifier's tail: lowercase letters, digits and `-`).
 */
export function coverTransitionName(slug: string): string {
  return `cover-${slug}`;
}
