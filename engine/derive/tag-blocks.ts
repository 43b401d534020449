// A tag's pool blocks from !poolfind: how many, their dominant size, a sample address, and how the
// block size compares with the average allocation !poolused gives.
import { cite, ref, type Subject } from './subject.js';
import type { TagContext } from './tag-context.js';
import { hex, round, sum } from './numbers.js';

export function addPoolBlocks(s: Subject, tag: string, ctx: TagContext): void {
  const { facts, k, arch } = ctx;
  const groups = facts.poolBlockGroups.filter((x) => x.tag === tag && x.state === 'allocated');
  if (groups.length) {
    const bySize = new Map<number, number>();
    for (const x of groups) bySize.set(x.size, (bySize.get(x.size) ?? 0) + x.count);
    const total = sum([...bySize.values()]);
    const [dominantSize, dominantCount] = [...bySize.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    const dominantGroup = groups.filter((x) => x.size === dominantSize).sort((a, b) => (a.section === 'small' ? -1 : 1) - (b.section === 'small' ? -1 : 1))[0]!;
    const sample = dominantGroup.samples[0]?.address;
    const off = k.fxObjectOffset(arch);
    const blocks: Record<string, unknown> = {
      count: total,
      distinctSizes: bySize.size,
      dominantSize,
      dominantSizeHex: hex(dominantSize),
      dominantCount,
      dominantShare: round(dominantCount / total),
      sampleAddress: sample,
      fxObjectOffsetHex: off.toString(16),
      terminated: facts.poolScans.some((sc) => sc.tag === tag && !!sc.terminatedAt),
    };
    const avg = (s.facts['pool'] as { averageSize?: number } | undefined)?.averageSize;
    if (avg) blocks['poolusedAverageToBlockSize'] = round(avg / dominantSize);
    s.facts['blocks'] = blocks;
    const first = dominantGroup.samples[0];
    if (first) {
      cite(s, 'blocks', ref(`!poolfind: ${dominantCount} of ${total} ${tag} blocks listed have size ${hex(dominantSize)}`, { ...dominantGroup.provenance, lines: [first.line, first.line] }));
    }
  }
}
