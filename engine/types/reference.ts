// The reference knowledge under rules/reference/ as TypeScript types. Mirrors schemas/fx-types,
// layout, wdf-object-apis and pool-tags .schema.json; change both together.

/** A cited source; entries elsewhere cite it by `id`. */
export interface ReferenceSource {
  id: string;
  title: string;
  url: string;
  commit?: string;
  /** Folder that `paths` (and entry citations) are relative to. */
  pathBase?: string;
  paths?: string[];
  author?: string;
  date?: string;
  note?: string;
}

// ---- fx-types.json --------------------------------------------------------------------------

export type FxTypeRange = 'core' | 'packages' | 'io_target' | 'dma' | 'interfaces' | 'base-enum' | 'sentinel';

export type FxTypeVisibility =
  | 'external'
  | 'internal'
  | 'external-qi-only'
  | 'qi-only'
  | 'interface'
  | 'unlisted'
  | 'unlisted-km'
  | 'range-base'
  | 'sentinel';

/** Whether objects carry the value in m_Type. */
export type MTypeStorage = 'yes' | 'no' | 'unverified';

export interface FxTypeEntry {
  name: string;
  value: number;
  /** As written in the source table, e.g. `0x100A`. */
  hex: string;
  range: FxTypeRange;
  /** Enum base of a member, e.g. FX_TYPES_BASE; absent for bases and the sentinel. */
  base?: string;
  offset?: number;
  visibility: FxTypeVisibility;
  handleType?: string;
  handleQualifier?: string;
  /** Handle types whose objects store this value although another constant names them. */
  alsoCarriedBy?: string[];
  storedInMType: MTypeStorage;
  /** The type such objects store instead (QueryInterface-only types). */
  storedAs?: string;
  createApis: string[];
  qiCreateApis: string[];
  deleteApis: string[];
  /** Framework class names behind this type (`^FxRequest$`), tried in file order. */
  classPattern?: string;
  notes?: string;
}

export interface FxTypesDocument {
  $schema: string;
  title: string;
  description: string;
  sources: ReferenceSource[];
  types: FxTypeEntry[];
}

// ---- layouts/*.json -------------------------------------------------------------------------

/** Architectures with their own layouts; ARM64 borrows x64's (see `ArchAlias`). */
export type LayoutArch = 'x64' | 'x86';
/** `shipped` = retail Wdf01000.sys (DBG_WDF=1); `dbg-wdf-0` = without the DBG_WDF members. */
export type BuildVariant = 'shipped' | 'dbg-wdf-0' | 'any';
export type LayoutEvidence = 'pdb' | 'calc' | 'source' | 'assumed';
export type LayoutKind = 'pool-header' | 'fxobject' | 'fx-pool' | 'fx-driver-globals' | 'fxobject-enums' | 'handles';

export interface ArchAlias {
  arch: 'arm64';
  sameAs: LayoutArch;
  evidence: 'assumed';
  note: string;
}

export interface PerArchHex {
  x64?: string;
  x86?: string;
  any?: string;
}

export interface LayoutConstant {
  name: string;
  values: PerArchHex;
  description: string;
}

export interface LayoutField {
  name: string;
  /** Hex, e.g. `0x40`. */
  offset: string;
  size: string;
  type: string;
  bitPosition?: number;
  bitCount?: number;
  units?: 'pool-blocks' | 'ascii-tag';
  aliases?: string[];
  evidence?: LayoutEvidence;
  description: string;
}

export interface StructLayout {
  arch: LayoutArch;
  variant: BuildVariant;
  evidence: LayoutEvidence;
  size?: string;
  /** m_ObjectSize of FxObject-derived classes (sizeof rounded up). */
  objectSize?: string;
  partial?: boolean;
  note?: string;
  fields: LayoutField[];
}

export interface StructDefinition {
  name: string;
  module: string;
  base?: string;
  description: string;
  layouts: StructLayout[];
}

export interface EnumMember {
  name: string;
  value: number;
  hex: string;
  shortName?: string;
  bitfieldName?: string;
  meaning?: string;
}

export interface EnumDefinition {
  name: string;
  kind: 'enum' | 'flags';
  field?: string;
  description: string;
  members: EnumMember[];
}

export interface NoDeleteDdiEntry {
  fxTypes: string[];
  scope: 'always' | 'some';
  description: string;
}

export type LocatorCondition = 'always' | 'small-block' | 'pool-tracking' | 'handle-verifier';
export type LocatorCheckId = 'base-self' | 'globals-match' | 'type-known' | 'debug-signature' | 'tracker-tag';
export type LocatorMode = 'retail' | 'pool-tracking' | 'handle-verifier' | 'pool-tracking+handle-verifier';

export interface FxPoolLocator {
  description: string;
  components: Array<{ name: string; present: LocatorCondition; sizeConstant?: string }>;
  checks: Array<{ id: LocatorCheckId; description: string; appliesTo: LocatorCondition }>;
  largeBlock: string;
  examples: Array<{
    arch: LayoutArch;
    mode: LocatorMode;
    fxPoolHeaderOffset?: string;
    debugExtensionOffset?: string;
    signatureOffset?: string;
    objectOffset: string;
    note?: string;
  }>;
}

export interface SizeArithmetic {
  objectSize: string;
  request: string;
  ntRequest: string;
  internalObjects: string;
  example: {
    arch: LayoutArch;
    objectSize: string;
    fxRequest: string;
    ntRequest: string;
    poolfindSize?: string;
    contextSizeMin?: string;
    contextSizeMax?: string;
    note?: string;
  };
}

export interface HandleRule {
  masks: Array<{ pointerBits: 32 | 64; mask: string }>;
  flagMask: string;
  offsetFlag: string;
  objectAlignment: number;
  toHandle: string;
  toObject: string;
  invalidHandle: string;
  examples: Array<{ pointerBits: 32 | 64; object: string; handle: string; offset?: string; source: string; note?: string }>;
}

export interface LayoutDocument {
  $schema: string;
  kind: LayoutKind;
  title: string;
  description: string;
  sources: ReferenceSource[];
  archAliases?: ArchAlias[];
  constants?: LayoutConstant[];
  structs?: StructDefinition[];
  enums?: EnumDefinition[];
  noDeleteDdi?: NoDeleteDdiEntry[];
  locator?: FxPoolLocator;
  sizeArithmetic?: SizeArithmetic;
  handleRule?: HandleRule;
  notes?: string[];
}

// ---- wdf-object-apis.json -------------------------------------------------------------------

export type Irql = 'PASSIVE_LEVEL' | 'APC_LEVEL' | 'DISPATCH_LEVEL';
export type ParentKind =
  | 'required'
  | 'driver'
  | 'device'
  | 'dma-enabler'
  | 'usb-device'
  | 'wmi-provider'
  | 'lookaside-setting'
  | 'root'
  | 'unverified';

export interface Citation {
  ref: string;
  paths?: string[];
}

export interface ApiCompanion {
  kind: 'pool' | 'handle';
  tag?: string;
  tagSource?: 'caller-pool-tag';
  perObject: number;
  via?: string;
  when?: string;
  description: string;
}

export interface WdfObjectApi {
  api: string;
  handleType: string;
  /** FX_TYPE the object stores in m_Type. */
  fxType: string;
  fxTypeValue: number;
  fxTypeHex: string;
  qiType?: string;
  qiTypeValue?: number;
  qiTypeHex?: string;
  delete: {
    apis: string[];
    withParent: boolean;
    driverDeletable: 'yes' | 'no' | 'conditional' | 'unverified';
    notes?: string;
  };
  defaultParent: {
    kind: ParentKind;
    parentObject: 'required' | 'optional' | 'not-allowed' | 'not-applicable' | 'unverified';
    ancestor?: 'device' | 'same-device';
    expected?: string;
    note?: string;
  };
  parentRequired: boolean;
  maxIrql: Irql;
  maxIrqlPaged?: Irql;
  irqlRuntimeCheck: 'yes' | 'no' | 'unstated';
  irqlNotes?: string;
  flagsAfterCreate?: string;
  lifetime: string;
  companions?: ApiCompanion[];
  verifierLeakDetection?: 'default-type' | 'always-counted' | 'driver-created-only';
  sources: Citation[];
}

export interface WdfObjectApisDocument {
  $schema: string;
  title: string;
  description: string;
  sources: ReferenceSource[];
  apis: WdfObjectApi[];
}

// ---- pool-tags.json -------------------------------------------------------------------------

export type PoolTagRole = 'wdf-companion' | 'wdf-framework' | 'verifier' | 'rejected-driver-tag' | 'kernel-cache';

export interface PoolTagEntry {
  /** Four characters in memory order. */
  tag: string;
  value: number;
  hex: string;
  owner: string;
  role: PoolTagRole;
  description: string;
  wdfRelevance: string;
  cLiteral?: string;
  relatedFxTypes?: string[];
  relatedApis?: string[];
  sources: string[];
}

export interface TagValue {
  tag: string;
  value: number;
  hex: string;
  updatesDriverTag?: boolean;
}

export interface DriverTagRule {
  description: string;
  explicitTag: { field: string; conditions: string[]; rejected: TagValue[]; updatesDriverTag: boolean };
  name: { source: string; charConversion: string; maxLength: number; whenNoBackslash: string; whenNoRegistryPath: string };
  stripPrefix: { prefix: string; caseInsensitive: boolean };
  take: number;
  minLength: number;
  shortNameFourthByte: number;
  fallback: TagValue;
  casePreserved: boolean;
  padding: 'none';
  examples: Array<{ serviceName: string; tag: string; hex: string; source: string; note?: string }>;
  notes?: string;
}

export interface PoolTagsDocument {
  $schema: string;
  title: string;
  description: string;
  sources: ReferenceSource[];
  tags: PoolTagEntry[];
  driverTagRule: DriverTagRule;
}
