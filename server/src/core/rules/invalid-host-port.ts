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
import { shown } from '../headline';
import { HEADLINE_LIMIT } from '../types';
import { atLeast, formatVersion } from '../version';
import { versionNote, versionShort } from '../versionText';
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
  /**
   * Headlines after the subject ("prometheus_server \"2112\"" or, when that is too long, "prometheus_server"),
   * best first: the first that fits is used.
   */
  readonly headlines: readonly string[];
  readonly detail?: string;
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
      headlines: ['is empty: metrics stay on at ":2112". To turn them off, use the arg --prometheusHTTPServer=.'],
      detail: `kube-vip treats an empty value as unset, so metrics stay on at the default ":2112" (kube-vip#630). To turn them off, pass the container arg --prometheusHTTPServer= instead; to move them, give a port such as ":2113".`,
    };
  }
  const value = entry.value;
  if (value === undefined) return undefined;
  const short = versionShort(container);
  // Fatal up to v0.8.9: an error. Later only the metrics are lost, the VIPs keep working: a warning.
  const logged = atLeast(container.version, METRICS_FAILURE_LOGGED);
  const severity: Severity = logged ? 'warning' : 'error';
  const effects = logged ? [`${short} runs without metrics`] : [`${short} crashes on the listen error`, `${short} crashes`];
  const effectDetail = withNote(
    container,
    logged
      ? `From v0.8.10 kube-vip logs the listen error and runs without metrics; the VIPs keep working.`
      : `Up to v0.8.9 the listen error is fatal and the Pod crashes.`,
  );
  const hp = splitHostPort(value);
  if (!hp) {
    const fixed = /^\d+$/.test(value) ? `:${value}` : undefined;
    const usable = fixed && portProblem(fixed.slice(1)) === undefined ? fixed : undefined;
    return {
      messageId: 'metricsNoColon',
      severity,
      headlines: effects.map((effect) => `has no colon before the port: ${effect}. ${usable ? `Use "${usable}".` : 'Use a form like ":2112".'}`),
      detail: `A listen address needs a colon before the port (":2112", "0.0.0.0:2112", "[::]:2112"). ${effectDetail}`,
      fixed: usable,
    };
  }
  const hostOk = hp.host === '' || ipFamily(hp.host) !== undefined || isDnsName(hp.host);
  if (!hostOk) {
    return {
      messageId: 'metricsBadHost',
      severity,
      headlines: effects.map((effect) => `has an invalid host: ${effect}. Fix the host or use ":${hp.port}".`),
      detail: `"${hp.host}" is not an IP address or host name (":${hp.port}" listens on every address). ${effectDetail}`,
    };
  }
  if (hp.port === '0') {
    return { messageId: 'metricsPortZero', severity: 'warning', headlines: ['listens on a random port that no scraper can know. Use ":2112" or another fixed port.'], detail: 'Port 0 makes the metrics server listen on a random free port.' };
  }
  const bad = portProblem(hp.port);
  return bad ? { messageId: 'metricsBadPort', severity, headlines: effects.map((effect) => `${bad.short}: ${effect}. Use a port from 1 to 65535.`), detail: `${capitalise(bad.long)}. ${effectDetail}` } : undefined;
}

/**
 * The Kubernetes client's host: "host:port", a bare host (https on 443) or an http(s) URL. kube-vip
 * uses it only for a client built from /etc/kubernetes/admin.conf, or (v1.2.2+) from k8s_config_file
 * (v1.2.1:pkg/manager/manager.go:122-124); an in-cluster client ignores it. Whether that file exists
 * is not in the env, so a bad value is a warning.
 */
function checkKubernetesAddr(container: KubeVipContainer, value: string): Problem | undefined {
  const files = atLeast(container.version, CONFIG_FILE_CLIENT) ? '/etc/kubernetes/admin.conf (a static Pod) or k8s_config_file' : '/etc/kubernetes/admin.conf (a static Pod)';
  const label = formatVersion(container.version);
  const fails = withNote(container, `When ${label} builds its Kubernetes client from ${files}, the client cannot use it, so kube-vip cannot reach the API server; an in-cluster client ignores kubernetes_addr.`);
  const may = `${versionShort(container)} may not reach the API server`;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.hostname === '') {
      return { messageId: 'apiAddrInvalid', severity: 'warning', headlines: [`is not a valid http(s) URL: ${may}. Use "https://<host>:6443".`], detail: `${fails} Use "https://<host>:6443" or "<host>:6443".` };
    }
    return undefined;
  }
  const hp = splitHostPort(value);
  if (!hp) {
    if (ipFamily(value) || isDnsName(value)) {
      return {
        messageId: 'apiAddrNoPort',
        severity: 'info',
        headlines: [`has no port, so the client uses 443. Use "${value}:6443" if the API server listens on 6443.`, 'has no port, so the client uses 443. Add ":6443" if the API server listens on 6443.'],
        detail: `The Kubernetes client then uses https://${value}:443, while the API server usually listens on 6443. Write "${value}:6443" if that is your port.`,
      };
    }
    return { messageId: 'apiAddrInvalid', severity: 'warning', headlines: [`is not a host:port or URL: ${may}. Use "<host>:6443".`], detail: `${fails} Use "<host>:6443" or "https://<host>:6443".` };
  }
  if (!(ipFamily(hp.host) || isDnsName(hp.host))) {
    return { messageId: 'apiAddrInvalid', severity: 'warning', headlines: [`has an invalid host: ${may}. Use an IP address or host name.`], detail: `"${hp.host}" is not an IP address or host name. ${fails}` };
  }
  const bad = portProblem(hp.port);
  return bad ? { messageId: 'apiAddrInvalid', severity: 'warning', headlines: [`${bad.short}: ${may}. Use a port from 1 to 65535.`], detail: `${capitalise(bad.long)}. ${fails}` } : undefined;
}

/** Why a port string is unusable (for the headline after the value, and for the detail), or undefined when it is 1–65535. */
function portProblem(port: string): { short: string; long: string } | undefined {
  if (port === '') return { short: 'has no port after the colon', long: 'the port is missing after the colon' };
  if (!/^\d+$/.test(port)) return { short: 'has no port number', long: `"${port}" is not a port number` };
  return Number(port) >= 1 && Number(port) <= 65535 ? undefined : { short: `has port ${port}, outside 1–65535`, long: `port ${port} is outside 1–65535` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A detail, then where the version came from when the tag does not say. */
function withNote(container: KubeVipContainer, detail: string): string {
  const note = versionNote(container);
  return note ? `${detail} ${note}` : detail;
}

function toFinding(entry: EnvEntry, problem: Problem): RuleFinding<MessageId> {
  const fixes: Fix[] = [];
  const edit = problem.fixed === undefined ? undefined : replaceValue(entry, problem.fixed);
  if (edit) fixes.push({ title: `Set ${entry.name} to "${problem.fixed}"`, edits: [edit], preferred: true });
  const span = entry.valueSpan && entry.valueSpan.end > entry.valueSpan.start ? entry.valueSpan : entry.nameSpan;
  // The value as written, unless it is empty or would push the fix out of the headline.
  const candidates = problem.headlines.flatMap((h) => [...(entry.value ? [`${entry.name} ${shown(entry.value)} ${h}`] : []), `${entry.name} ${h}`]);
  const message = candidates.find((m) => m.length <= HEADLINE_LIMIT) ?? candidates[candidates.length - 1];
  return { messageId: problem.messageId, span, severity: problem.severity, message, detail: problem.detail, fixes };
}
