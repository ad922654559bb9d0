/** Validates settings from any source (editor JSON, the CLI's .kube-vip-lint.yaml) into core Settings. */
import { RULES_BY_ID } from './rules';
import { CONFIGURABLE_ENGINE_IDS } from './engineRules';
import type { Settings, SeveritySetting } from './types';
import { parseVersion } from './version';

const SEVERITIES: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];

export interface SettingsResult {
  readonly settings: Settings;
  /** Human-readable problems; the offending entries are ignored. */
  readonly problems: readonly string[];
}

/** Reads `{ kubeVipVersion?, rules?: { <id>: off|hint|info|warning|error }, maxFileSize?, reportUnusedDisableDirectives? }`, ignoring other keys. */
export function normalizeSettings(raw: unknown): SettingsResult {
  const problems: string[] = [];
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  let kubeVipVersion: string | undefined;
  if (typeof source.kubeVipVersion === 'string' && source.kubeVipVersion.trim()) {
    if (parseVersion(source.kubeVipVersion)) kubeVipVersion = source.kubeVipVersion.trim();
    else problems.push(`kubeVipVersion "${source.kubeVipVersion}" is not a version such as v0.8.9`);
  }
  const rules: Record<string, SeveritySetting> = {};
  if (source.rules && typeof source.rules === 'object') {
    for (const [id, severity] of Object.entries(source.rules as Record<string, unknown>)) {
      if (!RULES_BY_ID.has(id) && !CONFIGURABLE_ENGINE_IDS.includes(id)) problems.push(`unknown rule "${id}"`);
      else if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) problems.push(`rule "${id}": severity must be one of ${SEVERITIES.join(', ')}`);
      else rules[id] = severity as SeveritySetting;
    }
  } else if (source.rules !== undefined) {
    problems.push('rules must be a map of rule id to severity');
  }
  let maxFileSize: number | undefined;
  if (source.maxFileSize !== undefined) {
    if (typeof source.maxFileSize === 'number' && Number.isFinite(source.maxFileSize) && source.maxFileSize > 0) maxFileSize = source.maxFileSize;
    else problems.push('maxFileSize must be a positive number of characters');
  }
  let reportUnusedDisableDirectives: boolean | undefined;
  if (source.reportUnusedDisableDirectives !== undefined) {
    if (typeof source.reportUnusedDisableDirectives === 'boolean') reportUnusedDisableDirectives = source.reportUnusedDisableDirectives;
    else problems.push('reportUnusedDisableDirectives must be true or false');
  }
  return { settings: { kubeVipVersion, rules, maxFileSize, ...(reportUnusedDisableDirectives !== undefined && { reportUnusedDisableDirectives }) }, problems };
}

/** Later settings override earlier ones, rule by rule. */
export function mergeSettings(...layers: readonly Settings[]): Settings {
  return layers.reduce<Settings>(
    (acc, layer) => ({
      kubeVipVersion: layer.kubeVipVersion ?? acc.kubeVipVersion,
      rules: { ...acc.rules, ...layer.rules },
      maxFileSize: layer.maxFileSize ?? acc.maxFileSize,
      imageOverrides: layer.imageOverrides ?? acc.imageOverrides,
      format: layer.format ?? acc.format,
      reportUnusedDisableDirectives: layer.reportUnusedDisableDirectives ?? acc.reportUnusedDisableDirectives,
    }),
    {},
  );
}
