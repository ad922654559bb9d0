/** How kube-vip reads env values: the semantics rules share. */
import type { EnvEntry, KubeVipContainer } from './model';
import { defaultFor, isReadBy, lookup } from './catalog';
import type { EnvVarSpec } from './catalog';
import type { ValueType } from './catalog/types';

/** strconv.ParseBool's accepted spellings. */
export const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'] as const;
export const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'] as const;

/** What kube-vip would see for a boolean variable. */
export type BoolState = 'true' | 'false' | 'unset' | 'unknown';

/** kube-vip treats an empty value like an unset variable. */
export function isUnset(entry: EnvEntry | undefined): boolean {
  return entry === undefined || (!entry.fromRef && !entry.templated && !entry.nonString && (entry.value ?? '') === '');
}

/** Reads a boolean the way strconv.ParseBool does; 'unknown' for references, templates and bad spellings. */
export function boolState(container: KubeVipContainer, name: string): BoolState {
  const entry = container.envByName.get(name);
  if (isUnset(entry)) return 'unset';
  const value = entry!.value;
  if (value === undefined) return 'unknown';
  if ((GO_TRUE as readonly string[]).includes(value)) return 'true';
  if ((GO_FALSE as readonly string[]).includes(value)) return 'false';
  return 'unknown';
}

/** The load-balancing modes, in the order kube-vip documents them. */
export const MODE_VARS = ['vip_arp', 'bgp_enable', 'vip_routingtable', 'vip_wireguard'] as const;

/** The literal value of a variable, or undefined when unset, referenced or templated. */
export function literalValue(container: KubeVipContainer, name: string): string | undefined {
  const entry = container.envByName.get(name);
  return isUnset(entry) ? undefined : entry!.value;
}

/** A whole number as kube-vip would parse it (optional sign, decimal digits), else undefined. */
export function parseInteger(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

export interface EffectiveNumber {
  readonly value: number;
  /** 'env' when set in the manifest, 'default' when the image version's default applies. */
  readonly source: 'env' | 'default';
  readonly entry?: EnvEntry;
}

/**
 * The integer kube-vip will use for `name`: the literal value, or the image version's default when
 * unset. Undefined when unknown (reference, template) or unparsable (another rule reports that).
 */
export function effectiveInt(container: KubeVipContainer, name: string): EffectiveNumber | undefined {
  const entry = container.envByName.get(name);
  if (!isUnset(entry)) {
    const value = entry!.value === undefined ? undefined : parseInteger(entry!.value);
    return value === undefined ? undefined : { value, source: 'env', entry };
  }
  const spec = lookup(name);
  const text = spec && defaultFor(spec, container.version);
  const value = text === undefined ? undefined : parseInteger(text);
  return value === undefined ? undefined : { value, source: 'default' };
}

/**
 * The entries a value rule checks: the one Kubernetes passes for each variable, with a literal
 * non-empty value, a catalog entry of one of `types` (all when omitted) that is not runtime-injected,
 * and read by the image's version.
 */
export function* readLiteralEntries(container: KubeVipContainer, types?: readonly ValueType[]): Generator<{ entry: EnvEntry; spec: EnvVarSpec }> {
  for (const entry of container.envByName.values()) {
    const spec = lookup(entry.name);
    if (!spec || spec.implicit || !entry.value || (types && !types.includes(spec.type)) || !isReadBy(spec, container.version)) continue;
    yield { entry, spec };
  }
}
