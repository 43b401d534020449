// All subjects of a facts document, each with the facts its signatures read.
import type { FactsDocument, PoolTagDefinition } from '../types/facts.js';
import type { Knowledge } from './knowledge.js';
import type { Subject } from './subject.js';
import { deriveTagSubjects } from './tag-subjects.js';

export interface SubjectOptions {
  poolTags?: readonly PoolTagDefinition[];
}

export function deriveSubjects(facts: FactsDocument, k: Knowledge, options: SubjectOptions = {}): Subject[] {
  return [...deriveTagSubjects(facts, k, options)];
}
