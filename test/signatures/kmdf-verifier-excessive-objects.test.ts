// WDFLEAK-0010 over its fixtures: the KMDF verifier's object-count report in the IFR.
import { describe, expect, it } from 'vitest';
import { commands, findingsOf, fixture, fixtures } from './fixtures.js';

const SLUG = 'kmdf-verifier-excessive-objects';

describe(SLUG, () => {
  it('matches every positive fixture and no negative one', async () => {
    for (const f of fixtures(SLUG, 'positive')) expect((await findingsOf(SLUG, f.text, f.name)).length, f.name).toBe(1);
    for (const f of fixtures(SLUG, 'negative')) expect(await findingsOf(SLUG, f.text, f.name), f.name).toEqual([]);
  });

  it('reports the count and the limit and asks for the object counts the framework recommends', async () => {
    const [f] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'contosohid-object-limit.log'), 'x.log');
    expect(f!.subject).toMatchObject({ kind: 'driver', id: 'contosohid' });
    expect(f!.confidence).toMatchObject({ level: 'likely', score: 0.75, matched: ['count-reported', 'verifier-on'] });
    expect(f!.summary).toBe('contosohid: the KMDF verifier counted 5000 live WDF objects, limit 5000; objects are created faster than they are deleted');
    expect(commands(f!)).toEqual(['!wdfkd.wdfdriverinfo contosohid 0x41', '!wdfkd.wdfdriverinfo contosohid 0x50', '!wdfkd.wdflogdump contosohid']);
  });

  it('without a driver name in the log the report still names the driver from !wdfdriverinfo', async () => {
    const text = fixture(SLUG, 'positive', 'contosohid-object-limit.log').replace('!wdfkd.wdflogdump contosohid', '!wdfkd.wdflogdump');
    const [f] = await findingsOf(SLUG, text, 'anon.log');
    expect(f!.subject.driver).toBe('contosohid');
  });
});
