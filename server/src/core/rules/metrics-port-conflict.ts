/**
 * Two kube-vip Pods in one network namespace (two containers of one Pod, or two hostNetwork Pods on one
 * node) with the same Prometheus listen port (pitfalls.md §23, kube-vip#269). The manager listens on
 * prometheus_server, else `--prometheusHTTPServer`, default ":2112" (v1.2.3:cmd/kube-vip.go:159,
 * 357-363); an empty env value counts as unset (v1.2.3:pkg/kubevip/config_environment.go:703-707).
 * The second to bind gets "address already in use": up to v0.8.9 that is log.Fatalf and the container
 * exits (v0.8.9:cmd/kube-vip.go:411-415); from v0.8.10 kube-vip logs it and runs without metrics
 * (v0.8.10:cmd/kube-vip.go:432-437).
 * Where Pods run: the linter compares nodeSelector only. Affinity, tolerations, taints and static Pod
 * placement are not visible, so only two DaemonSets with the same nodeSelector certainly meet.
 */
import { isUnset } from '../env';
import { addEntryAfter, replaceScalar, replaceValue } from '../fixes';
import { isTemplated } from '../model';
import type { EnvEntry, KubeVipContainer } from '../model';
import { flagArg, usesConfigFile } from '../sources';
import type { Span } from '../span';
import type { Fix, TextEdit } from '../types';
import { splitHostPort } from '../values';
import { inRange } from '../version';
import { versionLabel, versionShort } from '../versionText';
import { containersOf, folderOf, groupBy, instanceLabel } from '../workspaceIndex';
import type { InFile } from '../workspaceIndex';
import { defineWorkspaceRule } from './rule';
import type { WorkspaceRuleFinding } from './rule';
import { DEPLOYED_TOGETHER, sideBySide } from './shared-lease';
import { fit } from '../headline';

const DEFAULT_LISTEN = ':2112';
const FLAG = 'prometheusHTTPServer';
/** Up to v0.8.9 a failed listen is log.Fatalf. */
const FATAL_UNTIL = 'v0.8.9';

const MESSAGES = {
  crash: 'Two kube-vip Pods on one node listen on the same metrics port: up to v0.8.9 the second one exits',
  noMetrics: 'Two kube-vip Pods on one node listen on the same metrics port: the second one runs without metrics',
};
type Id = keyof typeof MESSAGES;

/** Where an instance's metrics server listens, and what sets it. */
interface Listener {
  readonly host: string;
  readonly port: string;
  readonly via: { readonly kind: 'env'; readonly entry: EnvEntry } | { readonly kind: 'flag'; readonly arg: { value: string; span: Span } } | { readonly kind: 'default' };
}

interface Instance {
  readonly at: InFile<KubeVipContainer>;
  /** undefined: the address is not literal here; null: no metrics server. */
  readonly listener: Listener | undefined | null;
}

export const rule = defineWorkspaceRule<Id>({
  id: 'metrics-port-conflict',
  scope: 'workspace',
  defaultSeverity: 'warning',
  description: 'Two host-network kube-vip Pods that can share a node need distinct prometheus_server ports (default ":2112").',
  messages: MESSAGES,
  check(index) {
    const instances: Instance[] = containersOf(index)
      .filter((at) => at.item.args.some((a) => a.value === 'manager'))
      .map((at) => ({ at, listener: listenerOf(at.item) }));
    const findings: WorkspaceRuleFinding<Id>[] = [];
    // Only instances of one folder and port can pair (sideBySide is 'no' across folders).
    for (const group of groupBy(instances, (x) => (x.listener ? `${folderOf(x.at.file)}\0${x.listener.port}` : undefined))) group.forEach((second, i) => {
      const listener = second.listener;
      if (!listener) return;
      for (const first of group.slice(0, i)) {
        const files = sideBySide(first.at, second.at);
        if (!first.listener || !sameSocket(first.listener, listener) || files === 'no') continue;
        const pods = together(first.at, second.at);
        if (pods === 'no') continue;
        const meet = files === 'yes' ? pods : { certain: false, why: `${pods.why}, ${DEPLOYED_TOGETHER}` };
        findings.push(finding(first, first.listener, second, listener, meet, instances));
        return;
      }
    });
    return findings;
  },
});

/** The listen address in effect: the env value, else the flag, else ":2112". */
function listenerOf(container: KubeVipContainer): Listener | undefined | null {
  if (container.conditional) return undefined;
  const entry = container.envByName.get('prometheus_server');
  if (!isUnset(entry)) return entry!.value === undefined ? undefined : parse(entry!.value, { kind: 'env', entry: entry! });
  // envFrom, a config file or a templated env name may set it.
  if (container.hasEnvFrom || usesConfigFile(container) || container.env.some((e) => isTemplated(e.name))) return undefined;
  const arg = flagArg(container, FLAG);
  if (!arg) return parse(DEFAULT_LISTEN, { kind: 'default' });
  const inline = /^[^=]*=(.*)$/.exec(arg.value);
  if (!inline) return undefined; // "--prometheusHTTPServer :2113": the value is the next item
  if (inline[1] === '') return null; // disabled
  return isTemplated(inline[1]) ? undefined : parse(inline[1], { kind: 'flag', arg });
}

function parse(address: string, via: Listener['via']): Listener | undefined {
  const split = splitHostPort(address);
  return split && /^\d+$/.test(split.port) ? { host: split.host, port: String(Number(split.port)), via } : undefined;
}

/** Same port, and hosts that overlap (either one every address, or the same one). */
function sameSocket(a: Listener, b: Listener): boolean {
  const any = (host: string) => host === '' || host === '0.0.0.0' || host === '::';
  return a.port === b.port && (any(a.host) || any(b.host) || a.host === b.host);
}

/** Whether two containers share a network namespace: certainly, maybe (with why), or never. */
function together(a: InFile<KubeVipContainer>, b: InFile<KubeVipContainer>): { certain: boolean; why: string } | 'no' {
  const [x, y] = [a.item, b.item];
  if (a.file.uri === b.file.uri && x.resource && y.resource && x.resource.span.start === y.resource.span.start) return { certain: true, why: 'they are containers of one Pod' };
  if (!x.pod?.hostNetwork || !y.pod?.hostNetwork) return 'no';
  const [s, t] = [x.pod.nodeSelector, y.pod.nodeSelector];
  const templated = [...Object.values(s), ...Object.values(t)].some(isTemplated);
  if (!templated && Object.keys(s).some((k) => k in t && s[k] !== t[k])) return 'no'; // no node has both values
  const same = !templated && Object.keys(s).length === Object.keys(t).length && Object.keys(s).every((k) => t[k] === s[k]);
  const scheduled = x.resourceKind === 'DaemonSet' && y.resourceKind === 'DaemonSet' && !x.pod.placementUnknown && !y.pod.placementUnknown;
  if (same && scheduled) {
    return { certain: true, why: Object.keys(s).length ? 'both DaemonSets have the same nodeSelector' : 'both DaemonSets run on every node (no nodeSelector)' };
  }
  return { certain: false, why: 'they may run on one node (the linter compares nodeSelector only; affinity, tolerations and static Pod placement are not checked)' };
}

function finding(first: Instance, firstListener: Listener, second: Instance, listener: Listener, meet: { certain: boolean; why: string }, all: readonly Instance[]): WorkspaceRuleFinding<Id> {
  const container = second.at.item;
  const label = instanceLabel(first.at.item);
  const fatal = [...new Set([first, second].filter((i) => inRange(i.at.item.version, undefined, FATAL_UNTIL)).map((i) => versionLabel(i.at.item)))];
  const port = freePort(all);
  const address = `${listener.host.includes(':') ? `[${listener.host}]` : listener.host}:${port}`;
  const edit = portEdit(second.at, listener, address);
  const consequence = fatal.length
    ? `Whichever starts second cannot listen, and kube-vip ${fatal.join(' and ')} exits on that error (log.Fatalf), so its container restarts over and over.`
    : `Whichever starts second cannot listen; kube-vip ${versionLabel(container)} logs the error and keeps running without metrics.`;
  const lead = `Metrics port ${listener.port} is also used by ${label}, and ${meet.why}: give this one another port, e.g. "${address}".`;
  const onePod = meet.why === 'they are containers of one Pod';
  const where = meet.certain ? 'on the same nodes' : 'maybe on one node';
  const short = fatal.length
    ? `the later one exits (${[...new Set([first, second].filter((i) => inRange(i.at.item.version, undefined, FATAL_UNTIL)).map((i) => versionShort(i.at.item)))].join(', ')})`
    : `the later one gets no metrics (${versionShort(container)})`;
  const use = `Use "${address}".`;
  const candidates = onePod
    ? [`Metrics port ${listener.port} is also used by another container of this Pod: ${short}. ${use}`, `Metrics port ${listener.port} is also another container's: ${short}. ${use}`]
    : [
        `Metrics port ${listener.port} is also used by ${label}, ${where}: ${short}. ${use}`,
        `Metrics port ${listener.port} is also another kube-vip Pod's, ${where}: ${short}. ${use}`,
        `Metrics port ${listener.port} is also another Pod's, ${where}: ${short}. ${use}`,
        `Metrics port ${listener.port} is also another Pod's${meet.certain ? '' : ' (maybe)'}: ${short}. ${use}`,
      ];
  return {
    uri: second.at.file.uri,
    messageId: fatal.length ? 'crash' : 'noMetrics',
    severity: fatal.length && meet.certain ? 'error' : undefined,
    span: spanOf(container, listener),
    message: fit(candidates),
    detail: `${lead} ${consequence}${listener.via.kind === 'default' ? ` The default is "${DEFAULT_LISTEN}" (an empty prometheus_server counts as unset).` : ''}`,
    // The port is free among the instances seen; preferred only when every instance's port is known.
    fixes: edit ? [fix(address, edit, all.every((i) => i.listener !== undefined))] : [],
    related: [{ uri: first.at.file.uri, span: spanOf(first.at.item, firstListener), message: `${label} listens for metrics on port ${firstListener.port}` }],
  };
}

function fix(address: string, edit: TextEdit, preferred: boolean): Fix {
  return preferred ? { title: `Listen for metrics on "${address}"`, edits: [edit], preferred } : { title: `Listen for metrics on "${address}"`, edits: [edit] };
}

/** The env value or flag that sets the address, else an empty prometheus_server, else the container's anchor. */
function spanOf(container: KubeVipContainer, listener: Listener): Span {
  if (listener.via.kind === 'env') return listener.via.entry.valueSpan ?? listener.via.entry.itemSpan;
  if (listener.via.kind === 'flag') return listener.via.arg.span;
  return container.envByName.get('prometheus_server')?.valueSpan ?? container.anchorSpan;
}

/** The first port from 2112 (the default) that no instance in the workspace listens on. */
const freePorts = new WeakMap<readonly Instance[], number>();

/** The first port from 2112 that no instance uses (the same for every finding of one pass). */
function freePort(all: readonly Instance[]): number {
  const known = freePorts.get(all);
  if (known !== undefined) return known;
  const used = new Set(all.flatMap((i) => (i.listener ? [i.listener.port] : [])));
  let port = 2112;
  while (used.has(String(port))) port++;
  freePorts.set(all, port);
  return port;
}

/** Rewrites the env value or the `--prometheusHTTPServer=` arg, or adds prometheus_server after the last env entry. */
function portEdit(at: InFile<KubeVipContainer>, listener: Listener, address: string): TextEdit | undefined {
  const { via } = listener;
  if (via.kind === 'env') return replaceValue(via.entry, address);
  if (via.kind === 'flag') {
    const { span, value } = via.arg;
    const raw = at.file.text.slice(span.start, span.end);
    const quote = raw.startsWith('"') ? 'double' : raw.startsWith("'") ? 'single' : 'plain';
    return replaceScalar(span, quote, `${value.slice(0, value.indexOf('=') + 1)}${address}`);
  }
  // An unset or empty entry is rewritten in place; otherwise the variable is added.
  const empty = at.item.envByName.get('prometheus_server');
  if (empty?.valueSpan) return replaceValue(empty, address);
  const last = at.item.env[at.item.env.length - 1];
  return last && !last.pair ? addEntryAfter(last, 'prometheus_server', address, at.file.text) : undefined;
}
