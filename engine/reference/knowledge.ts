// The bundled reference knowledge (rules/reference/*.json) behind the Knowledge interface that
// derivations use. Lookup maps are built once, at first import.
import fxTypes from '../../rules/reference/fx-types.json' with { type: 'json' };
import apis from '../../rules/reference/wdf-object-apis.json' with { type: 'json' };
import poolTags from '../../rules/reference/pool-tags.json' with { type: 'json' };
import enums from '../../rules/reference/layouts/fxobject-enums.json' with { type: 'json' };
import fxPool from '../../rules/reference/layouts/fx-pool.json' with { type: 'json' };
import type { CreateApiInfo, FxTypeInfo, Knowledge } from '../derive/knowledge.js';
import { driverTagOf, tagOfValue, valueOfTag } from '../derive/tags.js';

const byValue = new Map<number, FxTypeInfo>();
const byName = new Map<string, FxTypeInfo>();
for (const t of fxTypes.types) {
  const info: FxTypeInfo = { name: t.name, value: t.value };
  if (t.handleType) info.handleType = t.handleType;
  byName.set(t.name, info);
  // Range bases share their value with the first member; the member wins.
  if (!t.name.endsWith('_BASE') || !byValue.has(t.value)) byValue.set(t.value, info);
}

const createApis = new Map<string, CreateApiInfo>();
for (const a of apis.apis) {
  createApis.set(a.api, {
    api: a.api,
    handleType: a.handleType,
    fxType: a.fxType,
    deleteApi: a.delete.apis[0] ?? 'WdfObjectDelete',
    defaultParent: a.defaultParent.kind,
  });
}

const flagEnum = enums.enums.find((e) => e.name === 'FXOBJECT_FLAGS')!;
const stateEnum = enums.enums.find((e) => e.name === 'FxObjectState')!;
const stateNames = new Map(stateEnum.members.map((m) => [m.value, m.name]));
const tagInfo = new Map(poolTags.tags.map((t) => [t.tag, t]));
const fxPoolHeader = fxPool.constants.find((c) => c.name === 'FX_POOL_HEADER_SIZE')!.values as unknown as Record<string, string>;

export const KNOWLEDGE: Knowledge = {
  fxTypeByValue: (v) => byValue.get(v),
  fxTypeByName: (n) => byName.get(n),
  createApi: (n) => createApis.get(n),
  driverTag: (name) => driverTagOf(name),
  tagValue: (tag) => valueOfTag(tag),
  tagFromValue: (v) => tagOfValue(v),
  flagNames: (flags) =>
    flagEnum.members.filter((m) => (flags & m.value) !== 0).map((m) => ('shortName' in m && m.shortName ? String(m.shortName) : m.name)),
  stateName: (s) => stateNames.get(s),
  poolTag: (tag) => {
    const t = tagInfo.get(tag);
    return t ? { description: t.description, binary: t.owner } : undefined;
  },
  fxObjectOffset: (arch) => parseInt(fxPoolHeader[arch === 'x86' ? 'x86' : 'x64'] ?? '0x10', 16),
};
