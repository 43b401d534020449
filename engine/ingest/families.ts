// Every command family wdfleak parses, in the order they are asked; the first that accepts wins.
import type { CommandFamily } from '../types/ingest.js';
import { poolused } from './pool/poolused.js';

export const FAMILIES: readonly CommandFamily[] = [poolused];
