/**
 * Helpers for message headlines (Finding.message), which stay within HEADLINE_LIMIT characters: a value
 * the user wrote is shown in quotes, shortened in the middle when it is long, so that the problem and the
 * fix after it still fit. The detail may quote the whole value.
 */
import { HEADLINE_LIMIT } from './types';

/**
 * `"value"`, or `"first…last"` when the value is longer than max characters. Line breaks and other
 * control characters are escaped as in JSON (`\n`), so that a headline stays one line.
 */
export function shown(raw: string, max = 24): string {
  const value = raw.replace(/[\u0000-\u001f\u2028\u2029]/g, (c) => JSON.stringify(c).slice(1, -1));
  if (value.length <= max) return `"${value}"`;
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `"${value.slice(0, head)}…${tail > 0 ? value.slice(value.length - tail) : ''}"`;
}

/**
 * The first candidate within HEADLINE_LIMIT; else the first that fits without the version's qualifier
 * ("v1.2.3 (assumed)" → "v1.2.3": the detail says where the version came from); else the last, shortest
 * form. Arrays are spread.
 */
export function fit(...candidates: readonly (string | readonly string[])[]): string {
  const all = candidates.flat();
  const fits = (c: string) => c.length <= HEADLINE_LIMIT;
  return all.find(fits) ?? all.map(unqualified).find(fits) ?? unqualified(all[all.length - 1]);
}

/** A headline without the qualifiers versionShort() adds: " (assumed)", " (as v0.5.0)". */
function unqualified(headline: string): string {
  return headline.replace(/ \((?:assumed|as v\d+\.\d+\.\d+(?:-rc\.\d+)?)\)/g, '');
}

/** A key or name as written, or quoted and shortened in the middle when it is longer than max. */
export function named(name: string, max: number): string {
  return name.length <= max && !/[\u0000-\u001f\u2028\u2029]/.test(name) ? name : shown(name, max);
}

/**
 * A headline built around one value the user wrote (a Service name, an address), shortened in the middle
 * just enough to fit HEADLINE_LIMIT, down to `min` characters.
 */
export function fitted(make: (value: string) => string, value: string, min = 10): string {
  const full = make(value);
  const excess = full.length - HEADLINE_LIMIT;
  if (excess <= 0 || value.length <= min) return full;
  const keep = Math.max(min, value.length - excess - 1);
  const head = Math.ceil(keep * 0.6);
  return make(`${value.slice(0, head)}…${value.slice(value.length - (keep - head))}`);
}
