import { createRequire } from 'node:module';
import type { SyntaxNode } from 'tree-sitter';

/**
 * Bicep read with a real Bicep grammar (tree-sitter-bicep), offline: the Bicep compiler itself is
 * downloaded by the Azure CLI from GitHub, out of reach here. The grammar finds syntax errors; the
 * Container App's `properties` are also turned into a TypeScript object literal so that tsc can check
 * them against the Azure SDK's own model of them (see `containerAppPropertiesAsTypeScript`).
 */
const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof import('tree-sitter');
const bicep = require('tree-sitter-bicep') as unknown;

function parse(source: string): SyntaxNode {
  const parser = new Parser();
  parser.setLanguage(bicep as never);
  return parser.parse(source).rootNode;
}

/** The names of the parameters a Bicep file declares. */
export function bicepParameters(source: string): string[] {
  return parse(source)
    .descendantsOfType('parameter_declaration')
    .map((declaration) => declaration.namedChildren.find((child) => child.type === 'identifier')?.text ?? '');
}

/** Where the grammar found the source malformed: `line:column` of each error or missing token, none when it parses. */
export function bicepSyntaxErrors(source: string): string[] {
  const errors: string[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === 'ERROR' || node.isMissing) errors.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1} ${node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 40))}`}`);
    for (const child of node.children) visit(child);
  };
  visit(parse(source));
  return errors;
}

/**
 * The `properties` of the first `Microsoft.App/containerApps` resource as a TypeScript expression.
 * Literals and the shape of objects and arrays (loops included: `[for x in xs: body]` becomes
 * `[body]`, `concat(a, b)` becomes `[...a, ...b]`, both branches of `c ? a : b` are kept) carry over;
 * anything whose value Bicep computes at deployment (parameters, references, function calls) becomes
 * a value of any type, since only Azure knows it. Property names and literal values are then checked.
 */
export function containerAppPropertiesAsTypeScript(source: string): string {
  const resource = parse(source).descendantsOfType('resource_declaration').find((node) => node.descendantsOfType('string')[0]?.text.startsWith("'Microsoft.App/containerApps@"));
  if (resource === undefined) throw new Error('No Microsoft.App/containerApps resource in the Bicep file.');
  const body = resource.namedChildren.find((child) => child.type === 'object');
  const properties = body?.namedChildren.find((property) => property.type === 'object_property' && property.namedChildren[0]?.text === 'properties');
  if (properties === undefined) throw new Error('The Container App has no properties.');
  return expression(properties.namedChildren[1]!);
}

/** A value only known at deployment. */
const COMPUTED = '(undefined as any)';

function expression(node: SyntaxNode): string {
  switch (node.type) {
    case 'object':
      return `{ ${valuesOf(node).filter((child) => child.type === 'object_property').map(property).join(', ')} }`;
    case 'array':
      return `[${valuesOf(node).map(expression).join(', ')}]`;
    case 'string':
      // An interpolated string is a string, whatever it interpolates.
      return node.namedChildren.some((child) => child.type === 'interpolation') ? '(String() as string)' : JSON.stringify(stringValue(node));
    case 'number':
      return node.text;
    case 'boolean':
      return node.text;
    case 'null':
      return 'null';
    case 'unary_expression':
      return node.text.startsWith('-') ? `(-${expression(node.namedChildren[0]!)})` : COMPUTED;
    case 'parenthesized_expression':
      return expression(node.namedChildren[0]!);
    case 'ternary_expression':
      return `(Boolean() ? ${expression(node.namedChildren[1]!)} : ${expression(node.namedChildren[2]!)})`;
    case 'for_statement':
      // The loop's body is its last named child: one element standing for them all.
      return `[${expression(valuesOf(node).at(-1)!)}]`;
    case 'call_expression':
      return node.namedChildren[0]?.text === 'concat' ? `[${callArguments(node).map((argument) => `...${expression(argument)}`).join(', ')}]` : COMPUTED;
    default:
      return COMPUTED;
  }
}

/** A node's named children but comments, which the grammar counts among them. */
function valuesOf(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child) => child.type !== 'comment');
}

function property(node: SyntaxNode): string {
  const [key, value] = node.namedChildren;
  const name = key!.type === 'string' ? (key!.namedChildren.some((child) => child.type === 'interpolation') ? '[String()]' : JSON.stringify(stringValue(key!))) : key!.text;
  return `${name}: ${expression(value!)}`;
}

function callArguments(call: SyntaxNode): SyntaxNode[] {
  const list = call.namedChildren.find((child) => child.type === 'arguments');
  return list === undefined ? [] : valuesOf(list);
}

/** The value of a Bicep string without interpolation: its text between the quotes, escapes resolved. */
function stringValue(node: SyntaxNode): string {
  return node.text
    .slice(1, -1)
    .replace(/\\(['\\nrt$])/g, (_match, escaped: string) => ({ n: '\n', r: '\r', t: '\t' })[escaped] ?? escaped);
}
