// WDFLEAK-0007 over its fixtures: a deleted WDFREQUEST that a forgotten reference keeps in memory.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'deleted-object-still-referenced';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('x64: DeletedAndDisposed with refcount 1 and an unreleased dwFx reference is confirmed', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'request-reference-never-released.log'), 'x64.log');
    expect(f!.subject).toMatchObject({ kind: 'driver', id: 'contosofx', driver: 'contosofx', handleType: 'WDFREQUEST' });
    expect(f!.confidence).toMatchObject({ level: 'confirmed', score: 0.8, matched: ['tracker-outstanding', 'refcount-shown', 'history-shows-delete'] });
    expect(f!.summary).toBe('contosofx: WDFREQUEST 0xffffb80e29371c00 was deleted (FxObjectStateDeletedAndDisposed) but is still referenced; its memory cannot be freed');
    expect(f!.bucket).toBe('WDF_LEAK_REFERENCE_WDFREQUEST_contosofx');
    expect(commands(f!)).toEqual(['!wdfkd.wdfobject 0xffffb80e29371c00', '!wdfkd.wdfdriverinfo contosofx 0x1', '!wdfkd.wdflogdump contosofx']);
    // The tag tracker block is quoted as evidence of the outstanding reference.
    expect(f!.evidence.some((e) => e.description.includes('!wdftagtracker: 1 references more than releases'))).toBe(true);
  });

  it('x86 legacy output: state from !wdfobject alone, no refcount shown, so the handle is the next step', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'x86-legacy-deleted-request.log'), 'x86.log');
    expect(f!.subject.id).toBe('wdfrawbusenumtest');
    expect(f!.confidence).toMatchObject({ level: 'likely', matched: ['tracker-outstanding', 'history-shows-delete'] });
    expect(commands(f!)).toContain('!wdfkd.wdfhandle 0x7dfa2748');
  });

  it('the same request while alive (state Created, references balanced) is not reported', async () => {
    expect(await findingsOf(SLUG, fixture(SLUG, 'negative', 'live-request-balanced-references.log'), 'live.log')).toEqual([]);
  });
});
