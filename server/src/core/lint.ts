/** Runs every rule over every kube-vip container of a parsed file. */
import { findKubeVipContainers, KubeVipContainer } from './model';
import type { ParsedFile } from './parse';
import { RULES } from './rules';
import type { Rule } from './rules/rule';
import type { Finding, Settings } from './types';

export interface Analysis {
  readonly file: ParsedFile;
  readonly containers: readonly KubeVipContainer[];
  readonly findings: readonly Finding[];
}

/** Lints a parsed file. Pure: the same text and settings give the same findings. */
export function analyze(file: ParsedFile, settings: Settings = {}, rules: readonly Rule[] = RULES): Analysis {
  const containers = findKubeVipContainers(file, { kubeVipVersion: settings.kubeVipVersion });
  const findings: Finding[] = [];
  for (const container of containers) {
    for (const rule of rules) {
      const configured = settings.rules?.[rule.id];
      if (configured === 'off' || (rule.needsWholeEnv && container.conditional)) continue;
      for (const f of rule.check({ container, text: file.text })) {
        findings.push({
          rule: rule.id,
          severity: configured ?? f.severity ?? rule.defaultSeverity,
          message: f.message,
          span: f.span,
          fixes: f.fixes ?? [],
          related: f.related ?? [],
        });
      }
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  return { file, containers, findings };
}
