// Named cut-offs shared by derivations and signatures (rules/reference/thresholds.json).
import data from '../../rules/reference/thresholds.json' with { type: 'json' };

export interface Threshold {
  value: number | [number, number];
  unit: string;
  description: string;
}

export const THRESHOLDS: Readonly<Record<string, Threshold>> = data.thresholds as unknown as Record<string, Threshold>;

const num = (name: string): number => THRESHOLDS[name]!.value as number;
const range = (name: string): readonly [number, number] => THRESHOLDS[name]!.value as [number, number];

/** Ratio range within which two allocation counts move one for one. */
export const ONE_FOR_ONE = range('oneForOne');
export const PAIR_MIN_ALLOCATIONS = num('pairMinAllocations');
export const GROWTH_MIN_BYTES = num('growthMinBytes');
export const GROWTH_MIN_FRACTION = num('growthMinFraction');
export const TOP_TAGS_PER_POOL = num('topTagsPerPool');

export const isOneForOne = (ratio: number): boolean => ratio >= ONE_FOR_ONE[0] && ratio <= ONE_FOR_ONE[1];
