// WDFLEAK-0009 over its fixtures: bug check 0xC4/0x62 and !verifier 3, from the public ebpf-for-windows
// and ovs-issues captures; other 0xC4 subcodes and loaded drivers do not match.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'verifier-pool-leak-at-unload';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('ebpfcore.sys: the 0x12 allocations of the bug check are listed, 16 of them entv from one caller', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'ebpfcore-unload-leak.log'), 'ebpf.log');
    // The Fatal System Error line names no image: the only verified driver holding allocations is paired with it.
    expect(f!.subject).toMatchObject({ kind: 'unload', id: 'ebpfcore.sys', tag: 'entv', creator: 'eBPFCore!ebpf_allocate_with_tag+0x1e' });
    expect(f!.confidence).toMatchObject({
      level: 'confirmed',
      score: 0.95,
      matched: ['allocations-listed', 'callers-symbolized', 'count-matches', 'one-tag-dominates', 'driver-named'],
    });
    expect(f!.bucket).toBe('0xc4_62_LEAKED_POOL_IMAGE_ebpfcore.sys');
    expect(f!.summary).toBe('ebpfcore.sys unloaded with 18 pool allocation(s) not freed (Driver Verifier pool tracking)');
    expect(commands(f!)).toEqual(['ln 0xfffff8026ade780e', 'uf eBPFCore!ebpf_allocate_with_tag', '!verifier 0x80 0xffffaa0b72a64f40', '!analyze -v']);
  });

  it('OVSExt.sys from !analyze -v alone: suspected, and asks for the allocation table', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'ovsext-analyze-only.log'), 'ovs.log');
    expect(f!.subject.id).toBe('OVSExt.sys');
    expect(f!.confidence).toMatchObject({ level: 'suspected', matched: ['bucket-names-image', 'driver-named'] });
    expect(f!.summary).toBe('OVSExt.sys unloaded with 5 pool allocation(s) not freed (Driver Verifier pool tracking)');
    expect(commands(f!)).toEqual(['!verifier 3 OVSExt.sys']);
  });

  it('bug check 0xC4 with Arg1 0x0 (zero-byte allocation) is not a leak at unload', async () => {
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'c4-zero-byte-allocation.log'), 'c4.log')).toEqual([]);
  });
});
