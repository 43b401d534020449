// The analyzer page: text or a log file in, findings out, all in the browser. The engine loads on
// first use. Nothing the reader provides is sent anywhere: the only request this script makes is
// for the bundled example transcript, and only when its button is pressed.
import type { Arch, FactsDocument } from '../../../engine/types/facts.js';
import type { SignatureStatus } from '../../../engine/types/signature.js';
import { renderReport, h } from './report-view.js';
import { formatBytes } from '../../../engine/format/units.js';

type Engine = typeof import('./analyzer-engine.js');
let engine: Promise<Engine> | undefined;
const loadEngine = () => (engine ??= import('./analyzer-engine.js'));

/** A file too big to show in the text box is analyzed from its bytes. */
const SHOW_LIMIT = 2 * 1024 * 1024;

export function initAnalyzer(): void {
  const form = document.querySelector<HTMLFormElement>('#analyzer');
  const input = document.querySelector<HTMLTextAreaElement>('#analyzer-input');
  const fileInput = document.querySelector<HTMLInputElement>('#analyzer-file');
  const fileStatus = document.querySelector<HTMLElement>('#analyzer-file-status');
  const drop = document.querySelector<HTMLElement>('#analyzer-drop');
  const example = document.querySelector<HTMLButtonElement>('#analyzer-example');
  const output = document.querySelector<HTMLElement>('#analyzer-output');
  const status = document.querySelector<HTMLElement>('#analyzer-status');
  const reportEl = document.querySelector<HTMLElement>('#analyzer-report');
  if (!form || !input || !fileInput || !fileStatus || !drop || !example || !output || !status || !reportEl) return;
  const base = document.body.dataset.base ?? '/';
  let file: { name: string; bytes: Uint8Array } | undefined;

  const loadFile = async (f: File) => {
    const bytes = new Uint8Array(await f.arrayBuffer());
    if (bytes.length <= SHOW_LIMIT) {
      const { createDecoder } = await loadEngine();
      const decoder = createDecoder();
      input.value = decoder.write(bytes) + decoder.end();
      file = undefined;
      fileStatus.textContent = `Loaded ${f.name} into the text box.`;
    } else {
      file = { name: f.name, bytes };
      input.value = '';
      fileStatus.textContent = `${f.name} (${formatBytes(bytes.length, { exact: true })}) will be analyzed from the file; it is too big to show here.`;
    }
  };

  fileInput.addEventListener('change', () => {
    const f = fileInput.files?.[0];
    if (f) void loadFile(f);
  });
  input.addEventListener('input', () => {
    if (file) {
      file = undefined;
      fileStatus.textContent = 'The text box is analyzed, not the file.';
    }
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    const f = event.dataTransfer?.files?.[0];
    if (f) void loadFile(f);
  });
  example.addEventListener('click', async () => {
    try {
      const response = await fetch(example.dataset.example ?? '');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      input.value = await response.text();
      file = undefined;
      fileStatus.textContent = 'Loaded the ACP case transcript.';
    } catch (error) {
      fileStatus.textContent = `The example could not be loaded (${(error as Error).message}).`;
    }
  });
  form.addEventListener('reset', () => {
    file = undefined;
    fileStatus.textContent = '';
    status.textContent = '';
    reportEl.replaceChildren();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value;
    if (!file && text.trim() === '') {
      status.textContent = 'Paste some WinDbg output or choose a log file first.';
      return;
    }
    const data = new FormData(form);
    const arch = (data.get('arch') as string) || undefined;
    const maturity = (data.get('status') as Exclude<SignatureStatus, 'deprecated'>) || 'test';
    status.textContent = 'Analyzing…';
    reportEl.replaceChildren();
    const started = performance.now();
    try {
      const e = await loadEngine();
      const ingestOptions = arch ? { arch: arch as Arch } : {};
      let facts: FactsDocument;
      let name: string;
      let source: string;
      if (file) {
        name = file.name;
        facts = e.ingestBytes(file.bytes, name, ingestOptions);
        const decoder = e.createDecoder();
        source = decoder.write(file.bytes) + decoder.end();
      } else {
        name = 'pasted text';
        facts = e.ingestText(text, name, ingestOptions);
        source = text;
      }
      const report = await e.analyze(facts, { signatures: e.signatures }, {
        status: maturity,
        ...(arch ? { arch: arch as Arch } : {}),
        quote: e.quoteFromText(name, source),
      });
      reportEl.replaceChildren(renderReport(report, base));
      status.textContent = `Done in ${Math.round(performance.now() - started)} ms: ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}.`;
      output.focus();
    } catch (error) {
      status.textContent = 'The analysis did not finish.';
      reportEl.replaceChildren(
        h(
          'div',
          { class: 'notice error', role: 'alert' },
          h('p', {}, h('strong', {}, 'The analyzer stopped with an error: '), String((error as Error)?.message ?? error)),
          h('p', {}, 'Nothing was sent anywhere. If the engine in this build is incomplete, the command line gives the same analysis: npx wdfleak analyze your.log'),
        ),
      );
    }
  });
  form.hidden = false;
}
