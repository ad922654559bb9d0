/**
 * client-go's leaderelection.RunOrDie panics unless leaseDuration > renewDeadline > 1.2 × retryPeriod
 * and each is at least 1 (pitfall 11, kube-vip#924). kube-vip passes vip_leaseduration,
 * vip_renewdeadline and vip_retryperiod straight through, with defaults 5/3/1 up to v1.0.4 and
 * 15/10/2 from v1.1.0-rc.0 (PR#1429), so a manifest that sets only one of them can break on upgrade.
 * With `--leaderElectionType=etcd` (v0.7.0+) the etcd election runs instead, which uses only the
 * lease duration as a TTL (v1.2.3:pkg/election/election.go:62-70,113-121): no such check.
 */
import { configOf, electionReason } from '../config';
import { effectiveInt } from '../env';
import type { EffectiveNumber } from '../env';
import type { KubeVipContainer } from '../model';
import { atLeast } from '../version';
import { versionLabel, versionShort } from '../versionText';
import { mayBeSetOutsideEnv } from '../sources';
import { defineRule } from './rule';
import { fit } from '../headline';

const LEASE = 'vip_leaseduration';
const RENEW = 'vip_renewdeadline';
const RETRY = 'vip_retryperiod';
/** v1.1.0-rc.0 moved the defaults from 5/3/1 to 15/10/2 (commit 7caf5f6). */
const NEW_DEFAULTS = 'v1.1.0-rc.0';
interface Violation {
  readonly id: 'leaseNotAboveRenew' | 'renewNotAboveRetry';
  /** The variable whose value should change. */
  readonly flag: string;
  readonly involved: readonly string[];
  readonly text: string;
  /** The same for a headline: `vip_renewdeadline (default 10)`. */
  readonly short: string;
  /** client-go's error, which RunOrDie panics with. */
  readonly panic: string;
}

export const rule = defineRule({
  id: 'lease-timing',
  defaultSeverity: 'error',
  description: 'Leader election needs vip_leaseduration > vip_renewdeadline > 1.2 × vip_retryperiod, or client-go panics.',
  messages: {
    leaseNotAboveRenew: 'client-go panics: vip_leaseduration must be greater than vip_renewdeadline',
    renewNotAboveRetry: 'client-go panics: vip_renewdeadline must be greater than 1.2 × vip_retryperiod',
  },
  requires: { wholeEnv: true, researchedVersion: true },
  check({ container }) {
    const config = configOf(container);
    // etcd elections never run client-go's checks; an unknown type is not guessed.
    if (config.leaderElectionType !== 'kubernetes') return [];
    const reason = electionReason(config);
    if (!reason) return [];
    const values = new Map([LEASE, RENEW, RETRY].map((name) => [name, timing(container, name)]));
    // A value below 1 is reported by invalid-number on the value itself.
    if ([...values.values()].some((value) => value !== undefined && value.value < 1)) return [];
    const violation = firstViolation(container, values);
    if (!violation) return [];
    const flagged = values.get(violation.flag)!.entry!;
    const defaulted = violation.involved.some((name) => values.get(name)!.source === 'default');
    const upgrade = defaulted && atLeast(container.version, NEW_DEFAULTS) ? ' (the defaults changed from 5/3/1 to 15/10/2 in v1.1.0-rc.0)' : '';
    return [
      {
        messageId: violation.id,
        span: flagged.valueSpan ?? flagged.nameSpan,
        message: fit([
          `${violation.short}: ${versionShort(container)} panics in leader election. Use e.g. 15/10/2 (lease/renew/retry).`,
          `${violation.short}: ${versionShort(container)} panics. Use e.g. 15/10/2 (lease/renew/retry).`,
          `${violation.short}: ${versionShort(container)} panics. Use e.g. 15/10/2.`,
        ]),
        detail:
          `${violation.text}: on ${versionLabel(container)} client-go panics with "${violation.panic}" as soon as kube-vip starts leader election ` +
          `(${reason}), and the Pod restarts in a loop. Keep vip_leaseduration > vip_renewdeadline > 1.2 × vip_retryperiod, e.g. 15/10/2${upgrade}.`,
        related: violation.involved
          .filter((name) => name !== violation.flag && values.get(name)!.source === 'env')
          .map((name) => {
            const entry = values.get(name)!.entry!;
            return { span: entry.valueSpan ?? entry.nameSpan, message: `${name} is "${entry.value}"` };
          }),
      },
    ];
  },
});

/** The value in force, or undefined when unknown (reference, template, flag, unparsable). */
function timing(container: KubeVipContainer, name: string): EffectiveNumber | undefined {
  const value = effectiveInt(container, name);
  if (value?.source === 'default' && mayBeSetOutsideEnv(container, name)) return undefined;
  return value;
}

/** The first of client-go's two ordering checks (NewLeaderElector) that certainly fails. */
function firstViolation(container: KubeVipContainer, values: Map<string, EffectiveNumber | undefined>): Violation | undefined {
  const lease = values.get(LEASE);
  const renew = values.get(RENEW);
  const retry = values.get(RETRY);
  const say = (name: string) => describe(container, name, values.get(name)!);
  const brief = (name: string) => describe(container, name, values.get(name)!, true);
  const envOr = (preferred: string, other: string) => (values.get(preferred)!.source === 'env' ? preferred : other);
  if (lease && renew && lease.value <= renew.value) {
    return { id: 'leaseNotAboveRenew', flag: envOr(RENEW, LEASE), involved: [LEASE, RENEW], text: `${say(LEASE)} must be greater than ${say(RENEW)}`, short: `${brief(LEASE)} must exceed ${brief(RENEW)}`, panic: 'leaseDuration must be greater than renewDeadline' };
  }
  // client-go compares renewDeadline <= Duration(1.2 × retryPeriod); in whole seconds: 10·renew <= 12·retry.
  if (renew && retry && 10 * renew.value <= 12 * retry.value) {
    return {
      id: 'renewNotAboveRetry',
      flag: envOr(RENEW, RETRY),
      involved: [RENEW, RETRY],
      text: `${say(RENEW)} must be greater than 1.2 × ${say(RETRY)} = ${(12 * retry.value) / 10}`,
      short: `${brief(RENEW)} must exceed 1.2 × ${brief(RETRY)} = ${(12 * retry.value) / 10}`,
      panic: 'renewDeadline must be greater than retryPeriod*JitterFactor',
    };
  }
  return undefined;
}

/** `vip_renewdeadline "10"` or `vip_renewdeadline (unset, so the v1.2.3 default 10)`; short: `vip_renewdeadline (default 10)`. */
function describe(container: KubeVipContainer, name: string, value: EffectiveNumber, short = false): string {
  if (value.source === 'env') return `${name} "${value.entry!.value}"`;
  return short ? `${name} (default ${value.value})` : `${name} (unset, so the ${versionLabel(container)} default ${value.value})`;
}
