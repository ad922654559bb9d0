import * as assert from 'assert';
import { findKubeVipContainers, parseImage } from '../../server/src/core/model';
import { parseChunk } from '../../server/src/core/parse';
import { formatVersion } from '../../server/src/core/version';
import { lintText } from '../../server/src/core';
import { covered, findingsOf } from '../helpers';

const containers = (text: string, kubeVipVersion?: string) => findKubeVipContainers(parseChunk(text), { kubeVipVersion });

const POD = (image: string, env: string) => `apiVersion: v1
kind: Pod
metadata: {name: kube-vip, namespace: kube-system}
spec:
  containers:
  - name: kube-vip
    image: ${image}
    env:
${env}
`;

describe('model: finding kube-vip containers', () => {
  const images: [string, string | undefined, string][] = [
    ['ghcr.io/kube-vip/kube-vip:v0.8.9', 'v0.8.9', 'tag with v'],
    ['ghcr.io/kube-vip/kube-vip:0.8.9', 'v0.8.9', 'tag without v'],
    ['ghcr.io/kube-vip/kube-vip-iptables:v0.8.7', 'v0.8.7', 'iptables flavour'],
    ['docker.io/plndr/kube-vip:v0.5.5', 'v0.5.5', 'legacy Docker Hub name'],
    ['plndr/kube-vip:0.5.0', 'v0.5.0', 'short legacy name'],
    ['registry.corp:5000/mirror/kube-vip/kube-vip:v1.0.4', 'v1.0.4', 'mirror with a port'],
    ['ghcr.io/kube-vip/kube-vip:v0.9.1@sha256:37036d0f', 'v0.9.1', 'tag and digest'],
    ['ghcr.io/kube-vip/kube-vip:v1.1.0-rc.0', 'v1.1.0-rc.0', 'release candidate'],
    ['ghcr.io/kube-vip/kube-vip', undefined, 'no tag'],
    ['ghcr.io/kube-vip/kube-vip:latest', undefined, 'latest'],
    ['ghcr.io/kube-vip/kube-vip@sha256:0123', undefined, 'digest only'],
    ['"ghcr.io/kube-vip/kube-vip:{{ kube_vip_tag }}"', undefined, 'templated tag'],
  ];
  for (const [image, version, what] of images) {
    it(`${what}: ${image}`, () => {
      const [c] = containers(POD(image, '    - {name: vip_arp, value: "true"}'));
      assert.ok(c, 'recognised as kube-vip');
      assert.strictEqual(c.versionFromTag, version !== undefined);
      assert.strictEqual(formatVersion(c.version), version ?? 'v1.2.3');
    });
  }
  it('images older than v0.5.0 are checked as v0.5.0 and keep the version they name', () => {
    for (const [image, named] of [['docker.io/plndr/kube-vip:v0.3.9', 'v0.3.9'], ['plndr/kube-vip:0.1.4', 'v0.1.4']]) {
      const [c] = containers(POD(image, '    - {name: vip_arp, value: "true"}'));
      assert.strictEqual(formatVersion(c.version), 'v0.5.0');
      assert.strictEqual(formatVersion(c.imageVersion!), named);
      assert.strictEqual(c.versionFromTag, false);
      assert.strictEqual(c.versionSource, 'tag');
      assert.strictEqual(c.coverage?.reason, 'too-old');
    }
  });
  it('the kubeVipVersion setting applies only when the tag names no version', () => {
    assert.strictEqual(formatVersion(containers(POD('ghcr.io/kube-vip/kube-vip:latest', '      []'), 'v0.8.2')[0].version), 'v0.8.2');
    assert.strictEqual(formatVersion(containers(POD('ghcr.io/kube-vip/kube-vip:v0.7.0', '      []'), 'v0.8.2')[0].version), 'v0.7.0');
  });
  it('ignores other images, including look-alikes', () => {
    for (const image of ['nginx', 'ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.10', 'example.com/kube-vip/kube-vip-extra:v1', 'kubevip/kube-vip-cloud-provider:latest']) {
      assert.deepStrictEqual(containers(POD(image, '      []')), [], image);
    }
  });
  it('parses image references', () => {
    assert.deepStrictEqual(parseImage('localhost:5000/kube-vip/kube-vip'), { repository: 'localhost:5000/kube-vip/kube-vip', tag: undefined, digest: undefined });
  });

  it('reads every env style with its value and source range', () => {
    const text = POD(
      'ghcr.io/kube-vip/kube-vip:v0.8.9',
      [
        '    - name: a_double',
        '      value: "x"',
        "    - name: 'a_single'",
        "      value: 'it''s'",
        '    # a comment between items',
        '    - name: a_plain',
        '      value: plain text   # trailing comment',
        '    - {name: a_flow, value: "f"}',
        '    - name: a_ref',
        '      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}',
        '    - name: a_bool',
        '      value: true',
        '    - name: a_empty',
        '    - name: a_null',
        '      value:',
        '    - name: a_template',
        '      value: "{{ .Values.x }}"',
      ].join('\n'),
    );
    const [c] = containers(text);
    const byName = Object.fromEntries(c.env.map((e) => [e.name, e]));
    assert.deepStrictEqual(Object.keys(byName), ['a_double', 'a_single', 'a_plain', 'a_flow', 'a_ref', 'a_bool', 'a_empty', 'a_null', 'a_template']);
    assert.strictEqual(byName.a_double.value, 'x');
    assert.strictEqual(text.slice(byName.a_double.valueSpan!.start, byName.a_double.valueSpan!.end), '"x"');
    assert.strictEqual(byName.a_single.value, "it's");
    assert.strictEqual(byName.a_single.quote, 'single');
    assert.strictEqual(byName.a_plain.value, 'plain text');
    assert.strictEqual(text.slice(byName.a_plain.valueSpan!.start, byName.a_plain.valueSpan!.end), 'plain text');
    assert.strictEqual(byName.a_flow.value, 'f');
    assert.strictEqual(byName.a_ref.fromRef, true);
    assert.strictEqual(byName.a_ref.value, undefined);
    assert.strictEqual(byName.a_bool.nonString, true);
    assert.strictEqual(byName.a_bool.value, undefined);
    assert.strictEqual(byName.a_empty.valueSpan, undefined);
    assert.strictEqual(byName.a_null.nonString, false);
    assert.strictEqual(byName.a_template.templated, true);
    assert.strictEqual(byName.a_template.value, undefined);
  });

  it('keeps YAML 1.1 timestamps and base-60 numbers as strings, as Kubernetes (go-yaml v2) does', () => {
    const [c] = containers(POD('ghcr.io/kube-vip/kube-vip:v1.2.3', '    - {name: t, value: 2001-12-14}\n    - {name: s, value: 10:30}\n    - {name: num, value: 12}'));
    assert.deepStrictEqual(c.env.map((e) => [e.name, e.value, e.nonString]), [['t', '2001-12-14', false], ['s', '10:30', false], ['num', undefined, true]]);
  });

  it('finds containers in every workload kind, in lists and multi-document files', () => {
    const workload = (kind: string, specPath: string[]) => {
      let indent = '';
      const lines = [`kind: ${kind}`, 'apiVersion: apps/v1'];
      for (const key of specPath) {
        lines.push(`${indent}${key}:`);
        indent += '  ';
      }
      lines.push(`${indent}containers:`, `${indent}- name: kube-vip`, `${indent}  image: ghcr.io/kube-vip/kube-vip:v0.8.9`, `${indent}  env: [{name: vip_cidr, value: "128"}, {name: svc_enable, value: "true"}]`);
      return lines.join('\n');
    };
    const text = [
      workload('Pod', ['spec']),
      workload('Deployment', ['spec', 'template', 'spec']),
      workload('StatefulSet', ['spec', 'template', 'spec']),
      workload('ReplicaSet', ['spec', 'template', 'spec']),
      workload('Job', ['spec', 'template', 'spec']),
      workload('CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']),
      'apiVersion: v1\nkind: List\nitems:\n- ' + workload('DaemonSet', ['spec', 'template', 'spec']).replace(/\n/g, '\n  '),
      'apiVersion: v1\nkind: ConfigMap\ndata: {vip_cidr: "128"}',
    ].join('\n---\n');
    assert.strictEqual(lintText(text).containers.length, 7);
    const findings = findingsOf(text, 'vip-prefix-list');
    assert.strictEqual(findings.length, 7);
    for (const f of findings) assert.strictEqual(covered(text, f), '"128"');
  });

  it('env entries behind an alias or a merge key, or not written as maps, are unknown: whole-env rules do not claim anything is missing', () => {
    const anchored = POD('ghcr.io/kube-vip/kube-vip:v1.2.3', '    - &arp {name: vip_arp, value: "true"}\n    - {name: cp_enable, value: "true"}\n    - {name: address, value: 10.0.0.5}');
    assert.deepStrictEqual(lintText(anchored).findings, []);
    const second = (env: string) => `${anchored}  - name: kube-vip-2\n    image: ghcr.io/kube-vip/kube-vip:v1.2.3\n${env}\n`;
    for (const env of ['    env: *common', '    env:\n    - *arp', '    env:\n    - <<: *arp\n      value: "false"', '    <<: *base', '    env: vip_arp=true', '    env: [vip_arp, null]']) {
      const text = second(env).replace('    env:\n', '    env: &common\n').replace('  - name: kube-vip\n', '  - &base\n    name: kube-vip\n');
      const [, c] = lintText(text).containers;
      assert.strictEqual(c.conditional, true, env);
      assert.deepStrictEqual(lintText(text).findings.map((f) => f.rule), [], env);
    }
    const empty = `${anchored}  - name: kube-vip-2\n    image: ghcr.io/kube-vip/kube-vip:v1.2.3\n    env: ~\n`;
    assert.deepStrictEqual(lintText(empty).findings.map((f) => f.rule), ['mode-count', 'no-feature'], 'an empty env is known to be empty');
  });
});
