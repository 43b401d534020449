import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../engine/ingest/ingest.js';
import { formatSchemaError } from '../../../engine/validate/messages.js';
import { validateFacts } from '../../../engine/validate/validate-facts.js';

const FAMILIES = ['wdfdriverinfo', 'wdfhandle', 'wdfobject', 'wdfdevice', 'wdftagtracker', 'wdfpoolusage', 'wdfmemory', 'wdflogdump', 'wdfcrashdump', 'wdffindobjects', 'wdfldr', 'verifier', 'analyze', 'poolmon', 'mixed'];

describe('facts of the WDF, verifier, !analyze and poolmon captures', () => {
  for (const family of FAMILIES) {
    const dir = new URL(`../../fixtures/windbg/${family}/`, import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.log'))) {
      it(`${family}/${file} gives schema-valid facts`, () => {
        const facts = ingestText(readFileSync(new URL(file, dir), 'utf8'), file);
        expect(validateFacts(JSON.parse(JSON.stringify(facts))).map(formatSchemaError)).toEqual([]);
      });
    }
  }
});
