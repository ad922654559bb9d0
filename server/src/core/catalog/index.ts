/** Look-ups over the env var catalog. */
import { ENV_VARS, IGNORED_NAMES } from './envVars';
import type { IgnoredName } from './envVars';
import type { EnvVarSpec } from './types';
import { atLeast, compareVersions, v, Version } from '../version';

export type { EnvVarSpec, IgnoredName };
export { ENV_VARS, IGNORED_NAMES };

const BY_NAME = new Map<string, EnvVarSpec>(ENV_VARS.map((spec) => [spec.name, spec]));
const IGNORED_BY_NAME = new Map<string, IgnoredName>(IGNORED_NAMES.map((entry) => [entry.name, entry]));

/** The fact sheet of a variable, by exact name. */
export function lookup(name: string): EnvVarSpec | undefined {
  return BY_NAME.get(name);
}

/** A name people write that kube-vip never reads. */
export function lookupIgnored(name: string): IgnoredName | undefined {
  return IGNORED_BY_NAME.get(name);
}

/** True when kube-vip `version` reads the variable. */
export function isReadBy(spec: EnvVarSpec, version: Version): boolean {
  return atLeast(version, spec.since) && (!spec.until || compareVersions(version, v(spec.until)) < 0);
}

/** The default that applies to `version`, as text. */
export function defaultFor(spec: EnvVarSpec, version: Version): string | undefined {
  const match = spec.default.find(
    (d) => (!d.from || atLeast(version, d.from)) && (!d.to || compareVersions(version, v(d.to)) <= 0),
  );
  return match?.value;
}
