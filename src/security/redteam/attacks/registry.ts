/** Attack plugins by id. */
import { CaraError } from '../../../core/index.js';
import { directInjection } from './direct-injection.js';
import { excessiveAgency } from './excessive-agency.js';
import { exfiltration } from './exfiltration.js';
import { indirectHtml } from './indirect-html.js';
import { indirectMarkdown } from './indirect-markdown.js';
import { indirectMixed } from './indirect-mixed.js';
import { indirectPdf } from './indirect-pdf.js';
import { jailbreak } from './jailbreak.js';
import type { AttackPlugin } from './plugin.js';
import { promptExtraction } from './prompt-extraction.js';
import { resourceAbuse } from './resource-abuse.js';

/** Every plugin, in report order. */
export const PLUGINS: readonly AttackPlugin[] = [
  directInjection,
  indirectMarkdown,
  indirectHtml,
  indirectPdf,
  indirectMixed,
  promptExtraction,
  exfiltration,
  excessiveAgency,
  jailbreak,
  resourceAbuse,
];

/** The plugins named (all when `ids` is undefined); an unknown id is a usage error. */
export function selectPlugins(ids?: readonly string[]): AttackPlugin[] {
  if (ids === undefined) return [...PLUGINS];
  return ids.map((id) => {
    const found = PLUGINS.find((p) => p.id === id);
    if (!found) {
      throw new CaraError('USAGE', `unknown attack plugin "${id}"`, {
        hint: `use any of ${PLUGINS.map((p) => p.id).join(', ')}`,
      });
    }
    return found;
  });
}
