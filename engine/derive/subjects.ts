// All subjects of a facts document, each with the facts its signatures read.
import type { FactsDocument, PoolTagDefinition } from '../types/facts.js';
import type { Knowledge } from '../types/knowledge.js';
import type { Subject } from './subject.js';
import { deriveTagSubjects } from './tag-subjects.js';
import { enrichTagMemory } from './tag-memory.js';
import { deriveDriverSubjects } from './driver-subjects.js';
import { deriveObjectTypeSubjects } from './object-type-subjects.js';
import { deriveUnloadSubjects } from './unload-subjects.js';
import { deriveBugcheckSubjects } from './bugcheck-subjects.js';
import { derivePoolSubjects } from './pool-subjects.js';
import { driverIndex } from './wdf-handles.js';

export interface SubjectOptions {
  poolTags?: readonly PoolTagDefinition[];
}

export function deriveSubjects(facts: FactsDocument, k: Knowledge, options: SubjectOptions = {}): Subject[] {
  const tags = deriveTagSubjects(facts, k, options);
  enrichTagMemory(tags, facts);
  const drivers = driverIndex(facts);
  return [
    ...tags,
    ...deriveDriverSubjects(facts, k, drivers),
    ...deriveObjectTypeSubjects(facts, k, drivers),
    ...deriveUnloadSubjects(facts, k),
    ...deriveBugcheckSubjects(facts),
    ...derivePoolSubjects(facts),
  ];
}
