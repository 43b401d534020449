// Signatures a report did not run because of their status, in words with the option that runs them:
// a new signature starts experimental, and without this its author sees "No leak signature matched".
import type { Report } from '../types/findings.js';

const SHOWN = 4;

/** `1 experimental signature not run (my-leak): --status experimental runs it`; undefined when none. */
export function skippedSentence(report: Pick<Report, 'skipped'>): string | undefined {
  const list = report.skipped?.signatures;
  if (!list?.length) return undefined;
  const n = list.length;
  const statuses = [...new Set(list.map((s) => s.status))].sort((a, b) => (a === 'experimental' ? 1 : b === 'experimental' ? -1 : 0));
  const slugs = list.slice(0, SHOWN).map((s) => s.slug).join(', ') + (n > SHOWN ? ` and ${n - SHOWN} more` : '');
  const option = statuses.includes('experimental') ? 'experimental' : 'test';
  return `${n} ${statuses.join(' or ')} signature${n === 1 ? '' : 's'} not run (${slugs}): --status ${option} runs ${n === 1 ? 'it' : 'them'}`;
}
