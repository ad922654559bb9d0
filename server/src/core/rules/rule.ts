/** What every rule module exports. */
import type { KubeVipContainer } from '../model';
import type { Fix, Related, Severity } from '../types';
import type { Span } from '../span';
import type { ResourceFact, ResourceKind } from '../resources';
import type { WorkspaceIndex } from '../workspaceIndex';
export interface RuleContext {
  readonly container: KubeVipContainer;
  /** The whole file text, for edits that look at surrounding characters. */
  readonly text: string;
}

/** What a rule reports; the linter adds the rule id and applies severity settings. */
export interface RuleFinding<Id extends string = string> {
  /** Which message variant this is: a key of the rule's `messages`, with an evidence row in its docs page. */
  readonly messageId: Id;
  readonly span: Span;
  /** The headline: the problem, its consequence for this version and the fix, within HEADLINE_LIMIT (types.ts) characters. */
  readonly message: string;
  /** The rest of the explanation: why, which versions and modes, what the manifest does not show. */
  readonly detail?: string;
  /** Overrides the rule's default severity, e.g. error on versions that crash, warning where latent. */
  readonly severity?: Severity;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly Related[];
}

export interface Rule<Id extends string = string> {
  /** Stable kebab-case id; also the docs page name docs/rules/<id>.md. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line, shown in rule listings. */
  readonly description: string;
  /**
   * Every message variant the rule can emit, by stable camelCase id, with a one-line summary. Each
   * id has a row in the "Evidence" table of docs/rules/<id>.md (versions, modes, kube-vip source).
   */
  readonly messages: Readonly<Record<Id, string>>;
  /** What a container must offer for the rule to run; the engine checks it, so rules do not repeat the guards. */
  readonly requires?: RuleRequirements;
  check(context: RuleContext): RuleFinding<NoInfer<Id>>[];
}

export interface RuleRequirements {
  /**
   * The rule reasons about the whole env (a variable missing, or two that conflict): not for containers
   * with template conditionals, aliased env lists or excerpts, where some entries may not be shown.
   */
  readonly wholeEnv?: boolean;
  /** The rule's facts hold only from the oldest researched release: not for images that predate it. */
  readonly researchedVersion?: boolean;
}

/** Declares a rule; the message ids a check returns must be keys of its `messages`. */
export function defineRule<Id extends string>(rule: Rule<Id>): Rule<Id> {
  return rule;
}

/**
 * A rule over one Service, ConfigMap or RBAC object (resources.ts), run with the container rules in the
 * per-document pass and cached with them: it sees that object only.
 */
export interface ResourceRule<Id extends string = string, K extends ResourceKind = ResourceKind> {
  readonly id: string;
  readonly scope: 'resource';
  /** The kinds it checks; the engine calls it for those only. */
  readonly kinds: readonly K[];
  readonly defaultSeverity: Severity;
  readonly description: string;
  readonly messages: Readonly<Record<Id, string>>;
  check(context: ResourceRuleContext<K>): RuleFinding<NoInfer<Id>>[];
}

export interface ResourceRuleContext<K extends ResourceKind = ResourceKind> {
  readonly resource: Extract<ResourceFact, { kind: K }>;
  /** The whole file text. */
  readonly text: string;
}

export function defineResourceRule<Id extends string, K extends ResourceKind>(rule: ResourceRule<Id, K>): ResourceRule<Id, K> {
  return rule;
}

/**
 * A rule over everything extracted from every file (workspace.ts): kube-vip containers against the
 * Services they serve, the pools they draw from, the RBAC they run under and the other instances. Its
 * findings name their file; related information names the other end.
 */
export interface WorkspaceRule<Id extends string = string> {
  readonly id: string;
  readonly scope: 'workspace';
  readonly defaultSeverity: Severity;
  readonly description: string;
  readonly messages: Readonly<Record<Id, string>>;
  check(index: WorkspaceIndex): WorkspaceRuleFinding<NoInfer<Id>>[];
}

export interface WorkspaceRuleFinding<Id extends string = string> extends RuleFinding<Id> {
  /** The file the finding is in. Related entries name theirs (absent = this file). */
  readonly uri: string;
  /**
   * The per-file finding this one refines, with what the workspace proves (a conditional warning
   * becomes an error once an IPv4 Service is seen): that finding, at the same span, is dropped.
   */
  readonly replaces?: { readonly rule: string; readonly messageIds: readonly string[] };
}

export function defineWorkspaceRule<Id extends string>(rule: WorkspaceRule<Id>): WorkspaceRule<Id> {
  return rule;
}

/** A resource rule of any kinds, as the engine holds them (it calls each with the kinds it declares only). */
export type AnyResourceRule = ResourceRule<string, any>;

/** Rule metadata common to every scope (docs, settings, listings). */
export type AnyRule = Rule | AnyResourceRule | WorkspaceRule;
