/**
 * HTML to plain text without a DOM: headings become `#` lines, blocks become lines, scripts and
 * styles are dropped. What the page hides from a reader (comments, `hidden`, `display:none`,
 * `visibility:hidden`, zero font size, `aria-hidden`) is kept inside `<!-- -->` markers: a reader
 * never sees it, a text pipeline does, and the agent modes treat it differently on purpose.
 */

const TOKEN =
  /<!--([\s\S]*?)-->|<!\w[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:"[^"]*"|'[^']*'|[^>"'])*)>|([^<]+)|</g;
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg']);
const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'input', 'wbr', 'source', 'area', 'base', 'col']);
const BLOCK = new Set(
  'address article aside blockquote dd div dl dt figcaption figure footer form header li main nav ol p pre section table tbody td th thead title tr ul'.split(
    ' ',
  ),
);
const HIDDEN_STYLE =
  /(display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9]))/i;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the named and numeric character references that matter for text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function isHidden(attributes: string): boolean {
  if (/(^|\s)hidden(\s|=|$)/i.test(attributes)) return true;
  if (/aria-hidden\s*=\s*["']?true/i.test(attributes)) return true;
  const style = attributes.match(/style\s*=\s*(?:"([^"]*)"|'([^']*)')/i);
  return style !== null && HIDDEN_STYLE.test(style[1] ?? style[2] ?? '');
}

/** Converts an HTML document to the plain text the service stores and searches. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const open: { name: string; hidden: boolean }[] = [];
  let hiddenDepth = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match !== null; match = TOKEN.exec(html)) {
    const [whole, comment, slash, rawName, attributes = '', text] = match;
    if (comment !== undefined) {
      out.push(hiddenDepth > 0 ? ` ${comment} ` : ` <!--${comment}--> `);
    } else if (text !== undefined) {
      out.push(decodeEntities(text).replace(/\s+/g, ' '));
    } else if (rawName !== undefined) {
      const name = rawName.toLowerCase();
      if (slash === '/') {
        const index = open.map((entry) => entry.name).lastIndexOf(name);
        if (index >= 0) {
          for (const entry of open.splice(index)) {
            if (entry.hidden && --hiddenDepth === 0) out.push(' --> ');
          }
        }
        if (BLOCK.has(name) || /^h[1-6]$/.test(name)) out.push('\n');
      } else if (SKIP.has(name)) {
        const close = html.toLowerCase().indexOf(`</${name}`, TOKEN.lastIndex);
        TOKEN.lastIndex = close < 0 ? html.length : close;
      } else {
        if (name === 'br') out.push('\n');
        else if (/^h[1-6]$/.test(name)) out.push(`\n${'#'.repeat(Number(name[1]))} `);
        else if (name === 'li') out.push('\n- ');
        else if (BLOCK.has(name)) out.push('\n');
        if (!VOID.has(name) && !attributes.trim().endsWith('/')) {
          const hidden = isHidden(attributes);
          if (hidden && hiddenDepth++ === 0) out.push(' <!-- ');
          open.push({ name, hidden });
        }
      }
    } else if (whole === '<') {
      out.push('<');
    }
  }
  if (hiddenDepth > 0) out.push(' --> ');
  return tidy(out.join(''));
}

/** Collapses runs of spaces, trims lines and keeps at most one blank line. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
