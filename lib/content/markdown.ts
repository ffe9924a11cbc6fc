import { remark } from 'remark';
import html from 'remark-html';

/** The page's title is its only h1, so a `#` heading in a body becomes an h2. */
type MdastNode = { type: string; depth?: number; children?: MdastNode[] };

function demoteTopHeadings() {
  const visit = (node: MdastNode): void => {
    if (node.type === 'heading' && node.depth === 1) node.depth = 2;
    node.children?.forEach(visit);
  };
  return visit;
}

// sanitize (GitHub's schema) drops raw HTML, event handlers and any URL that is not http(s), mailto or relative.
const processor = remark().use(demoteTopHeadings).use(html, { sanitize: true });

/** Markdown → safe HTML. */
export async function markdownToHtml(markdown: string): Promise<string> {
  return String(await processor.process(markdown));
}
