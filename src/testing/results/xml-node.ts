import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CaraError, messageOf } from '../../core/errors.js';

/** An element as fast-xml-parser returns it with attributes grouped under `@` and text under `#text`. */
export interface XmlElement {
  attrs: Record<string, string>;
  text: string;
  children: Record<string, unknown>;
}

const REPEATABLE = new Set([
  'testsuite',
  'testcase',
  'failure',
  'error',
  'skipped',
  'flakyFailure',
  'flakyError',
  'rerunFailure',
  'rerunError',
  'property',
]);

/** Parses XML into plain objects after validating it; DOCTYPE declarations are refused outright. */
export function parseXmlDocument(xml: string, source: string): Record<string, unknown> {
  const doctype = /<!DOCTYPE/i.exec(xml);
  if (doctype !== null) {
    throw new CaraError(
      'TEST_REPORT_INVALID',
      `${source}:${lineAt(xml, doctype.index)}: the report declares a DOCTYPE, which test reports never need and which could expand entities`,
      { hint: 'Regenerate the report with the test runner; do not feed it XML from untrusted sources.' },
    );
  }
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    const { msg, line, col } = result.err;
    throw new CaraError('TEST_REPORT_INVALID', `${source}:${line}:${col}: malformed XML: ${msg}`, {
      hint: 'The report is truncated or corrupt; re-run the tests so the runner writes it again.',
    });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    attributesGroupName: '@',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    htmlEntities: false,
    // Only the predefined entities remain to expand: documents with a DOCTYPE were refused above.
    processEntities: true,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATABLE.has(name),
  });
  try {
    return parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    throw new CaraError('TEST_REPORT_INVALID', `${source}: unreadable XML: ${messageOf(error)}`, {
      hint: 'Re-run the tests so the runner writes the report again.',
      cause: error,
    });
  }
}

/** Normalises a parsed node (a string, `''` for an empty element, or an object) into an element. */
export function toElement(node: unknown): XmlElement {
  if (typeof node === 'string') return { attrs: {}, text: decodeCharRefs(node).trim(), children: {} };
  if (node === null || typeof node !== 'object') return { attrs: {}, text: '', children: {} };
  const { '@': rawAttrs, '#text': rawText, ...children } = node as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  if (rawAttrs !== null && typeof rawAttrs === 'object') {
    for (const [key, value] of Object.entries(rawAttrs)) attrs[key] = decodeCharRefs(String(value));
  }
  const text = rawText === undefined ? '' : decodeCharRefs(String(rawText)).trim();
  return { attrs, text, children };
}

/** The children with one tag name, as elements. */
export function childElements(element: XmlElement, tag: string): XmlElement[] {
  const value = element.children[tag];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(toElement);
}

/** fast-xml-parser leaves numeric character references (`&#10;`) alone; reports use them for newlines. */
function decodeCharRefs(text: string): string {
  if (!text.includes('&#')) return text;
  return text.replace(/&#(x[0-9a-f]+|[0-9]+);/gi, (match, ref: string) => {
    const code = ref[0] === 'x' || ref[0] === 'X' ? Number.parseInt(ref.slice(1), 16) : Number(ref);
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
