// Every command family wdfleak parses, in the order they are asked; the first that accepts wins.
import type { CommandFamily } from '../types/ingest.js';
import { poolused } from './pool/poolused.js';
import { poolfind } from './pool/poolfind.js';
import { pool } from './pool/pool.js';
import { vm } from './pool/vm.js';
import { breakpoints } from './breakpoints.js';
import { dt } from './dt.js';
import { memory } from './memory.js';
import { registers } from './registers.js';
import { stack } from './stack.js';
import { symbols } from './symbols.js';
import { analyze } from './analyze.js';
import { verifier } from './verifier.js';
import { verifierViolation } from './verifier-violation.js';
import { poolmon } from './poolmon.js';
import { wdfdriverinfo } from './wdfkd/driverinfo.js';
import { wdfhandle } from './wdfkd/handle.js';
import { wdfobject } from './wdfkd/object.js';
import { wdfdevice } from './wdfkd/device.js';
import { wdftagtracker } from './wdfkd/tagtracker.js';
import { wdfpoolusage } from './wdfkd/poolusage.js';
import { wdfmemory } from './wdfkd/memory.js';
import { wdflogdump, wdfcrashdump } from './wdfkd/logdump.js';
import { wdffindobjects } from './wdfkd/findobjects.js';
import { wdfldr } from './wdfkd/ldr.js';
import { wdfdevicequeues } from './wdfkd/devicequeues.js';

export const FAMILIES: readonly CommandFamily[] = [poolused, poolfind, pool, vm, dt, stack, registers, memory, symbols, breakpoints,
  analyze, verifier, verifierViolation, poolmon,
  wdfdriverinfo, wdfhandle, wdfobject, wdfdevice, wdftagtracker, wdfpoolusage, wdfmemory, wdflogdump, wdfcrashdump, wdffindobjects, wdfldr,
  wdfdevicequeues];
