import { isPlaceholder, patternDetector } from '../pattern-detector.js';
import type { SecretRule } from '../types.js';

const assignment: SecretRule = {
  id: 'generic-secret-assignment',
  title: 'Hard-coded password or secret',
  description: 'A quoted literal assigned to a name like password, secret, token or api_key.',
  remediation: 'Move the value to an environment variable or a secret store, and rotate it if it was real.',
  severity: 'medium',
  specificity: 'keyword',
};

/** Names that hold secrets; names ending in type/name/url/... describe one instead. */
const NAME =
  '[A-Za-z0-9_.-]*(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?)';
const NOT_A_SECRET_NAME =
  /(?:type|name|names|field|header|prefix|url|uri|path|file|label|length|count|id|ids|hint|policy|regex|pattern)["']?$/i;

/**
 * `password = "…"`, `api_key: '…'`, `"client_secret": "…"` and the like, with a literal of 6+
 * characters that is not a placeholder, a variable or an interpolation.
 */
export const genericAssignmentDetector = patternDetector('generic-assignment', [
  {
    rule: assignment,
    pattern: new RegExp(
      String.raw`(${NAME}[A-Za-z0-9_.-]*["']?)\s*(?::\s*[A-Za-z<>[\]|]+\s*)?(?:=|:=|:|=>)\s*(["'\x60])([^"'\x60\s]{6,200})\2`,
      'i',
    ),
    group: 3,
    accept: (secret, text, start) => {
      if (isPlaceholder(secret)) return false;
      const lineStart = text.lastIndexOf('\n', start) + 1;
      const before = text.slice(lineStart, start);
      const name = /([A-Za-z0-9_.-]+)["']?\s*(?::\s*[A-Za-z<>[\]|]+\s*)?(?:=|:=|:|=>)\s*["'\x60]$/.exec(
        before,
      )?.[1];
      return name === undefined || !NOT_A_SECRET_NAME.test(name);
    },
  },
]);
