// WDFLEAK-0010 over its fixtures: the KMDF verifier's object-count report in the IFR.
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'kmdf-verifier-excessive-objects';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
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
