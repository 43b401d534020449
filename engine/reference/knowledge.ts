// The bundled reference knowledge (rules/reference/*.json) behind the Knowledge interface that
// derivations use.
import type { CreateApiInfo, Knowledge } from '../types/knowledge.js';
import { tagFromValue, tagToValue } from '../format/pool-tag.js';
import { driverTag } from './driver-tag.js';
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
  driverTag,
  // A KMDF tag of a 3-character name has a NUL 4th byte; the tags signatures compare are whole.
  tagValue: (tag) => tagToValue(tag) ?? 0,
  tagFromValue,
  poolTag: (tag) => {
    const t = poolTagEntry(tag);
    return t ? { description: t.description, role: t.role, ...(t.owner ? { binary: t.owner } : {}) } : undefined;
  },
  fxObjectOffset: (arch) => layoutConstant('FX_POOL_HEADER_SIZE', arch) ?? 0x10,
};
