/** Parsers for kube-vip value formats, with ipaddr.js for addresses. */
import * as ipaddr from 'ipaddr.js';

export type Family = 'ipv4' | 'ipv6';

/** The family of a literal IP address, or undefined when `text` is not one. */
export function ipFamily(text: string): Family | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return 'ipv4';
  if (ipaddr.IPv6.isValid(text) && !text.includes('%')) return 'ipv6';
  return undefined;
}

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
