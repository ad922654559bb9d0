/** YAML inside other text: markdown fences, manifests in block scalars, templates that need a second masking. */
import * as assert from 'assert';
import { lintText } from '../../server/src/core';
import type { Finding } from '../../server/src/core';
import { applyEdits, covered, lineCol } from '../helpers';

const podEnv = (tag: string, env: string, indent: string) =>
  `apiVersion: v1
kind: Pod
metadata:
  name: kube-vip
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-vip
    image: ghcr.io/kube-vip/kube-vip:${tag}
    args: ["manager"]
    env:
${env}`
    .split('\n')
    .map((l) => (l ? indent + l : l))
    .join('\n');

const env = (pairs: [string, string][]) => pairs.map(([n, v]) => `    - name: ${n}\n      value: ${v}`).join('\n');
const byRule = (fs: readonly Finding[], rule: string) => fs.filter((f) => f.rule === rule);

describe('regions: markdown fences', () => {
  const manifest = podEnv('v0.8.9', env([['vip_arp', '"true"'], ['svc_enable', '"true"'], ['vip_cidr', '"128"']]), '');
  const md = `# Install kube-vip\n\nApply this:\n\n\`\`\`yaml\n${manifest}\n\`\`\`\n\nThen \`kubectl get pods\`.\n`;

  it('lints a ```yaml fence and puts the finding on the value in the markdown file', () => {
    const [f] = byRule(lintText(md).findings, 'vip-prefix-list');
    assert.ok(f);
    assert.strictEqual(covered(md, f), '"128"');
    assert.deepStrictEqual(lineCol(md, f.span.start), [23, 14]);
    assert.strictEqual(applyEdits(md, f.fixes[0].edits), md.replace('value: "128"', 'value: "32,128"'));
  });
  it('the prose around the fences is not YAML: no finding, no "not checked"', () => {
    assert.deepStrictEqual(lintText(`# kube-vip\n\nSet vip_arp: "yes" in the env.\n\n\`\`\`yaml\nfoo: bar\n\`\`\`\n`).findings, []);
  });
  it('an indented fence (inside a list item) keeps its indentation in fixes, when the adapter says markdown', () => {
    const indented = `Steps:\n\n1. Apply:\n\n   \`\`\`yml\n${manifest.split('\n').map((l) => (l ? `   ${l}` : l)).join('\n')}\n   \`\`\`\n`;
    const [f] = byRule(lintText(indented, { format: 'markdown' }).findings, 'vip-prefix-list');
    assert.strictEqual(covered(indented, f), '"128"');
    assert.strictEqual(applyEdits(indented, f.fixes[0].edits), indented.replace('value: "128"', 'value: "32,128"'));
  });
  it('a ~~~yaml fence and several fences in one file', () => {
    const two = `~~~yaml\n${manifest}\n~~~\n\ntext\n\n\`\`\`yaml\n${manifest.replace('v0.8.9', 'v1.2.3').replace('vip_cidr', 'vip_subnet')}\n\`\`\`\n`;
    assert.strictEqual(byRule(lintText(two).findings, 'vip-prefix-list').length, 2);
  });
});

describe('regions: manifests in block scalars', () => {
  const inner = podEnv('v1.2.3', env([['vip_arp', '"true"'], ['cp_enable', '"true"'], ['address', '10.0.0.5'], ['vip_subnet', '"32 ,128"'], ['enableServicesElection', '"true"']]), '        ');
  const capi = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
metadata:
  name: cp
spec:
  kubeadmConfigSpec:
    files:
    - path: /etc/kubernetes/manifests/kube-vip.yaml
      owner: root:root
      content: |
${inner}
    - path: /etc/other
      content: |
        not a manifest
`;

  it('Cluster API files[].content: findings on the exact characters of the outer file', () => {
    const { findings } = lintText(capi);
    const [prefix] = byRule(findings, 'vip-prefix-list');
    assert.strictEqual(covered(capi, prefix), '"32 ,128"');
    assert.strictEqual(applyEdits(capi, prefix.fixes[0].edits), capi.replace('"32 ,128"', '"32,128"'));
    const [name] = byRule(findings, 'unknown-env-var');
    assert.strictEqual(covered(capi, name), 'enableServicesElection');
    assert.strictEqual(applyEdits(capi, name.fixes[0].edits), capi.replace('name: enableServicesElection', 'name: svc_election'));
  });
  it('a fix that adds an entry inside the scalar keeps the scalar\'s indentation', () => {
    const bgp = podEnv('v0.8.9', env([['bgp_enable', '"true"'], ['bgp_routerid', '"10.0.0.2"'], ['bgp_peers', '"10.0.0.1:65000::false"'], ['svc_enable', '"true"']]), '        ');
    const text = `apiVersion: bootstrap.cluster.x-k8s.io/v1beta1\nkind: KubeadmConfigTemplate\nmetadata:\n  name: workers\nspec:\n  template:\n    spec:\n      files:\n      - path: /etc/kubernetes/manifests/kube-vip.yaml\n        content: |\n${bgp.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n')}\n`;
    const [f] = byRule(lintText(text).findings, 'bgp-prefix-missing');
    assert.ok(f, 'the BGP Services-only container inside the scalar is linted');
    const after = applyEdits(text, f.fixes[0].edits);
    assert.match(after, /\n {14}- name: svc_enable\n {16}value: "true"\n {14}- name: vip_cidr\n {16}value: "32"\n/);
    assert.deepStrictEqual(byRule(lintText(after).findings, 'bgp-prefix-missing'), []);
  });
  it('cloud-init write_files and a ConfigMap holding a manifest are read the same way', () => {
    const cloudInit = `#cloud-config\nwrite_files:\n- path: /var/lib/rancher/k3s/server/manifests/kube-vip.yaml\n  content: |\n${podEnv('v0.8.9', env([['vip_arp', '"true"'], ['svc_enable', '"on"']]), '    ')}\n`;
    const [f] = byRule(lintText(cloudInit).findings, 'invalid-bool');
    assert.strictEqual(covered(cloudInit, f), '"on"');
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: manifests\ndata:\n  kube-vip.yaml: |-\n${podEnv('v0.8.9', env([['vip_arp', '"true"'], ['svc_enable', '"on"']]), '    ')}\n`;
    assert.strictEqual(covered(configMap, byRule(lintText(configMap).findings, 'invalid-bool')[0]), '"on"');
  });
  it('Talos inlineManifests and a Secret\'s stringData', () => {
    const manifest = podEnv('v0.8.9', env([['vip_arp', '"true"'], ['svc_enable', '"on"']]), '');
    const talos = `machine:\n  type: controlplane\ncluster:\n  inlineManifests:\n  - name: kube-vip\n    contents: |-\n${manifest.split('\n').map((l) => (l ? `      ${l}` : l)).join('\n')}\n`;
    assert.strictEqual(covered(talos, byRule(lintText(talos).findings, 'invalid-bool')[0]), '"on"');
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: manifests\nstringData:\n  kube-vip.yaml: |\n${manifest.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}\n`;
    assert.strictEqual(covered(secret, byRule(lintText(secret).findings, 'invalid-bool')[0]), '"on"');
  });
  it('block scalars that do not hold kube-vip YAML are left alone', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  notes: |\n    kube-vip is configured elsewhere.\n    vip_arp: this is prose\n`;
    assert.deepStrictEqual(lintText(text).findings, []);
  });
});

describe('excerpts, as docs and issues show them', () => {
  it('an untagged fence with a bare env list: linted with an assumed version, and said so', () => {
    const md = `I deployed kube-vip with these env values:\n\n\`\`\`\n        - name: vip_arp\n          value: "true"\n        - name: vip_cidr\n          value: "32"\n        - name: svc_enable\n          value: "yes"\n\`\`\`\n\n\`\`\`\nkubectl get pods\n\`\`\`\n`;
    const { findings } = lintText(md, { format: 'markdown' });
    assert.deepStrictEqual(findings.map((f) => [f.rule, covered(md, f)]), [
      ['not-checked', 'vip_arp'],
      ['env-var-version', 'vip_cidr'],
      ['invalid-bool', '"yes"'],
    ]);
    assert.strictEqual(findings[0].message, 'No version in the kube-vip image, so v1.2.3 (newest known) is assumed. Set kubeVipLint.kubeVipVersion.');
    assert.match(findings[0].detail!, /names no version \(this env list is an excerpt that names no image\): the findings are those of v1\.2\.3.*show the container with its image/);
  });
  it('a bare `env:` block, a bare container and a `containers:` excerpt are read; whole-env rules do not run on them', () => {
    const envBlock = 'env:\n- name: vip_arp\n  value: "true"\n- name: bgp_enable\n  value: "true"\n';
    assert.deepStrictEqual(lintText(envBlock).findings.map((f) => f.rule), ['not-checked'], 'two modes, but the excerpt may not be the whole env');
    const container = 'name: kube-vip\nimage: ghcr.io/kube-vip/kube-vip:v0.8.9\nargs: [manager]\nenv:\n- name: svc_enable\n  value: "on"\n';
    assert.deepStrictEqual(lintText(container).findings.map((f) => [f.rule, covered(container, f)]), [['invalid-bool', '"on"']]);
    const spec = `containers:\n- ${container.replace(/\n(?!$)/g, '\n  ')}`;
    assert.deepStrictEqual(lintText(spec).findings.map((f) => f.rule), ['invalid-bool']);
  });
  it('two kube-vip names are needed: an env list of another app is not kube-vip', () => {
    assert.deepStrictEqual(lintText('- name: vip_arp\n  value: "yes"\n- name: TZ\n  value: UTC\n').findings, []);
  });
  it('`kubectl get -o yaml` output cut before its closing `kind: List`', () => {
    const list = `apiVersion: v1\nitems:\n${podEnv('v0.8.9', env([['vip_arp', '"true"'], ['svc_enable', '"on"']]), '  ').replace(/^ {2}apiVersion/, '- apiVersion')}\n`;
    assert.deepStrictEqual(lintText(list).findings.map((f) => [f.rule, covered(list, f)]), [['invalid-bool', '"on"']]);
  });
  it('envsubst inside a flow sequence (clusterctl templates) does not break parsing', () => {
    const text = `${podEnv('v0.8.9', env([['vip_arp', '"true"'], ['svc_enable', '"on"']]), '')}\n    command: [\${KUBE_VIP_CMD}]\n`;
    assert.deepStrictEqual(lintText(text).findings.map((f) => f.rule), ['invalid-bool']);
  });
});

describe('regions: shell here-documents', () => {
  const manifest = podEnv('v0.8.9', env([['vip_arp', '"true"'], ['svc_enable', '"on"']]), '');
  it('a script that writes a manifest with cat <<EOF, also nested inside an ssh here-document', () => {
    const script = `#!/bin/bash\nset -e\nssh root@node << EOF\nsudo tee /var/lib/rancher/k3s/server/manifests/kube-vip.yaml << 'MANIFEST'\n${manifest}\nMANIFEST\nEOF\n`;
    const { findings } = lintText(script);
    const [f] = byRule(findings, 'invalid-bool');
    assert.strictEqual(covered(script, f), '"on"');
    assert.strictEqual(applyEdits(script, f.fixes[0].edits), script.replace('"on"', '"true"'));
    assert.deepStrictEqual(byRule(findings, 'not-checked'), [], 'the outer here-document is shell, not YAML');
  });
  it('a shell script without here-documents, and text that is not a script, are not read as scripts', () => {
    assert.deepStrictEqual(lintText('#!/bin/sh\necho vip_arp=true kube-vip\n').findings, []);
  });
});

describe('templates and placeholders', () => {
  const helm = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ include "kube-vip.fullname" . }}
  labels:
{{ include "kube-vip.labels" . | indent 4 }}
spec:
  template:
    spec:
      containers:
      - name: kube-vip
        image: "ghcr.io/kube-vip/kube-vip:{{ .Values.image.tag | default .Chart.AppVersion }}"
        args: ["manager"]
        env:
        - name: vip_arp
          value: "true"
        - name: svc_enable
          value: "yes"
{{- with .Values.extraEnv }}
{{ toYaml . | indent 8 }}
{{- end }}
`;
  it('a template standing for a whole mapping, at another indentation, does not stop the literal entries from being linted', () => {
    const { findings } = lintText(helm);
    const [f] = byRule(findings, 'invalid-bool');
    assert.strictEqual(covered(helm, f), '"yes"');
    assert.deepStrictEqual(byRule(findings, 'mode-count').concat(byRule(findings, 'no-feature')), [], 'whole-env rules skip: the template may add entries');
    assert.ok(!findings.some((x) => /parse/.test(x.message) && x.rule === 'not-checked'), 'template syntax is never a YAML error');
  });
  it('envsubst placeholders are unknown values, like $(VAR)', () => {
    const text = podEnv('v1.2.3', env([['vip_arp', '"true"'], ['cp_enable', '"true"'], ['vip_interface', '$VIP_INTERFACE'], ['address', '"${VIP}"'], ['port', '"${PORT:-6443}"']]), '');
    assert.deepStrictEqual(lintText(text).findings.filter((f) => f.severity === 'error'), []);
    assert.deepStrictEqual(byRule(lintText(text).findings, 'invalid-number'), []);
  });
});

describe('not-checked: never silent about what was not checked', () => {
  const broken = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-vip\nspec:\n  containers:\n  - name: kube-vip\n    image: ghcr.io/kube-vip/kube-vip:v0.8.9\n    env:\n    - name: vip_arp\n      value: "true"\n     - name: cp_enable\n    value: [unclosed\n`;
  it('a document that configures kube-vip but does not parse gets one info finding that says so', () => {
    const findings = lintText(broken).findings;
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].rule, 'not-checked');
    assert.strictEqual(findings[0].messageId, 'unparsable');
    assert.strictEqual(findings[0].severity, 'info');
    assert.strictEqual(covered(broken, findings[0]), 'kube-vip/kube-vip');
    assert.strictEqual(findings[0].message, 'kube-vip-lint did not check this YAML document: it does not parse. Fix the YAML, or lint the rendered manifest.');
    assert.match(findings[0].detail!, /^It does not parse even with template syntax masked: /);
  });
  it('a broken document that only names kube-vip (RBAC) is not reported; "off" silences it', () => {
    assert.deepStrictEqual(lintText('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kube-vip\n  labels: [unclosed\n').findings, []);
    assert.deepStrictEqual(lintText(broken, { rules: { 'not-checked': 'off' } }).findings, []);
  });
});
