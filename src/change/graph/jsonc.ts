import type { Expression } from 'oxc-parser';
import type { OxcParser } from './extract.js';

/**
 * Parses JSON with comments and trailing commas (tsconfig.json's dialect) with the JavaScript parser
 * the graph already loads: the text is an object literal. Returns undefined when it is not one.
 */
export function parseJsonc(oxc: OxcParser, text: string): unknown {
  const result = oxc.parseSync('config.js', `(${text}\n)`, { preserveParens: false, lang: 'js' });
  if (result.errors.length > 0) return undefined;
  const statement = result.program.body[0];
  if (statement?.type !== 'ExpressionStatement') return undefined;
  return literalOf(statement.expression);
}

function literalOf(node: Expression): unknown {
  switch (node.type) {
    case 'Literal':
      return node.value;
    case 'ArrayExpression':
      return node.elements.map((element) =>
        element && element.type !== 'SpreadElement' ? literalOf(element) : null,
      );
    case 'ObjectExpression': {
      const object: Record<string, unknown> = {};
      for (const property of node.properties) {
        if (property.type !== 'Property' || property.key.type !== 'Literal') continue;
        object[String(property.key.value)] = literalOf(property.value as Expression);
      }
      return object;
    }
    case 'UnaryExpression':
      return node.operator === '-' ? -(literalOf(node.argument) as number) : undefined;
    default:
      return undefined;
  }
}
