// Every regular expression written in a set of TypeScript files: regex literals and `new RegExp(…)`
// / `RegExp(…)` calls whose pattern is built from string constants (literals, String.raw templates,
// `X.source`, `+`, `[…].join(…)`, constants imported from a relative module). A pattern that cannot
// be worked out statically is reported without a source, so no regex escapes the check by being built
// cleverly.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  file: string;
  line: number;
  /** The pattern, or undefined when it is computed at run time. */
  source?: string;
  flags: string;
  text: string;
}

export function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) out.push(...tsFilesUnder(p));
    else if (st.isFile() && name.endsWith('.ts')) out.push(p);
  }
  return out;
}

interface Module {
  sf: ts.SourceFile;
  consts: Map<string, ts.Expression>;
  /** Imported name → [file it comes from, name there]. */
  imports: Map<string, [string, string]>;
}
const modules = new Map<string, Module>();

function moduleOf(file: string): Module {
  const known = modules.get(file);
  if (known) return known;
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const consts = new Map<string, ts.Expression>();
  const imports = new Map<string, [string, string]>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const list = node.parent;
      if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) consts.set(node.name.text, node.initializer);
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith('.')) {
      const from = resolve(dirname(file), node.moduleSpecifier.text.replace(/\.js$/, '.ts'));
      const named = node.importClause?.namedBindings;
      if (named && ts.isNamedImports(named)) for (const el of named.elements) imports.set(el.name.text, [from, (el.propertyName ?? el.name).text]);
    }
    ts.forEachChild(node, collect);
  };
  collect(sf);
  const m = { sf, consts, imports };
  modules.set(file, m);
  return m;
}

function evaluate(m: Module, e: ts.Expression, depth = 0): string | undefined {
  if (depth > 20) return undefined;
  const ev = (x: ts.Expression): string | undefined => evaluate(m, x, depth + 1);
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return ev(e.expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isRegularExpressionLiteral(e)) return literalParts(e.text).source;
  if (ts.isIdentifier(e)) {
    const init = m.consts.get(e.text);
    if (init) return ev(init);
    const imported = m.imports.get(e.text);
    if (!imported) return undefined;
    const other = moduleOf(imported[0]);
    const there = other.consts.get(imported[1]);
    return there ? evaluate(other, there, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'source') return ev(e.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = ev(e.left);
    const b = ev(e.right);
    return a === undefined || b === undefined ? undefined : a + b;
  }
  const template = (t: ts.TemplateExpression, raw: boolean): string | undefined => {
    let s = raw ? (t.head.rawText ?? t.head.text) : t.head.text;
    for (const span of t.templateSpans) {
      const v = ev(span.expression);
      if (v === undefined) return undefined;
      s += v + (raw ? (span.literal.rawText ?? span.literal.text) : span.literal.text);
    }
    return s;
  };
  if (ts.isTemplateExpression(e)) return template(e, false);
  if (ts.isTaggedTemplateExpression(e) && e.tag.getText(m.sf) === 'String.raw') {
    if (ts.isNoSubstitutionTemplateLiteral(e.template)) return e.template.rawText ?? e.template.text;
    return template(e.template, true);
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join') {
    const arr = e.expression.expression;
    const sep = e.arguments[0] ? ev(e.arguments[0]) : ',';
    const init = ts.isIdentifier(arr) ? m.consts.get(arr.text) : arr;
    if (sep === undefined || !init || !ts.isArrayLiteralExpression(init)) return undefined;
    const parts = init.elements.map(ev);
    return parts.some((p) => p === undefined) ? undefined : parts.join(sep);
  }
  return undefined;
}

export function regexesIn(file: string, root: string): FoundRegex[] {
  const m = moduleOf(resolve(file));
  const found: FoundRegex[] = [];
  const where = (n: ts.Node) => ({
    file: relative(root, file).split('\\').join('/'),
    line: m.sf.getLineAndCharacterOfPosition(n.getStart(m.sf)).line + 1,
    text: n.getText(m.sf).slice(0, 200),
  });
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      found.push({ ...where(node), ...literalParts(node.text) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const args = node.arguments ?? [];
      const source = args[0] ? evaluate(m, args[0]) : undefined;
      const flags = args[1] ? evaluate(m, args[1]) : '';
      found.push({ ...where(node), source, flags: flags ?? '' });
    }
    ts.forEachChild(node, visit);
  };
  visit(m.sf);
  return found;
}

function literalParts(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}
