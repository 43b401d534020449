// A tag's identity and owner: its value, description, and the driver it belongs to with the proof of
// it (the driver's own globals, a printed Driver Tag, a stack through the framework, the KMDF name rule,
// or only a pooltag.txt line).
import type { FactsDocument, PoolTagDefinition, Provenance } from '../types/facts.js';
import { cite, ref, type Subject } from './subject.js';
import { isSystemModule } from '../reference/system-modules.js';
import type { DecodedFxObject } from './fx-objects.js';
import type { TagUsage } from './growth.js';
import type { TagContext } from './tag-context.js';
import { tagToValue } from '../format/pool-tag.js';
import { hex } from './numbers.js';

export function addTagOwner(s: Subject, tag: string, value: number, known: Pick<PoolTagDefinition, 'description' | 'binary'> | undefined, row: TagUsage | undefined, ctx: TagContext): void {
  const { facts, k, globals, modules, creations } = ctx;
  // Who owns the tag, by graded proof: the driver's own _FX_DRIVER_GLOBALS.Tag or the `Driver Tag:` that
  // !wdfdriverinfo / !wdfpoolusage print; then a driver frame on a stack that allocates through the
  // framework; then only the KMDF name rule (a module whose name gives the tag).
  const g = globals.find((x) => x.tag === tag);
  if (g) cite(s, 'globals', ref(`_FX_DRIVER_GLOBALS at ${g.address} has Tag ${hex(g.tagValue!)} (${tag})`, g.provenance));
  const printed = facts.wdfDrivers.find((d) => d.driverTag === tag) ?? facts.wdfPoolUsage.find((u) => u.driverTag === tag);
  const printedName = printed ? ('name' in printed ? printed.name : printed.driver) : undefined;
  const derived = [...modules.keys()].filter((m) => k.driverTag(m) === tag);
  const onStack = derived.filter((m) => creations.some((c) => c.allocating && c.driver?.toLowerCase() === m.toLowerCase()));
  // A pooltag.txt line (or the !poolused `Binary:`) naming the owner: not proof that KMDF chose the tag, but it
  // vetoes the name rule when it names another binary (`nt!io` owns IoWI whatever a module is called).
  const ownerText = row?.binary ?? known?.binary;
  const owner = ownerText?.match(/^([\w.-]+?)(?:\.sys)?$/i)?.[1] ?? ownerText?.match(/^(\w+)!/)?.[1];
  const vetoed = !!owner && !derived.some((m) => m.toLowerCase() === owner.toLowerCase());
  const proof = g ? 'fx-driver-globals' : printedName ? 'wdf-driver-tag' : onStack.length ? 'wdf-stack' : derived.length && !vetoed ? 'name-rule' : owner ? 'pooltag' : undefined;
  const drivers =
    proof === 'fx-driver-globals' || proof === 'wdf-driver-tag' ? [...new Set([printedName ?? derived[0], ...derived].filter((x): x is string => !!x))]
      : proof === 'wdf-stack' ? [...onStack]
        : proof === 'name-rule' ? [...derived]
          : [];
  if (owner && !isSystemModule(owner) && !drivers.some((d) => d.toLowerCase() === owner.toLowerCase())) drivers.push(owner);
  drivers.sort();
  if (proof !== 'pooltag' && !vetoed) for (const d of derived) for (const p of modules.get(d)!.slice(0, 2)) cite(s, 'tag', ref(`module ${d} derives tag ${tag}`, p));
  if (printed) cite(s, 'tag', ref(`${printedName ?? 'the driver'} prints Driver Tag ${tag}`, printed.provenance));
  const tagFacts: Record<string, unknown> = {
    name: tag,
    // Printed tags shorter than four characters are blank-padded in memory ('Abc ' = 0x20636241).
    value: hex(g?.tagValue ?? tagToValue(tag, ' ') ?? value),
    unknownInPooltag: row?.unknownTag === true,
    drivers,
    driver: drivers[0],
    /** How the owner is known: fx-driver-globals > wdf-driver-tag > wdf-stack > name-rule > pooltag. */
    driverProof: proof,
    kmdfDriverTag: !!g || !!printedName || (derived.length > 0 && !vetoed),
  };
  if (known) tagFacts['description'] = known.description;
  // Kernel tags that are large in normal use (registry hive cells …): rules/reference/pool-tags.json.
  tagFacts['normallyLarge'] = k.poolTag(tag)?.role === 'kernel-cache';
  if (row?.description) tagFacts['description'] = row.description;
  if (row?.binary) tagFacts['binary'] = row.binary;
  s.facts['tag'] = tagFacts;
  if (g) s.facts['globals'] = { address: g.address, tag: g.tag, matchesTag: true };
}

/** Module names seen anywhere (stacks, symbols, callbacks, WDF and verifier facts) with where. */
export function moduleNames(facts: FactsDocument, objects: DecodedFxObject[]): Map<string, Provenance[]> {
  const out = new Map<string, Provenance[]>();
  const add = (m: string | undefined, p: Provenance): void => {
    if (!m) return;
    const name = m.replace(/\.sys$/i, '');
    if (isSystemModule(name)) return;
    const list = out.get(name) ?? [];
    if (list.length < 4) list.push(p);
    out.set(name, list);
  };
  for (const s of facts.stacks) for (const f of s.frames) add(f.module, { ...s.provenance, lines: [f.line, f.line] });
  for (const sym of facts.symbols) add(sym.module, sym.provenance);
  for (const o of objects) if (o.callback) add(o.callback.split('!')[0], o.provenance[0]!);
  for (const d of facts.wdfDrivers) add(d.name, d.provenance);
  for (const v of facts.verifierDrivers) add(v.module, v.provenance);
  return out;
}
