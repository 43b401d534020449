// What gives a signature something to run on: for each subject kind, the debugger output it is derived
// from (engine/derive/*-subjects.ts). `explain --signature` prints it when a transcript has no subject of
// the signature's kind, which is the most common reason a signature "does not match".
import type { SubjectKind } from '../types/signature.js';

export interface SubjectSource {
  /** One subject of the kind, in words. */
  what: string;
  /** Commands whose output produces one; <angle brackets> are for the reader to fill. */
  commands: string[];
}

export const SUBJECT_SOURCES: Readonly<Record<SubjectKind, SubjectSource>> = {
  tag: {
    what: 'a pool tag: one of the largest in a !poolused or poolmon listing, or a tag that !poolfind, !pool or an allocation breakpoint names',
    commands: ['!poolused 2', '!poolused 4', '!poolfind <tag> -nonpaged'],
  },
  driver: {
    what: 'a KMDF driver that the framework extension names (driver info, in-flight recorder, pool usage, KMDF verifier reports)',
    commands: ['!wdfkd.wdfdriverinfo <driver> 0x50', '!wdfkd.wdflogdump <driver>', '!wdfkd.wdfpoolusage <driver>'],
  },
  'object-type': {
    what: 'a driver × WDF handle type seen in a handle tree',
    commands: ['!wdfkd.wdfdriverinfo <driver> 0x10', '!wdfkd.wdfhandle <WDFDRIVER or WDFDEVICE handle> 0xff'],
  },
  unload: {
    what: 'a driver Driver Verifier caught unloading with pool still allocated (bug check 0xC4 with Arg1 0x62 or 0x60, or a !verifier 3 entry of an unloaded driver)',
    commands: ['!analyze -v', '!verifier 3 <driver>.sys'],
  },
  bugcheck: {
    what: 'a bug check the text shows (!analyze -v, *** Fatal System Error, BugCheck XX, {…})',
    commands: ['!analyze -v'],
  },
  pool: {
    what: 'nonpaged or paged pool as a whole, when !vm prints its usage against the maximum or an excessive-usage warning',
    commands: ['!vm'],
  },
};
