/**
 * The kube-vip-cloud-provider ConfigMap (pitfalls.md §34): pool values the provider cannot parse,
 * keys and values it silently ignores, pools it never reads, pools that overlap, and the DHCP pool.
 * Runs on the provider's ConfigMap only (pools.ts isProviderConfigMap).
 */
import { parseDocument } from 'yaml';
import { replaceScalar } from '../fixes';
import { activePools, DHCP_POOL, familyLabel, formatRange, handOutCount, isProviderConfigMap, isScope, overlapOf, readProviderConfig, shadowOf } from '../pools';
import type { IpRange, Pool, PoolElement, ProviderConfig } from '../pools';
import type { KeyValue } from '../resources';
import { fit, named, shown } from '../headline';
import type { Fix } from '../types';
import { defineResourceRule } from './rule';
import type { RuleFinding } from './rule';
import { editDistance } from '../suggest';

const messages = {
  notString: 'an unquoted boolean or number as a ConfigMap value: the Kubernetes API rejects the ConfigMap',
  invalidPool: 'a pool entry netip cannot parse, or an empty pool: every Service drawing from the key fails',
  whitespace: 'whitespace in a pool value: the provider does not trim, so the pool fails to parse',
  reversedRange: 'a range whose start is after its end: rejected from cloud provider v0.0.6',
  mixedFamilyRange: 'a range from an IPv4 to an IPv6 address (or back): rejected',
  hostBits: 'a CIDR with host bits set: the provider uses the masked prefix',
  noUsableAddress: 'a pool the provider can hand out no address from',
  dhcpPool: 'cidr/range "0.0.0.0/32": every Service gets 0.0.0.0 and kube-vip asks DHCP for the address',
  dhcpInList: '0.0.0.0 inside a longer pool value: never handed out, so no DHCP',
  ipv6Unspecified: '"::" in a pool: an ordinary address to the provider, handed out once',
  shadowedPool: 'a range-* key that a cidr-* key shadows: never read',
  poolOverlap: 'two pools in use share addresses: the provider can give one address to two Services',
  invalidNamespace: 'a key whose namespace part can never match a namespace name: never read',
  unknownKey: 'a key the provider does not read, close to one it does: ignored',
  allowShareNotBool: 'allow-share-* that strconv.ParseBool rejects: the error is ignored and sharing stays off',
  skipEndIpsNotTrue: 'skip-end-ips-in-cidr other than exactly "true": ignored',
  searchOrderNotDesc: 'search-order other than "desc": ignored, addresses are handed out from the start',
} as const;
type MessageId = keyof typeof messages;
type Finding = RuleFinding<MessageId>;

export const rule = defineResourceRule({
  id: 'cloud-provider-config',
  scope: 'resource',
  kinds: ['ConfigMap'],
  defaultSeverity: 'error',
  description: 'The kube-vip-cloud-provider ConfigMap: pools the provider cannot parse or never reads, overlapping pools, ignored keys and values.',
  messages,
  check({ resource, text }) {
    if (!isProviderConfigMap(resource)) return [];
    const config = readProviderConfig(resource, text);
    const findings: Finding[] = [];
    for (const entry of resource.data) {
      if (entry.templated) continue;
      if (entry.nonString) {
        const finding = notString(entry, text);
        if (finding) findings.push(finding);
        continue;
      }
      findings.push(...checkKey(entry, text));
      const pool = config.pools.find((p) => p.entry === entry);
      if (pool) findings.push(...checkPool(config, pool));
      else if (entry.value !== undefined) findings.push(...checkSetting(entry, entry.value));
    }
    if (config.complete) findings.push(...shadowed(config), ...overlaps(config));
    return findings;
  },
});

/** Kubernetes decodes YAML with go-yaml v2, which keeps timestamps and base-60 numbers (`10:30`) as strings. */
const GO_YAML_STRINGS = /^[-+]?\d[\d_]*(:[0-5]?\d)+(\.[\d_]*)?$/;
const BOOL_KEYS = /^(allow-share-.*|skip-end-ips-in-cidr)$/s;

function notString(entry: KeyValue, text: string): Finding | undefined {
  const span = entry.valueSpan!;
  const source = text.slice(span.start, span.end);
  const value = parseDocument(`v: ${source}\n`, { version: '1.1' }).get('v');
  if (value instanceof Date || GO_YAML_STRINGS.test(source)) return undefined;
  // A boolean setting gets the spelling that works ("True" would be ignored by skip-end-ips-in-cidr).
  const quoted = typeof value === 'boolean' && BOOL_KEYS.test(entry.key) ? String(value) : source;
  const tagged = text.slice(text.lastIndexOf(':', span.start - 1) + 1, span.start).includes('!');
  const fixes: Fix[] = tagged ? [] : [{ title: `Quote the value: ${JSON.stringify(quoted)}`, edits: [{ ...span, newText: JSON.stringify(quoted) }], preferred: true }];
  const kind = typeof value === 'boolean' ? 'a boolean' : 'a number';
  const type = typeof value === 'boolean' ? 'boolean' : 'number';
  return {
    messageId: 'notString',
    span,
    message: fit(
      `${entry.key}: unquoted ${source} is a YAML ${type}; the Kubernetes API rejects the ConfigMap. Quote it: ${JSON.stringify(quoted)}.`,
      `${named(entry.key, 48)}: unquoted ${named(source, 12)} is a YAML ${type}; the API rejects the ConfigMap. Quote it.`,
    ),
    detail:
      `Unquoted, ${source} is ${kind} in YAML, but ConfigMap data values must be strings: the Kubernetes API rejects the whole ConfigMap, ` +
      `so kubectl apply fails and the cloud provider keeps its old configuration. Quoted: ${JSON.stringify(quoted)}.`,
    fixes,
  };
}

// ---- keys -------------------------------------------------------------------------------------

const FIXED_KEYS = ['search-order', 'skip-end-ips-in-cidr'];
/** Read only in commented-out code (pkg/provider/config.go); a known name, not a typo. */
const LEGACY_KEYS = ['kubevip-services'];
const PREFIXES = ['cidr', 'range', 'allow-share', 'interface'];
const SCOPED_KEY = /^(cidr|range|allow-share|interface)-(.*)$/s;

function checkKey(entry: KeyValue, text: string): Finding[] {
  const key = entry.key;
  const scoped = SCOPED_KEY.exec(key);
  if (scoped) {
    const scope = scoped[2];
    if (isScope(scope)) return [];
    const lower = scope.toLowerCase();
    const suggestion = isScope(lower) ? `${scoped[1]}-${lower}` : undefined;
    return [
      {
        messageId: 'invalidNamespace',
        span: entry.keySpan,
        severity: 'warning',
        message: fit(
          `${key} is never read: ${shown(scope)} cannot be a namespace name. ${suggestion ? `Rename it to ${suggestion}.` : `Use ${scoped[1]}-global or ${scoped[1]}-<namespace>.`}`,
          `${named(key, 40)} is never read: it names no namespace. ${suggestion ? 'Use lower case.' : `Use ${scoped[1]}-global or ${scoped[1]}-<namespace>.`}`,
        ),
        detail:
          `The provider looks up ${scoped[1]}-<namespace of the Service> and ${scoped[1]}-global, and "${scope}" cannot be a namespace name ` +
          `(lowercase letters, digits and "-"), so this key is never read.${suggestion ? '' : ' After the prefix, write global or a namespace name.'}`,
        fixes: suggestion ? renameKey(entry, suggestion, text) : [],
      },
    ];
  }
  if (FIXED_KEYS.includes(key) || LEGACY_KEYS.includes(key)) return [];
  const suggestion = suggestKey(key);
  if (!suggestion) return [];
  return [
    {
      messageId: 'unknownKey',
      span: entry.keySpan,
      severity: 'warning',
      message: fit(
        `${key} is not a key the cloud provider reads (it is ignored). Did you mean ${suggestion}?`,
        `${named(key, 40)} is not a key the cloud provider reads. Did you mean ${suggestion}?`,
      ),
      detail:
        'The provider reads only cidr-*, range-*, allow-share-*, interface-*, search-order and skip-end-ips-in-cidr, ' +
        `looked up by exact name, so ${key} is ignored.`,
      fixes: renameKey(entry, suggestion, text),
    },
  ];
}

/** The provider key a misspelt one was meant to be: case, "_" for "-", or one or two typos. */
export function suggestKey(key: string): string | undefined {
  const normal = key.toLowerCase().replace(/_/g, '-');
  const known = (k: string) => FIXED_KEYS.includes(k) || (SCOPED_KEY.test(k) && isScope(SCOPED_KEY.exec(k)![2]));
  if (normal !== key && known(normal)) return normal;
  const fixed = FIXED_KEYS.find((k) => editDistance(normal, k, 2) <= 2);
  if (fixed) return fixed;
  const parts = normal.split('-');
  for (const taken of [2, 1]) {
    if (parts.length <= taken) continue;
    const head = parts.slice(0, taken).join('-');
    const scope = parts.slice(taken).join('-');
    const prefix = PREFIXES.find((p) => p !== head && editDistance(head, p, 1) <= 1);
    if (prefix && isScope(scope)) return `${prefix}-${scope}`;
  }
  // allowshare-global: the dash inside the prefix is missing.
  const glued = /^allowshare-(.+)$/.exec(normal);
  return glued && isScope(glued[1]) ? `allow-share-${glued[1]}` : undefined;
}

function renameKey(entry: KeyValue, name: string, text: string): Fix[] {
  const first = text[entry.keySpan.start];
  const edit = replaceScalar(entry.keySpan, first === '"' ? 'double' : first === "'" ? 'single' : 'plain', name);
  return edit ? [{ title: `Rename to ${name}`, edits: [edit], preferred: true }] : [];
}

// ---- settings ---------------------------------------------------------------------------------

const PARSE_BOOL = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
const TRUTHY = /^\s*(true|t|1|yes|y|on|enabled?)\s*$/i;
const FALSY = /^\s*(false|f|0|no|n|off|disabled?)\s*$/i;

function checkSetting(entry: KeyValue, value: string): Finding[] {
  const set = (newValue: string): Fix[] => {
    const edit = replaceScalar(entry.valueSpan!, entry.quote ?? 'plain', newValue);
    return edit ? [{ title: `Set ${entry.key} to "${newValue}"`, edits: [edit], preferred: true }] : [];
  };
  if (entry.key.startsWith('allow-share-') && !PARSE_BOOL.has(value)) {
    const meant = TRUTHY.test(value) ? 'true' : FALSY.test(value) ? 'false' : undefined;
    return [
      {
        messageId: 'allowShareNotBool',
        span: entry.valueSpan!,
        severity: 'warning',
        message: fit(
          `${entry.key} ${shown(value)} is not a Go boolean: the provider (v0.0.10+) silently leaves sharing off. ${meant ? `Use "${meant}".` : 'Use "true" or "false".'}`,
          `${named(entry.key, 40)} ${shown(value, 12)} is not a Go boolean: sharing stays off. ${meant ? `Use "${meant}".` : 'Use "true" or "false".'}`,
        ),
        detail:
          `The provider (v0.0.10+) reads it with strconv.ParseBool and ignores the error, so "${value}" leaves IPv4 address sharing off for these Services, silently. ` +
          'ParseBool accepts 1, t, T, TRUE, true, True, 0, f, F, FALSE, false and False.',
        fixes: meant ? set(meant) : [],
      },
    ];
  }
  if (entry.key === 'skip-end-ips-in-cidr' && value !== 'true' && !FALSY.test(value) && value !== '') {
    const meant = TRUTHY.test(value);
    return [
      {
        messageId: 'skipEndIpsNotTrue',
        span: entry.valueSpan!,
        severity: 'warning',
        message: `skip-end-ips-in-cidr ${shown(value)} is not exactly "true": the provider (v0.0.10+) ignores it. ${meant ? 'Use "true".' : 'Use "true" or remove it.'}`,
        detail:
          'The provider compares the value with the exact string "true", ' +
          `so "${value}" is ignored and the first and last address of each CIDR are handed out.`,
        fixes: meant ? set('true') : [],
      },
    ];
  }
  if (entry.key === 'search-order' && value !== 'desc' && value !== 'asc') {
    const meant = /^\s*desc(ending)?\s*$/i.test(value);
    return [
      {
        messageId: 'searchOrderNotDesc',
        span: entry.valueSpan!,
        severity: 'warning',
        message: `search-order ${shown(value)} is not exactly "desc": the provider (v0.0.8+) ignores it. ${meant ? 'Use "desc".' : 'Use "desc" or remove it.'}`,
        detail: `The provider recognises only the exact value "desc"; "${value}", like anything else, is ignored and addresses are handed out from the start of each pool.`,
        fixes: meant ? set('desc') : [],
      },
    ];
  }
  return [];
}

// ---- pools ------------------------------------------------------------------------------------

function checkPool(config: ProviderConfig, pool: Pool): Finding[] {
  const { key } = pool;
  const span = pool.entry.valueSpan!;
  if (pool.parse === 'empty') {
    return [
      {
        messageId: 'invalidPool',
        span,
        message: fit(
          `${key} is empty: the provider still picks this key and fails every Service. Give it addresses or remove the key.`,
          `${named(key, 40)} is empty: every Service drawing from it fails. Give it addresses or remove the key.`,
        ),
        detail: 'The provider still takes this key for its namespaces (and stops looking further), then fails every Service with "pool is not specified".',
      },
    ];
  }
  if (pool.parse === 'dhcp') {
    return [
      {
        messageId: 'dhcpPool',
        span,
        severity: 'info',
        message: fit(
          `${key} "${DHCP_POOL}" is the DHCP pool: Services get addresses by DHCP. Keep it only if a DHCP server answers.`,
          `${named(key, 40)} is the DHCP pool. Keep it only if a DHCP server answers on that network.`,
        ),
        detail:
          `Every Service it serves gets 0.0.0.0 (cloud provider v0.0.4+), and kube-vip then requests an address by DHCP (a macvlan interface and a DHCP client per Service). ` +
          'Without a DHCP server on that network, list real addresses instead.',
      },
    ];
  }
  const whitespace = pool.elements.some((e) => e.problem?.kind === 'whitespace');
  if (whitespace) return [whitespaceFinding(pool)];
  const findings: Finding[] = pool.elements.flatMap((e) => elementFindings(pool, e));
  // 0.0.0.0 alone already gets its own finding.
  if (pool.ok && !pool.elements.some((e) => e.unchecked || isUnspecified(e)) && handOutCount(pool) === 0n) {
    findings.push({
      messageId: 'noUsableAddress',
      span,
      severity: 'warning',
      message: fit(
        `${key} yields no address the provider hands out: its Services get "no addresses available". Widen it.`,
        `${named(key, 40)} yields no address the provider hands out. Widen it.`,
      ),
      detail:
        'The provider never returns IPv4 addresses ending in .0 or .255 (v0.0.6+)' +
        `${config.skipEndIps && pool.parse === 'cidr' ? ', and skip-end-ips-in-cidr "true" drops the first and last address of each CIDR' : ''}, so Services drawing from this key get "no addresses available".`,
    });
  }
  return findings;
}

function whitespaceFinding(pool: Pool): Finding {
  const cleaned = pool.value.replace(/\s+/g, '');
  const edit = replaceScalar(pool.entry.valueSpan!, pool.entry.quote ?? 'plain', cleaned);
  const block = pool.entry.quote === 'block';
  return {
    messageId: 'whitespace',
    span: pool.entry.valueSpan!,
    message: fit(
      `${pool.key} has whitespace, which the provider does not trim: the pool fails to parse. ${block ? 'Use a quoted string.' : 'Remove the whitespace.'}`,
      `${named(pool.key, 40)} has whitespace: the pool fails to parse. ${block ? 'Use a quoted string.' : 'Remove the whitespace.'}`,
    ),
    detail:
      'The provider splits the value on "," and "-" without trimming, so netip fails to parse the entry ' +
      'and every Service drawing from this key gets an error instead of an address. ' +
      (block ? 'A block scalar (|) keeps its final line break, which a quoted string does not have.' : `Without the whitespace: ${JSON.stringify(cleaned)}.`),
    fixes: edit ? [{ title: `Remove the whitespace: ${JSON.stringify(cleaned)}`, edits: [edit], preferred: true }] : [],
  };
}

function elementFindings(pool: Pool, e: PoolElement): Finding[] {
  const fail = 'so every Service drawing from this key gets an error instead of an address';
  switch (e.problem?.kind) {
    case 'invalid':
      return [
        {
          messageId: 'invalidPool',
          span: e.span,
          message: fit(
            `${pool.key}: ${e.problem.reason}, so the pool fails to parse. Fix or remove the entry.`,
            `${named(pool.key, 40)}: an entry does not parse, so the pool fails. Fix or remove it.`,
          ),
          detail: `${e.problem.hint ? `${e.problem.hint} ` : ''}The provider fails to parse the whole value when an entry${e.text ? ` ("${e.text}")` : ''} fails, ${fail}.`,
        },
      ];
    case 'reversed': {
      const [from, to] = e.text.split('-');
      const swapped = `${to}-${from}`;
      const message = fit(
        `${pool.key}: the range starts after it ends; the provider (v0.0.6+) rejects the pool. Use ${swapped}.`,
        `${named(pool.key, 40)}: the range starts after it ends; the provider (v0.0.6+) rejects the pool. Swap the ends.`,
      );
      return [
        {
          messageId: 'reversedRange',
          span: e.span,
          message,
          detail:
            `The provider rejects "${e.text}", ${fail}.${message.includes(swapped) ? '' : ` With the ends swapped: ${swapped}.`} ` +
            'v0.0.2–v0.0.5 swapped the ends silently.',
        },
      ];
    }
    case 'mixedFamily':
      return [
        {
          messageId: 'mixedFamilyRange',
          span: e.span,
          message: fit(
            `${pool.key}: ${shown(e.text, 32)} mixes IPv4 and IPv6, so the pool fails. Write one range per family.`,
            `${named(pool.key, 40)}: a range mixes IPv4 and IPv6, so the pool fails. Write one range per family.`,
          ),
          detail: `"${e.text}" runs from one IP family to the other, and the provider rejects it, ${fail}. Write one range per family, comma-separated.`,
        },
      ];
    default:
      break;
  }
  const findings: Finding[] = [];
  if (e.maskedTo) {
    findings.push({
      messageId: 'hostBits',
      span: e.span,
      severity: 'info',
      message: fit(
        `${pool.key}: "${e.text}" has host bits set, so the provider uses ${e.maskedTo}. Write that, or a range.`,
        `${pool.key}: ${shown(e.text, 28)} has host bits set; the provider masks them. Write the prefix, or a range.`,
        `${named(pool.key, 40)}: a CIDR has host bits set; the provider masks them. Write the prefix, or a range.`,
      ),
      detail: `The provider masks "${e.text}" to ${e.maskedTo} (${formatRange(e.range!)}). Write ${e.maskedTo}, or a range if you meant addresses from ${e.text.split('/')[0]} on.`,
      // Not preferred: a range may be what was meant.
      fixes: e.span.end - e.span.start === e.text.length ? [{ title: `Write ${e.maskedTo}`, edits: [{ ...e.span, newText: e.maskedTo }] }] : [],
    });
  }
  if (isUnspecified(e)) findings.push(e.range!.family === 'ipv4' ? dhcpInList(pool, e) : ipv6Unspecified(pool, e));
  return findings;
}

/** An entry that is exactly 0.0.0.0 or :: (as /32, /128 or a one-address range). */
function isUnspecified(e: PoolElement): boolean {
  return e.range !== undefined && e.range.first === 0n && e.range.last === 0n;
}

function dhcpInList(pool: Pool, e: PoolElement): Finding {
  return {
    messageId: 'dhcpInList',
    span: e.span,
    severity: 'warning',
    message: fit(
      `${pool.key}: "${e.text}" is not DHCP, only an address never handed out. For DHCP, write only "${DHCP_POOL}".`,
      `${named(pool.key, 40)}: 0.0.0.0 here is not DHCP, only an address never handed out. For DHCP, write only "${DHCP_POOL}".`,
    ),
    detail:
      `To get DHCP, make the whole value exactly "${DHCP_POOL}" (one key per namespace). The provider treats only that exact value as DHCP (v0.0.4+); ` +
      `inside "${pool.value}", 0.0.0.0 is an ordinary address ending in .0, which it never hands out (v0.0.6+).`,
  };
}

function ipv6Unspecified(pool: Pool, e: PoolElement): Finding {
  return {
    messageId: 'ipv6Unspecified',
    span: e.span,
    severity: 'info',
    message: fit(
      `${pool.key}: "${e.text}" hands out "::" as an ordinary address, to one Service only. Remove it unless that is meant.`,
      `${named(pool.key, 40)}: "::" is handed out as an ordinary address, to one Service only. Remove it unless that is meant.`,
    ),
    detail:
      `The provider has no IPv6 DHCP pool (only "${DHCP_POOL}" is special), while kube-vip v1.0.3+ answers a Service address "::" with DHCPv6.`,
  };
}

// ---- across keys ------------------------------------------------------------------------------

function shadowed(config: ProviderConfig): Finding[] {
  return config.pools.flatMap((pool) => {
    const by = shadowOf(config, pool);
    if (!by || !isScope(pool.scope)) return [];
    const who = pool.scope === 'global' ? 'every namespace' : `namespace ${pool.scope}`;
    const into = by.key === 'cidr-global' && pool.scope !== 'global' ? `a cidr-${pool.scope} key` : by.key;
    const message = fit(
      `${pool.key} is never read: ${by.key} is looked up first. Move its addresses into ${into}, or remove ${by.key}.`,
      `${pool.key} is never read: ${by.key} is looked up first. Move its addresses into ${into}.`,
      `${named(pool.key, 40)} is never read: ${named(by.key, 40)} is looked up first. Move its addresses.`,
    );
    const alternatives = message.includes(`remove ${by.key}`) ? '' : ` Move these addresses into ${into}, or remove ${by.key}.`;
    return [
      {
        messageId: 'shadowedPool',
        span: pool.entry.keySpan,
        severity: 'warning',
        message,
        detail: `The provider takes cidr-<namespace>, then cidr-global, and reads range-* keys only when neither exists, so ${who} draws from ${by.key}.${alternatives}`,
        related: [{ span: by.entry.keySpan, message: `${by.key} is found first` }],
      },
    ];
  });
}

function overlaps(config: ProviderConfig): Finding[] {
  const findings: Finding[] = [];
  const pools = activePools(config);
  for (let j = 1; j < pools.length; j++) {
    for (let i = 0; i < j; i++) {
      const hit = firstOverlap(pools[i], pools[j]);
      if (!hit) continue;
      const [earlier, later, shared] = hit;
      const scoped = [pools[i], pools[j]].filter((p) => p.scope !== 'global').map((p) => p.scope);
      findings.push({
        messageId: 'poolOverlap',
        span: later.span,
        severity: 'warning',
        message: fit(
          `${pools[j].key} and ${pools[i].key} share ${familyLabel(shared.family)} ${formatRange(shared)}: an address can go to two Services. Make the pools disjoint.`,
          `${pools[j].key} and ${pools[i].key} share addresses: one can go to two Services. Make the pools disjoint.`,
          `${named(pools[j].key, 32)} and ${named(pools[i].key, 32)} share addresses: one can go to two Services. Make them disjoint.`,
        ),
        detail:
          `They share ${familyLabel(shared.family)} ${formatRange(shared)}. When it allocates from a namespace's own key, ` +
          `the provider checks only the Services of that namespace (${scoped.join(', ')}), so it can hand an address that a Service elsewhere already has to a second Service.`,
        related: [{ span: earlier.span, message: `${pools[i].key}: ${earlier.text}` }],
      });
    }
  }
  return findings;
}

function firstOverlap(a: Pool, b: Pool): [PoolElement, PoolElement, IpRange] | undefined {
  for (const eb of b.elements) {
    for (const ea of a.elements) {
      const shared = ea.range && eb.range && overlapOf(ea.range, eb.range);
      if (shared) return [ea, eb, shared];
    }
  }
  return undefined;
}
