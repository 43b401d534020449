// The reference knowledge under rules/reference/ as TypeScript types. They are generated from
// schemas/fx-types, layout, wdf-object-apis and pool-tags .schema.json into engine/types/generated/
// (`npm run generate:types`; a test fails when they are stale): change the schema, never a twin of it here.
// This file gives them the names the engine uses.
import type { FxType, Source, WdfleakFX_TYPETable } from './generated/fx-types.js';
import type {
  ArchAlias as GeneratedArchAlias, Constant, Enum, EnumMember as GeneratedEnumMember, Field, HandleRule as GeneratedHandleRule,
  Layout, Locator, NoDeleteDdi, PerArch, SizeArithmetic as GeneratedSizeArithmetic, Struct, WdfleakMemoryLayouts,
} from './generated/layout.js';
import type { Api, Citation as GeneratedCitation, Companion, Irql as GeneratedIrql, WdfleakWDFObjectAPITable } from './generated/wdf-object-apis.js';
import type { DriverTagRule as GeneratedDriverTagRule, Tag, TagValue as GeneratedTagValue, WdfleakWDFPoolTags } from './generated/pool-tags.js';

/** A cited source; entries elsewhere cite it by `id`. */
export type ReferenceSource = Source;

// ---- fx-types.json --------------------------------------------------------------------------

export type FxTypesDocument = WdfleakFX_TYPETable;
export type FxTypeEntry = FxType;
export type FxTypeRange = FxType['range'];
export type FxTypeVisibility = FxType['visibility'];
/** Whether objects carry the value in m_Type. */
export type MTypeStorage = FxType['storedInMType'];

// ---- layouts/*.json -------------------------------------------------------------------------

export type LayoutDocument = WdfleakMemoryLayouts;
export type LayoutKind = WdfleakMemoryLayouts['kind'];
export type StructDefinition = Struct;
export type StructLayout = Layout;
/** Architectures with their own layouts; ARM64 borrows x64's (see `ArchAlias`). */
export type LayoutArch = Layout['arch'];
/** `shipped` = retail Wdf01000.sys (DBG_WDF=1); `dbg-wdf-0` = without the DBG_WDF members. */
export type BuildVariant = Layout['variant'];
export type LayoutEvidence = Layout['evidence'];
export type LayoutField = Field;
export type ArchAlias = GeneratedArchAlias;
export type PerArchHex = PerArch;
export type LayoutConstant = Constant;
export type EnumDefinition = Enum;
export type EnumMember = GeneratedEnumMember;
export type NoDeleteDdiEntry = NoDeleteDdi;
export type FxPoolLocator = Locator;
export type LocatorCondition = Locator['components'][number]['present'];
export type LocatorCheckId = Locator['checks'][number]['id'];
export type LocatorMode = Locator['examples'][number]['mode'];
export type SizeArithmetic = GeneratedSizeArithmetic;
export type HandleRule = GeneratedHandleRule;

// ---- wdf-object-apis.json -------------------------------------------------------------------

export type WdfObjectApisDocument = WdfleakWDFObjectAPITable;
export type WdfObjectApi = Api;
export type Irql = GeneratedIrql;
export type ParentKind = Api['defaultParent']['kind'];
export type Citation = GeneratedCitation;
export type ApiCompanion = Companion;

// ---- pool-tags.json -------------------------------------------------------------------------

export type PoolTagsDocument = WdfleakWDFPoolTags;
export type PoolTagEntry = Tag;
export type PoolTagRole = Tag['role'];
export type TagValue = GeneratedTagValue;
export type DriverTagRule = GeneratedDriverTagRule;

// ---- fact-catalogue.json and fact-examples.json ----------------------------------------------

export type { FactDeclaration, PathDeclaration, WdfleakFactCatalogue as FactCatalogueDocument } from './generated/fact-catalogue.js';
export type { FactExample, WdfleakFactExamples as FactExamplesDocument } from './generated/fact-examples.js';
