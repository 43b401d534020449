// Number helpers the tag derivers share: hex text, sums, rounded ratios.
export const hex = (n: number): string => `0x${n.toString(16)}`;
export const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
