// The bundled reference knowledge (rules/reference/*.json) behind the Knowledge interface that
// derivations use.
import type { CreateApiInfo, Knowledge } from '../types/knowledge.js';
import { driverTagOf, tagOfValue, valueOfTag } from '../derive/tags.js';
import { layoutConstant } from './layouts.js';
import { poolTagEntry } from './pool-tags.js';
import { wdfApi } from './wdf-object-apis.js';

const createApis = new Map<string, CreateApiInfo | undefined>();

export const KNOWLEDGE: Knowledge = {
  createApi: (name) => {
    if (!createApis.has(name)) {
      const a = wdfApi(name);
      createApis.set(name, a && {
        api: a.api,
        handleType: a.handleType,
        fxType: a.fxType,
        deleteApi: a.delete.apis[0] ?? 'WdfObjectDelete',
        defaultParent: a.defaultParent.kind,
      });
    }
    return createApis.get(name);
  },
  driverTag: driverTagOf,
  tagValue: valueOfTag,
  tagFromValue: tagOfValue,
  poolTag: (tag) => {
    const t = poolTagEntry(tag);
    return t ? { description: t.description, role: t.role, ...(t.owner ? { binary: t.owner } : {}) } : undefined;
  },
  fxObjectOffset: (arch) => layoutConstant('FX_POOL_HEADER_SIZE', arch) ?? 0x10,
};
