/**
 * Numeric variables are plain decimals read with strconv.ParseInt/ParseUint: "15s", "RTN_LOCAL",
 * "-1" (unsigned) or an out-of-range port abort start-up (pitfalls.md §8). Some in-range-for-Go
 * values are still wrong: a lease timing below 1 panics, a health-check port below 1024 aborts,
 * bgp_as "0" stops the BGP server from being created. A variable this image never parses
 * (config.notParsed) is not judged at all: its value cannot stop anything.
 */
import type { ValueType } from '../catalog/types';
import { readLiteralEntries } from '../env';
import type { EnvVarSpec } from '../catalog';
import { replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix, Severity } from '../types';
import { parseDurationMs, parseGoInt } from '../values';
import { atLeast } from '../version';
import { versionLabel, versionNote, versionShort } from '../versionText';
import { abortOutcome, abortShort, strconvError } from '../outcomes';
import { fit, shown } from '../headline';
import { configOf, electionReason } from '../config';
import { isUnset } from '../env';
import { flagArg, usesConfigFile } from '../sources';
import { bgpServerCreated, bgpServerError, fromEquinix } from './bgp-config';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

const NUMBER_TYPES: readonly ValueType[] = ['int', 'port', 'seconds', 'milliseconds', 'asn'];

interface IntParser {
  readonly from?: string;
  readonly fn: 'ParseInt' | 'ParseUint';
  readonly bits: number;
  /** kube-vip's own check after parsing that aborts start-up. */
  readonly rejectBelow?: { readonly n: number; readonly log: (value: string) => string };
}
const I32: IntParser = { fn: 'ParseInt', bits: 32 };
const U32: IntParser = { fn: 'ParseUint', bits: 32 };
const PORT: readonly IntParser[] = [I32, { from: 'v0.8.8', fn: 'ParseUint', bits: 16 }];
/** Parse functions by version (env-vars.json parseHistory); every other number is ParseInt(v, 10, 32). */
const PARSERS: Record<string, readonly IntParser[]> = {
  vip_loglevel: [U32, { from: 'v0.8.8', fn: 'ParseInt', bits: 32 }],
  port: PORT,
  lb_port: PORT,
  vip_routingtableid: [I32, { from: 'v0.8.2', fn: 'ParseInt', bits: 64, rejectBelow: { n: 0, log: (v) => `no support of negative [${v}] in env var "vip_routingtableid"` } }],
  health_check_port: [{ ...I32, rejectBelow: { n: 1024, log: () => 'health check port should be > 1024' } }],
  bgp_as: [U32],
  bgp_peeras: [U32],
  bgp_hold_time: [U32],
  bgp_keepalive_interval: [U32],
  zebra_version: [U32],
};
/** A non-number vip_loglevel panicked up to v1.0.3 and is a start-up error from v1.0.4 (env-vars.json onInvalid). */
const LOGLEVEL_ERROR_FROM = 'v1.0.4';
/** client-go's names for the lease timings, as its NewLeaderElector validation errors spell them. */
const LEASE_FIELDS: Record<string, string> = { vip_leaseduration: 'leaseDuration', vip_renewdeadline: 'renewDeadline', vip_retryperiod: 'retryPeriod' };
const ROUTE_TYPES = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'];
const LOGRUS_LEVELS: Record<string, number> = { panic: 0, fatal: 1, error: 2, warn: 3, warning: 3, info: 4, debug: 5, trace: 6 };
const SLOG_LEVELS: Record<string, number> = { debug: -4, info: 0, warn: 4, warning: 4, error: 8 };

const MESSAGES = {
  parseError: 'Not a number the parse function accepts: kube-vip refuses to start',
  loglevelPanic: 'vip_loglevel not a number: kube-vip panics at start-up (v1.0.3 and earlier)',
  belowMinimum: 'Below the minimum kube-vip checks after parsing: kube-vip refuses to start',
  leaseBelowOne: 'A lease timing below 1 second: client-go panics when leader election starts',
  negativeIgnored: 'dhcp_backoff_attempts below 0 is ignored: the default 3 stays',
  intervalReplaced: 'backend_health_check_interval 0 or below is replaced with 5 seconds',
  arpRateReplaced: 'vip_arpRate below 500 is replaced with 3000 ms, and kube-vip logs it',
  routeType: 'vip_routingtabletype outside 0–11 is not a kernel route type',
  asZero: 'bgp_as "0" with bgp_enable: NewBGPServer fails ("you need to provide AS"), kube-vip refuses to start',
  asZeroMaybe: 'bgp_as "0" where BGP or another AS source is not visible: the same refusal, conditionally',
  peerAsZero: 'bgp_peeras "0": AS 0 is reserved (RFC 7607)',
  outOfRange: 'Parsed, but outside the range kube-vip can use',
} as const;
type MessageId = keyof typeof MESSAGES;

export const rule = defineRule({
  id: 'invalid-number',
  defaultSeverity: 'error',
  description: 'Numeric kube-vip variables must be plain decimal numbers in the range kube-vip accepts.',
  messages: MESSAGES,
  check({ container }) {
    const findings: RuleFinding<MessageId>[] = [];
    const config = configOf(container);
    for (const { entry, spec } of readLiteralEntries(container, NUMBER_TYPES)) {
      if (config.notParsed(spec.name)) continue; // never parsed: no refusal, no effect
      const finding = checkEntry(container, entry, spec);
      if (finding) findings.push(finding);
    }
    return findings;
  },
});

function parserFor(container: KubeVipContainer, name: string): IntParser {
  return [...(PARSERS[name] ?? [I32])].reverse().find((p) => !p.from || atLeast(container.version, p.from))!;
}

function checkEntry(container: KubeVipContainer, entry: EnvEntry, spec: EnvVarSpec): RuleFinding<MessageId> | undefined {
  const value = entry.value!;
  const parser = parserFor(container, spec.name);
  const parsed = parseGoInt(value, parser.fn === 'ParseInt', parser.bits);
  const call = `strconv.${parser.fn}(value, 10, ${parser.bits})`;
  if (!parsed.ok) {
    const suggestion = suggest(container, spec, value, parser);
    const negative = parsed.reason !== 'range' && parser.fn === 'ParseUint' && /^-\d+$/.test(value);
    const short = parsed.reason === 'range' ? 'is out of range' : negative ? 'is negative' : 'is not a plain number';
    const why = parsed.reason === 'range' ? `It is out of range for ${call}` : negative ? `${call} rejects negative numbers` : `${call} requires a plain decimal number`;
    // AS 0 parses but is refused (bgp_as) or reserved (bgp_peeras), so it is not offered as usable; an
    // unsigned parse (vip_loglevel before v0.8.8) takes no negative number, whatever later versions allow.
    const min = spec.type === 'asn' ? 1 : negative && spec.min !== undefined && spec.min < 0 ? 0 : spec.min;
    const bounds = min !== undefined && spec.max !== undefined ? ` from ${min} to ${spec.max}` : '';
    const unit = spec.type === 'seconds' ? ' (seconds)' : spec.type === 'milliseconds' ? ' (milliseconds)' : '';
    const uses = suggestion
      ? [`Use "${suggestion}"${unit}.`, `Use "${suggestion}".`]
      : parsed.reason === 'range' || value.startsWith('-')
        ? bounds ? [`Use a number${bounds}.`, `Use ${min}–${spec.max}.`] : ['Use a number.']
        : [`Write a plain number${unit}.`, 'Write a plain number.'];
    const log = strconvError(parser.fn, value, parsed.reason === 'range' ? 'value out of range' : 'invalid syntax');
    const panics = spec.name === 'vip_loglevel' && !atLeast(container.version, LOGLEVEL_ERROR_FROM);
    const failure = panics
      ? `kube-vip ${versionLabel(container)} panics at start-up (v1.0.3 and earlier): "Unable to parse environment variable [vip_loglevel], should be int"`
      : abortOutcome(container, log);
    const outcomes = panics ? [`${versionShort(container)} panics at start-up`] : [abortShort(container), `${versionShort(container)} refuses to start`];
    const advice = suggestion ? `Use "${suggestion}"${unitOf(spec)}.` : parsed.reason === 'range' || value.startsWith('-') ? `Use a number${bounds}.` : `Write a plain number${unitOf(spec)}.`;
    const headline = fit(
      ...outcomes.flatMap((o) => uses.map((u) => `${spec.name} ${shown(value)} ${short}: ${o}. ${u}`)),
      ...outcomes.flatMap((o) => uses.map((u) => `${spec.name} ${short}: ${o}. ${u}`)),
    );
    const detail = `${why}. ${failure}.${headline.includes(advice) ? '' : ` ${advice}`}`;
    return finding(entry, panics ? 'loglevelPanic' : 'parseError', 'error', headline, detail, suggestion);
  }
  const n = parsed.value;
  if (parser.rejectBelow && n < parser.rejectBelow.n) {
    const below = parser.rejectBelow.n;
    const fix = spec.name === 'health_check_port' ? 'Remove it to keep the health endpoint off.' : `Use ${below} or more.`;
    const headline = fit(
      `${spec.name} ${shown(value)} is below ${below}: ${abortShort(container)}. ${fix}`,
      `${spec.name} ${shown(value)} is below ${below}: ${versionShort(container)} refuses to start. ${fix}`,
      `${spec.name} is below ${below}: ${versionShort(container)} refuses to start. ${fix}`,
    );
    const leaveUnset = spec.name === 'health_check_port' ? ' Leave it unset to keep the health endpoint off.' : '';
    return finding(entry, 'belowMinimum', 'error', headline, `kube-vip rejects values below ${below} after parsing. ${abortOutcome(container, parser.rejectBelow.log(value))}.${leaveUnset}`);
  }
  const problem = rangeProblem(container, spec, n);
  if (!problem) return undefined;
  const headline = fit(...problem.tails.map((t) => `${spec.name} ${shown(value)} ${t}`), ...problem.tails.map((t) => `${spec.name} ${t}`));
  return finding(entry, problem.id, problem.severity, headline, problem.detail);
}

interface RangeProblem {
  readonly id: MessageId;
  readonly severity: Severity;
  /** What follows "name "value"" in the headline, longest first: the finding takes the first that fits. */
  readonly tails: readonly string[];
  readonly detail?: string;
}

/** Values Go parses that kube-vip (or the kernel, or client-go) still cannot use. */
function rangeProblem(container: KubeVipContainer, spec: EnvVarSpec, n: number): RangeProblem | undefined {
  const label = versionLabel(container);
  const v = versionShort(container);
  const note = versionNote(container);
  switch (spec.name) {
    case 'vip_leaseduration':
    case 'vip_renewdeadline':
    case 'vip_retryperiod':
    {
      if (n >= 1) return undefined;
      const rejects = `Lease timings must be at least 1 second: client-go's leader election rejects ${LEASE_FIELDS[spec.name]} ${n} and panics`;
      // An error only where an election certainly runs (the same test as lease-timing); else what would happen if one does.
      const config = configOf(container);
      const reason = config.leaderElectionType === 'kubernetes' ? electionReason(config) : undefined;
      return reason
        ? { id: 'leaseBelowOne', severity: 'error', tails: [`is below 1 second: ${v} panics when it starts leader election. Use 1 or more.`], detail: `${rejects} as soon as kube-vip starts leader election (${reason}).${note ? ` ${note}` : ''}` }
        : { id: 'leaseBelowOne', severity: 'warning', tails: [`is below 1 second: ${v} panics if it starts a leader election. Use 1 or more.`], detail: `${rejects} if kube-vip starts a leader election; this manifest does not show one for certain.${note ? ` ${note}` : ''}` };
    }
    case 'dhcp_backoff_attempts':
      return n < 0
        ? { id: 'negativeIgnored', severity: 'warning', tails: [`is negative: ${v} silently ignores it and keeps the default, 3. Use 0 or more, or remove it.`, `is negative: ${v} silently keeps the default, 3. Use 0 or more.`], detail: `kube-vip parses the value, then silently drops a negative one, so the default of 3 attempts stays.${note ? ` ${note}` : ''}` }
        : undefined;
    case 'backend_health_check_interval':
      return n <= 0
        ? { id: 'intervalReplaced', severity: 'warning', tails: [`is not positive: ${v} silently uses 5 seconds instead. Use a positive number of seconds.`, `is not positive: ${v} silently uses 5 seconds. Use 1 or more.`], detail: `kube-vip silently replaces zero or negative values with 5 (seconds).${note ? ` ${note}` : ''}` }
        : undefined;
    case 'vip_arpRate':
      // Read only by the ARP code: no effect when another mode certainly runs.
      return n < 500 && !['bgp', 'table', 'wireguard'].includes(configOf(container).mode)
        ? {
            id: 'arpRateReplaced',
            severity: 'warning',
            tails: [`is below 500: ${v} uses 3000 ms instead and logs that the ARP broadcast rate is too low. Use 500 or more.`, `is below 500: ${v} uses 3000 ms instead and logs it. Use 500 or more.`],
            detail: `kube-vip replaces values below 500 with 3000 (milliseconds) and logs that the ARP broadcast rate is too low.${note ? ` ${note}` : ''}`,
          }
        : undefined;
    case 'vip_routingtabletype':
      return n < 0 || n > 11
        ? { id: 'routeType', severity: 'warning', tails: ['is not a Linux route type: the kernel rejects the routes kube-vip adds. Use 0 to 11.', 'is not a Linux route type: the kernel rejects kube-vip\'s routes. Use 0 to 11.'], detail: 'Linux route types run from 0 (RTN_UNSPEC) to 11 (RTN_XRESOLVE); kube-vip passes the number on unchecked.' }
        : undefined;
    case 'bgp_as':
      return n === 0 ? asZero(container) : undefined;
    case 'bgp_peeras':
      // Only the bgp_peeraddress peer uses it, and only in BGP mode.
      return n === 0 && configOf(container).isMode('bgp') !== 'off'
        ? { id: 'peerAsZero', severity: 'warning', tails: ['is not a valid peer AS: AS 0 is reserved (RFC 7607). Use the AS number of the bgp_peeraddress peer.'], detail: 'In BGP mode kube-vip uses bgp_peeras as the AS number of the bgp_peeraddress peer.' }
        : undefined;
  }
  if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
    // From v0.8.8 ports are parsed with ParseUint(…, 16): 0 still parses, only values above 65535 abort.
    const aborts = !parseGoInt(String(n), false, 16).ok;
    const range = `${spec.min}–${spec.max}`;
    if (spec.type === 'port' && !atLeast(container.version, 'v0.8.8') && aborts) {
      return {
        id: 'outOfRange',
        severity: 'warning',
        tails: [`is outside ${range}: ${v} accepts it at start-up, v0.8.8+ refuse to start. Use a number from ${spec.min} to ${spec.max}.`, `is outside ${range}: ${v} accepts it, v0.8.8+ refuse to start. Use ${range}.`],
        detail: `It is outside the range ${range} that kube-vip can use; ${label} (before v0.8.8) accepts it at start-up, from v0.8.8 start-up aborts.`,
      };
    }
    return { id: 'outOfRange', severity: 'warning', tails: [`is outside ${range}, the range kube-vip can use. Use a number from ${spec.min} to ${spec.max}.`, `is outside ${range}, the range kube-vip can use. Use ${range}.`] };
  }
  return undefined;
}

/**
 * bgp_as "0": NewBGPServer's first check fails (v0.5.0:pkg/bgp/server.go:15-16,
 * v1.2.3:pkg/bgp/server.go:28-30), and kube-vip refuses to start. Only where the server is created;
 * node annotations (v1.2.3:pkg/manager/watch_annotations.go:165), a config file
 * (v1.2.3:pkg/kubevip/config_environment.go:1087-1089) or Equinix Metal can still supply an AS.
 */
function asZero(container: KubeVipContainer): RangeProblem | undefined {
  const error = bgpServerError(container, 'you need to provide AS');
  const fixes = ['Use your AS number (e.g. 65000).', 'Use your AS number.'];
  const range = 'AS numbers run from 1 to 4294967295.';
  const config = configOf(container);
  const created = bgpServerCreated(container);
  if (!created && (config.flag('bgp_enable') === 'off' || config.isMode('bgp') === 'off')) return undefined; // the value is never used
  const elsewhere = otherAsSource(container);
  if (created && !elsewhere) {
    return {
      id: 'asZero',
      severity: 'error',
      tails: [abortShort(container), `${versionShort(container)} refuses to start`].flatMap((o) => fixes.map((f) => `means no AS: ${o}. ${f}`)),
      detail: `NewBGPServer fails with "${error}": ${abortOutcome(container)}. ${range}`,
    };
  }
  const conditions = [
    created ? undefined : config.flag('bgp_enable') === 'unknown' ? 'if bgp_enable is set outside this env list' : 'if no other mode is set outside this env list',
    elsewhere && `unless ${elsewhere.phrase} supplies an AS`,
  ].filter((c) => c !== undefined);
  const short = [created ? undefined : config.flag('bgp_enable') === 'unknown' ? 'if BGP is enabled elsewhere' : 'if no other mode is set elsewhere', elsewhere && `unless ${elsewhere.short} sets one`].filter((c) => c !== undefined).join(' and ');
  const v = versionShort(container);
  return {
    id: 'asZeroMaybe',
    severity: 'warning',
    tails: [`${v} refuses to start ${short}`, `${v} may refuse to start`].flatMap((o) => fixes.map((f) => `means no AS: ${o}. ${f}`)),
    detail: `AS 0 means "no AS": ${conditions.join(' and ')}, NewBGPServer fails with "${error}" and kube-vip ${versionLabel(container)} refuses to start. ${range}`,
  };
}

/** A source that may replace an AS of 0, as a phrase (and a short one for a headline), or undefined. */
function otherAsSource(container: KubeVipContainer): { readonly phrase: string; readonly short: string } | undefined {
  if (!isUnset(container.envByName.get('annotation')) || flagArg(container, 'annotations')) return { phrase: 'the node annotations (annotation)', short: 'a node annotation' };
  if (usesConfigFile(container)) return { phrase: 'the config file', short: 'the config file' };
  if (fromEquinix(container)) return { phrase: 'the Equinix Metal metadata', short: 'Equinix Metal' };
  return undefined;
}

/** The number the author evidently meant: spaces or "+" removed, a unit converted, a name translated. */
function suggest(container: KubeVipContainer, spec: EnvVarSpec, value: string, parser: IntParser): string | undefined {
  const t = value.trim().replace(parser.fn === 'ParseUint' ? /^\+(?=\d)/ : /^$/, '');
  const ms = parseDurationMs(t);
  const route = t.toUpperCase().replace(/^RTN_/, '');
  const levels = atLeast(container.version, 'v0.8.10') ? SLOG_LEVELS : LOGRUS_LEVELS;
  const candidates = [
    t,
    ms !== undefined && spec.type === 'seconds' ? ms / 1000 : undefined,
    ms !== undefined && spec.type === 'milliseconds' ? ms : undefined,
    spec.name === 'vip_routingtabletype' && ROUTE_TYPES.includes(route) ? ROUTE_TYPES.indexOf(route) : undefined,
    spec.name === 'vip_loglevel' ? levels[t.toLowerCase()] : undefined,
  ];
  return candidates.map((c) => (c === undefined ? undefined : String(c))).find((c) => c !== undefined && c !== value && usable(container, spec, c, parser));
}

/** True when kube-vip accepts `text` without complaint. */
function usable(container: KubeVipContainer, spec: EnvVarSpec, text: string, parser: IntParser): boolean {
  const parsed = parseGoInt(text, parser.fn === 'ParseInt', parser.bits);
  return parsed.ok && !(parser.rejectBelow && parsed.value < parser.rejectBelow.n) && !rangeProblem(container, spec, parsed.value);
}

function unitOf(spec: EnvVarSpec): string {
  return spec.type === 'seconds' ? ' (seconds, without a unit)' : spec.type === 'milliseconds' ? ' (milliseconds, without a unit)' : '';
}

function finding(entry: EnvEntry, messageId: MessageId, severity: Severity, message: string, detail: string | undefined, suggestion?: string): RuleFinding<MessageId> {
  const fixes: Fix[] = [];
  const edit = suggestion === undefined ? undefined : replaceValue(entry, suggestion);
  if (edit) fixes.push({ title: `Set ${entry.name} to "${suggestion}"`, edits: [edit], preferred: true });
  return { messageId, span: entry.valueSpan!, severity, message, ...(detail && { detail }), fixes };
}
