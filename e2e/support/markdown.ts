import type { Nodes, Root } from 'mdast';
import { remark } from 'remark';

/** What a visitor should find of a project's markdown body on its page. */
export type BodyOutline = {
  /** `#` headings are shown as h2: the project title is the page's only h1. */
  headings: { level: number; text: string }[];
  paragraphs: string[];
  listItems: string[];
  links: { text: string; href: string }[];
  strong: string[];
  emphasis: string[];
};

const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return node.children.map((child) => plainText(child)).join('');
  return node.type === 'break' ? '\n' : '';
}

export function outlineOf(markdown: string): BodyOutline {
  const outline: BodyOutline = { headings: [], paragraphs: [], listItems: [], links: [], strong: [], emphasis: [] };
  const visit = (node: Nodes) => {
    const text = squash(plainText(node));
    switch (node.type) {
      case 'heading':
        outline.headings.push({ level: Math.max(node.depth, 2), text });
        break;
      case 'paragraph':
        outline.paragraphs.push(text);
        break;
      case 'listItem':
        outline.listItems.push(text);
        break;
      case 'link':
        outline.links.push({ text, href: node.url });
        break;
      case 'strong':
        outline.strong.push(text);
        break;
      case 'emphasis':
        outline.emphasis.push(text);
        break;
    }
    if ('children' in node) node.children.forEach(visit);
  };
  visit(remark().parse(markdown) as Root);
  return outline;
}
