/** The public API of the kube-vip-lint core: text + settings in, findings/hover/fixes out. */
export { analyze, createAnalysisCache } from './lint';
export type { Analysis, AnalysisCache } from './lint';
export { hoverAt } from './hover';
export { effectiveConfigLenses, explain, explanationMarkdown, explanationText } from './explain';
export { rbacForUpgrade } from './upgradeRbac';
export type { RbacEdit } from './upgradeRbac';
export type { EffectiveConfigLens, Explanation, ExplanationRow, IgnoredEntry, IgnoredKind, RowSource } from './explain';
export { fileStatus } from './status';
export type { FileStatus } from './status';
export { preferredFixes, quickFixesAt } from './codeActions';
export { fixAll, MAX_FIX_PASSES, replacementEdit } from './fixAll';
export type { FixAllResult } from './fixAll';
export { completionsAt } from './completion';
export type { CompletionItemData, CompletionResult } from './completion';
export { ALL_RULES, RESOURCE_RULES, RULES, RULES_BY_ID, WORKSPACE_RULES } from './rules';
export type { AnyRule } from './rules/rule';
export { indexOf, lintFiles, lintWorkspace, mergeFindings } from './workspace';
export type { AnalysedFile, CrossFinding, FileInput, FileResult, IndexedFile, WorkspaceIndex } from './workspace';
export type { Finding, Fix, ImageOverride, Settings, Severity, SeveritySetting, TextEdit } from './types';
export type { Location, Span } from './span';
export { NEWEST_KNOWN_RELEASE } from './version';
export { DEFAULT_MAX_FILE_SIZE, fullMessage, HEADLINE_LIMIT, NOT_CHECKED } from './types';
export { CONFIGURABLE_ENGINE_IDS, DISABLE_DIRECTIVE, ENGINE_RULES, FILE_TOO_LARGE } from './engineRules';
export { mergeSettings, normalizeSettings } from './settings';

import { analyze } from './lint';
import type { Settings } from './types';

/** Lints a text with every rule (CLI, tests). */
export function lintText(text: string, settings: Settings = {}) {
  return analyze(text, settings);
}
export { applyUpgrade, planUpgrade } from './upgrade';
export type { ChangeKind, ContainerUpgrade, NotCarried, UpgradeChange, UpgradePlan } from './upgrade';
export { isKnownRelease, RELEASES, upgradeTargets } from './catalog/releases';
