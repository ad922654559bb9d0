/** Look-ups over the env var catalog. */
import { ENV_VARS, IGNORED_NAMES } from './envVars';
import type { IgnoredName } from './envVars';
import type { EnvVarSpec, Versioned } from './types';
import { atLeast, compareVersions, inRange, v, Version } from '../version';

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
  return versionedFor(spec.default, version);
}

/**
 * Why the variable changes nothing on `version`, or undefined when it has an effect there. Without a
 * version: the whole story, each range prefixed with its versions (for texts that name no image).
 */
export function noEffectFor(spec: EnvVarSpec, version?: Version): string | undefined {
  const { noEffect } = spec;
  if (noEffect === undefined || typeof noEffect === 'string') return noEffect;
  if (version) return versionedFor(noEffect, version);
  return noEffect.map((n) => `${n.from ?? spec.since}${n.to ? `–${n.to}` : '+'}: ${n.value}`).join(' ');
}

function versionedFor<T>(ranges: readonly Versioned<T>[], version: Version): T | undefined {
  return ranges.find((r) => inRange(version, r.from, r.to))?.value;
}

/** What a name written in the env is, when it is not a variable: a `manager` flag or a kubevip.Config field. */
export interface SettingName {
  readonly kind: 'flag' | 'field';
  /** As kube-vip spells it: "--servicesElection", "EnableServicesElection". */
  readonly spelling: string;
  /** The variables that set it: one, or a variable and its upper-case fallback (egress_clean, EGRESS_CLEAN). */
  readonly specs: readonly EnvVarSpec[];
}

/**
 * A `kube-vip manager` flag name or a Go config field name written as an env name ("servicesElection",
 * "enableServicesElection", "VIPCIDR"). Flags and config_file keys are camelCase, so a name with a lower-case
 * letter matches ignoring case; an all-capitals name matches only a field spelt exactly so (VIPCIDR, DDNS):
 * NAMESPACE or INTERFACE is more likely some other program's variable. Nested fields (BGPConfig.AS) have
 * generic last names (AS, Enabled, URL) and are not matched.
 */
export function lookupSettingName(name: string): SettingName | undefined {
  const lower = name.toLowerCase();
  const folds = name !== name.toUpperCase();
  const flag = FLAGS.get(lower);
  if (flag && folds) return flag;
  const field = FIELDS.get(lower);
  if (field && (folds || field.spelling === name)) return field;
  return undefined;
}

const FLAGS = settingIndex('flag', (spec) => spec.cliFlag);
const FIELDS = settingIndex('field', (spec) => (spec.goField?.includes('.') ? undefined : spec.goField));

function settingIndex(kind: SettingName['kind'], spellingOf: (spec: EnvVarSpec) => string | undefined): Map<string, SettingName> {
  const index = new Map<string, SettingName>();
  for (const spec of ENV_VARS) {
    const spelling = spellingOf(spec);
    if (!spelling) continue;
    const key = spelling.replace(/^-+/, '').toLowerCase();
    const known = index.get(key);
    index.set(key, { kind, spelling, specs: [...(known?.specs ?? []), spec] });
  }
  return index;
}
