// Text styling for terminal reports: the formatters take a Style so they stay isomorphic; the CLI
// decides whether it is ANSI colour or plain text.

export interface Style {
  enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
}

const id = (s: string): string => s;

export const PLAIN: Style = {
  enabled: false,
  bold: id,
  dim: id,
  red: id,
  yellow: id,
  green: id,
  cyan: id,
  magenta: id,
};

const sgr = (open: number, close: number) => (s: string): string => (s ? `\u001b[${open}m${s}\u001b[${close}m` : s);

export const ANSI: Style = {
  enabled: true,
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
  magenta: sgr(35, 39),
};
