// `{path.to.value}` placeholders in signature messages, buckets and next-step commands, filled from a
// subject's derived facts. A template with a placeholder that has no value yields undefined, so a next
// step is only offered when every value it needs is known. A placeholder may name a format after a bar:
// `{pool.nonpagedBytes|bytes}` gives `1.8 GiB (1,938,325,232 bytes)`, `{pool.nonpagedAllocs|count}` `5,768,754`.
import { formatBytes, formatCount } from '../format/units.js';
import { resolvePath } from '../signatures/path.js';
import { PLACEHOLDER } from '../signatures/placeholders.js';
import { acceptable, kindOf, unsafeCommand, UNKNOWN, type ValueKind } from './command-values.js';

export const TEMPLATE_FORMATS = {
  bytes: (v: number): string => formatBytes(v, { exact: true }),
  count: (v: number): string => formatCount(v),
} as const;

function show(v: unknown, format: string | undefined): string {
  if (Array.isArray(v)) return v.join(', ');
  if (format && typeof v === 'number') return TEMPLATE_FORMATS[format as keyof typeof TEMPLATE_FORMATS](v);
  return String(v);
}

/** A template split into literal text and placeholder names, for showing the fill-ins (site pages). */
export function templateParts(template: string): Array<{ text: string; placeholder: boolean }> {
  const parts: Array<{ text: string; placeholder: boolean }> = [];
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > at) parts.push({ text: template.slice(at, m.index), placeholder: false });
    parts.push({ text: m[2] ? `${m[1]!}|${m[2]}` : m[1]!, placeholder: true });
    at = m.index + m[0].length;
  }
  if (at < template.length) parts.push({ text: template.slice(at), placeholder: false });
  return parts;
}

export function fill(template: string, facts: Record<string, unknown>): string | undefined {
  let missing = false;
  const out = template.replace(PLACEHOLDER, (_, path: string, format: string | undefined) => {
    const v = resolvePath(facts, `$.${path}`);
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      missing = true;
      return '';
    }
    return show(v, format);
  });
  return missing ? undefined : out;
}

export interface FilledCommand {
  command: string;
  /** Placeholders whose value was refused (shown as `<unknown>`), with the kind they needed. */
  refused: Array<{ path: string; kind: ValueKind }>;
}

/**
 * Fills a next-step command for pasting into WinDbg: each value must be a plain instance of its
 * placeholder's kind (see command-values.ts), else `<unknown>` stands in its place. Undefined when a
 * value is missing, or when the command as a whole is still unsafe (a template of a hostile pack).
 */
export function fillCommand(template: string, facts: Record<string, unknown>): FilledCommand | undefined {
  let missing = false;
  const refused: FilledCommand['refused'] = [];
  const command = template.replace(PLACEHOLDER, (_, path: string) => {
    const v = resolvePath(facts, `$.${path}`);
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      missing = true;
      return '';
    }
    const kind = kindOf(path);
    const values = Array.isArray(v) ? v.map(String) : [String(v)];
    if (values.every((x) => acceptable(kind, x))) return values.join(' ');
    refused.push({ path, kind });
    return UNKNOWN;
  });
  if (missing || unsafeCommand(command) !== undefined) return undefined;
  return { command, refused };
}

/** Like fill, but a missing value is shown as `<name>` so the text still reads. */
export function fillLoose(template: string, facts: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_, path: string, format: string | undefined) => {
    const v = resolvePath(facts, `$.${path}`);
    if (v === undefined || v === null || v === '') return `<${path.split('.').pop()}>`;
    return show(v, format);
  });
}
