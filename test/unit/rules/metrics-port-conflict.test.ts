import * as assert from 'assert';
import { lintFiles } from '../../../server/src/core';
import type { Finding } from '../../../server/src/core';
import { applyEdits, lintTogether } from '../../helpers';

const CP = 'file:///ws/infra/kube-vip.yaml';
const LB = 'file:///ws/infra/kube-vip-services.yaml';

interface Options {
  readonly name: string;
  readonly tag: string;
  readonly kind?: 'DaemonSet' | 'Pod';
  readonly hostNetwork?: boolean;
  readonly nodeSelector?: Record<string, string>;
  readonly args?: string;
  /** name -> raw YAML value */
  readonly env?: Record<string, string>;
}

/** A kube-vip DaemonSet (or static Pod) in kube-system. */
function kubeVip({ name, tag, kind = 'DaemonSet', hostNetwork = true, nodeSelector = {}, args = '["manager"]', env = {} }: Options): string {
  const vars = { vip_arp: '"true"', svc_enable: '"true"', ...env };
  const lines = Object.entries(vars).map(([k, raw]) => `  - name: ${k}\n    value: ${raw}`);
  const selector = Object.entries(nodeSelector).map(([k, v]) => `\n  nodeSelector:\n    ${k}: ${v}`).join('');
  const pod = `hostNetwork: ${hostNetwork}${selector}
containers:
- name: kube-vip
  image: ghcr.io/kube-vip/kube-vip:${tag}
  args: ${args}
  env:
${lines.join('\n')}
`;
  const metadata = `metadata:\n  name: ${name}\n  namespace: kube-system\n`;
  const indent = (text: string, n: number) => text.replace(/^(?=.)/gm, ' '.repeat(n));
  if (kind === 'Pod') return `apiVersion: v1\nkind: Pod\n${metadata}spec:\n${indent(pod, 2)}`;
  return `apiVersion: apps/v1\nkind: DaemonSet\n${metadata}spec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n${indent(pod, 6)}`;
}

/** Lints `files` as one manifest (instances applied together), or `apart` as separate files of their folders. */
function run(files: Record<string, string>, { apart = false } = {}) {
  const results = apart ? lintFiles(Object.entries(files).map(([uri, text]) => ({ uri, text }))) : lintTogether(files);
  const of = (uri: string): Finding[] => results.find((r) => r.uri === uri)!.findings.filter((f) => f.rule === 'metrics-port-conflict');
  const covered = (uri: string, span: { start: number; end: number }) => files[uri].slice(span.start, span.end);
  return { of, covered };
}

describe('metrics-port-conflict (workspace)', () => {
  it('DaemonSets in different folders (often one folder per cluster) are not compared', () => {
    const first = kubeVip({ name: 'kube-vip-v4', tag: 'v0.8.9' });
    const second = kubeVip({ name: 'kube-vip-v6', tag: 'v0.8.9' });
    const { of } = run({ 'file:///ws/prod/kube-vip.yaml': first, 'file:///ws/staging/kube-vip.yaml': second }, { apart: true });
    assert.deepStrictEqual([...of('file:///ws/prod/kube-vip.yaml'), ...of('file:///ws/staging/kube-vip.yaml')], []);
  });

  it('two files of one folder: a warning that says both must be deployed to one cluster', () => {
    const first = kubeVip({ name: 'kube-vip-v4', tag: 'v0.8.9' });
    const second = kubeVip({ name: 'kube-vip-v6', tag: 'v0.8.9' });
    const [f] = run({ [CP]: first, [LB]: second }, { apart: true }).of(LB);
    assert.deepStrictEqual([f.messageId, f.severity], ['crash', 'warning']);
    assert.match(f.message, /, maybe on one node: the later one exits \(v0\.8\.9\)\. Use ":2113"\.$/);
    assert.match(f.detail ?? '', /both DaemonSets run on every node \(no nodeSelector\), if both files are deployed to one cluster: give this one another port/);
  });

  it('two hostNetwork DaemonSets on every node, both on the default :2112, v0.8.9: an error (log.Fatalf), fix adds prometheus_server ":2113"', () => {
    const first = kubeVip({ name: 'kube-vip-v4', tag: 'v0.8.9' });
    const second = kubeVip({ name: 'kube-vip-v6', tag: 'v0.8.9' });
    const { of, covered } = run({ [CP]: first, [LB]: second });
    assert.deepStrictEqual(of(CP), []);
    const [f, ...rest] = of(LB);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(f.messageId, 'crash');
    assert.strictEqual(f.severity, 'error');
    assert.strictEqual(covered(LB, f.span), 'kube-vip');
    assert.match(
      f.detail ?? '',
      /^Metrics port 2112 is also used by DaemonSet kube-system\/kube-vip-v4, and both DaemonSets run on every node \(no nodeSelector\): give this one another port, e\.g\. ":2113"\. Whichever starts second cannot listen, and kube-vip v0\.8\.9 exits on that error \(log\.Fatalf\)/,
    );
    assert.match(f.detail ?? '', /The default is ":2112" \(an empty prometheus_server counts as unset\)\.$/);
    assert.match(f.message, /^Metrics port 2112 is also .*, on the same nodes: the later one exits \(v0\.8\.9\)\. Use ":2113"\.$/);
    assert.strictEqual(f.related[0].uri, CP);
    assert.strictEqual(f.fixes[0].preferred, true);
    const fixed = applyEdits(second, f.fixes[0].edits);
    assert.ok(fixed.includes('    value: "true"\n        - name: prometheus_server\n          value: ":2113"\n'), fixed);
    assert.deepStrictEqual(run({ [CP]: first, [LB]: fixed }).of(LB), []);
  });

  it('v0.8.10+: a warning, the second runs without metrics', () => {
    const [f] = run({ [CP]: kubeVip({ name: 'a', tag: 'v0.8.10' }), [LB]: kubeVip({ name: 'b', tag: 'v1.2.3' }) }).of(LB);
    assert.strictEqual(f.messageId, 'noMetrics');
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.message, /^Metrics port 2112 is also .*, on the same nodes: the later one gets no metrics \(v1\.2\.3\)\. Use ":2113"\.$/);
    assert.match(f.detail ?? '', /kube-vip v1\.2\.3 logs the error and keeps running without metrics\./);
  });

  it('prometheus_server "" is unset, so :2112: the finding and the fix are on the empty value', () => {
    const second = kubeVip({ name: 'b', tag: 'v1.2.3', env: { prometheus_server: '""' } });
    const { of, covered } = run({ [CP]: kubeVip({ name: 'a', tag: 'v1.2.3' }), [LB]: second });
    const [f] = of(LB);
    assert.strictEqual(covered(LB, f.span), '""');
    assert.strictEqual(applyEdits(second, f.fixes[0].edits), second.replace('value: ""', 'value: ":2113"'));
  });

  it('the port is compared whatever sets it: --prometheusHTTPServer= in args, and a fix on the arg; the suggested port is free', () => {
    const first = kubeVip({ name: 'a', tag: 'v1.2.3', env: { prometheus_server: '":2113"' } });
    const second = kubeVip({ name: 'b', tag: 'v1.2.3', env: { prometheus_server: '"0.0.0.0:2113"' } });
    const third = kubeVip({ name: 'c', tag: 'v1.2.3', args: '["manager", "--prometheusHTTPServer=:2113"]' });
    const THIRD = 'file:///ws/infra/third.yaml';
    const { of, covered } = run({ [CP]: first, [LB]: second, [THIRD]: third });
    assert.strictEqual(covered(LB, of(LB)[0].span), '"0.0.0.0:2113"');
    assert.strictEqual(applyEdits(second, of(LB)[0].fixes[0].edits), second.replace('"0.0.0.0:2113"', '"0.0.0.0:2112"'), 'the first free port keeps the host');
    const [f] = of(THIRD);
    assert.strictEqual(covered(THIRD, f.span), '"--prometheusHTTPServer=:2113"');
    assert.strictEqual(applyEdits(third, f.fixes[0].edits), third.replace('--prometheusHTTPServer=:2113', '--prometheusHTTPServer=:2112'));
  });

  it('a static Pod and a DaemonSet may meet (placement is not fully visible): a warning that says "may", even on v0.8.9', () => {
    const [f] = run({ [CP]: kubeVip({ name: 'kube-vip', tag: 'v0.8.9', kind: 'Pod', env: { cp_enable: '"true"', address: '192.168.0.40' } }), [LB]: kubeVip({ name: 'lb', tag: 'v0.8.9' }) }).of(LB);
    assert.strictEqual(f.messageId, 'crash');
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.message, /, maybe on one node: /);
    assert.match(f.detail ?? '', /and they may run on one node \(the linter compares nodeSelector only/);
  });

  it('two containers of one Pod share its network, hostNetwork or not', () => {
    const pod = kubeVip({ name: 'dual', tag: 'v1.2.3', kind: 'Pod', hostNetwork: false });
    const doubled = pod.replace(/(  containers:\n)([\s\S]*)$/, (_m, head: string, body: string) => `${head}${body}${body.replace('- name: kube-vip', '- name: kube-vip-v6')}`);
    const { of, covered } = run({ [CP]: doubled });
    const [f] = of(CP);
    assert.strictEqual(f.messageId, 'noMetrics');
    assert.strictEqual(covered(CP, f.span), 'kube-vip-v6');
    assert.match(f.detail ?? '', /they are containers of one Pod/);
    assert.match(f.message, /^Metrics port 2112 is also used by another container of this Pod: /);
  });

  describe('not flagged', () => {
    it('different nodeSelector values for one key, not hostNetwork, or different ports', () => {
      const a = kubeVip({ name: 'a', tag: 'v0.8.9', nodeSelector: { 'kubernetes.io/os': 'linux' } });
      const zoneA = kubeVip({ name: 'a', tag: 'v0.8.9', nodeSelector: { zone: 'a' } });
      const zoneB = kubeVip({ name: 'b', tag: 'v0.8.9', nodeSelector: { zone: 'b' } });
      assert.deepStrictEqual(run({ [CP]: zoneA, [LB]: zoneB }).of(LB), []);
      assert.deepStrictEqual(run({ [CP]: a, [LB]: kubeVip({ name: 'b', tag: 'v0.8.9', hostNetwork: false }) }).of(LB), []);
      assert.deepStrictEqual(run({ [CP]: a, [LB]: kubeVip({ name: 'b', tag: 'v0.8.9', env: { prometheus_server: '":2113"' } }) }).of(LB), []);
    });
    it('two copies of one DaemonSet (one per cluster)', () => {
      assert.deepStrictEqual(run({ [CP]: kubeVip({ name: 'kube-vip', tag: 'v0.8.9' }), [LB]: kubeVip({ name: 'kube-vip', tag: 'v0.8.10' }) }).of(LB), []);
    });
    it('metrics disabled with --prometheusHTTPServer=, a templated port, or no manager command', () => {
      const a = kubeVip({ name: 'a', tag: 'v1.2.3' });
      assert.deepStrictEqual(run({ [CP]: a, [LB]: kubeVip({ name: 'b', tag: 'v1.2.3', args: '["manager", "--prometheusHTTPServer="]' }) }).of(LB), []);
      assert.deepStrictEqual(run({ [CP]: a, [LB]: kubeVip({ name: 'b', tag: 'v1.2.3', env: { prometheus_server: '"{{ .Values.metrics }}"' } }) }).of(LB), []);
      assert.deepStrictEqual(run({ [CP]: a, [LB]: kubeVip({ name: 'b', tag: 'v0.7.2', args: '["start"]' }) }).of(LB), []);
    });
  });
});
