import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '../check.js';
import { DEFAULT_TABLES, NEPA_ENTITIES } from '../entities.js';
import { NEPA_RULES } from './registry.js';
import type { QueryContext } from './rule.js';

const template = defaultTemplate();
const ctx: QueryContext = {
  table: (entity) => `"${DEFAULT_TABLES[entity]}"`,
  tableName: (entity) => DEFAULT_TABLES[entity],
  seedKey: (alias) => `(${alias}.other->>'seed_key')`,
  parameters: template.parameters,
  agencies: template.agencies,
  schema: { columns: new Map(), foreignKeys: [] },
};

describe('NEPA rule registry', () => {
  it('has unique ids, a citation and at least one known entity per rule', () => {
    const ids = NEPA_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of NEPA_RULES) {
      expect(rule.citation, rule.id).not.toBe('');
      expect(rule.entities.length, rule.id).toBeGreaterThan(0);
      for (const entity of rule.entities) expect(NEPA_ENTITIES).toContain(entity);
    }
  });

  it('cites 42 U.S.C. 4336a for the statutory limits', () => {
    const citation = (id: string) => NEPA_RULES.find((rule) => rule.id === id)?.citation;
    expect(citation('ea-over-75-pages')).toMatch(/^42 U\.S\.C\. 4336a\(e\)/);
    expect(citation('eis-over-150-pages')).toMatch(/^42 U\.S\.C\. 4336a\(e\)/);
    expect(citation('ea-over-one-year-without-extension')).toMatch(/^42 U\.S\.C\. 4336a\(g\)/);
    expect(citation('provenance-missing')).toMatch(/v1\.2/);
  });

  it('passes template values as parameters, never inside the SQL', () => {
    for (const rule of NEPA_RULES) {
      if (rule.kind !== 'data') continue;
      for (const entity of rule.entities) {
        const query = rule.query(ctx, entity);
        expect(query.sql, rule.id).not.toMatch(/\b(75|150|300|45)\b/);
        expect(query.sql, rule.id).not.toMatch(/'(NOI|ROD|extension|EA|Final EIS)'/i);
        const placeholders = [...query.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
        expect(Math.max(0, ...placeholders), rule.id).toBe(query.params.length);
      }
    }
  });
});
