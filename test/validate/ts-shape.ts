// Reads the shape of the TypeScript types in engine/types/*.ts (property names, optionality, string
// literal unions, nested literals) and compares it with a JSON Schema, so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export type Shape =
  | { kind: 'object'; props: Map<string, { optional: boolean; shape: Shape }> }
  | { kind: 'array'; item: Shape }
  | { kind: 'ref'; name: string }
  | { kind: 'enum'; values: Array<string | number> }
  | { kind: 'other' };

/** Interfaces and type aliases of a file, by name. */
export function readShapes(file: string): Map<string, Shape> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out = new Map<string, Shape>();
  for (const st of source.statements) {
    if (ts.isInterfaceDeclaration(st)) out.set(st.name.text, members(st.members));
    else if (ts.isTypeAliasDeclaration(st)) out.set(st.name.text, shapeOf(st.type));
  }
  return out;
}

function members(list: ts.NodeArray<ts.TypeElement>): Shape {
  const props = new Map<string, { optional: boolean; shape: Shape }>();
  for (const m of list) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText();
    props.set(name, { optional: !!m.questionToken, shape: shapeOf(m.type) });
  }
  return { kind: 'object', props };
}

function shapeOf(t: ts.TypeNode): Shape {
  if (ts.isParenthesizedTypeNode(t)) return shapeOf(t.type);
  if (ts.isTypeLiteralNode(t)) return members(t.members);
  if (ts.isArrayTypeNode(t)) return { kind: 'array', item: shapeOf(t.elementType) };
  if (ts.isTypeReferenceNode(t)) {
    const name = t.typeName.getText();
    if (name === 'Array' && t.typeArguments?.length === 1) return { kind: 'array', item: shapeOf(t.typeArguments[0]!) };
    if (t.typeArguments?.length) return { kind: 'other' };
    return { kind: 'ref', name };
  }
  if (ts.isLiteralTypeNode(t)) {
    const v = literal(t);
    return v === undefined ? { kind: 'other' } : { kind: 'enum', values: [v] };
  }
  if (ts.isUnionTypeNode(t) && t.types.every(ts.isLiteralTypeNode)) {
    const values = t.types.map((x) => literal(x as ts.LiteralTypeNode));
    if (values.every((v) => v !== undefined)) return { kind: 'enum', values: values as Array<string | number> };
  }
  return { kind: 'other' };
}

function literal(t: ts.LiteralTypeNode): string | number | undefined {
  if (ts.isStringLiteral(t.literal)) return t.literal.text;
  if (ts.isNumericLiteral(t.literal)) return Number(t.literal.text);
  return undefined;
}

type SchemaNode = Record<string, unknown>;

/** Follows `$ref`s within `root` (`#/$defs/X`); refs into other documents are left alone. */
function deref(node: SchemaNode, root: SchemaNode): SchemaNode {
  let cur = node;
  for (let i = 0; i < 8 && typeof cur.$ref === 'string' && cur.$ref.startsWith('#/'); i++) {
    let next: unknown = root;
    for (const step of cur.$ref.slice(2).split('/')) next = (next as SchemaNode)[step];
    cur = next as SchemaNode;
  }
  return cur;
}

/** Differences between a TS shape and a schema node, as readable lines. */
export function compareShape(
  shape: Shape,
  node: SchemaNode,
  root: SchemaNode,
  at: string,
  problems: string[] = [],
  /** TS type name → `$ref` of a whole document (`FactsDocument` → `facts.schema.json`). */
  documents: Record<string, string> = {},
): string[] {
  if (shape.kind === 'ref') {
    const ref = typeof node.$ref === 'string' ? node.$ref : '';
    if (ref && !ref.endsWith(`/$defs/${shape.name}`) && documents[shape.name] !== ref) problems.push(`${at}: TS type ${shape.name}, schema refers to ${ref}`);
    return problems;
  }
  const s = deref(node, root);
  if (shape.kind === 'object') {
    const props = (s.properties ?? {}) as Record<string, SchemaNode>;
    const required = new Set((s.required ?? []) as string[]);
    for (const [name, p] of shape.props) {
      if (!(name in props)) {
        problems.push(`${at}.${name}: in the TS type, not in the schema`);
        continue;
      }
      if (p.optional === required.has(name)) problems.push(`${at}.${name}: ${p.optional ? 'optional' : 'required'} in TS, not in the schema`);
      compareShape(p.shape, props[name]!, root, `${at}.${name}`, problems, documents);
    }
    for (const name of Object.keys(props)) if (!shape.props.has(name)) problems.push(`${at}.${name}: in the schema, not in the TS type`);
    if (s.additionalProperties !== false) problems.push(`${at}: schema allows additional properties`);
  } else if (shape.kind === 'array') {
    if (s.type !== 'array') problems.push(`${at}: array in TS, schema type ${String(s.type)}`);
    else if (s.items && typeof s.items === 'object') compareShape(shape.item, s.items as SchemaNode, root, `${at}[]`, problems, documents);
  } else if (shape.kind === 'enum') {
    const values = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined;
    if (!values) problems.push(`${at}: TS allows ${shape.values.join(' | ')}, the schema has no enum`);
    else if ([...values].sort().join('|') !== [...shape.values].sort().join('|')) {
      problems.push(`${at}: TS allows ${shape.values.join(' | ')}, the schema ${values.join(' | ')}`);
    }
  }
  return problems;
}
