// Colour on when the stream is a terminal, unless --no-color or NO_COLOR (https://no-color.org) says
// otherwise; FORCE_COLOR turns it on for pipes (CI logs that render ANSI).
import { ANSI, PLAIN, type Style } from '../report/style.js';

export function colorEnabled(isTTY: boolean | undefined, env: NodeJS.ProcessEnv, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return isTTY === true;
}

export function styleFor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv, noColorFlag: boolean): Style {
  return colorEnabled(isTTY, env, noColorFlag) ? ANSI : PLAIN;
}
