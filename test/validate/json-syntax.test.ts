import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineColumn } from '../../engine/validate/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const text of ['{}', '[]', ' 0 ', '-1.5e+3', '"a\\u00e9\\n"', '{"a":[1,{"b":null}],"c":true}', '\n\t{ "x" : false }\r\n']) {
      expect(JSON.parse(text)).toBeDefined();
      expect(findJsonSyntaxError(text)).toBeUndefined();
    }
  });

  it('points at the token after a value that lacks its comma', () => {
    const text = '{\n  "status": "test"\n  "severity": "high"\n}';
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toEqual({ line: 3, column: 3, message: "expected ',' or '}' after a property value, found '\"'" });
  });

  it('names trailing commas at the comma', () => {
    expect(findJsonSyntaxError('{"a": 1,\n}')).toEqual({ line: 1, column: 8, message: "trailing comma before '}' (JSON allows none)" });
    expect(findJsonSyntaxError('[1, 2, ]')).toEqual({ line: 1, column: 6, message: "trailing comma before ']' (JSON allows none)" });
  });

  it('explains comments, single quotes and bare words', () => {
    expect(findJsonSyntaxError('{\n  // note\n  "a": 1\n}')).toMatchObject({ line: 2, column: 3, message: 'expected a property name in double quotes, found comment (JSON has no comments)' });
    expect(findJsonSyntaxError("{'a': 1}")?.message).toBe("expected a property name in double quotes, found ' (JSON strings use double quotes)");
    expect(findJsonSyntaxError('{"a": yes}')).toMatchObject({ line: 1, column: 7, message: "expected a value (object, array, string, number, true, false or null), found 'y'" });
  });

  it('reports an unclosed string at its opening quote and a line break inside one', () => {
    expect(findJsonSyntaxError('{"a": "abc')).toEqual({ line: 1, column: 7, message: 'string is not closed (missing ")' });
    expect(findJsonSyntaxError('{"a": "ab\ncd"}')).toMatchObject({ line: 1, column: 10, message: 'line break inside a string (close the string or write \\n)' });
    expect(findJsonSyntaxError('"\\x"')?.message).toBe('invalid escape \\x in a string');
  });

  it('rejects numbers JSON does not allow', () => {
    expect(findJsonSyntaxError('[01]')).toMatchObject({ column: 2, message: 'invalid number (JSON numbers are decimal, without leading zeros)' });
    expect(findJsonSyntaxError('[0x10]')?.message).toBe('invalid number (JSON numbers are decimal, without leading zeros)');
    expect(findJsonSyntaxError('[1.]')?.message).toBe('invalid number (JSON numbers are decimal, without leading zeros)');
    expect(findJsonSyntaxError('-')?.message).toBe('invalid number');
  });

  it('reports truncated documents and trailing text', () => {
    expect(findJsonSyntaxError('{"a": [1, 2')).toEqual({ line: 1, column: 12, message: "expected ',' or ']' after an array item, found end of file" });
    expect(findJsonSyntaxError('{} {}')).toEqual({ line: 1, column: 4, message: "unexpected '{' after the end of the JSON value" });
    expect(findJsonSyntaxError('')).toMatchObject({ line: 1, column: 1 });
  });

  it('does not recurse without bound', () => {
    expect(findJsonSyntaxError('['.repeat(100_000))?.message).toBe('nesting deeper than 512 levels');
  });
});

describe('findJsonSyntaxError agrees with JSON.parse', () => {
  const parses = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  it('on JSON texts with one character removed, replaced or inserted', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '"', '{', ']', ':', '0', '\\', '\n', ' '), (value, at, ch) => {
        const text = JSON.stringify(value, null, 1);
        const i = at % (text.length + 1);
        for (const mutated of [text.slice(0, i) + text.slice(i + 1), text.slice(0, i) + ch + text.slice(i + 1), text.slice(0, i) + ch + text.slice(i)]) {
          expect(findJsonSyntaxError(mutated) === undefined).toBe(parses(mutated));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('lineColumn', () => {
  it('counts lines at LF and columns from 1', () => {
    expect(lineColumn('ab\r\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\r\ncd\nef', 5)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\r\ncd\nef', 8)).toEqual({ line: 3, column: 2 });
  });
});
