// Generated case write-ups for the search size budget test and the site build benchmark. Plain
// ESM JavaScript so `node test/bench/site-build.js` can use it without a build step.
// The text is shaped like a real write-up: a few hundred words of prose from a shared vocabulary,
// driver-specific identifiers, and WinDbg output blocks with addresses and stack frames.
import { rng } from '../support/rng.js';

const VERBS = ['Create', 'Alloc', 'Queue', 'Complete', 'Process', 'Handle', 'Start', 'Stop', 'Reset', 'Notify', 'Update', 'Read', 'Write'];
const NOUNS = ['WorkItem', 'Request', 'Buffer', 'Timer', 'Dpc', 'Interrupt', 'Stream', 'Packet', 'Event', 'Context', 'Queue', 'Descriptor'];
const AREAS = ['Dsp', 'Usb', 'Pci', 'Hda', 'Net', 'Bt', 'Gpio', 'I2c', 'Spi', 'Dma', 'Pwr', 'Io'];
const FX = ['FX_TYPE_WORKITEM', 'FX_TYPE_REQUEST', 'FX_TYPE_TIMER', 'FX_TYPE_DPC', 'FX_TYPE_OBJECT', 'FX_TYPE_REG_KEY', 'FX_TYPE_STRING'];
const SIGS = ['workitem-created-in-dpc', 'iowi-tracks-driver-tag', 'request-completed-not-deleted', 'timer-created-per-event'];
const WORDS = (
  'the driver allocates a new object for every event and never deletes it so nonpaged pool grows until the machine ' +
  'stops responding we took a kernel dump and ran poolused to sort the tags by bytes the top tag belongs to the ' +
  'device stack and its allocations track the work items one for one a conditional breakpoint on the allocator ' +
  'stopped with the stack through the framework pool allocator and the callback runs at passive level after the ' +
  'deferred procedure call queues it the parent is the device which lives until removal so every child stays in ' +
  'memory the fix creates the object once keeps the handle in the context and enqueues it again or deletes it at ' +
  'the end of its callback after the change the soak test ran overnight and the tag stayed flat the verifier ' +
  'reported outstanding allocations at unload with the caller address and the tag tracker listed references that ' +
  'were never released because a collection held them request memory lookaside registry key string timer spin ' +
  'lock wait lock interrupt queue target completion routine cancel cleanup destroy reference count state history'
).split(' ');


const pick = (r, list) => list[Math.floor(r() * list.length)];
const hex = (r, digits) => Array.from({ length: digits }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');

function sentence(r, driver, fns) {
  const n = 10 + Math.floor(r() * 14);
  const words = Array.from({ length: n }, () => pick(r, WORDS));
  if (r() < 0.5) words.splice(Math.floor(r() * n), 0, `\`${driver}!${pick(r, fns)}\``);
  if (r() < 0.2) words.splice(Math.floor(r() * n), 0, `\`0x${hex(r, 4)}\``);
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function stack(r, driver, fns) {
  const lines = [' # Child-SP          RetAddr               Call Site'];
  const frames = ['nt!ExAllocatePool2', 'Wdf01000!FxPoolAllocator+0x81', 'Wdf01000!imp_WdfWorkItemCreate+0xd3', ...fns.slice(0, 4).map((f) => `${driver}!${f}+0x${hex(r, 2)}`), 'nt!KiExecuteAllDpcs+0x67e', 'nt!KiRetireDpcList+0x36b'];
  frames.forEach((frame, i) => lines.push(`${i.toString(16).padStart(2, '0')} ffffd68d\`${hex(r, 8)} fffff804\`${hex(r, 8)}     ${frame}`));
  return lines;
}

/** One case: { slug, markdown, transcript }. `index` makes names unique; `seed` varies the text. */
export function generateCase(index, seed = 1) {
  const r = rng(seed * 100003 + index);
  const driver = `${pick(r, ['acme', 'contoso', 'fabrikam', 'northwind', 'tailspin'])}${pick(r, AREAS).toLowerCase()}${index}`;
  const tag = `${driver.slice(0, 3)}${'abcdefghijklmnopqrstuvwxyz'[index % 26]}`;
  const fns = Array.from({ length: 12 }, () => `${pick(r, AREAS)}${pick(r, VERBS)}${pick(r, NOUNS)}`);
  const transcript = [
    '0: kd> !poolused 2',
    ' Tag     Allocs         Used     Allocs         Used',
    ` ${tag}   ${1000 + Math.floor(r() * 5e6)}   ${Math.floor(r() * 2e9)}          0            0\tUNKNOWN pooltag '${tag}', please update pooltag.txt`,
    ` IoWI   ${1000 + Math.floor(r() * 5e6)}   ${Math.floor(r() * 6e8)}          0            0\tIo work items , Binary: nt!io`,
    '8: kd> k',
    ...stack(r, driver, fns),
    `0: kd> !poolfind ${tag} -nonpaged`,
    ...Array.from({ length: 40 }, () => `ffffda00${hex(r, 8)} : tag ${tag}, size    0x140, Nonpaged pool`),
  ];
  const sections = ['Symptom', 'Evidence', 'Who allocates the tag', 'The object', 'Root cause', 'Fix'];
  const body = sections
    .map((title, s) => {
      const paragraphs = Array.from({ length: 2 + Math.floor(r() * 2) }, () =>
        Array.from({ length: 3 + Math.floor(r() * 3) }, () => sentence(r, driver, fns)).join(' '),
      );
      const block = s === 1 ? `\n\n\`\`\`windbg from=1 {3,4}\n${transcript.slice(0, 4).join('\n')}\n\`\`\`` : s === 2 ? `\n\n\`\`\`windbg from=5\n${transcript.slice(4, 15).join('\n')}\n\`\`\`` : '';
      return `## ${title}\n\n${paragraphs.join('\n\n')}${block}`;
    })
    .join('\n\n');
  const frontmatter = [
    '---',
    `title: "${driver}: ${pick(r, NOUNS)} leak in ${fns[0]}"`,
    `date: 2024-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`,
    `drivers: [${driver}]`,
    `poolTags: [${tag}, IoWI]`,
    `fxTypes: [${pick(r, FX)}]`,
    `signatures: [${pick(r, SIGS)}]`,
    'status: confirmed',
    'authors: [generated]',
    `summary: "${sentence(r, driver, fns).replace(/[`"]/g, '')}"`,
    '---',
  ].join('\n');
  return { slug: `generated-${String(index).padStart(4, '0')}`, driver, tag, functions: fns, markdown: `${frontmatter}\n\n${body}\n`, transcript: `${transcript.join('\n')}\n` };
}

export function generateCases(count, seed = 1) {
  return Array.from({ length: count }, (_, i) => generateCase(i, seed));
}
