/** The limits' options (src/cli/limits.ts), one syntax in every command. */
import { describe, expect, it } from 'vitest';
import { parseDepth, parseLimits, parseSize, parseTimeout } from '../../src/cli/limits.js';

describe('limits', () => {
  it('reads sizes in bytes or with KB, MB, GB', () => {
    expect(parseSize('16777216')).toBe(16777216);
    expect(parseSize('500KB')).toBe(512000);
    expect(parseSize('50MB')).toBe(50 * 2 ** 20);
    expect(parseSize('1.5 gb')).toBe(1.5 * 2 ** 30);
    expect(parseSize('2k')).toBe(2048);
    for (const bad of ['', 'lots', '-1', '0', '1TB']) expect(() => parseSize(bad)).toThrow(/--max-size takes a size/);
  });

  it('reads depths and times, and only the options given', () => {
    expect(parseDepth('12')).toBe(12);
    expect(() => parseDepth('deep')).toThrow('--max-depth takes a whole number of levels, not "deep"');
    expect(parseTimeout('500')).toBe(500);
    expect(() => parseTimeout('soon')).toThrow('--timeout-ms takes a whole number of milliseconds');
    expect(parseLimits({})).toEqual({});
    expect(parseLimits({ 'max-size': '1MB', 'max-depth': '50', 'timeout-ms': '10' })).toEqual({ maxBytes: 2 ** 20, maxDepth: 50, timeoutMs: 10 });
  });
});
