/** Parsers for kube-vip value formats, with ipaddr.js for addresses. */
import * as ipaddr from 'ipaddr.js';

export type Family = 'ipv4' | 'ipv6';

const FOUR_PARTS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * The family of a literal IP address, or undefined when `text` is not one. The shape is tested first:
 * ipaddr.js decides "not IPv4" by throwing and catching an error, 25 times slower than a regex, and
 * the workspace rules ask this for every Service address against every pool.
 */
export function ipFamily(text: string): Family | undefined {
  const known = families.get(text);
  if (known !== undefined) return known || undefined;
  let family: Family | undefined;
  if (FOUR_PARTS.test(text)) family = ipaddr.IPv4.isValidFourPartDecimal(text) ? 'ipv4' : undefined;
  else if (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text)) family = 'ipv6';
  if (families.size >= 50_000) families.clear();
  families.set(text, family ?? '');
  return family;
}

/** Answers remembered ('' = not an address): a pure function asked again for the same Service addresses on every pass. */
const families = new Map<string, Family | ''>();

const DNS_NAME_RE = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export type AddressParse =
  | { ok: true; families: Family[]; dnsNames: string[] }
  | { ok: false; problem: string };

/** Parses kube-vip's `address`: an IP, an "IPv4,IPv6" pair, or DNS names; never a CIDR. */
export function parseAddress(text: string): AddressParse {
  const families: Family[] = [];
  const dnsNames: string[] = [];
  for (const part of text.split(',')) {
    if (part.includes('/')) return { ok: false, problem: `"${part}" has a prefix length; kube-vip wants a bare address` };
    const family = ipFamily(part);
    if (family) families.push(family);
    else if (DNS_NAME_RE.test(part) && !/^[\d.]+$/.test(part)) dnsNames.push(part);
    else return { ok: false, problem: `"${part}" is neither an IP address nor a DNS name` };
  }
  return { ok: true, families, dnsNames };
}

export type GoIntParse = { ok: true; value: number } | { ok: false; reason: 'syntax' | 'range' };

/**
 * Go's strconv.ParseInt(text, 10, bits) (signed) or ParseUint(text, 10, bits): an optional sign
 * (ParseInt only), then decimal digits; no spaces, units or underscores.
 */
export function parseGoInt(text: string, signed: boolean, bits: number): GoIntParse {
  if (!(signed ? /^[+-]?\d+$/ : /^\d+$/).test(text)) return { ok: false, reason: 'syntax' };
  const value = BigInt(text);
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  return value < min || value > max ? { ok: false, reason: 'range' } : { ok: true, value: Number(value) };
}

const DURATION_UNITS_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go-style duration ("15s", "1m30s", "500ms") in milliseconds; undefined when `text` is not one. */
export function parseDurationMs(text: string): number | undefined {
  const parts = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(text) ? text.match(/\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)/g) : null;
  if (!parts) return undefined;
  return parts.reduce((sum, part) => {
    const [, num, unit] = /^(\d+(?:\.\d+)?)(\D+)$/.exec(part)!;
    return sum + Number(num) * DURATION_UNITS_MS[unit];
  }, 0);
}

/** Go's net.SplitHostPort: "host:port", ":port" or "[v6]:port"; undefined when it has no port part. */
export function splitHostPort(text: string): { host: string; port: string } | undefined {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return undefined;
  let host = text.slice(0, colon);
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return undefined;
    host = host.slice(1, -1);
  } else if (host.includes(':') || host.includes('[') || host.includes(']')) {
    return undefined;
  }
  return { host, port: text.slice(colon + 1) };
}

/** The family of a CIDR ("10.0.0.0/16", "fd00::/64") as Go's net.ParseCIDR reads it, or undefined. */
export function cidrFamily(text: string): Family | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const family = m ? ipFamily(m[1]) : undefined;
  if (!m || !family) return undefined;
  return Number(m[2]) <= (family === 'ipv4' ? 32 : 128) ? family : undefined;
}

/** True when `text` is a DNS name (not an IP address). */
export function isDnsName(text: string): boolean {
  return DNS_NAME_RE.test(text) && !/^[\d.]+$/.test(text);
}
