import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export type Position = { line: number; column: number };

/** A parsed YAML text that can say where each field of it is. */
export class YamlSource {
  readonly data: unknown;
  private readonly document: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(source: string) {
    // Only the core schema: no custom tags, nothing executed, dates stay strings.
    this.document = parseDocument(source, { lineCounter: this.lines, schema: 'core', prettyErrors: true });
    const error = this.document.errors[0];
    if (error) {
      const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      throw new YamlSyntaxError(message, this.at(error.pos[0]));
    }
    this.data = this.document.toJS({ maxAliasCount: 100 });
  }

  /** Where the value at `path` is; its key when the value is empty; the nearest listed parent when it is missing. */
  locate(path: readonly PropertyKey[], { key = false } = {}): Position | undefined {
    let node: unknown = this.document.contents;
    let found: Position | undefined;
    for (const [index, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
        if (!pair) return found;
        if ((key && index === path.length - 1) || !hasRange(pair.value)) return this.rangeStart(pair.key);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        if (!hasRange(node)) return found;
      } else {
        return found;
      }
      found = this.rangeStart(node);
    }
    return found;
  }

  private rangeStart(node: unknown): Position | undefined {
    return hasRange(node) ? this.at(node.range[0]) : undefined;
  }

  private at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
    this.name = 'YamlSyntaxError';
  }
}

function hasRange(node: unknown): node is Node & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && 'range' in node && Array.isArray(node.range);
}
