/** Hover documentation for kube-vip env var names and values. */
import { defaultFor, isReadBy, lookup, lookupIgnored, noEffectFor } from './catalog';
import type { EnvVarSpec } from './catalog';
import type { Analysis } from './lint';
import type { EnvEntry, KubeVipContainer } from './model';
import type { Span } from './span';
import { bgpPeersHoverMarkdown, peerEnvOf } from './bgpPeers';
import { PREFIX_LIST } from './catalog/behaviour';
import { configOf } from './config';
import { explain, explanationMarkdown } from './explain';
import { appliedPrefix } from './prefixes';
import { GO_FALSE, GO_TRUE } from './env';
import { atLeast, formatVersion } from './version';
import { versionLabel } from './versionText';
import { poolAt, poolHover } from './pools';
import { annotationHoverAt } from './annotationHover';
import { ruleIdHover } from './directiveHelp';

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

/** The hover at `offset`, when it is on an env name or value inside a kube-vip container. */
export function hoverAt(analysis: Analysis, offset: number): HoverResult | undefined {
  const ruleId = ruleIdHover(analysis.text, offset);
  if (ruleId) return ruleId;
  const annotation = annotationHoverAt(analysis.resources, offset);
  if (annotation) return annotation;
  const pool = poolAt(analysis.resources, analysis.text, offset);
  if (pool) return { markdown: poolHover(pool.config, pool.pool), span: pool.pool.entry.valueSpan ?? pool.pool.entry.keySpan };
  for (const container of analysis.containers) {
    for (const entry of container.env) {
      if (within(entry.nameSpan, offset)) {
        const markdown = nameHover(container, entry.name);
        return markdown ? { markdown, span: entry.nameSpan } : undefined;
      }
      if (entry.valueSpan && within(entry.valueSpan, offset) && entry.value !== undefined) {
        const markdown = valueHover(container, entry);
        return markdown ? { markdown, span: entry.valueSpan } : undefined;
      }
    }
  }
  return containerHoverAt(analysis.containers, offset);
}

/**
 * On a kube-vip container's image or `name:` value: its effective configuration (explain.ts). Not for
 * an env-list excerpt, whose image and name spans stand on its first env name.
 */
function containerHoverAt(containers: readonly KubeVipContainer[], offset: number): HoverResult | undefined {
  for (const container of containers) {
    if (container.image === '') continue;
    for (const span of [container.imageSpan, container.anchorSpan]) {
      if (within(span, offset)) return { markdown: explanationMarkdown(explain(container)), span };
    }
  }
  return undefined;
}

function within(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** The documentation of a variable for one container's kube-vip version. */
export function nameHover(container: KubeVipContainer, name: string): string | undefined {
  const spec = lookup(name);
  if (!spec) {
    const ignored = lookupIgnored(name);
    if (!ignored) return undefined;
    const instead = ignored.use ? `\n\nUse \`${ignored.use}\` instead.` : ignored.useArg ? `\n\nPass \`${ignored.useArg}\` in the container's \`args\` instead.` : '';
    return `**${name}**: not read by kube-vip\n\n${escapeMarkdownHtml(ignored.reason)}${instead}`;
  }
  return specMarkdown(spec, container);
}

/** Markdown for a catalog entry; `container` adds version-specific lines. */
export function specMarkdown(spec: EnvVarSpec, container?: KubeVipContainer): string {
  const lines: string[] = [];
  lines.push(`**${spec.name}**: ${typeLabel(spec)} (kube-vip, ${spec.mode})`, '', escapeMarkdownHtml(spec.summary));
  if (spec.details) lines.push('', escapeMarkdownHtml(spec.details));
  lines.push('');
  const read = spec.until
    ? `${spec.since} until ${spec.until}, which no longer reads it${spec.replacedBy ? ` (use \`${spec.replacedBy}\`)` : ''}`
    : `${spec.since} and later`;
  lines.push(`- **Read by:** ${read}`);
  if (container) {
    const def = defaultFor(spec, container.version);
    if (def !== undefined) lines.push(`- **Default on ${formatVersion(container.version)}:** ${def}`);
    if (!isReadBy(spec, container.version)) lines.push(`- **Not read by ${versionLabel(container)}**`);
  } else {
    for (const d of spec.default) lines.push(`- **Default${d.from || d.to ? ` (${d.from ?? ''}–${d.to ?? ''})` : ''}:** ${d.value}`);
  }
  if (spec.values?.length) lines.push(`- **Values:** ${spec.values.map((v) => `\`${v}\``).join(', ')}`);
  if (noEffectFor(spec, container?.version)) lines.push(`- **No effect:** ${noEffectFor(spec, container?.version)}`);
  if (spec.requiresEnv) lines.push(`- **Read only when** \`${spec.requiresEnv}\` is set in the env`);
  lines.push('', '```yaml', `- name: ${spec.name}`, `  value: ${JSON.stringify(spec.example)}`, '```');
  return lines.join('\n');
}

/**
 * Editors render hover markdown with HTML tags stripped, so a placeholder like <v4> would vanish.
 * Escape angle brackets outside code spans.
 */
export function escapeMarkdownHtml(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

function typeLabel(spec: EnvVarSpec): string {
  switch (spec.type) {
    case 'bool':
      return 'boolean ("true" / "false")';
    case 'seconds':
      return 'integer, seconds';
    case 'milliseconds':
      return 'integer, milliseconds';
    case 'go-duration':
      return 'Go duration ("500ms")';
    case 'prefix-list':
      return 'prefix list (`"<IPv4 prefix>,<IPv6 prefix>"`)';
    case 'address':
      return 'IP, "IPv4,IPv6" pair or DNS name';
    default:
      return spec.type;
  }
}

/** Explains a value, for the types whose meaning is not obvious from the text. */
/** Longer values get no value hover: one quoting a 4 MB line would be a hover of megabytes. */
const MAX_HOVER_VALUE = 4096;

function valueHover(container: KubeVipContainer, entry: EnvEntry): string | undefined {
  const spec = lookup(entry.name);
  const value = entry.value;
  if (!spec || value === undefined || value === '' || value.length > MAX_HOVER_VALUE) return undefined;
  switch (spec.type) {
    case 'prefix-list':
      return prefixValueHover(container, entry.name, value);
    case 'bool':
      return boolHover(value);
    case 'enum':
      return spec.values?.length ? `\`${value}\` — ${spec.values.includes(value) ? 'one of' : '**not** one of'} ${spec.values.map((v) => `\`${v}\``).join(', ')} (exact, case-sensitive).` : undefined;
    case 'bgp-peers':
      return bgpPeersHoverMarkdown(value, container.version, peerEnvOf(container));
    case 'seconds':
      return /^\d+$/.test(value) ? `${value} second${value === '1' ? '' : 's'}` : undefined;
    case 'milliseconds':
      return /^\d+$/.test(value) ? `${value} ms (${Number(value) / 1000} s)` : undefined;
    default:
      return undefined;
  }
}

/** How strconv.ParseBool reads a value. */
export function boolHover(value: string): string {
  const accepted = `Go's strconv.ParseBool accepts ${GO_TRUE.map((v) => `\`${v}\``).join(' ')} and ${GO_FALSE.map((v) => `\`${v}\``).join(' ')}.`;
  if ((GO_TRUE as readonly string[]).includes(value)) return `**true**. ${accepted}`;
  if ((GO_FALSE as readonly string[]).includes(value)) return `**false**. ${accepted}`;
  return `**not a boolean** for kube-vip: start-up fails. ${accepted}`;
}

/** What this image and mode do with a prefix-list value (prefixes.ts), for the hover on the value. */
function prefixValueHover(container: KubeVipContainer, name: string, value: string): string | undefined {
  const label = formatVersion(container.version);
  if (name === 'vip_subnet' && !atLeast(container.version, PREFIX_LIST.subnetListForm)) {
    return `Suffix \`${value}\` appended, as written, to every VIP address on ${label} (vip_subnet before v0.9.0): the control plane's and each LoadBalancer Service's.`;
  }
  const config = configOf(container);
  const applied = appliedPrefix(config, value, 'control-plane', 'ipv4');
  if (applied.used === false) {
    return `Not used by ${label} in this mode: before v0.8.5 kube-vip reads ${name} only in BGP mode, and v0.8.5–v0.8.10 only in ARP and BGP mode.`;
  }
  if (applied.used === true && applied.whole) {
    return `BGP mode on ${label} does not split the list: VIPs are advertised as \`<ip>/${value}\`, and announces a host route (/32 or /128) once it parses, so only a single value works (\`32\` parses for both families).`;
  }
  const generic = prefixListHover(value, atLeast(container.version, PREFIX_LIST.subnetListForm));
  return applied.used === 'unknown' && generic ? `${generic} (ARP mode; in BGP mode ${label} advertises \`<ip>/${value}\` as written)` : generic;
}

/**
 * "IPv4 /32, IPv6 /128" for "32,128". `servicesDefault`: IPv6 Services fall back to /128 when the list
 * has one entry (v0.9.0+); before, they take the lone entry too.
 */
export function prefixListHover(value: string, servicesDefault = true): string | undefined {
  if (/^\//.test(value)) return `Prefix suffix \`${value}\` (the pre-v0.9.0 vip_subnet form, appended to the address).`;
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length > 2) return undefined;
  const describe = (p: string, family: string) => (p === 'auto' ? `${family} auto (the subnet of the interface, Services only)` : `${family} /${p}`);
  if (parts.length === 1) {
    const lone = parts[0] === 'auto' ? 'auto' : `/${parts[0]}`;
    const ipv6 = servicesDefault ? `IPv6 Services get /128 (the default), and an IPv6 control-plane VIP also gets ${lone}` : `IPv6 VIPs also get ${lone}`;
    return `${describe(parts[0], 'IPv4')}; ${ipv6}. The position decides the family: for dual stack write \`"32,128"\`.`;
  }
  return `${describe(parts[0], 'IPv4')}, ${describe(parts[1], 'IPv6')}`;
}
