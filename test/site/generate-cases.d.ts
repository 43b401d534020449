export interface GeneratedCase {
  slug: string;
  driver: string;
  tag: string;
  functions: string[];
  markdown: string;
  transcript: string;
}
export function generateCase(index: number, seed?: number): GeneratedCase;
export function generateCases(count: number, seed?: number): GeneratedCase[];
