// The shapes of rules/reference/*.json the pages read. The full contract is
// engine/types/reference.ts (and schemas/*.schema.json); these views keep only what the pages use,
// with everything optional that a page can do without, so a reference file that is still growing
// renders what it has. The checks at the end make tsc fail if the contract drifts away from them.
import type * as Contract from '../../../engine/types/reference.js';

export interface SourceRef {
  id?: string;
  title: string;
  url: string;
  note?: string;
}

export interface FxTypeEntry {
  name: string;
  value: number;
  hex: string;
  range: string;
  base?: string;
  offset?: number;
  visibility: string;
  handleType?: string;
  handleQualifier?: string;
  storedInMType: string;
  storedAs?: string;
  createApis?: string[];
  qiCreateApis?: string[];
  deleteApis?: string[];
  notes?: string;
}

export interface FxTypesFile {
  title?: string;
  description?: string;
  sources?: SourceRef[];
  types: FxTypeEntry[];
}

export interface ApiEntry {
  api: string;
  handleType?: string;
  fxType?: string;
  fxTypeHex?: string;
  qiType?: string;
  qiTypeHex?: string;
  delete?: { apis?: string[]; withParent?: boolean; driverDeletable?: string; notes?: string };
  defaultParent?: { kind?: string; parentObject?: string; ancestor?: string; note?: string };
  parentRequired?: boolean;
  maxIrql?: string;
  maxIrqlPaged?: string;
  irqlNotes?: string;
  flagsAfterCreate?: string;
  lifetime?: string;
  companions?: Array<{ kind?: string; tag?: string; via?: string; description?: string }>;
}

export interface ApisFile {
  title?: string;
  description?: string;
  sources?: SourceRef[];
  apis: ApiEntry[];
}

export interface PoolTagEntry {
  tag: string;
  value?: number;
  hex?: string;
  owner?: string;
  role?: string;
  description?: string;
  wdfRelevance?: string;
  relatedFxTypes?: string[];
  relatedApis?: string[];
}

export interface PoolTagsFile {
  title?: string;
  description?: string;
  sources?: SourceRef[];
  tags: PoolTagEntry[];
  driverTagRule?: {
    description?: string;
    examples?: Array<{ serviceName: string; tag: string; hex?: string; source?: string; note?: string }>;
    notes?: string;
  };
}

export interface LayoutField {
  name: string;
  offset: string;
  size: string;
  type: string;
  description?: string;
  bitPosition?: number;
  bitCount?: number;
  units?: string;
  aliases?: string[];
  evidence?: string;
}

export interface StructLayout {
  arch: string;
  variant: string;
  evidence: string;
  size?: string;
  objectSize?: string;
  partial?: boolean;
  note?: string;
  fields: LayoutField[];
}

export interface StructEntry {
  name: string;
  module?: string;
  base?: string;
  description?: string;
  layouts: StructLayout[];
}

export interface EnumEntry {
  name: string;
  kind: 'enum' | 'flags';
  field?: string;
  description?: string;
  members: Array<{ name: string; value: number; hex?: string; shortName?: string; bitfieldName?: string; meaning?: string }>;
}

export interface LayoutFile {
  kind: string;
  title: string;
  description?: string;
  sources?: SourceRef[];
  archAliases?: Array<{ arch: string; sameAs: string; note?: string }>;
  constants?: Array<{ name: string; values: { x64?: string; x86?: string; any?: string }; description?: string }>;
  structs?: StructEntry[];
  enums?: EnumEntry[];
  notes?: string[];
  /** Sections of single files (handles, fx-pool, fxobject-enums); the page reads them loosely. */
  handleRule?: unknown;
  locator?: unknown;
  sizeArithmetic?: unknown;
  noDeleteDdi?: unknown;
}

// The contract's documents must fit these views (compile-time only).
type Fits<T extends true> = T;
export type ContractFits = [
  Fits<Contract.FxTypesDocument extends FxTypesFile ? true : false>,
  Fits<Contract.WdfObjectApisDocument extends ApisFile ? true : false>,
  Fits<Contract.PoolTagsDocument extends PoolTagsFile ? true : false>,
  Fits<Contract.LayoutDocument extends LayoutFile ? true : false>,
];
