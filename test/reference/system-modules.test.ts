// One list of modules that are never "the driver" (rules/reference/system-modules.json), used by the
// verifier pool log, creating stacks, KMDF verifier callers and tag owners alike.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSystemModule, SYSTEM_MODULES } from '../../engine/reference/system-modules.js';
import { ingestText } from '../../engine/ingest/ingest.js';

const poolLog = readFileSync(new URL('../fixtures/windbg/verifier/pool-log-0x80-x86.log', import.meta.url), 'utf8');

describe('system modules', () => {
  it('knows the kernel, HAL, framework, verifier extension and class libraries, in any case, with or without .sys', () => {
    for (const m of ['nt', 'NT', 'ntkrnlmp', 'hal', 'Wdf01000', 'wdf01000.sys', 'WdfLdr', 'VerifierExt', 'ndis', 'ks', 'portcls', 'acx01000']) expect(isSystemModule(m), m).toBe(true);
    for (const m of ['amdacpbus2', 'MyDriver', 'ebpfcore', 'ntfs']) expect(isSystemModule(m), m).toBe(false);
    expect(isSystemModule(undefined)).toBe(true);
    expect(new Set(SYSTEM_MODULES).size).toBe(SYSTEM_MODULES.length);
  });

  it('charges a verifier pool-log block to the driver below an NDIS frame, as the stack classifier does', () => {
    // The MyDriver block of the x86 pool log, with the allocation routed through NDIS as a miniport's would be.
    const viaNdis = poolLog.replace('9a3bf6ac MyDriver!DeviceControlDispatch+0x4c', '8a01f2c4 ndis!NdisAllocateMdl+0x24\n9a3bf6ac MyDriver!DeviceControlDispatch+0x4c');
    expect(viaNdis).not.toBe(poolLog);
    const d = ingestText(viaNdis).verifierDrivers;
    expect(d.map((x) => x.module)).toEqual(['MyDriver']);
    expect(d[0]!.poolLog![0]!.caller).toBe('MyDriver!DeviceControlDispatch+0x4c');
  });
});
