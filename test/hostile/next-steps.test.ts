// Next-step commands are pasted into WinDbg: a value read from the transcript goes into one only when
// it is a plain instance of its kind; anything else shows as <unknown> with a note.
import { readFileSync } from 'node:fs';
import { ROOT, analyzer } from '../signatures/fixtures.js';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../engine/ingest/ingest.js';
import { acceptable, kindOf, unsafeCommand } from '../../engine/findings/command-values.js';
import { fillCommand } from '../../engine/findings/template.js';

const ACP = readFileSync(new URL('site/cases/acp-workitem-leak/transcript.log', ROOT), 'utf8');

const HOSTILE_SYMBOLS = [
  'drv!X;.shell -ci "x" cmd.exe /c calc.exe;',
  'drv!X;$$<c:\\evil.txt',
  'drv!X .block{.shell calc}',
  'drv!X\n.shell calc',
  'drv!X\r.shell calc',
  'drv!X$><c:\\a.txt',
  'drv!X"; .shell calc; "',
  'drv!X\u001b]0;title\u0007',
  'drv!X\u2028.shell calc',
];

/** Forbidden anywhere in a produced command, whatever the template. */
const NEVER = [/\.shell/i, /\$\$</, /\$></, /\.block/i, /[\r\n]/];

describe('next steps are safe to paste', () => {
  it('the bundled ACP case still fills its commands with the real values', async () => {
    const report = await analyzer.run(ingestText(ACP, 'acp.log'));
    const cmds = report.findings.flatMap((f) => f.nextSteps.map((s) => s.command));
    expect(cmds).toContain('uf amdacpbus2!AcpWorkItemCreate');
    expect(cmds).toContain('!wdfkd.wdfhandle 0x000025fff0e912b8 0xff');
    expect(cmds.join('\n')).not.toContain('<unknown>');
  });

  for (const hostile of HOSTILE_SYMBOLS) {
    it(`refuses the creator symbol ${JSON.stringify(hostile)}`, async () => {
      // The creating routine is the frame the stack parser reads: put the hostile name there.
      const text = ACP.replaceAll('amdacpbus2!AcpWorkItemCreate', hostile.replace(/[\r\n\u2028]/g, ' '));
      const report = await analyzer.run(ingestText(text, 'hostile.log'));
      const steps = report.findings.flatMap((f) => f.nextSteps);
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps) {
        for (const re of NEVER) expect(s.command).not.toMatch(re);
        expect(unsafeCommand(s.command)).toBeUndefined();
      }
      const uf = steps.filter((s) => s.command.startsWith('uf '));
      for (const s of uf) expect(s.command === 'uf <unknown>' || acceptable('symbol', s.command.slice(3))).toBe(true);
    });
  }

  it('fills <unknown> and says why, for every kind', () => {
    const facts = { creation: { creator: HOSTILE_SYMBOLS[0] }, tag: { name: 'a;b' }, blocks: { sampleAddress: 'ffff;.shell' }, driver: { name: 'drv .shell' } };
    expect(fillCommand('uf {creation.creator}', facts)).toEqual({ command: 'uf <unknown>', refused: [{ path: 'creation.creator', kind: 'symbol' }] });
    expect(fillCommand('!poolfind {tag.name} -nonpaged', facts)?.command).toBe('!poolfind <unknown> -nonpaged');
    expect(fillCommand('!pool {blocks.sampleAddress}', facts)?.command).toBe('!pool <unknown>');
    expect(fillCommand('!wdfkd.wdfdriverinfo {driver.name} 0x50', facts)?.command).toBe('!wdfkd.wdfdriverinfo <unknown> 0x50');
  });

  it('a hostile template of a rule pack yields no command at all', () => {
    expect(fillCommand('uf x; .shell calc', {})).toBeUndefined();
    expect(fillCommand('$$<c:\\a.txt', {})).toBeUndefined();
    expect(fillCommand('bp nt!X "k 10; gc"', {})?.command).toBe('bp nt!X "k 10; gc"');
  });

  it('accepts what WinDbg accepts for each kind', () => {
    const ok: Array<[string, string]> = [
      ['creation.creator', 'amdacpbus2!AcpDspSwInterruptDpc+0x13c'],
      ['creation.creator', 'Wdf01000!FxDpc::DpcHandler'],
      ['blocks.sampleAddress', 'ffffda00`0f16ed40'],
      ['handles.sampleHandle', '0x000025fff0e912b8'],
      ['tag.name', 'amda'],
      ['tag.name', 'Io?'],
      ['blocks.fxObjectOffsetHex', '10'],
      ['driver.name', 'ovpn-dco'],
      ['handles.fxClass', 'FxWorkItem'],
    ];
    for (const [path, v] of ok) expect(acceptable(kindOf(path), v), `${path} = ${v}`).toBe(true);
    const bad: Array<[string, string]> = [
      ['creation.creator', 'a b'],
      ['blocks.sampleAddress', 'ffffda00`0f16ed40;g'],
      ['blocks.sampleAddress', 'poi(@rsp)'],
      ['tag.name', 'am"a'],
      ['tag.name', 'amdab'],
      ['driver.name', '../x'],
      ['handles.fxClass', 'Fx<T>'],
    ];
    for (const [path, v] of bad) expect(acceptable(kindOf(path), v), `${path} = ${v}`).toBe(false);
  });
});
