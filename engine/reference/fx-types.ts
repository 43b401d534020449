// The FX_TYPE table (rules/reference/fx-types.json) with lookups by name and by value.
import data from '../../rules/reference/fx-types.json' with { type: 'json' };
import type { FxTypeEntry, FxTypesDocument } from '../types/reference.js';

export const FX_TYPES_DOCUMENT = data as unknown as FxTypesDocument;
export const FX_TYPES: readonly FxTypeEntry[] = FX_TYPES_DOCUMENT.types;

const byName = new Map<string, FxTypeEntry>();
// Bases share their value with the first member of their range: the member wins a value lookup.
const byValue = new Map<number, FxTypeEntry>();
for (const t of FX_TYPES) {
  byName.set(t.name, t);
  if (t.range !== 'base-enum') byValue.set(t.value, t);
}

export function fxTypeByName(name: string): FxTypeEntry | undefined {
  return byName.get(name);
}

/** The FX_TYPE member with this value (never an FX_*_BASE constant). */
export function fxTypeByValue(value: number): FxTypeEntry | undefined {
  return byValue.get(value);
}

/** True when a real object can hold this value in m_Type (known, and not QueryInterface-only). */
export function isStorableMType(value: number): boolean {
  const t = byValue.get(value);
  return t !== undefined && t.storedInMType !== 'no';
}

export interface HandleTypeGuess {
  handleType: string;
  /** False when the value is shared (0x1000 is WDFMEMORY only when the object has a context). */
  certain: boolean;
}

/** The WDF handle type of an object whose m_Type is `value`. */
export function handleTypeOfMType(value: number): HandleTypeGuess | undefined {
  const t = byValue.get(value);
  if (!t) return undefined;
  if (t.handleType) return { handleType: t.handleType, certain: true };
  const carried = t.alsoCarriedBy?.[0];
  return carried ? { handleType: carried, certain: false } : undefined;
}

/** Types a handle type maps to (WDFMEMORY → FX_TYPE_OBJECT via alsoCarriedBy, plus its QI types). */
export function fxTypesOfHandleType(handleType: string): FxTypeEntry[] {
  return FX_TYPES.filter((t) => t.handleType === handleType || t.alsoCarriedBy?.includes(handleType));
}

/** `0x1025` for 4133, in the table's spelling when the value is known. */
export function fxTypeHex(value: number): string {
  return byValue.get(value)?.hex ?? '0x' + value.toString(16).toUpperCase();
}

const classPatterns = FX_TYPES.filter((t) => t.classPattern).map((t) => ({ re: new RegExp(t.classPattern!), type: t }));
/** Class names repeat by the thousand in a leaking tree: each is matched against the table once. */
const classCache = new Map<string, FxTypeEntry | undefined>();

/** The FX type of a framework class name (`FxRequest`, `Wdf01000!FxMemoryBufferFromPool`). */
export function fxTypeOfClass(fxClass: string): FxTypeEntry | undefined {
  if (classCache.has(fxClass)) return classCache.get(fxClass);
  const cls = fxClass.includes('!') ? fxClass.slice(fxClass.indexOf('!') + 1) : fxClass;
  const found = classPatterns.find((c) => c.re.test(cls))?.type;
  if (classCache.size < 1024) classCache.set(fxClass, found);
  return found;
}

/** The FX type whose classes carry this handle type (WDFMEMORY → IFX_TYPE_MEMORY). */
export function fxTypeEntryOfHandleType(handleType: string): FxTypeEntry | undefined {
  return classPatterns.find((c) => c.type.handleType === handleType)?.type;
}
