// The analyzer page: text or a log file in, findings out, all in the browser. The engine runs in a
// Web Worker (analyzer-worker.ts), one per run, so the page stays responsive, shows how far the run
// got and can cancel it by terminating the worker. Nothing the reader provides is sent anywhere: the
// only request this script makes is for the bundled example transcript, and only when its button is
// pressed (the worker's script comes from this site).
import type { Arch } from '../../../engine/types/facts.js';
import type { SignatureStatus } from '../../../engine/types/signature.js';
import type { AnalyzeRequest, AnalyzerMessage } from './analyzer-worker.js';
import { renderReport, h } from './report-view.js';
import { formatBytes, formatCount } from '../../../engine/format/units.js';

/**
 * A file (in bytes) or a paste (in characters) bigger than this is kept out of the text box and
 * analyzed as it is: a text box holding megabytes makes every click on the page cost the browser
 * tens of milliseconds (measured: 50–110 ms per hit test with 4 MB in it on a loaded machine).
 */
const SHOW_LIMIT = 512 * 1024;

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

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
  const progress = document.querySelector<HTMLElement>('#analyzer-progress');
  const bar = document.querySelector<HTMLProgressElement>('#analyzer-progress progress');
  const progressText = document.querySelector<HTMLElement>('#analyzer-progress-text');
  const cancel = document.querySelector<HTMLButtonElement>('#analyzer-cancel');
  const runButton = document.querySelector<HTMLButtonElement>('#analyzer-run');
  if (!form || !input || !fileInput || !fileStatus || !drop || !example || !output || !status || !reportEl) return;
  if (!progress || !bar || !progressText || !cancel || !runButton) return;
  const base = document.body.dataset.base ?? '/';
  /** Input kept out of the text box (a big file or paste); the text box is analyzed when unset. */
  let held: { name: string; input: string | Uint8Array } | undefined;
  const hold = (name: string, what: string | Uint8Array, note: string) => {
    held = { name, input: what };
    input.value = '';
    fileStatus.textContent = note;
  };
  /** The worker of the run under way. */
  let worker: Worker | undefined;

  const stop = () => {
    worker?.terminate();
    worker = undefined;
    progress.hidden = true;
  };
  const fail = (message: string) => {
    stop();
    status.textContent = 'The analysis did not finish.';
    reportEl.replaceChildren(
      h(
        'div',
        { class: 'notice error', role: 'alert' },
        h('p', {}, h('strong', {}, 'The analyzer stopped with an error: '), message),
        h('p', {}, 'Nothing was sent anywhere. If the engine in this build is incomplete, the command line gives the same analysis: npx wdfleak analyze your.log'),
      ),
    );
  };

  const loadFile = async (f: File) => {
    const bytes = new Uint8Array(await f.arrayBuffer());
    if (bytes.length <= SHOW_LIMIT) {
      const { createDecoder } = await import('../../../engine/transcript/decode.js');
      const decoder = createDecoder();
      input.value = decoder.write(bytes) + decoder.end();
      held = undefined;
      fileStatus.textContent = `Loaded ${f.name} into the text box.`;
    } else {
      hold(f.name, bytes, `${f.name} (${formatBytes(bytes.length, { exact: true })}) will be analyzed from the file; it is too big to show here.`);
    }
  };

  fileInput.addEventListener('change', () => {
    const f = fileInput.files?.[0];
    if (f) void loadFile(f);
  });
  input.addEventListener('paste', (event) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= SHOW_LIMIT) return;
    event.preventDefault();
    hold('pasted text', text, `Pasted ${plural(text.length, 'character')}: too many to show here, they will be analyzed as pasted. Typing in the box analyzes the box instead.`);
  });
  input.addEventListener('input', () => {
    if (held) {
      held = undefined;
      fileStatus.textContent = 'The text box is analyzed, not what was loaded before.';
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
      held = undefined;
      fileStatus.textContent = 'Loaded the ACP case transcript.';
    } catch (error) {
      fileStatus.textContent = `The example could not be loaded (${(error as Error).message}).`;
    }
  });
  cancel.addEventListener('click', () => {
    stop();
    status.textContent = 'Analysis cancelled.';
  });
  form.addEventListener('reset', () => {
    stop();
    held = undefined;
    fileStatus.textContent = '';
    status.textContent = '';
    reportEl.replaceChildren();
  });

  // Nothing submits the form (the pasted text must never leave the page), but guard it anyway.
  form.addEventListener('submit', (event) => event.preventDefault());
  runButton.addEventListener('click', () => {
    const text = input.value;
    if (!held && !/\S/.test(text)) {
      status.textContent = 'Paste some WinDbg output or choose a log file first.';
      return;
    }
    const choice = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    const arch = (choice('arch') as Arch | '') || undefined;
    const request: AnalyzeRequest = {
      name: held?.name ?? 'pasted text',
      input: held?.input ?? text,
      status: (choice('status') as Exclude<SignatureStatus, 'deprecated'>) || 'test',
      ...(arch ? { arch } : {}),
    };
    stop();
    status.textContent = 'Analyzing…';
    reportEl.replaceChildren();
    bar.removeAttribute('value');
    progressText.textContent = 'Starting the engine…';
    progress.hidden = false;
    /** A paste is counted in characters, a file in bytes. */
    const amount =
      typeof request.input === 'string'
        ? (done: number, total: number) => `${formatCount(done)} of ${plural(total, 'character')}`
        : (done: number, total: number) => `${formatBytes(done)} of ${formatBytes(total)}`;
    const started = performance.now();
    const run = new Worker(new URL('./analyzer-worker.ts', import.meta.url), { type: 'module' });
    worker = run;
    run.onmessage = ({ data: message }: MessageEvent<AnalyzerMessage>) => {
      if (run !== worker) return;
      switch (message.kind) {
        case 'progress':
          bar.max = message.total;
          bar.value = message.done;
          progressText.textContent = `${amount(message.done, message.total)} read, ${plural(message.lines, 'line')}`;
          break;
        case 'matching':
          bar.value = bar.max;
          progressText.textContent = `${plural(message.lines, 'line')} read; matching the signatures…`;
          break;
        case 'done': {
          stop();
          const count = message.report.findings.length;
          reportEl.replaceChildren(renderReport(message.report, base));
          status.textContent = `Done in ${Math.round(performance.now() - started)} ms: ${plural(count, 'finding')}.`;
          output.focus();
          break;
        }
        case 'failed':
          fail(message.message);
      }
    };
    run.onerror = (event) => {
      if (run === worker) fail(event.message || 'the engine could not be loaded');
    };
    run.postMessage(request);
  });
  form.hidden = false;
}
