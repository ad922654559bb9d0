/** Results the core hands to its adapters (LSP server, CLI). All positions are offsets into the text. */
import type { Span, TextEdit } from './span';

export type { Span, TextEdit };

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The one safe fix for this finding: VS Code applies it with "Auto Fix". */
  readonly preferred?: boolean;
}

export interface Related {
  readonly span: Span;
  /** The file the span is in, when it is not the linted file (a Service or a role elsewhere in the workspace). */
  readonly uri?: string;
  readonly message: string;
}

export interface Finding {
  readonly rule: string;
  /** The message variant (a key of the rule's `messages`); stable across wording changes. */
  readonly messageId?: string;
  readonly severity: Severity;
  /**
   * The headline: the problem, what kube-vip does about it and the fix, within HEADLINE_LIMIT characters,
   * for places that show one line (the Problems panel, CLI text, virtual text).
   */
  readonly message: string;
  /** Everything else (why, which versions, what the linter cannot see), for hovers, JSON, SARIF and annotations. */
  readonly detail?: string;
  readonly span: Span;
  readonly fixes: readonly Fix[];
  readonly related: readonly Related[];
}

/** A kustomize `images:` entry that applies to the linted file (computed by the adapters from kustomization.yaml). */
export interface ImageOverride {
  /** The image it matches: the image reference without tag or digest. */
  readonly name: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
}

export interface Settings {
  /** kube-vip version assumed when an image tag does not name one; empty = newest known release. */
  readonly kubeVipVersion?: string;
  /** Per-rule severity overrides. */
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  /** Files longer than this many characters are skipped with one info finding. Default 5 MB. */
  readonly maxFileSize?: number;
  /**
   * What the text is, when the adapter knows it from the file name or language id: in markdown only the
   * ```yaml fences are linted. Absent: markdown when a fence opens at column 0.
   */
  readonly format?: 'yaml' | 'markdown';
  /** Kustomize image overrides for this file (not a user setting: the adapters read kustomization.yaml). */
  readonly imageOverrides?: readonly ImageOverride[];
  /** Report disable comments that silence nothing (rule disable-directive). */
  readonly reportUnusedDisableDirectives?: boolean;
}

/**
 * The pseudo-rule that says what could not be checked (a templated image, a document that does not
 * parse). Not in RULES, but its severity can be set (or turned off) like a rule's.
 */
export const NOT_CHECKED = 'not-checked';

/** The length a headline (Finding.message) stays within, so that the fix shows where one line is read. */
export const HEADLINE_LIMIT = 120;

/** The whole message: the headline, then the detail on its own line. */
export function fullMessage(finding: { readonly message: string; readonly detail?: string }): string {
  return finding.detail ? `${finding.message}\n${finding.detail}` : finding.message;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
