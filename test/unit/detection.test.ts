/**
 * Which containers are kube-vip: images under any registry or organisation, templated images with
 * other evidence, never look-alikes; and where the version comes from (tag, kustomize, setting), with
 * a not-checked note when it is assumed or older than the facts cover.
 */
import * as assert from 'assert';
import { findKubeVipContainers } from '../../server/src/core/model';
import type { ModelOptions } from '../../server/src/core/model';
import { parseChunk } from '../../server/src/core/parse';
import { formatVersion } from '../../server/src/core/version';
import { versionLabel } from '../../server/src/core/versionText';
import { lintText } from '../../server/src/core';
import { applyEdits, covered, dualStack, lint } from '../helpers';

const containers = (text: string, options: ModelOptions = {}) => findKubeVipContainers(parseChunk(text), options);

/** A static Pod in the shape kubespray's kube-vip role renders (roles/kubernetes/node/templates/manifests/kube-vip.manifest.j2). */
const KUBESPRAY = `apiVersion: v1
kind: Pod
metadata:
  name: kube-vip
  namespace: kube-system
spec:
  containers:
  - args:
    - manager
    env:
    - name: vip_arp
      value: "true"
    - name: port
      value: "6443"
    - name: vip_interface
      value: {{ kube_vip_interface | string | to_json }}
    - name: vip_cidr
      value: "128"
    - name: cp_enable
      value: "true"
    - name: address
      value: {{ kube_vip_address | to_json }}
    image: {{ kube_vip_image_repo }}:{{ kube_vip_image_tag }}
    imagePullPolicy: IfNotPresent
    name: kube-vip
  hostNetwork: true
`;

/** A container with an unknown image and the given name, args and env names. */
function unknownImage(image: string, name: string | undefined, args: string[], env: string[]): string {
  return [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata: {name: ds}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `      - image: "${image}"`,
    ...(name ? [`        name: ${name}`] : []),
    ...(args.length ? [`        args: [${args.map((a) => JSON.stringify(a)).join(', ')}]`] : []),
    '        env:',
    ...(env.length ? env.map((n) => `        - {name: ${n}, value: "true"}`) : ['        - {name: TZ, value: UTC}']),
    '',
  ].join('\n');
}

describe('detection: mirrors and forks', () => {
  const mirrors: [string, string][] = [
    ['registry.example.com/platform/kube-vip:v0.8.9', 'v0.8.9'],
    ['harbor.corp:8443/proxy-ghcr/kube-vip/kube-vip-iptables:v0.9.1', 'v0.9.1'],
    ['rancher/mirrored-kube-vip-kube-vip-iptables:v0.8.7', 'v0.8.7'],
    ['ghcr.io/someone/kube-vip:v1.0.0-fix-nil-1', 'v1.0.0'],
    ['kube-vip:v0.8.9', 'v0.8.9'],
    ['docker.io/plndr/kube-vip:v0.6.4', 'v0.6.4'],
  ];
  for (const [image, version] of mirrors) {
    it(`${image} is kube-vip ${version}`, () => {
      const text = dualStack(image, [{ name: 'vip_subnet', raw: '"128"' }]);
      const [c] = containers(text);
      assert.ok(c, 'recognised');
      assert.strictEqual(formatVersion(c.version), version);
      assert.strictEqual(c.versionSource, 'tag');
      assert.strictEqual(c.coverage, undefined);
      assert.strictEqual(c.iptablesImage, image.includes('iptables'));
    });
  }
  it('rules run on a mirror as on the canonical image: same finding, same span', () => {
    const text = dualStack('registry.example.com/platform/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
    const findings = lint(text).filter((f) => f.rule === 'vip-prefix-list');
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(covered(text, findings[0]), '"128"');
  });
});

describe('detection: look-alikes are never kube-vip', () => {
  const lookAlikes = [
    'ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.12',
    'kubevip/kube-vip-cloud-provider:v0.0.4',
    'ghcr.io/kube-vip/kube-vip-cloud-controller:v0.0.1',
    'example.com/kube-vip/kube-vip-extra:v1',
    'docker.io/acme/kube-vip-operator:v0.3.0',
    'ghcr.io/acme/kubevip:v1.0.0',
    'ghcr.io/kube-vip/kube-vip/helper:v1.0.0',
  ];
  for (const image of lookAlikes) {
    it(`${image}, even named kube-vip with args [manager] and kube-vip variables`, () => {
      const text = unknownImage(image, 'kube-vip', ['manager'], ['vip_arp', 'cp_enable', 'svc_enable', 'vip_interface']);
      assert.deepStrictEqual(containers(text), []);
      assert.deepStrictEqual(lint(text), []);
    });
  }
  it('a templated cloud-provider image stays unknown (the name is not kube-vip, the variables are not kube-vip\'s)', () => {
    const text = unknownImage('{{ .Values.image.repository }}:{{ .Values.image.tag }}', 'kube-vip-cloud-provider', ['--leader-elect-resource-name=kube-vip-cloud-controller'], ['KUBEVIP_NAMESPACE', 'KUBEVIP_CONFIG_MAP']);
    assert.deepStrictEqual(containers(text), []);
  });
  it('a templated image whose literal last segment names another image is that image', () => {
    const text = unknownImage('{{ registry }}/kube-vip/kube-vip-cloud-provider:{{ tag }}', 'kube-vip', ['manager'], ['vip_arp', 'cp_enable', 'svc_enable']);
    assert.deepStrictEqual(containers(text), []);
  });
});

describe('detection: templated images need two kinds of evidence', () => {
  it('kubespray: {{ kube_vip_image_repo }}:{{ kube_vip_image_tag }}, named kube-vip, args [manager]', () => {
    const [c] = containers(KUBESPRAY);
    assert.ok(c, 'recognised');
    assert.strictEqual(c.image, '{{ kube_vip_image_repo }}:{{ kube_vip_image_tag }}');
    assert.strictEqual(c.versionSource, 'setting');
    assert.strictEqual(formatVersion(c.version), 'v1.2.3');
    assert.strictEqual(c.coverage?.reason, 'templated-image');
    assert.strictEqual(c.coverage!.message, 'The kube-vip image is templated, so v1.2.3 (newest known) is assumed. Pin the tag or set kubeVipLint.kubeVipVersion.');
    assert.match(c.coverage!.detail, /is templated and names no version: the findings are those of v1\.2\.3, the newest release these facts cover\. .*set kubeVipLint\.kubeVipVersion/);
  });
  it('kubespray: literal entries are linted, templated ones are unknown, and a not-checked note sits on the image', () => {
    const findings = lint(KUBESPRAY);
    assert.deepStrictEqual(
      findings.map((f) => [f.rule, covered(KUBESPRAY, f)]),
      [
        ['env-var-version', 'vip_cidr'],
        ['not-checked', '{{ kube_vip_image_repo }}:{{ kube_vip_image_tag }}'],
      ].sort((a, b) => KUBESPRAY.indexOf(a[1]) - KUBESPRAY.indexOf(b[1])),
    );
    const renamed = findings.find((f) => f.rule === 'env-var-version')!;
    assert.strictEqual(renamed.message, 'vip_cidr is not read by v0.9.0+: v1.2.3 (assumed) ignores it. Rename it to vip_subnet.');
    assert.match(renamed.detail!, /Checked as v1\.2\.3 \(assumed: the image tag names no version; set kubeVipLint\.kubeVipVersion\)/);
    const notChecked = findings.find((f) => f.rule === 'not-checked')!;
    assert.strictEqual(notChecked.severity, 'info');
    assert.match(notChecked.message, /assumed/);
  });
  it('with the kubeVipVersion setting the user chose the version: it is used, messages say where it comes from (not "assumed"), no not-checked note (issue 10)', () => {
    const [c] = containers(KUBESPRAY, { kubeVipVersion: 'v0.8.9' });
    assert.strictEqual(formatVersion(c.version), 'v0.8.9');
    assert.strictEqual(c.coverage, undefined);
    assert.strictEqual(versionLabel(c), 'v0.8.9 (from the kubeVipVersion setting)');
    const findings = lint(KUBESPRAY, { kubeVipVersion: 'v1.0.4' });
    assert.deepStrictEqual(findings.map((f) => [f.rule, covered(KUBESPRAY, f)]), [['env-var-version', 'vip_cidr']]);
    assert.strictEqual(findings[0].message, 'vip_cidr is not read by v0.9.0+: v1.0.4 ignores it. Rename it to vip_subnet.');
    assert.match(findings[0].detail!, /Checked as v1\.0\.4 \(from the kubeVipVersion setting\)/);
    assert.doesNotMatch(`${findings[0].message} ${findings[0].detail}`, /assumed/);
  });
  it('kube-vip e2e Go template: image "{{ .ImagePath }}", named kube-vip, args [manager]', () => {
    const text = unknownImage('{{ .ImagePath }}', 'kube-vip', ['manager'], []);
    const [c] = containers(text);
    assert.ok(c);
    assert.strictEqual(c.image, '{{ .ImagePath }}');
    assert.strictEqual(c.coverage?.reason, 'templated-image');
  });
  it('Helm chart template: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}" with kube-vip variables', () => {
    const text = unknownImage('{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}', 'kube-vip', ['manager'], ['vip_arp']);
    assert.strictEqual(containers(text).length, 1);
  });
  it('envsubst ${IMAGE} with three kube-vip variables and nothing else', () => {
    const text = unknownImage('${IMAGE}', undefined, [], ['vip_arp', 'cp_enable', 'vip_leaderelection']);
    const [c] = containers(text);
    assert.ok(c);
    assert.strictEqual(c.coverage?.reason, 'templated-image');
  });
  it('an image template that names kube-vip counts as evidence: {{ kube_vip_image }} with args [manager]', () => {
    assert.strictEqual(containers(unknownImage('{{ kube_vip_image }}', 'vip', ['manager'], [])).length, 1);
  });
  const notEnough: [string, string | undefined, string[], string[]][] = [
    ['only the name kube-vip', 'kube-vip', [], []],
    ['only args [manager] (a kubebuilder controller)', 'manager', ['manager'], []],
    ['one kube-vip variable', 'app', [], ['vip_interface']],
    ['two kube-vip variables', 'app', [], ['vip_interface', 'cp_enable']],
    ['generic names kube-vip also reads (port, address)', 'app', [], ['port', 'address', 'HOME']],
    ['a cloud-provider image variable with args [manager]', 'app', ['manager'], []],
  ];
  for (const [what, name, args, env] of notEnough) {
    it(`not enough: ${what}`, () => {
      const image = what.startsWith('a cloud-provider') ? '{{ kube_vip_cloud_provider_image }}' : '{{ image }}';
      assert.deepStrictEqual(containers(unknownImage(image, name, args, env)), []);
    });
  }
});

describe('detection: the version and what is assumed', () => {
  it('an image older than v0.5.0 is checked as v0.5.0, and says so', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.4.1', [{ name: 'vip_leaseduration', raw: '"abc"' }]);
    const [c] = containers(text);
    assert.strictEqual(formatVersion(c.version), 'v0.5.0');
    assert.strictEqual(formatVersion(c.imageVersion!), 'v0.4.1');
    assert.strictEqual(c.versionSource, 'tag');
    assert.strictEqual(c.versionFromTag, false);
    assert.strictEqual(versionLabel(c), 'v0.4.1 (checked as v0.5.0, the oldest release these facts cover)');
    assert.strictEqual(c.coverage?.reason, 'too-old');
    const note = lint(text).find((f) => f.rule === 'not-checked')!;
    assert.strictEqual(covered(text, note), 'ghcr.io/kube-vip/kube-vip:v0.4.1');
    assert.strictEqual(note.message, 'kube-vip v0.4.1 predates the facts (v0.5.0 on): findings assume v0.5.0. Upgrade the image to have it checked as it runs.');
    assert.strictEqual(note.detail, 'kube-vip v0.4.1 predates v0.5.0, the oldest release these facts cover: v0.5.0 is assumed for the findings, and what v0.4.1 does differently is not checked.');
  });
  it('an image without a version says which version is assumed and what to set', () => {
    for (const [image, why] of [
      ['ghcr.io/kube-vip/kube-vip:latest', 'the tag "latest"'],
      ['ghcr.io/kube-vip/kube-vip', 'no tag'],
      ['ghcr.io/kube-vip/kube-vip@sha256:0123abcd', 'only a digest'],
    ]) {
      const [c] = containers(dualStack(image, []));
      assert.strictEqual(c.versionSource, 'setting');
      assert.strictEqual(c.coverage?.reason, 'assumed-version');
      assert.strictEqual(c.coverage?.message, 'No version in the kube-vip image, so v1.2.3 (newest known) is assumed. Pin the tag or set kubeVipLint.kubeVipVersion.');
      assert.strictEqual(
        c.coverage?.detail,
        `The image "${image}" names no version (${why}): the findings are those of v1.2.3, the newest release these facts cover. To check the version you deploy, pin the image tag, or set kubeVipLint.kubeVipVersion to it.`,
      );
    }
  });
  it('a templated tag on a literal kube-vip image is a templated image', () => {
    const [c] = containers(dualStack('"ghcr.io/kube-vip/kube-vip:{{ kube_vip_tag_version }}"', []));
    assert.strictEqual(c.coverage?.reason, 'templated-image');
    assert.match(c.coverage!.detail, /"ghcr\.io\/kube-vip\/kube-vip:\{\{ kube_vip_tag_version \}\}" is templated/);
  });
});

describe('detection: kustomize images: overrides', () => {
  const untagged = dualStack('ghcr.io/kube-vip/kube-vip', [{ name: 'vip_cidr', raw: '"128"' }]);
  it('newTag gives the version, from the context, with no note', () => {
    const settings = { imageOverrides: [{ name: 'ghcr.io/kube-vip/kube-vip', newTag: 'v0.8.2' }] };
    const [c] = containers(untagged, settings);
    assert.strictEqual(formatVersion(c.version), 'v0.8.2');
    assert.strictEqual(c.versionSource, 'context');
    assert.strictEqual(c.coverage, undefined);
    assert.strictEqual(versionLabel(c), 'v0.8.2 (from kustomization.yaml)');
    const findings = lint(untagged, settings);
    assert.deepStrictEqual(findings.map((f) => f.rule), ['vip-prefix-list']);
    assert.strictEqual(findings[0].message, 'vip_cidr "128" has no IPv4 prefix: v0.8.2 ignores it in ARP mode, for now. Use "32,128".');
    assert.match(findings[0].detail!, /Checked as v0\.8\.2 \(from kustomization\.yaml\)\./);
  });
  it('newTag wins over the tag in the file', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.6.0', []);
    const [c] = containers(text, { imageOverrides: [{ name: 'ghcr.io/kube-vip/kube-vip', newTag: 'v1.0.4' }] });
    assert.strictEqual(formatVersion(c.version), 'v1.0.4');
    assert.strictEqual(c.versionSource, 'context');
  });
  it('newName can make a placeholder image kube-vip; an image of another name is untouched', () => {
    const text = dualStack('kube-vip-image', []);
    assert.deepStrictEqual(containers(text), []);
    const [c] = containers(text, { imageOverrides: [{ name: 'kube-vip-image', newName: 'registry.local/mirror/kube-vip-iptables', newTag: 'v0.9.1' }] });
    assert.strictEqual(formatVersion(c.version), 'v0.9.1');
    assert.strictEqual(c.iptablesImage, true);
    const [other] = containers(untagged, { imageOverrides: [{ name: 'docker.io/plndr/kube-vip', newTag: 'v0.8.2' }] });
    assert.strictEqual(other.versionSource, 'setting');
  });
  it('a digest drops the tag: the version is assumed, and the note names kustomization.yaml', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.2', []);
    const [c] = containers(text, { imageOverrides: [{ name: 'ghcr.io/kube-vip/kube-vip', digest: 'sha256:0123abcd' }] });
    assert.strictEqual(c.versionSource, 'setting');
    assert.strictEqual(c.coverage?.reason, 'assumed-version');
    assert.match(c.coverage!.detail, /^The image "ghcr\.io\/kube-vip\/kube-vip@sha256:0123abcd" names no version \(kustomization\.yaml pins the image by digest\): the findings are those of v1\.2\.3/);
  });
  it('an old newTag is checked as v0.5.0', () => {
    const [c] = containers(untagged, { imageOverrides: [{ name: 'ghcr.io/kube-vip/kube-vip', newTag: 'v0.4.0' }] });
    assert.strictEqual(c.coverage?.reason, 'too-old');
    assert.match(c.coverage!.detail, /^kube-vip v0\.4\.0 \(from kustomization\.yaml\) predates v0\.5\.0/);
  });
});

describe('detection: fixes on templated-image containers edit the file', () => {
  it('the vip_cidr rename keeps the Jinja lines around it', () => {
    const renamed = lint(KUBESPRAY).find((f) => f.rule === 'env-var-version')!;
    const fixed = applyEdits(KUBESPRAY, renamed.fixes[0].edits);
    assert.ok(fixed.includes('    - name: vip_subnet\n      value: "128"\n'));
    assert.ok(fixed.includes('image: {{ kube_vip_image_repo }}:{{ kube_vip_image_tag }}'));
    assert.strictEqual(lintText(fixed).containers.length, 1);
  });
});
