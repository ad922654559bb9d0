/**
 * prometheus_server is a Go listen address (":2112", "0.0.0.0:2112", "[::]:2112"), and an empty
 * value does NOT turn metrics off (pitfalls.md §23). kubernetes_addr is the Kubernetes client's host:
 * "host:port" or a URL such as "https://127.0.0.1:6443", used only when kube-vip builds its client
 * from /etc/kubernetes/admin.conf (or, from v1.2.2, from k8s_config_file).
 */
import { lookup } from '../catalog';
import { configOf } from '../config';
import { isUnset } from '../env';
import { replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix, Severity } from '../types';
import { ipFamily, isDnsName, splitHostPort } from '../values';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import { flagArg, usesConfigFile } from '../sources';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

/** A metrics listener failure is log.Fatalf up to v0.8.9 (v0.8.9:cmd/kube-vip.go:412-413); from v0.8.10 it is logged and kube-vip runs on (v0.8.10:cmd/kube-vip.go:433-435). */
const METRICS_FAILURE_LOGGED = 'v0.8.10';
/** v1.2.2 also builds the client from k8s_config_file, with kubernetes_addr as its host (v1.2.2:pkg/manager/manager.go:121-127). */
const CONFIG_FILE_CLIENT = 'v1.2.2';

const messages = {
  metricsEmpty: 'prometheus_server empty: treated as unset, so metrics stay on at ":2112"',
  metricsNoColon: 'prometheus_server without a colon before the port: the metrics listener fails',
  metricsBadHost: 'prometheus_server host is not an IP or host name: the metrics listener fails',
  metricsBadPort: 'prometheus_server port missing or outside 1–65535: the metrics listener fails',
  metricsPortZero: 'prometheus_server port 0: a random port no scraper can know',
  apiAddrInvalid: 'kubernetes_addr is no usable host:port or http(s) URL: the Kubernetes client cannot reach the API server',
  apiAddrNoPort: 'kubernetes_addr without a port: the client uses 443',
} as const;
type MessageId = keyof typeof messages;

interface Problem {
  readonly messageId: MessageId;
  readonly severity: Severity;
  readonly text: string;
  readonly fixed?: string;
}

export const rule = defineRule({
  id: 'invalid-host-port',
  defaultSeverity: 'error',
  description: 'prometheus_server must be a listen address such as ":2112"; kubernetes_addr must be host:port or a URL.',
  messages,
  check({ container }) {
    const findings: RuleFinding<MessageId>[] = [];
    for (const entry of container.envByName.values()) {
      const spec = lookup(entry.name);
      // A value this image never parses (not read by the version, v0.8.2–v0.8.4 table-id return) neither crashes nor changes anything.
      if (!spec || spec.type !== 'host-port' || configOf(container).notParsed(entry.name)) continue;
      const problem = entry.name === 'prometheus_server' ? checkPrometheus(container, entry) : entry.value ? checkKubernetesAddr(container, entry.value) : undefined;
      if (problem) findings.push(toFinding(entry, problem));
    }
    return findings;
  },
});

/** The metrics listen address. Empty counts as unset, so ":2112" stays on. */
function checkPrometheus(container: KubeVipContainer, entry: EnvEntry): Problem | undefined {
  if (isUnset(entry)) {
    if (flagArg(container, 'prometheusHTTPServer') || usesConfigFile(container)) return undefined; // the arg or the file decides
    return {
      messageId: 'metricsEmpty',
      severity: 'warning',
      text: `kube-vip treats an empty value as unset, so metrics stay on at the default ":2112" (kube-vip#630). To turn them off, pass the container arg --prometheusHTTPServer= instead; to move them, give a port such as ":2113".`,
    };
  }
  const value = entry.value;
  if (value === undefined) return undefined;
  const label = versionLabel(container);
  // Fatal up to v0.8.9: an error. Later only the metrics are lost, the VIPs keep working: a warning.
  const logged = atLeast(container.version, METRICS_FAILURE_LOGGED);
  const severity: Severity = logged ? 'warning' : 'error';
  const effect = logged
    ? `on ${label} (v0.8.10 and later) kube-vip logs the listen error and runs without metrics`
    : `on ${label} (v0.8.9 and earlier) the listen error is fatal and the Pod crashes`;
  const hp = splitHostPort(value);
  if (!hp) {
    const fixed = /^\d+$/.test(value) ? `:${value}` : undefined;
    return {
      messageId: 'metricsNoColon',
      severity,
      text: `a listen address needs a colon before the port (":2112", "0.0.0.0:2112", "[::]:2112"); ${effect}.`,
      fixed: fixed && portProblem(fixed.slice(1)) === undefined ? fixed : undefined,
    };
  }
  const hostOk = hp.host === '' || ipFamily(hp.host) !== undefined || isDnsName(hp.host);
  if (!hostOk) return { messageId: 'metricsBadHost', severity, text: `"${hp.host}" is not an IP address or host name (":2112" listens on every address); ${effect}.` };
  if (hp.port === '0') {
    return { messageId: 'metricsPortZero', severity: 'warning', text: 'port 0 makes the metrics server listen on a random port that no scraper can know. Use ":2112" or another fixed port.' };
  }
  const bad = portProblem(hp.port);
  return bad ? { messageId: 'metricsBadPort', severity, text: `${bad}; ${effect}.` } : undefined;
}

/**
 * The Kubernetes client's host: "host:port", a bare host (https on 443) or an http(s) URL. kube-vip
 * uses it only for a client built from /etc/kubernetes/admin.conf, or (v1.2.2+) from k8s_config_file
 * (v1.2.1:pkg/manager/manager.go:122-124); an in-cluster client ignores it. Whether that file exists
 * is not in the env, so a bad value is a warning.
 */
function checkKubernetesAddr(container: KubeVipContainer, value: string): Problem | undefined {
  const files = atLeast(container.version, CONFIG_FILE_CLIENT) ? '/etc/kubernetes/admin.conf (a static Pod) or k8s_config_file' : '/etc/kubernetes/admin.conf (a static Pod)';
  const fails = `when ${versionLabel(container)} builds its Kubernetes client from ${files}, the client cannot use it, so kube-vip cannot reach the API server`;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.hostname === '') {
      return { messageId: 'apiAddrInvalid', severity: 'warning', text: `not a valid http(s) URL; ${fails}. Use "https://<host>:6443" or "<host>:6443".` };
    }
    return undefined;
  }
  const hp = splitHostPort(value);
  if (!hp) {
    if (ipFamily(value) || isDnsName(value)) {
      return { messageId: 'apiAddrNoPort', severity: 'info', text: `no port: the Kubernetes client then uses https://${value}:443, while the API server usually listens on 6443. Write "${value}:6443" if that is your port.` };
    }
    return { messageId: 'apiAddrInvalid', severity: 'warning', text: `not a host:port or URL; ${fails}. Use "<host>:6443" or "https://<host>:6443".` };
  }
  if (!(ipFamily(hp.host) || isDnsName(hp.host))) return { messageId: 'apiAddrInvalid', severity: 'warning', text: `"${hp.host}" is not an IP address or host name; ${fails}.` };
  const bad = portProblem(hp.port);
  return bad ? { messageId: 'apiAddrInvalid', severity: 'warning', text: `${bad}; ${fails}.` } : undefined;
}

/** Why a port string is unusable, or undefined when it is 1–65535. */
function portProblem(port: string): string | undefined {
  if (port === '') return 'the port is missing after the colon';
  if (!/^\d+$/.test(port)) return `"${port}" is not a port number`;
  return Number(port) >= 1 && Number(port) <= 65535 ? undefined : `port ${port} is outside 1–65535`;
}

function toFinding(entry: EnvEntry, problem: Problem): RuleFinding<MessageId> {
  const fixes: Fix[] = [];
  const edit = problem.fixed === undefined ? undefined : replaceValue(entry, problem.fixed);
  if (edit) fixes.push({ title: `Set ${entry.name} to "${problem.fixed}"`, edits: [edit], preferred: true });
  const shown = entry.value === undefined ? 'with no value' : `"${entry.value}"`;
  const span = entry.valueSpan && entry.valueSpan.end > entry.valueSpan.start ? entry.valueSpan : entry.nameSpan;
  return { messageId: problem.messageId, span, severity: problem.severity, message: `${entry.name} ${shown}: ${problem.text}`, fixes };
}
