// WDFLEAK-0015 over its fixtures (real 0xCB captures copied from test/corpus).
import { describe, expect, it } from 'vitest';
import { checkFixtures, commands, findingsOf, fixture } from './fixtures.js';

const SLUG = 'locked-pages-leak';

describe(SLUG, () => {
  it('matches every positive fixture (as its .expect.json says) and no negative one', async () => {
    await checkFixtures(SLUG);
  });

  it('an Arg1 line alone is enough to know the bug check, and the driver is said to be unknown', async () => {
    const [f, ...rest] = await findingsOf(SLUG, fixture(SLUG, 'positive', 'docs-issue-0xcb-mmlk-arg1.txt'), 'cb.txt');
    expect(rest).toEqual([]);
    expect(f!.summary).toBe('bug check 0xCB: a driver (its name is not in the text) left pages locked (an MDL never unlocked)');
    expect(commands(f!)).toEqual(['ln 0xffff8b8c4dc1c520', '!pool 0xffff8b8c4dc1c520', '!analyze -v']);
  });

  it('BugCheck CB and !analyze -v of the same crash make one finding that names ks.sys', async () => {
    const found = await findingsOf(SLUG, fixture(SLUG, 'positive', 'learn-0xcb-testcap.txt'), 'learn.txt');
    expect(found).toHaveLength(1);
    expect(found[0]!.subject).toMatchObject({ kind: 'bugcheck', bugcheck: '0xCB', driver: 'ks' });
  });
});
