/** Hover on a `kube-vip.io/*` annotation key of a Service: what it does, how its value is read, since when. */
import { lookupAnnotation } from './catalog/annotations';
import type { AnnotationSpec, AnnotationValue } from './catalog/annotations';
import type { ResourceFact } from './resources';
import type { Span } from './span';

/** The hover for the annotation key under `offset`, when there is one in the catalog. */
export function annotationHoverAt(resources: readonly ResourceFact[], offset: number): { markdown: string; span: Span } | undefined {
  for (const resource of resources) {
    if (resource.kind !== 'Service') continue;
    for (const kv of resource.annotations) {
      if (offset < kv.keySpan.start || offset > kv.keySpan.end) continue;
      const spec = lookupAnnotation(kv.key);
      return spec ? { markdown: annotationMarkdown(spec), span: kv.keySpan } : undefined;
    }
  }
  return undefined;
}

const VALUE_TEXT: Readonly<Record<AnnotationValue, string>> = {
  'exact-true': 'on only for the exact string `"true"`; `"True"`, `"1"` and `"yes"` are ignored',
  'true-any-case': 'on for `"true"` in any case; `"1"` and `"yes"` are ignored',
  'non-empty': 'on for **any** non-empty value, `"false"` included; remove it to turn it off',
  'not-false': 'off only when empty or exactly `"false"`; any other value (`"False"`, `"0"`) is on',
  'parse-bool': 'Go `strconv.ParseBool` (`true`/`false`, `1`/`0`, …); any other value makes kube-vip refuse the Service',
  'ip-list': 'comma-separated addresses, one per family; `0.0.0.0` / `::` ask for DHCP; an entry that is not an IP is taken for a DNS name',
  'rp-filter': '`0`, `1` or `2`; anything else is logged and `0` is used',
  duration: 'a Go duration (`30s`, `1h`); an invalid or negative value is logged and one hour is used',
  vlan: '`<parent>.<VLAN id>` with an id of 1–4094, e.g. `eth0.200`',
  string: 'free text',
};

const ACCESS_TEXT: Readonly<Record<AnnotationSpec['access'], string>> = {
  read: 'read by kube-vip',
  written: 'written by kube-vip as status',
  'read-written': 'written by kube-vip, and read back',
};

export function annotationMarkdown(spec: AnnotationSpec): string {
  const lines = [`**${spec.key}**: Service annotation, ${ACCESS_TEXT[spec.access]}`, '', spec.summary];
  if (spec.details) lines.push('', spec.details);
  lines.push('', `Value: ${VALUE_TEXT[spec.value]}.`, '', `kube-vip: from ${spec.since} (still read by v1.2.3). Example: \`"${spec.example}"\`.`);
  if (spec.cloudProvider) lines.push('', `kube-vip-cloud-provider: ${spec.cloudProvider.access === 'written' ? 'writes it' : 'reads and writes it'} from ${spec.cloudProvider.since}.`);
  lines.push('', `Source: \`${spec.source}\``);
  return lines.join('\n');
}
