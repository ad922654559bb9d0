/**
 * `value: true`, `value: 6443`, `value: 0755` or (YAML 1.1) `value: yes` is not a string, and
 * EnvVar.value must be one: the API server rejects the object, so `kubectl apply` fails, and the
 * kubelet cannot decode such a static Pod manifest (pitfalls.md §7).
 */
import { parseDocument } from 'yaml';
import { lookup } from '../catalog';
import type { EnvEntry } from '../model';
import type { Fix } from '../types';
import { defineRule } from './rule';
import type { RuleContext, RuleFinding } from './rule';
import { fit } from '../headline';

/** YAML 1.1 boolean words that are not Go's ParseBool spellings. */
const YAML11_BOOL_WORDS = /^(y|n|yes|no|on|off)$/i;
/**
 * Kubernetes decodes YAML with go-yaml v2, which keeps timestamps and base-60 numbers (`10:30`) as
 * strings although YAML 1.1 defines them; the parser here reads them as a Date or a number.
 */
const GO_YAML_STRINGS = /^[-+]?\d[\d_]*(:[0-5]?\d)+(\.[\d_]*)?$/;

const messages = {
  notString: 'an unquoted boolean or number as an env value: the Kubernetes API rejects the object',
  yaml11Bool: 'an unquoted YAML 1.1 boolean word (yes, off, ...): rejected by the API; quoted, only "true"/"false" parse for kube-vip',
} as const;
type MessageId = keyof typeof messages;

export const rule = defineRule({
  id: 'non-string-value',
  defaultSeverity: 'error',
  description: 'An env value must be a YAML string: unquoted true, 6443 or yes is rejected by the Kubernetes API.',
  messages,
  check(context) {
    const findings: RuleFinding<MessageId>[] = [];
    for (const entry of context.container.env) {
      if (!entry.nonString || !entry.valueSpan || entry.fromRef) continue;
      const finding = checkEntry(context, entry);
      if (finding) findings.push(finding);
    }
    return findings;
  },
});

function checkEntry(context: RuleContext, entry: EnvEntry): RuleFinding<MessageId> | undefined {
  const { start, end } = entry.valueSpan!;
  const source = context.text.slice(start, end);
  const value = parseDocument(`v: ${source}\n`, { version: '1.1' }).get('v');
  if (value instanceof Date || GO_YAML_STRINGS.test(source)) return undefined;
  const kind = typeof value === 'boolean' ? 'a boolean' : typeof value === 'number' ? 'a number' : 'not a string';
  const read = typeof value === 'number' && String(value) !== source ? ` (read as ${value})` : '';
  const quoted = quotedText(entry, source, value);
  const fixes: Fix[] = [];
  // An explicit tag (`!!int 5`) sits before the span and would still apply to a quoted value.
  const tagged = context.text.slice(context.text.lastIndexOf(':', start - 1) + 1, start).includes('!');
  if (!tagged) fixes.push({ title: `Quote the value: ${JSON.stringify(quoted)}`, edits: [{ start, end, newText: JSON.stringify(quoted) }], preferred: true });
  const word = typeof value === 'boolean' && YAML11_BOOL_WORDS.test(source);
  const yaml11 = word ? ', because Kubernetes reads YAML 1.1' : '';
  const what = word ? 'a YAML 1.1 boolean' : `a YAML ${typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'non-string'}`;
  const subjects = [...(source.length <= 24 && !/\s/.test(source) ? [`${entry.name}: unquoted ${source} is`] : []), `${entry.name}: an unquoted value is`, 'An unquoted env value is'];
  const quotes = [`Quote it: ${JSON.stringify(quoted)}.`, 'Quote it.'];
  const message = fit(
    ...subjects.flatMap((subject) =>
      ['the Kubernetes API rejects the object', 'the API rejects it'].flatMap((rejects) => quotes.map((quote) => `${subject} ${what}, not a string: ${rejects}. ${quote}`)),
    ),
  );
  const parseBool = quoted !== source && word ? ` Quoted, it must be "${quoted}": kube-vip's strconv.ParseBool rejects ${JSON.stringify(source)}.` : '';
  return {
    messageId: word ? 'yaml11Bool' : 'notString',
    span: entry.valueSpan!,
    message,
    detail:
      `The unquoted value ${source} is ${kind}${read} in YAML${yaml11}, but an env value must be a string. ` +
      `The Kubernetes API rejects the object, so kubectl apply fails (a static Pod manifest is not decoded by the kubelet).${parseBool}`,
    fixes,
  };
}

/**
 * The string to write: the source text as typed, except that a YAML 1.1 boolean word (yes, off)
 * on a boolean variable becomes "true"/"false", which ParseBool accepts.
 */
function quotedText(entry: EnvEntry, source: string, value: unknown): string {
  if (typeof value === 'boolean' && YAML11_BOOL_WORDS.test(source) && lookup(entry.name)?.type === 'bool') return String(value);
  return source;
}
