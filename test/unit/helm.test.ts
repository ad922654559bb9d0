/**
 * kube-vip Helm values: a values file, a Flux HelmRelease, an Argo CD Application, a k3s/RKE2 HelmChart;
 * diagnostics on the map entry, fixes that edit it, the version from image.tag or the chart version.
 */
import * as assert from 'assert';
import { KUBE_VIP_CHART_IMAGE_TAGS, chartImageTag } from '../../server/src/core/catalog/helmChart';
import { removeEntry, renameEntry, replaceValue } from '../../server/src/core/fixes';
import { findHelmValuesContainers, goFloat } from '../../server/src/core/helm';
import type { KubeVipContainer } from '../../server/src/core/model';
import { parseChunk } from '../../server/src/core/parse';
import { formatVersion } from '../../server/src/core/version';
import { versionLabel } from '../../server/src/core/versionText';
import { lintText } from '../../server/src/core';
import type { Finding } from '../../server/src/core';
import { applyEdits, covered, lint } from '../helpers';

/** The Helm containers of a one-document text, as the model finds them. */
function helmContainers(text: string, chartVersion?: string): KubeVipContainer[] {
  const [document] = parseChunk(text).documents;
  return findHelmValuesContainers(document, { chartVersion });
}

const rules = (text: string, findings: readonly Finding[]) => findings.map((f) => [f.rule, covered(text, f)]);

/** A values file for the official chart after an upgrade to chart 0.9.x, with the pre-0.9 vip_cidr left in. */
const VALUES = `# values for kube-vip/kube-vip
image:
  repository: ghcr.io/kube-vip/kube-vip
  tag: v1.0.4
config:
  address: 192.168.0.40
env:
  vip_interface: eth0
  vip_arp: "true"
  lb_enable: "true"
  lb_port: "6443"
  vip_cidr: "128"   # IPv6 control plane
  cp_enable: "true"
  svc_enable: "true"
  vip_leaderelection: "true"
envValueFrom:
  vip_nodename:
    fieldRef:
      fieldPath: spec.nodeName
`;

describe('helm: the values file of the kube-vip chart', () => {
  it('becomes one container: config.address as vip_address, env in sorted order, envValueFrom as references', () => {
    const [c] = helmContainers(VALUES);
    assert.ok(c);
    assert.deepStrictEqual(
      c.env.map((e) => [e.name, e.value ?? null, e.fromRef]),
      [
        ['vip_address', '192.168.0.40', false],
        ['cp_enable', 'true', false],
        ['lb_enable', 'true', false],
        ['lb_port', '6443', false],
        ['svc_enable', 'true', false],
        ['vip_arp', 'true', false],
        ['vip_cidr', '128', false],
        ['vip_interface', 'eth0', false],
        ['vip_leaderelection', 'true', false],
        ['vip_nodename', null, true],
      ],
    );
    const cidr = c.envByName.get('vip_cidr')!;
    assert.strictEqual(VALUES.slice(cidr.nameSpan.start, cidr.nameSpan.end), 'vip_cidr');
    assert.strictEqual(VALUES.slice(cidr.valueSpan!.start, cidr.valueSpan!.end), '"128"');
    assert.strictEqual(VALUES.slice(cidr.itemSpan.start, cidr.itemSpan.end), 'vip_cidr: "128"');
    const address = c.envByName.get('vip_address')!;
    assert.strictEqual(VALUES.slice(address.nameSpan.start, address.nameSpan.end), 'address');
    assert.strictEqual(formatVersion(c.version), 'v1.0.4');
    assert.strictEqual(c.versionSource, 'tag');
    assert.strictEqual(VALUES.slice(c.imageSpan.start, c.imageSpan.end), 'ghcr.io/kube-vip/kube-vip');
    // The chart's defaults fill in what the values leave out: unset is unknown, whole-env rules do not run.
    assert.strictEqual(c.hasEnvFrom, true);
    assert.strictEqual(c.conditional, true);
  });
  it('vip_cidr left in after the upgrade: the warning sits on the key, the fix renames it', () => {
    const findings = lint(VALUES);
    assert.deepStrictEqual(rules(VALUES, findings), [['env-var-version', 'vip_cidr']]);
    assert.strictEqual(findings[0].message, 'vip_cidr is not read by v0.9.0+: v1.0.4 ignores it. Rename it to vip_subnet and change its value.');
    assert.match(findings[0].detail!, /kube-vip v0\.9\.0 and later no longer read vip_cidr \(replaced by vip_subnet\), so this setting is silently ignored/);
    const fixed = applyEdits(VALUES, findings[0].fixes[0].edits);
    assert.ok(fixed.includes('  vip_subnet: "128"   # IPv6 control plane\n'), fixed);
  });
  it('without config.address or with cp_enable false, no vip_address', () => {
    for (const text of [VALUES.replace('  cp_enable: "true"\n', ''), VALUES.replace('cp_enable: "true"', 'cp_enable: "false"')]) {
      assert.strictEqual(helmContainers(text)[0].envByName.has('vip_address'), false);
    }
    for (const on of ['true', '"1"', '"TRUE"']) assert.ok(helmContainers(VALUES.replace('cp_enable: "true"', `cp_enable: ${on}`))[0].envByName.has('vip_address'), on);
  });
  it('values are quoted by the chart: booleans and numbers are strings, large numbers as Go prints them', () => {
    const text = VALUES.replace('  lb_port: "6443"\n', '  lb_port: 6443\n  vip_leaseduration: 15\n  bgp_as: 4200000000\n').replace('vip_arp: "true"', 'vip_arp: yes');
    const [c] = helmContainers(text);
    const entry = (name: string) => c.envByName.get(name)!;
    assert.deepStrictEqual([entry('lb_port').value, entry('lb_port').nonString, entry('lb_port').written], ['6443', false, undefined]);
    assert.strictEqual(entry('vip_arp').value, 'true');
    assert.deepStrictEqual([entry('bgp_as').value, entry('bgp_as').written], ['4.2e+09', '4200000000']);
    assert.ok(!lint(text).some((f) => f.rule === 'non-string-value'));
    assert.deepStrictEqual(rules(text, lint(text).filter((f) => f.rule === 'invalid-number')), [['invalid-number', '4200000000']]);
  });
  it('a null value removes the key (Helm), a template is unknown', () => {
    const text = VALUES.replace('vip_interface: eth0', 'vip_interface:').replace('lb_port: "6443"', 'lb_port: "{{ .Values.port }}"');
    const [c] = helmContainers(text);
    assert.strictEqual(c.envByName.has('vip_interface'), false);
    assert.strictEqual(c.envByName.get('lb_port')!.templated, true);
    assert.strictEqual(c.envByName.get('lb_port')!.value, undefined);
  });
  it('extraArgs become flags after manager', () => {
    const [c] = helmContainers(`${VALUES}extraArgs:\n  leaderElectionType: etcd\n  services: null\n`);
    assert.deepStrictEqual(c.args.map((a) => a.value), ['--leaderElectionType=etcd', '--services']);
  });
  it('a custom chart with image.registry and kube-vip/kube-vip is recognised too', () => {
    const [c] = helmContainers('image:\n  registry: ghcr.io\n  repository: kube-vip/kube-vip\n  tag: v1.0.3\nenv:\n  vip_arp: true\n  port: 6443\n');
    assert.strictEqual(c.image, 'ghcr.io/kube-vip/kube-vip:v1.0.3');
    assert.strictEqual(c.envByName.get('vip_arp')!.value, 'true');
  });
  it('an umbrella chart: values under a kube-vip: key (Harvester mirrors the image)', () => {
    const text = 'kube-vip:\n  image:\n    repository: rancher/mirrored-kube-vip-kube-vip-iptables\n    tag: v0.8.7\n  env:\n    vip_interface: mgmt-br\n';
    const [c] = helmContainers(text);
    assert.strictEqual(c.iptablesImage, true);
    assert.strictEqual(formatVersion(c.version), 'v0.8.7');
  });
});

describe('helm: the version', () => {
  const noTag = VALUES.replace('  tag: v1.0.4\n', '');
  it('without image.tag or chart version it is assumed, and a not-checked note says what to set', () => {
    const [c] = helmContainers(noTag);
    assert.strictEqual(c.versionSource, 'setting');
    assert.strictEqual(c.coverage?.reason, 'assumed-version');
    const note = lint(noTag).find((f) => f.rule === 'not-checked')!;
    assert.strictEqual(covered(noTag, note), 'ghcr.io/kube-vip/kube-vip');
    assert.strictEqual(note.message, 'No version in the kube-vip image, so v1.2.3 (newest known) is assumed. Set image.tag or kubeVipLint.kubeVipVersion.');
    assert.strictEqual(
      note.detail,
      'The image "ghcr.io/kube-vip/kube-vip" names no version (no image.tag, and no chart version is known): the findings are those of v1.2.3, the newest release these facts cover. To check the version you deploy, set image.tag, or set kubeVipLint.kubeVipVersion to it.',
    );
  });
  it('with a chart version (options.chartVersion) the chart\'s default image gives it', () => {
    const [c] = helmContainers(noTag, '0.6.7');
    assert.strictEqual(formatVersion(c.version), 'v0.8.9');
    assert.strictEqual(c.versionSource, 'context');
    assert.strictEqual(c.coverage, undefined);
    assert.strictEqual(versionLabel(c), 'v0.8.9 (the default image of kube-vip chart 0.6.7)');
  });
  it('image.tag wins over the chart version', () => {
    assert.strictEqual(formatVersion(helmContainers(VALUES, '0.6.7')[0].version), 'v1.0.4');
  });
  it('a chart version the table does not know (a range, a newer chart) is assumed, and says why', () => {
    const [c] = helmContainers(noTag, '0.9.x');
    assert.strictEqual(c.coverage?.reason, 'assumed-version');
    assert.match(c.coverage!.detail, /no image\.tag, and chart version "0\.9\.x" is not one whose default image these facts know/);
  });
  it('an old chart deploys an image older than the facts: checked as v0.5.0', () => {
    const [c] = helmContainers(noTag, '0.4.2');
    assert.strictEqual(formatVersion(c.imageVersion!), 'v0.4.1');
    assert.strictEqual(c.coverage?.reason, 'too-old');
    assert.match(c.coverage!.detail, /^kube-vip v0\.4\.1 \(the default image of kube-vip chart 0\.4\.2\) predates v0\.5\.0/);
  });
  it('the table follows the chart history: image.tag of values.yaml up to 0.4.4, then appVersion', () => {
    assert.strictEqual(chartImageTag('0.4.4'), 'v0.5.11');
    assert.strictEqual(chartImageTag('v0.9.9'), 'v1.0.4');
    assert.strictEqual(chartImageTag('0.7.1'), 'v0.9.1');
    assert.strictEqual(chartImageTag('0.9.10'), undefined);
    assert.strictEqual(chartImageTag('constructor'), undefined);
    assert.strictEqual(Object.keys(KUBE_VIP_CHART_IMAGE_TAGS).length, 30);
  });
  it('Go %v of a float64, as Helm prints numbers', () => {
    assert.deepStrictEqual([6443, 999999, 1000000, 4200000000, 0.5, 5, 0.0001, 0.00001, 1.5e300].map(goFloat), ['6443', '999999', '1e+06', '4.2e+09', '0.5', '5', '0.0001', '1e-05', '1.5e+300']);
  });
});

describe('helm: values inside Flux, Argo CD and k3s resources', () => {
  const HELM_RELEASE = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: kube-vip
  namespace: kube-system
spec:
  interval: 30m
  chart:
    spec:
      chart: kube-vip
      version: 0.9.9
      sourceRef:
        kind: HelmRepository
        name: kube-vip
  values:
    config:
      address: 10.0.0.10
    env:
      vip_interface: eth0
      vip_cidr: "32"
      cp_enable: "true"
`;
  it('Flux HelmRelease spec.values, version from spec.chart.spec.version', () => {
    const findings = lint(HELM_RELEASE);
    assert.deepStrictEqual(rules(HELM_RELEASE, findings), [['env-var-version', 'vip_cidr']]);
    assert.strictEqual(findings[0].message, 'vip_cidr is not read by v0.9.0+: v1.0.4 ignores it. Rename it to vip_subnet.');
    assert.match(findings[0].detail!, /Checked as v1\.0\.4 \(the default image of kube-vip chart 0\.9\.9\)/);
    assert.ok(applyEdits(HELM_RELEASE, findings[0].fixes[0].edits).includes('      vip_subnet: "32"\n'));
  });
  it('a HelmRelease of another chart is read only when its values are kube-vip\'s', () => {
    assert.deepStrictEqual(lintText(HELM_RELEASE.replace('chart: kube-vip', 'chart: podinfo').replace('    config:\n      address: 10.0.0.10\n', '').replace('      vip_interface: eth0\n', '')).containers, []);
  });
  const ARGO = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: kube-vip
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://kube-vip.github.io/helm-charts
    chart: kube-vip
    targetRevision: 0.6.4
    helm:
      valuesObject:
        env:
          vip_interface: eth0
          vip_arp: "true"
          vip_leaderelection: "yes"
  destination:
    server: https://kubernetes.default.svc
    namespace: kube-system
`;
  it('Argo CD Application spec.source.helm.valuesObject, version from targetRevision; the fix edits the value', () => {
    const findings = lint(ARGO);
    assert.deepStrictEqual(rules(ARGO, findings), [['invalid-bool', '"yes"']]);
    assert.strictEqual(findings[0].message, 'vip_leaderelection "yes" is not a Go boolean: v0.8.4 refuses to start. Use "true".');
    assert.match(findings[0].detail!, /v0\.8\.4 \(the default image of kube-vip chart 0\.6\.4\)/);
    const preferred = findings[0].fixes.find((f) => f.preferred)!;
    assert.ok(applyEdits(ARGO, preferred.edits).includes('          vip_leaderelection: "true"\n'));
  });
  it('Argo CD multi-source spec.sources[], and an ApplicationSet template', () => {
    const multi = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: kube-vip, namespace: argocd}
spec:
  sources:
  - repoURL: https://github.com/example/cluster.git
    targetRevision: main
    ref: values
  - repoURL: https://kube-vip.github.io/helm-charts
    chart: kube-vip
    targetRevision: 0.8.2
    helm:
      valuesObject:
        env: {vip_interface: eth0, vip_arp: "true"}
`;
    const [c] = helmContainers(multi);
    assert.strictEqual(formatVersion(c.version), 'v0.9.2');
    const set = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: kube-vip, namespace: argocd}
spec:
  template:
    spec:
      source:
        repoURL: https://kube-vip.github.io/helm-charts
        chart: kube-vip
        targetRevision: 0.8.2
        helm:
          valuesObject:
            env: {vip_interface: eth0}
`;
    assert.strictEqual(helmContainers(set).length, 1, set);
  });
  it('Argo CD spec.source.helm.values (a block scalar, re-parsed by the linter)', () => {
    const text = ARGO.replace('      valuesObject:\n        env:\n          vip_interface: eth0\n          vip_arp: "true"\n          vip_leaderelection: "yes"\n', '      values: |\n        env:\n          vip_interface: eth0\n          vip_arp: "true"\n          vip_leaderelection: "yes"\n');
    assert.ok(text.includes('values: |'));
    const findings = lint(text);
    assert.deepStrictEqual(rules(text, findings), [['invalid-bool', '"yes"']]);
    assert.strictEqual(findings[0].message, 'vip_leaderelection "yes" is not a Go boolean: v0.8.4 refuses to start. Use "true".');
    assert.match(findings[0].detail!, /v0\.8\.4 \(the default image of kube-vip chart 0\.6\.4\)/);
    assert.ok(applyEdits(text, findings[0].fixes[0].edits).includes('          vip_leaderelection: "true"\n'));
  });
  it('k3s/RKE2 HelmChart spec.valuesContent (re-parsed by the linter), version from spec.version', () => {
    const text = `apiVersion: helm.cattle.io/v1
kind: HelmChart
metadata:
  name: kube-vip
  namespace: kube-system
spec:
  repo: https://kube-vip.github.io/helm-charts
  chart: kube-vip
  version: 0.9.5
  targetNamespace: kube-system
  valuesContent: |-
    config:
      address: 192.168.1.100
    env:
      vip_interface: eth0
      vip_arp: "true"
      vip_cidr: "32"
      cp_enable: "true"
`;
    const findings = lint(text);
    assert.deepStrictEqual(rules(text, findings), [['env-var-version', 'vip_cidr']]);
    assert.match(findings[0].detail!, /Checked as v1\.0\.3 \(the default image of kube-vip chart 0\.9\.5\)/);
    assert.ok(applyEdits(text, findings[0].fixes[0].edits).includes('\n      vip_subnet: "32"\n'));
  });
});

describe('helm: values of other charts are never linted', () => {
  const negatives: [string, string][] = [
    ['an env map of another application', 'replicaCount: 1\nenv:\n  TZ: UTC\n  LOG_LEVEL: debug\n  PORT: "8080"\n  ADDRESS: 0.0.0.0\n'],
    ['two kube-vip names without config.address', 'env:\n  vip_interface: eth0\n  vip_cidr: "128"\n'],
    ['another image with kube-vip-like names', 'image:\n  repository: ghcr.io/acme/netd\n  tag: v1.0.0\nenv:\n  vip_arp: "true"\n  cp_enable: "true"\n  svc_enable: "true"\n'],
    ['the cloud provider chart', 'image:\n  repository: kubevip/kube-vip-cloud-provider\n  tag: v0.0.12\ncm:\n  data:\n    cidr-global: 192.168.0.220/29\n'],
    ['a ConfigMap with kube-vip names in data', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  env:\n    vip_arp: "true"\n'],
    ['a Deployment is not a values file', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nenv:\n  vip_arp: "true"\n  cp_enable: "true"\n  svc_enable: "true"\n'],
  ];
  /** Files that show two or more kube-vip variables get one note that nothing was checked; none gets a finding. */
  const noted = new Set(['two kube-vip names without config.address', 'another image with kube-vip-like names', 'a Deployment is not a values file']);
  for (const [what, text] of negatives) {
    it(what, () => {
      assert.deepStrictEqual(helmContainers(text), []);
      const expected = noted.has(what) ? [['not-checked', 'no-configuration', 'info']] : [];
      assert.deepStrictEqual(lint(text).map((f) => [f.rule, f.messageId, f.severity]), expected);
    });
  }
  it('env as a list (not the kube-vip chart shape) is not Helm values; it is read as an env excerpt instead', () => {
    const text = 'env:\n- name: vip_arp\n  value: "true"\n- name: cp_enable\n  value: "true"\n- name: svc_enable\n  value: "true"\n';
    assert.deepStrictEqual(helmContainers(text), []);
    assert.deepStrictEqual(lint(text).map((f) => f.rule), ['not-checked']);
  });
  it('but three kube-vip names, or two with config.address, are kube-vip values (a README snippet, a -f file)', () => {
    assert.strictEqual(helmContainers('env:\n  vip_interface: eth0\n  vip_arp: "true"\n  cp_enable: "true"\n').length, 1);
    assert.strictEqual(helmContainers('config:\n  address: 10.0.0.1\nenv:\n  vip_interface: eth0\n  cp_enable: "true"\n').length, 1);
  });
});

describe('helm: fixes.ts on map pairs', () => {
  const [c] = helmContainers(VALUES);
  const cidr = c.envByName.get('vip_cidr')!;
  it('renameEntry renames the key', () => {
    assert.ok(applyEdits(VALUES, [renameEntry(cidr, 'vip_subnet', VALUES)!]).includes('  vip_subnet: "128"   # IPv6 control plane\n'));
  });
  it('replaceValue keeps the quotes', () => {
    assert.ok(applyEdits(VALUES, [replaceValue(cidr, '32,128')!]).includes('  vip_cidr: "32,128"   # IPv6 control plane\n'));
  });
  it('removeEntry removes the pair\'s own line, comment included', () => {
    const edit = removeEntry(cidr, VALUES);
    assert.ok(edit);
    assert.ok(!applyEdits(VALUES, [edit]).includes('vip_cidr'));
    assert.strictEqual(applyEdits(VALUES, [edit]).split('\n').length, VALUES.split('\n').length - 1);
  });
});
