// `wdfleak explain <thing>`: what a value seen in a dump means. An FX type (0x1025, FX_TYPE_WORKITEM,
// WDFWORKITEM) → its handle type and the APIs that create and delete it; a pool tag (amda, 0x61646d61)
// → its value, what wdfleak knows of it and the KMDF rule that derives it from a driver name; a WDF
// handle ↔ FxObject pointer; `--bytes "<db/dq text>"` → the pool header, WDF header and FxObject.
import { flag, list, str, UsageError, type OptionSpec } from './args.js';
import { EXIT, type CommandModule, type Io } from './command.js';
import type { Style } from '../report/style.js';
import type { Arch, FactsDocument } from '../types/facts.js';
import type { FxTypeEntry, WdfObjectApi } from '../types/reference.js';
import { InputError } from '../node/errors.js';
import { wrapText } from '../report/text.js';

type Kind = 'fxtype' | 'tag' | 'handle' | 'pointer' | 'api';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'arch', type: 'string', values: ['x64', 'x86', 'arm64'], description: 'architecture (pointer width, layouts)', defaultText: 'from the value or the dump, else x64' },
  { name: 'as', type: 'string', values: ['fxtype', 'tag', 'handle', 'pointer', 'api'], description: 'what the thing is, when the guess is wrong' },
  { name: 'bytes', type: 'string', placeholder: 'db/dq text', description: 'decode this memory dump (db, dd or dq output, with or without the command line) as a pool block' },
  { name: 'block', type: 'string', placeholder: 'address', description: "with --bytes: the block address !poolfind printed (default: after the dump's _POOL_HEADER, or the dump start)" },
  { name: 'drivers', type: 'string', multiple: true, placeholder: 'names', description: 'tag: driver or service names to test against the KMDF tag rule (comma-separated)' },
  { name: 'log', type: 'string', placeholder: 'file', description: 'tag: take the driver names from this WinDbg log' },
  { name: 'format', short: 'f', type: 'string', values: ['text', 'json'], description: 'output format', defaultText: 'text' },
  { name: 'signature', type: 'string', placeholder: 'slug|id', description: 'why this signature does or does not match the transcripts given: its conditions with the value each leaf read, for every subject of its kind' },
  { name: 'rules', type: 'string', multiple: true, placeholder: 'dir', description: 'with --signature: also load the signatures in this folder' },
  { name: 'rules-only', type: 'boolean', description: 'with --signature: use only the --rules packs, not the bundled signatures' },
  { name: 'pooltag', type: 'string', placeholder: 'pooltag.txt', description: "with --signature: your debugger's pooltag.txt, as analyze takes it" },
];

export const command: CommandModule = {
  help: {
    usage: [
      'explain <fx type | pool tag | handle | pointer | api> [--arch a]',
      'explain --bytes "<db/dq text>" [--arch x64] [--block address]',
      'explain --signature <slug|id> <transcript> [more files] [--rules dir]',
    ],
    summary: 'decode an FX type, a pool tag, a WDF handle or raw pool bytes; say why a signature matches or not',
    description: [
      'The kind is guessed from the text: a value in the FX_TYPE table (0x1025) or a name (FX_TYPE_WORKITEM, WDFWORKITEM); a pool tag of 1 to 4 characters or a 32-bit value whose bytes are printable (0x61646d61); a Wdf…Create API; otherwise a WDF handle or an FxObject pointer (a kernel address such as 0xffffda00`0f16ed40 is taken as the object, a smaller value as the handle). --as forces the kind, e.g. --as pointer to read a value the other way.',
      'With --signature, the transcripts are read as analyze reads them and the signature is evaluated on every subject of its kind (each tag, driver …): its required conditions and each evidence item, every leaf with its fact, path, operator, expected value and the value the subject holds (or absent), marked ✓ or ✗, and each all/any/not group with its outcome. With no subject of its kind, it says which commands produce one. The signature runs whatever its status.',
      'With --bytes, the dump is decoded as a pool block: the nt _POOL_HEADER (when the dump starts with one), the WDF FX_POOL_HEADER / tracker / debug extension found by the locator rule, and the FxObject fields (m_Type, flags, state, parent; FxWorkItem fields for a work item).',
    ],
    options: OPTIONS,
    examples: [
      ['wdfleak explain 0x1025', 'FX_TYPE_WORKITEM: WDFWORKITEM, created by WdfWorkItemCreate, deleted by WdfObjectDelete'],
      ['wdfleak explain amda --log site/cases/acp-workitem-leak/transcript.log', 'the tag value and the driver of the log whose name gives amda'],
      ['wdfleak explain 0xffffda00`0f16ed40', 'an FxObject pointer and its WDF handle'],
      ['wdfleak explain --arch x64 --bytes "$(cat test/fixtures/cli/acp-workitem-block.dq.txt)"', 'decode a dq dump of a leaked amda block: pool header, FX header, FxWorkItem'],
      ['wdfleak explain --signature iowi-tracks-driver-tag test/fixtures/cases/acp-poolused-only.log', 'each tag of the log against the IoWI signature: which condition holds, with which value'],
    ],
    exitCodes: [
      [0, 'explained'],
      [2, 'usage or input error (cannot tell what the thing is, bytes that are not a dump, no such signature)'],
      [3, 'internal error in wdfleak'],
    ],
  },
  async run(args, io) {
    const bytes = str(args, 'bytes');
    const arch = str(args, 'arch') as Arch | undefined;
    const json = str(args, 'format') === 'json';
    const signature = str(args, 'signature');
    if (signature !== undefined) {
      if (bytes !== undefined) throw new UsageError('give either --signature or --bytes, not both');
      const { explainSignatureOnFiles } = await import('./explain-signature.js');
      const explanation = await explainSignatureOnFiles(signature, args, io);
      const { formatExplanation } = await import('../report/why-not.js');
      return print(io, json, explanation, () => formatExplanation(explanation, io.style));
    }
    if (bytes !== undefined) {
      if (args.positionals.length) throw new UsageError('give either a thing to explain or --bytes, not both');
      const result = await explainBytes(bytes, arch, str(args, 'block'));
      return print(io, json, result, () => bytesText(result, io.style));
    }
    if (args.positionals.length !== 1) {
      throw new UsageError(args.positionals.length ? 'explain takes one thing at a time' : 'explain needs something to explain: 0x1025, amda, a handle, a pointer, --bytes, or --signature <slug> <transcript>');
    }
    const thing = args.positionals[0]!;
    const forced = str(args, 'as') as Kind | undefined;
    const kind = forced ?? (await guessKind(thing, arch));
    if (!kind) {
      throw new UsageError(`cannot tell what '${thing}' is: expected an FX type (0x1025, FX_TYPE_WORKITEM, WDFWORKITEM), a pool tag (amda, 0x61646d61), a Wdf…Create API, a WDF handle or object pointer; --as says which`);
    }
    switch (kind) {
      case 'fxtype': {
        const r = await explainFxType(thing);
        return print(io, json, r, () => fxTypeText(r, io.style));
      }
      case 'api': {
        const r = await explainApi(thing);
        return print(io, json, r, () => apiText(r, io.style));
      }
      case 'tag': {
        const r = await explainTag(thing, await driverNames(list(args, 'drivers'), str(args, 'log'), flag(args, 'quiet')));
        return print(io, json, r, () => tagText(r, io.style));
      }
      default: {
        const r = await explainHandle(thing, kind, arch);
        return print(io, json, r, () => handleText(r, io.style));
      }
    }
  },
};

async function print(io: Io, json: boolean, value: unknown, text: () => string): Promise<number> {
  if (json) {
    const { formatJson } = await import('../report/json.js');
    io.out(formatJson(value));
  } else {
    io.out(text());
  }
  return EXIT.ok;
}

// ---- guessing --------------------------------------------------------------------------------

const NUMBER = /^(?:0x)?[0-9a-f]+(?:`[0-9a-f]+)?$/i;

async function guessKind(thing: string, arch: Arch | undefined): Promise<Kind | undefined> {
  const t = thing.trim();
  const { fxTypeByName, fxTypeByValue, fxTypesOfHandleType } = await import('../reference/fx-types.js');
  const { wdfApi } = await import('../reference/wdf-object-apis.js');
  if (/^I?FX_[A-Z0-9_]+$/.test(t) && fxTypeByName(t)) return 'fxtype';
  if (/^WDF[A-Z_]+$/.test(t) && fxTypesOfHandleType(t).length) return 'fxtype';
  if (/^(?:imp_)?Wdf[A-Za-z0-9]+$/.test(t) && wdfApi(t)) return 'api';
  if (/^(['"]).{1,4}\1$/.test(t)) return 'tag';
  if (/^0x/i.test(t) || t.includes('`') || (NUMBER.test(t) && t.length > 4)) {
    if (!NUMBER.test(t)) return undefined;
    const digits = t.replace(/^0x/i, '').replace(/`/g, '');
    if (digits.length <= 8) {
      const v = parseInt(digits, 16);
      if (fxTypeByValue(v)) return 'fxtype';
      if (digits.length > 4 && printableTag(v)) return 'tag';
    }
    const big = BigInt('0x' + digits);
    const bits = arch ? (arch === 'x86' ? 32 : 64) : digits.length > 8 ? 64 : 32;
    const top = 1n << BigInt(bits - 1);
    // Kernel-mode pointers have the top bit set; handles are their complement.
    return (big & top) !== 0n ? 'pointer' : 'handle';
  }
  if (t.length >= 1 && t.length <= 4 && /^[\x20-\x7e]+$/.test(t)) return 'tag';
  return undefined;
}

function printableTag(v: number): boolean {
  for (let i = 0; i < 4; i++) {
    const c = (v >>> (8 * i)) & 0xff;
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// ---- FX types and APIs ------------------------------------------------------------------------

interface FxTypeExplanation {
  kind: 'fxtype';
  type: FxTypeEntry;
  apis: Array<Pick<WdfObjectApi, 'api' | 'handleType' | 'fxType'> & { deleteApis: string[]; parent?: string; lifetime?: string }>;
  /** For a handle type: every FX type its objects can carry. */
  alternatives: string[];
}

async function explainFxType(thing: string): Promise<FxTypeExplanation> {
  const { fxTypeByName, fxTypeByValue, fxTypesOfHandleType } = await import('../reference/fx-types.js');
  const { apisStoringFxType, apisAnsweringFxType } = await import('../reference/wdf-object-apis.js');
  const t = thing.trim();
  let entry: FxTypeEntry | undefined;
  let alternatives: string[] = [];
  if (/^WDF[A-Z_]+$/.test(t)) {
    const all = fxTypesOfHandleType(t);
    entry = all.find((e) => e.storedInMType !== 'no') ?? all[0];
    alternatives = all.map((e) => e.name).filter((n) => n !== entry?.name);
  } else if (/^I?FX_/.test(t)) {
    entry = fxTypeByName(t);
  } else {
    entry = fxTypeByValue(parseInt(t.replace(/^0x/i, ''), 16));
  }
  if (!entry) throw new UsageError(`'${thing}' is not in the FX_TYPE table (rules/reference/fx-types.json)`);
  const apis = [...apisStoringFxType(entry.name), ...apisAnsweringFxType(entry.name)].map((a) => ({
    api: a.api,
    handleType: a.handleType,
    fxType: a.fxType,
    deleteApis: a.delete.apis,
    ...(a.defaultParent?.note ? { parent: a.defaultParent.note } : a.defaultParent?.kind ? { parent: String(a.defaultParent.kind) } : {}),
    ...(a.lifetime ? { lifetime: a.lifetime } : {}),
  }));
  return { kind: 'fxtype', type: entry, apis, alternatives };
}

function fxTypeText(r: FxTypeExplanation, st: Style): string {
  const t = r.type;
  const out: string[] = [];
  out.push(`${st.bold(t.name)} = ${t.hex} (${t.value})${t.base ? st.dim(`  ${t.base} + 0x${(t.offset ?? 0).toString(16)}`) : ''}`);
  if (t.handleType) out.push(`  handle type    ${t.handleType}${t.handleQualifier ? ` (${t.handleQualifier})` : ''}`);
  if (t.alsoCarriedBy?.length) out.push(`  also carried by ${t.alsoCarriedBy.join(', ')}`);
  out.push(`  in m_Type      ${t.storedInMType === 'no' ? `never (objects store ${t.storedAs ?? 'another type'}; this type answers QueryInterface only)` : t.storedInMType}`);
  out.push(`  visibility     ${t.visibility}`);
  if (t.createApis.length) out.push(`  created by     ${t.createApis.join(', ')}`);
  if (t.qiCreateApis.length) out.push(`  (QI type of)   ${t.qiCreateApis.join(', ')}`);
  if (t.deleteApis.length) out.push(`  deleted by     ${t.deleteApis.join(', ')}`);
  if (t.notes) out.push(...wrapText(t.notes, 94, '  ').map((l) => st.dim(l)));
  if (r.alternatives.length) out.push(`  ${st.dim(`objects of this handle type can also carry: ${r.alternatives.join(', ')}`)}`);
  for (const a of r.apis) {
    out.push('', `${st.bold(a.api)} → ${a.handleType} (${a.fxType})`);
    out.push(`  delete with    ${a.deleteApis.join(', ') || 'the framework deletes it'}`);
    if (a.parent) out.push(...field('parent', a.parent));
    if (a.lifetime) out.push(...field('lifetime', a.lifetime));
  }
  return out.join('\n') + '\n';
}

/** `  label          text…` with the text wrapped under itself. */
function field(label: string, text: string): string[] {
  const lines = wrapText(text, 80, ' '.repeat(17));
  return [`  ${label.padEnd(15)}${lines[0]!.trimStart()}`, ...lines.slice(1)];
}

interface ApiExplanation {
  kind: 'api';
  api: WdfObjectApi;
}

async function explainApi(thing: string): Promise<ApiExplanation> {
  const { wdfApi } = await import('../reference/wdf-object-apis.js');
  const api = wdfApi(thing.trim());
  if (!api) throw new UsageError(`'${thing}' is not in the WDF object API table (rules/reference/wdf-object-apis.json)`);
  return { kind: 'api', api };
}

function apiText(r: ApiExplanation, st: Style): string {
  const a = r.api;
  const out = [`${st.bold(a.api)} → ${a.handleType}, m_Type ${a.fxType} (${a.fxTypeHex})`];
  out.push(`  delete with    ${a.delete.apis.join(', ') || 'nothing: the framework owns it'}${a.delete.withParent ? ' (or with its parent)' : ''}`);
  if (a.defaultParent?.note) out.push(...field('parent', a.defaultParent.note));
  if (a.maxIrql) out.push(`  IRQL           <= ${a.maxIrql}`);
  if (a.lifetime) out.push(...field('lifetime', a.lifetime));
  for (const c of a.companions ?? []) out.push(...field('companion', `${c.tag ? `pool tag ${c.tag}: ` : ''}${c.description}`));
  return out.join('\n') + '\n';
}

// ---- pool tags -------------------------------------------------------------------------------

interface TagExplanation {
  kind: 'tag';
  tag: string;
  display: string;
  value: string;
  bytes: string;
  cLiteral: string;
  known?: { owner?: string; description: string; wdfRelevance?: string };
  rule: string[];
  candidates: Array<{ name: string; serviceName: string; match: string; strippedPrefix: boolean; fromImageName: boolean }>;
  namesChecked: number;
}

async function driverNames(given: string[], log: string | undefined, quiet: boolean): Promise<string[]> {
  const names = given.flatMap((g) => g.split(',')).map((s) => s.trim()).filter(Boolean);
  if (log) {
    const { readFacts } = await import('../node/facts-of-files.js');
    const { facts } = await readFacts([log]);
    names.push(...modulesOf(facts));
    if (!quiet && names.length === 0) process.stderr.write(`wdfleak explain: note: ${log} names no driver module\n`);
  }
  return names;
}

/** Module and driver names a transcript mentions (stack frames, symbols, !wdfkd, !verifier, binaries). */
function modulesOf(facts: FactsDocument): string[] {
  const out = new Set<string>();
  for (const s of facts.stacks) for (const f of s.frames) if (f.module) out.add(f.module);
  for (const s of facts.symbols) if (s.module) out.add(s.module);
  for (const d of facts.wdfDrivers) {
    out.add(d.name);
    if (d.image) out.add(d.image);
  }
  for (const v of facts.verifierDrivers) out.add(v.module);
  for (const r of facts.poolUsage) if (r.binary && !r.binary.includes('!')) out.add(r.binary);
  return [...out].sort();
}

async function explainTag(thing: string, names: string[]): Promise<TagExplanation> {
  const { parseTag, displayTag, tagCLiteral, tagHex } = await import('../format/pool-tag.js');
  const { candidateDriversForTag } = await import('../reference/driver-tag.js');
  const { poolTagEntry, DRIVER_TAG_RULE } = await import('../reference/pool-tags.js');
  const t = thing.trim().replace(/^(['"])(.*)\1$/, '$2');
  const parsed = parseTag(t);
  if (!parsed) throw new UsageError(`'${thing}' is not a pool tag: expected 1 to 4 characters (amda) or a 32-bit value (0x61646d61)`);
  const bytes = [0, 1, 2, 3].map((i) => ((parsed.value >>> (8 * i)) & 0xff).toString(16).padStart(2, '0')).join(' ');
  const entry = poolTagEntry(parsed.tag) ?? poolTagEntry(displayTag(parsed.tag));
  const r = DRIVER_TAG_RULE;
  const rule = [
    `KMDF tags every allocation it makes for a driver with the driver's tag: WDF_DRIVER_CONFIG.DriverPoolTag when the driver sets it (not 0, not '${r.explicitTag.rejected.map((x) => x.tag).join("', '")}'),`,
    `otherwise from the service key name (the last part of the RegistryPath, not necessarily the .sys name): drop a leading '${r.stripPrefix.prefix}' (${r.stripPrefix.caseInsensitive ? 'any case' : 'exact case'}), keep the first ${r.take} characters with their case;`,
    `a name left with fewer than ${r.minLength} characters gets '${r.fallback.tag}' (${r.fallback.hex}); a 3-character name leaves a NUL 4th byte.`,
    `So '${displayTag(parsed.tag)}' comes from a service whose name starts with ${stem(parsed.tag)} or wdf${stem(parsed.tag)} (this case), or from a driver that sets DriverPoolTag ${tagCLiteral(parsed.tag)}.`,
  ];
  const candidates = candidateDriversForTag(parsed.tag, names).map((c) => ({
    name: c.name,
    serviceName: c.serviceName,
    match: c.match,
    strippedPrefix: c.derived.strippedPrefix,
    fromImageName: c.fromImageName,
  }));
  const out: TagExplanation = {
    kind: 'tag',
    tag: parsed.tag,
    display: displayTag(parsed.tag),
    value: tagHex(parsed.value),
    bytes,
    cLiteral: tagCLiteral(parsed.tag),
    rule,
    candidates,
    namesChecked: new Set(names).size,
  };
  if (entry) {
    out.known = { description: entry.description, ...(entry.owner ? { owner: entry.owner } : {}), ...(entry.wdfRelevance ? { wdfRelevance: entry.wdfRelevance } : {}) };
  }
  return out;
}

/** The name prefix a tag comes from: its characters up to a NUL or space padding. */
function stem(tag: string): string {
  return tag.replace(/[\0 ]+$/, '');
}

function tagText(r: TagExplanation, st: Style): string {
  const out = [`${st.bold(`Pool tag '${r.display}'`)} = ${r.value}`];
  out.push(`  bytes in memory  ${r.bytes}`);
  out.push(`  C literal        ${r.cLiteral} (multi-character constants are written reversed)`);
  if (r.known) {
    out.push(`  known as         ${r.known.description}${r.known.owner ? ` (${r.known.owner})` : ''}`);
    if (r.known.wdfRelevance) out.push(...wrapText(r.known.wdfRelevance, 94, '  ').map((l) => st.dim(l)));
  }
  out.push('', st.bold('KMDF driver tag rule'));
  out.push(...wrapText(r.rule.join(' '), 94, '  '));
  out.push('', st.bold('Candidate drivers'));
  if (r.namesChecked === 0) {
    out.push(st.dim('  give --log <transcript> or --drivers a,b,c to test driver names against the rule'));
  } else if (r.candidates.length === 0) {
    out.push(`  none of the ${r.namesChecked} names gives this tag (the driver may set DriverPoolTag, or not be in the list)`);
  } else {
    for (const c of r.candidates) {
      const notes = [c.match === 'case-insensitive' ? 'case differs' : '', c.strippedPrefix ? "after dropping 'wdf'" : '', c.fromImageName ? 'image name: the service name may differ' : ''].filter(Boolean);
      out.push(`  ${st.green(c.name)}${notes.length ? st.dim(`  (${notes.join('; ')})`) : ''}`);
    }
  }
  return out.join('\n') + '\n';
}

// ---- handles and pointers ----------------------------------------------------------------------

interface HandleExplanation {
  kind: 'handle' | 'pointer';
  input: string;
  bits: 32 | 64;
  /** Reading the value as a handle. */
  asHandle?: { object?: string; pointer: string; isOffset: boolean; problems: string[] };
  /** Reading the value as an FxObject pointer. */
  asObject?: { handle: string; aligned: boolean };
  commands: string[];
}

async function explainHandle(thing: string, kind: 'handle' | 'pointer', arch: Arch | undefined): Promise<HandleExplanation> {
  const { handleToObject, objectToHandle, pointerBitsOfText, parsePointer } = await import('../derive/handles.js');
  const t = thing.trim();
  if (parsePointer(t) === undefined) throw new UsageError(`'${thing}' is not an address or handle (hex, with or without 0x and backtick)`);
  const bits = arch ? (arch === 'x86' ? 32 : 64) : (pointerBitsOfText(t) ?? 64);
  const h = handleToObject(t, bits);
  const o = objectToHandle(t, bits);
  if (!h && !o) throw new UsageError(`'${thing}' does not fit in ${bits} bits; give --arch`);
  const r: HandleExplanation = { kind, input: t, bits, commands: [] };
  if (h) r.asHandle = { pointer: h.pointerHex, isOffset: h.isOffset, problems: h.problems, ...(h.objectHex ? { object: h.objectHex } : {}) };
  if (o) r.asObject = { handle: o.hex, aligned: o.aligned };
  const handle = kind === 'handle' ? '0x' + t.replace(/^0x/i, '').replace(/`/g, '') : o?.hex;
  const object = kind === 'pointer' ? '0x' + t.replace(/^0x/i, '').replace(/`/g, '') : h?.objectHex;
  if (handle) r.commands.push(`!wdfkd.wdfhandle ${handle} 0xff`);
  if (object) r.commands.push(`dt Wdf01000!FxObject ${object}`, `!wdfkd.wdfobject ${object}`);
  return r;
}

function handleText(r: HandleExplanation, st: Style): string {
  const out: string[] = [];
  const handleLine = r.asHandle
    ? r.asHandle.isOffset
      ? `as a WDF handle: an offset handle; the USHORT at ${r.asHandle.pointer} is the distance back to the object`
      : `as a WDF handle: FxObject at ${r.asHandle.object}`
    : undefined;
  const objectLine = r.asObject ? `as an FxObject pointer: WDF handle ${r.asObject.handle}${r.asObject.aligned ? '' : ' (not 8-byte aligned: unlikely to be an object)'}` : undefined;
  out.push(`${st.bold(r.input)} (${r.bits}-bit)`);
  const first = r.kind === 'pointer' ? objectLine : handleLine;
  if (first) out.push(`  ${first}`);
  out.push(`  ${st.dim(`read as ${r.kind === 'pointer' ? 'an object pointer (a kernel address)' : 'a handle'}; --as ${r.kind === 'pointer' ? 'handle' : 'pointer'} reads it the other way`)}`);
  for (const p of r.asHandle?.problems ?? []) if (r.kind === 'handle') out.push(`  ${st.yellow(p)}`);
  out.push(`  ${st.dim(`handle = object pointer XOR ${r.bits === 64 ? '0xfffffffffffffff8' : '0xfffffff8'} (FxHandleValueMask); low bit 1 marks an offset handle`)}`);
  out.push('', st.bold('Next'));
  for (const c of r.commands) out.push(`  ${st.cyan(c)}`);
  return out.join('\n') + '\n';
}

// ---- raw bytes ---------------------------------------------------------------------------------

interface BytesExplanation {
  kind: 'bytes';
  arch: Arch;
  archAssumed: boolean;
  dump: { address: string; length: number; command: string };
  poolHeader?: Awaited<ReturnType<typeof import('../derive/pool-header.js').decodePoolHeader>> & { address: string };
  block: string;
  location?: ReturnType<typeof import('../derive/fx-pool-block.js').locateFxObject>;
  /** When the dump starts at the object itself. */
  object?: ReturnType<typeof import('../derive/fxobject.js').decodeFxObjectBytes>;
  handle?: string;
  notes: string[];
}

/** Text of a memory dump → the same text with a command line in front, so the memory parser reads it. */
function withCommand(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim());
  if (lines.length === 0) return '';
  if (/^\s*(?:\d+:\s*)?k[dm]?>|^\s*\d+:\d+(?::\S+)?>/.test(lines[0]!)) return lines.join('\n');
  const first = lines[0]!.trim().split(/\s+/);
  const values = first.slice(1).filter((v) => /^[0-9a-f?]+(?:`[0-9a-f?]+)?(?:-[0-9a-f?]{2})?$/i.test(v));
  const width = values[0]?.replace(/`/g, '').replace(/-.*$/, '').length ?? 0;
  const verb = width === 2 ? 'db' : width === 4 ? 'dw' : width === 8 && !values[0]!.includes('`') ? 'dd' : 'dq';
  return [`0: kd> ${verb} ${first[0]}`, ...lines].join('\n');
}

async function explainBytes(text: string, archOpt: Arch | undefined, blockOpt: string | undefined): Promise<BytesExplanation> {
  const { ingestText } = await import('../ingest/ingest.js');
  const facts = ingestText(withCommand(text), '--bytes', archOpt ? { arch: archOpt } : {});
  const mem = facts.memory[0];
  if (!mem || mem.bytes.length === 0) {
    throw new InputError("no memory dump in the text: expected db/dd/dq output such as 'ffffda00`0f16ed30  ffffda00`0f16ed30 ffffda0f`f0157710'", '--bytes');
  }
  const { decodePoolHeader } = await import('../derive/pool-header.js');
  const { locateFxObject } = await import('../derive/fx-pool-block.js');
  const { decodeFxObjectBytes } = await import('../derive/fxobject.js');
  const { objectToHandle } = await import('../derive/handles.js');
  const arch: Arch = archOpt ?? facts.arch ?? (mem.address.length > 8 ? 'x64' : 'x86');
  const notes: string[] = [];
  const start = BigInt('0x' + mem.address);
  const bytes = Uint8Array.from(mem.bytes.match(/../g) ?? [], (h) => parseInt(h, 16));
  const ptr = arch === 'x86' ? 4 : 8;
  const hex = (v: bigint): string => v.toString(16).padStart(ptr * 2, '0');
  const r: BytesExplanation = {
    kind: 'bytes',
    arch,
    archAssumed: !archOpt && !facts.arch,
    dump: { address: mem.address, length: bytes.length, command: mem.command },
    block: '',
    notes,
  };
  if (facts.memory.length > 1) notes.push(`the text holds ${facts.memory.length} dumps; only the first (at ${mem.address}) is decoded`);

  let block: bigint;
  const header = decodePoolHeader(bytes, arch, 0);
  const headerLooksReal = header !== undefined && /^[\x20-\x7e]{4}$/.test(header.poolTag) && header.blockSizeBytes > 0;
  if (blockOpt !== undefined) {
    const b = blockOpt.trim().replace(/`/g, '').replace(/^0x/i, '');
    if (!/^[0-9a-f]{1,16}$/i.test(b)) throw new UsageError(`--block must be an address (got '${blockOpt}')`);
    block = BigInt('0x' + b);
    if (block < start || block >= start + BigInt(bytes.length)) throw new UsageError(`--block ${blockOpt} is outside the dump (${mem.address} + 0x${bytes.length.toString(16)})`);
    const at = Number(block - start) - (header?.headerSize ?? 0);
    const h = at >= 0 ? decodePoolHeader(bytes, arch, at) : undefined;
    if (h) r.poolHeader = { ...h, address: hex(start + BigInt(at)) };
  } else if (headerLooksReal) {
    r.poolHeader = { ...header!, address: hex(start) };
    block = start + BigInt(header!.headerSize);
  } else {
    block = start;
    notes.push('the dump does not start with a _POOL_HEADER (no printable tag): it is read from the block start; give --block if the block starts elsewhere');
  }
  r.block = hex(block);
  const slice = bytes.subarray(Number(block - start));
  const location = locateFxObject(slice, { arch, blockAddress: block, ...(r.poolHeader ? { poolTag: r.poolHeader.poolTag } : {}) });
  r.location = location;
  let objectAddress = location.objectAddress;
  if (!location.found) {
    const direct = decodeFxObjectBytes(slice, arch, { address: block });
    if (direct?.type?.known) {
      r.object = direct;
      objectAddress = hex(block);
      notes.push('no WDF pool header found, but the dump starts at a plausible FxObject');
    } else {
      notes.push('no FxObject found: the checks of each KMDF layout failed (see below); the dump may be too short, not a WDF block, or taken at another offset');
    }
  }
  if (objectAddress) {
    const h = objectToHandle(objectAddress, arch === 'x86' ? 32 : 64);
    if (h) r.handle = h.hex;
  }
  if (r.archAssumed) notes.push(`architecture ${arch} assumed from the address width; give --arch`);
  return r;
}

function bytesText(r: BytesExplanation, st: Style): string {
  const out: string[] = [];
  out.push(`${st.bold(`Memory at ${r.dump.address}`)}, 0x${r.dump.length.toString(16)} bytes (${r.dump.command}), ${r.arch}`);
  const row = (k: string, v: string): string => `  ${k.padEnd(16)}${v}`;
  const ph = r.poolHeader;
  if (ph) {
    out.push('', st.bold(`nt!_POOL_HEADER at ${ph.address}${ph.assumed ? ' (layout assumed)' : ''}`));
    out.push(row('PoolTag', `${ph.poolTagDisplay} (${ph.poolTagHex})${ph.protectedTag ? ' protected' : ''}`));
    out.push(row('BlockSize', `0x${ph.blockSize.toString(16)} → 0x${ph.blockSizeBytes.toString(16)} bytes (units of 0x${ph.blockUnit.toString(16)}, header included)`));
    out.push(row('PreviousSize', `0x${ph.previousSize.toString(16)} → 0x${ph.previousSizeBytes.toString(16)} bytes`));
    out.push(row('PoolIndex', String(ph.poolIndex)));
    out.push(row('PoolType', `0x${ph.poolType.toString(16)}`));
    if (ph.processBilled !== undefined) out.push(row('ProcessBilled', ph.processBilled));
  }
  const loc = r.location;
  if (loc?.found) {
    out.push('', st.bold(`WDF block at ${r.block}: ${loc.mode === 'retail' ? 'retail (KMDF verifier off)' : loc.mode}`));
    for (const c of loc.checks) out.push(`  ${c.ok ? st.green('✓') : st.red('✗')} ${c.id}: ${c.detail}`);
    if (loc.tracker) out.push(row('FX_POOL_TRACKER', `tag ${loc.tracker.tag}, size 0x${loc.tracker.size.toString(16)}, caller ${loc.tracker.callersAddress ?? 'null'}`));
    if (loc.debugExtension) out.push(row('debug extension', `tag tracker ${loc.debugExtension.tagTracker ?? 'null'}, verifier lock ${loc.debugExtension.verifierLock ?? 'null'}`));
  } else if (loc) {
    out.push('', st.bold(`No WDF header found at ${r.block}`));
    for (const t of loc.tried) out.push(`  ${st.red('✗')} ${t.mode}`);
    for (const c of loc.checks) out.push(`    ${c.ok ? '✓' : '✗'} ${c.id}: ${c.detail}`);
  }
  const o = loc?.object ?? r.object;
  if (o) {
    out.push('', st.bold(`FxObject at ${o.address ?? '?'}${o.assumed ? ' (layout assumed)' : ''}`));
    if (o.type) out.push(row('m_Type', `${o.type.hex}${o.type.name ? ` ${o.type.name}` : ' (not an FX_TYPE)'}${o.type.handleType ? ` (${o.type.handleType}${o.type.handleTypeCertain === false ? '?' : ''})` : ''}`));
    if (o.objectSize !== undefined) out.push(row('m_ObjectSize', `0x${o.objectSize.toString(16)}`));
    if (o.refcnt !== undefined) out.push(row('m_Refcnt', String(o.refcnt)));
    if (o.globals !== undefined) out.push(row('m_Globals', o.globals ?? 'null'));
    if (o.flags) {
      const del = o.flags.deleteCalled ? 'DELETECALLED set: WdfObjectDelete was called' : 'DELETECALLED not set: WdfObjectDelete was never called';
      out.push(row('m_ObjectFlags', `${o.flags.hex} ${o.flags.text}`));
      out.push(row('', st.dim(del)));
    }
    if (o.state) out.push(row('m_ObjectState', `${o.state.value}${o.state.name ? ` ${o.state.name}` : ''}`));
    if (o.parent !== undefined) out.push(row('m_ParentObject', o.parent ?? 'null'));
    if (o.deviceBase !== undefined) out.push(row('m_DeviceBase', o.deviceBase ?? 'null'));
    if (o.childListEmpty !== undefined) out.push(row('children', o.childListEmpty ? 'none (m_ChildListHead points to itself)' : 'some'));
    if (o.contextHeader) out.push(row('context header', `${o.contextHeader}${o.contextBackPointerOk === false ? ' (back-pointer does not match)' : o.contextBackPointerOk ? ' (back-pointer ok)' : ''}`));
    if (r.handle) out.push(row('WDF handle', r.handle));
    const w = o.workItem;
    if (w) {
      out.push('', st.bold('FxWorkItem'));
      if (w.ioWorkItem !== undefined) out.push(row('m_WorkItem', w.ioWorkItem ?? 'null'));
      if (w.enqueued !== undefined) out.push(row('m_Enqueued', String(w.enqueued)));
      if (w.runningDown !== undefined) out.push(row('m_RunningDown', String(w.runningDown)));
      if (w.runningCount !== undefined) out.push(row('running count', String(w.runningCount)));
      if (w.object !== undefined) out.push(row('m_Object', w.object ?? 'null'));
      if (w.callback !== undefined) out.push(row('m_Callback', `${w.callback ?? 'null'}${w.callbackSymbol ? ` ${w.callbackSymbol.symbol}` : ''}`));
      if (w.idle !== undefined) out.push(row('', st.dim(w.idle ? 'idle: not queued, not running: finished and waiting to be deleted' : 'in use')));
    }
    for (const p of o.problems) out.push(`  ${st.yellow('!')} ${p}`);
  }
  if (r.notes.length) {
    out.push('');
    for (const n of r.notes) out.push(st.dim(`note: ${n}`));
  }
  return out.join('\n') + '\n';
}
