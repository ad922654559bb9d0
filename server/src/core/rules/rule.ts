/** What every rule module exports. */
import type { KubeVipContainer } from '../model';
import type { Fix, Related, Severity } from '../types';
import type { Span } from '../model';

export interface RuleContext {
  readonly container: KubeVipContainer;
  /** The whole file text, for edits that look at surrounding characters. */
  readonly text: string;
}

/** What a rule reports; the linter adds the rule id and applies severity settings. */
export interface RuleFinding {
  readonly span: Span;
  readonly message: string;
  /** Overrides the rule's default severity, e.g. error on versions that crash, warning where latent. */
  readonly severity?: Severity;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly Related[];
}

export interface Rule {
  /** Stable kebab-case id; also the docs page name docs/rules/<id>.md. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line, shown in rule listings. */
  readonly description: string;
  /**
   * The rule reasons about the whole env (a variable missing, or two that conflict). It is skipped for
   * containers with template conditionals, where some entries may not be rendered.
   */
  readonly needsWholeEnv?: boolean;
  check(context: RuleContext): RuleFinding[];
}
