// The option parser on its own (the binary tests cover how its errors reach the user).
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type OptionSpec } from '../../engine/cli/args.js';

const SPECS: OptionSpec[] = [
  { name: 'format', short: 'f', type: 'string', values: ['text', 'json'], description: '' },
  { name: 'rules', type: 'string', multiple: true, description: '' },
  { name: 'pretty', short: 'p', type: 'boolean', description: '' },
];

describe('parseArgs', () => {
  it('reads long, short, inline and repeated options, and keeps - as a positional', () => {
    const r = parseArgs(['a.log', '--format', 'json', '-', '--rules=x', '--rules', 'y', '-pq', '--', '--not-an-option'], SPECS, 'facts');
    expect(r.positionals).toEqual(['a.log', '-', '--not-an-option']);
    expect(r.options).toEqual({ format: 'json', rules: ['x', 'y'], pretty: true, quiet: true });
    expect(parseArgs(['-f', 'text'], SPECS, 'facts').options.format).toBe('text');
  });

  it('explains each mistake in one sentence', () => {
    const err = (argv: string[]): string => {
      try {
        parseArgs(argv, SPECS, 'facts');
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err(['--formt', 'json'])).toBe("unknown option --formt for 'wdfleak facts' (did you mean --format?)");
    expect(err(['-x'])).toBe("unknown option -x for 'wdfleak facts'");
    expect(err(['--format'])).toBe('--format needs a value: text or json');
    expect(err(['--format', '--pretty'])).toBe('--format needs a value: text or json');
    expect(err(['--format', 'yaml'])).toBe("--format must be one of text or json (got 'yaml')");
    expect(err(['--pretty=yes'])).toBe("--pretty takes no value (got 'yes')");
  });
});
