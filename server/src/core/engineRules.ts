/**
 * What the engine reports besides the rules, in one place: ids that settings, disable comments, SARIF,
 * completion and hover know, with the message variants each can emit.
 */
import type { Severity } from './types';
import { NOT_CHECKED } from './types';

export const FILE_TOO_LARGE = 'file-too-large';
export const DISABLE_DIRECTIVE = 'disable-directive';

export interface EngineRule {
  readonly id: string;
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** Message variants (Finding.messageId), as rules declare them. */
  readonly messages: Readonly<Record<string, string>>;
  /**
   * A severity setting and disable comments apply to it. Not file-too-large: the file is skipped before
   * any comment is read or any setting but maxFileSize matters.
   */
  readonly configurable: boolean;
}

export const ENGINE_RULES: readonly EngineRule[] = [
  {
    id: NOT_CHECKED,
    description: 'What kube-vip-lint could not check, and why (a templated image, an assumed version, a document that does not parse).',
    defaultSeverity: 'info',
    messages: {
      'templated-image': 'The image is templated: the newest known version is assumed',
      'too-old': 'The image predates the oldest release the facts cover',
      'assumed-version': 'The image names no version: the newest known version is assumed',
      'no-configuration': 'The file mentions kube-vip but holds no configuration the linter recognises',
      unparsable: 'A document that mentions kube-vip does not parse',
    },
    configurable: true,
  },
  {
    id: DISABLE_DIRECTIVE,
    description: 'Disable comments that name no rule, or silence nothing.',
    defaultSeverity: 'warning',
    messages: { unknownRule: 'A directive names no rule', unused: 'A directive silences nothing (reportUnusedDisableDirectives)' },
    configurable: true,
  },
  {
    id: FILE_TOO_LARGE,
    description: 'A file over the size limit (maxFileSize), not linted.',
    defaultSeverity: 'info',
    messages: { tooLarge: 'The file is over maxFileSize and was skipped' },
    configurable: false,
  },
];

/** Engine ids a severity setting or a disable comment may name. */
export const CONFIGURABLE_ENGINE_IDS: readonly string[] = ENGINE_RULES.filter((r) => r.configurable).map((r) => r.id);

/** Every id the engine reports besides the rules. */
export const ENGINE_IDS: ReadonlySet<string> = new Set(ENGINE_RULES.map((r) => r.id));
