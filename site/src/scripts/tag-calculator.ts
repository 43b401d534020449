// The tag calculator on the pool tags page: service name → KMDF driver tag, tag ↔ ULONG value.
import { hex32, parseTagValue, tagBytes, tagFromServiceName, tagToValue, valueToTag } from '../lib/pool-tag.js';

function lines(out: HTMLElement, items: Array<string | [string, string]>): void {
  out.replaceChildren(
    ...items.map((item) => {
      const p = document.createElement('p');
      if (typeof item === 'string') p.textContent = item;
      else {
        p.append(`${item[0]} `);
        const code = document.createElement('code');
        code.textContent = item[1];
        p.append(code);
      }
      return p;
    }),
  );
}

function breakpoint(value: number): string {
  return `bp nt!ExAllocatePool2 ".if (@r8 == ${hex32(value)}) {} .else {gc}"`;
}

export function initTagCalculator(): void {
  const form = document.querySelector<HTMLFormElement>('#tag-calculator');
  if (!form) return;
  const field = (name: string) => form.querySelector<HTMLInputElement>(`[name=${name}]`)!;
  const out = (id: string) => form.querySelector<HTMLElement>(`#${id}`)!;

  const service = () => {
    const target = out('calc-service-out');
    try {
      const derived = tagFromServiceName(field('service').value, field('explicit').value || undefined);
      lines(target, [
        ['Tag:', derived.tag],
        ['Value:', `${hex32(derived.value)} (bytes ${tagBytes(derived.value)})`],
        ...derived.steps,
        ['Break on its allocations (x64; x2 instead of r8 on ARM64):', breakpoint(derived.value)],
      ]);
    } catch (error) {
      lines(target, [(error as Error).message]);
    }
  };
  const tag = () => {
    const text = field('tag').value;
    try {
      if (text === '') return lines(out('calc-tag-out'), ['Type a tag.']);
      const value = tagToValue(text);
      lines(out('calc-tag-out'), [['Value:', hex32(value)], ['Bytes in memory:', tagBytes(value)]]);
    } catch (error) {
      lines(out('calc-tag-out'), [`Not a tag: ${(error as Error).message}.`]);
    }
  };
  const value = () => {
    const parsed = parseTagValue(field('value').value);
    if (parsed === undefined) return lines(out('calc-value-out'), ['Type a 32-bit value in hex, e.g. 0x61646d61.']);
    lines(out('calc-value-out'), [['Tag:', valueToTag(parsed)], ['Bytes in memory:', tagBytes(parsed)]]);
  };

  field('service').addEventListener('input', service);
  field('explicit').addEventListener('input', service);
  field('tag').addEventListener('input', tag);
  field('value').addEventListener('input', value);
  form.addEventListener('submit', (event) => event.preventDefault());
  form.hidden = false;
  service();
  tag();
  value();
}
