import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { applyUpgrade, lintText, planUpgrade, RELEASES, upgradeTargets } from '../../server/src/core';
import type { Finding, UpgradePlan } from '../../server/src/core';
import { defaultFor, ENV_VARS, isReadBy } from '../../server/src/core/catalog';
import { configOf, MODE_VAR } from '../../server/src/core/config';
import { effectiveInt, literalValue } from '../../server/src/core/env';
import type { KubeVipContainer } from '../../server/src/core/model';
import { compareVersions, v, formatVersion } from '../../server/src/core/version';
import { daemonSet, dualStack } from '../helpers';

const V123 = v('v1.2.3');
const upgrade = (text: string, to = V123) => {
  const plan = planUpgrade(text, lintText(text), to);
  return { plan, after: applyUpgrade(text, plan) };
};
const env = (name: string, raw: string) => ({ name, raw });

describe('upgrade assistant', () => {
  it('offers the newest patch of the minor and the newest release', () => {
    assert.deepStrictEqual(upgradeTargets(v('v0.8.7')).map(formatVersion), ['v0.8.10', 'v1.2.3']);
    assert.deepStrictEqual(upgradeTargets(v('v1.2.1')).map(formatVersion), ['v1.2.3']);
    assert.deepStrictEqual(upgradeTargets(v('v1.2.3')), []);
  });

  it('changes only the version part of the tag, keeping quotes and the flavour suffix', () => {
    const text = daemonSet('"ghcr.io/kube-vip/kube-vip:v1.2.1"', [env('vip_arp', '"true"')]);
    assert.strictEqual(upgrade(text).after, text.replace('kube-vip:v1.2.1"', 'kube-vip:v1.2.3"'));
    const plain = daemonSet('plndr/kube-vip:0.8.9', [env('vip_arp', '"true"'), env('vip_leaseduration', '"5"'), env('vip_renewdeadline', '"3"'), env('vip_retryperiod', '"1"')]);
    assert.strictEqual(upgrade(plain, v('v0.8.10')).after, plain.replace(':0.8.9', ':0.8.10'));
  });

  it('does not touch a digest or templated image, and says so', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9@sha256:' + 'a'.repeat(64), [env('vip_arp', '"true"')]);
    const { plan } = upgrade(text);
    assert.ok(plan.changes.every((c) => c.kind !== 'tag'));
    assert.match(plan.notCarried.find((n) => n.variable === 'image')!.why, /digest/);
    const templated = daemonSet('"{{ .Values.image }}"', [env('vip_arp', '"true"'), env('vip_cidr', '"32"')]);
    const t = upgrade(templated);
    assert.strictEqual(t.plan.edits.length, 0);
    assert.match(t.plan.notCarried[0].why, /names no version/);
  });

  it('renames vip_cidr to vip_subnet and enableUPNP to enable_upnp, keeping comments and quoting', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.9.2', [env('vip_cidr', "'32' # v4"), env('enableUPNP', '"true"')]);
    const to = v('v1.0.0');
    const { plan, after } = upgrade(text, to);
    // v0.9.2 no longer reads vip_cidr and v1.0.0 neither: removing it keeps behaviour (renaming it would not).
    assert.strictEqual(after, text.replace('v0.9.2', 'v1.0.0').replace("        - name: vip_cidr\n          value: '32' # v4\n", '').replace('name: enableUPNP', 'name: enable_upnp'));
    assert.deepStrictEqual(plan.changes.map((c) => [c.kind, c.variable, c.needsConfirmation]), [['tag', 'image', false], ['remove', 'vip_cidr', true], ['rename', 'enableUPNP', false]]);
    assert.match(plan.changes[1].why, /neither v0\.9\.2 nor v1\.0\.0 reads it, so removing it changes nothing\. Setting vip_subnet instead would change what v1\.0\.0 does/);
    const older = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.10', [env('vip_cidr', "'32' # v4")]);
    assert.strictEqual(upgrade(older, v('v0.9.0')).after, older.replace('v0.8.10', 'v0.9.0').replace('name: vip_cidr', 'name: vip_subnet'));
  });

  it('converts the legacy vip_subnet suffix to the list form at v0.9.0', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.10', [env('vip_arp', '"true"'), env('cp_enable', '"true"'), env('address', '192.168.0.40'), env('vip_subnet', '"/24"')]);
    const { plan, after } = upgrade(text, v('v0.9.0'));
    assert.strictEqual(after, text.replace('v0.8.10', 'v0.9.0').replace('"/24"', '"24"'));
    const change = plan.changes.find((c) => c.kind === 'format')!;
    assert.strictEqual(change.needsConfirmation, true);
    const dual = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.10', [env('vip_arp', '"true"'), env('address', '192.168.0.40,fd00::40'), env('vip_subnet', '"/24"')]);
    assert.match(upgrade(dual, v('v0.9.0')).after, /value: "24,24"/);
    const bad = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.10', [env('vip_arp', '"true"'), env('vip_subnet', '"24"')]);
    assert.strictEqual(upgrade(bad, v('v0.9.0')).after, bad.replace('v0.8.10', 'v0.9.0'));
    assert.ok(upgrade(bad, v('v0.9.0')).plan.notCarried.some((n) => n.variable === 'vip_subnet'));
  });

  it('converts vip_loglevel from logrus to slog at v0.8.10, and leaves an unset level alone (info stays info)', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [env('vip_loglevel', '"5"')]);
    assert.strictEqual(upgrade(text, v('v0.8.10')).after, text.replace('v0.8.9', 'v0.8.10').replace('"5"', '"-4"'));
    const unset = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [env('vip_arp', '"false"')]);
    assert.strictEqual(upgrade(unset, v('v0.8.10')).after, unset.replace('v0.8.9', 'v0.8.10'));
  });

  it('removes a variable with no replacement, as a change to confirm', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [env('vip_arp', '"true"'), env('vip_packet', '"false"'), env('address', '10.0.0.5')]);
    const { plan, after } = upgrade(text, v('v0.9.0'));
    assert.strictEqual(after, text.replace('v0.8.9', 'v0.9.0').replace('        - name: vip_packet\n          value: "false"\n', ''));
    const removal = plan.changes.find((c) => c.kind === 'remove')!;
    assert.strictEqual(removal.needsConfirmation, true);
  });

  it('writes the old lease timings out when the defaults change at v1.1.0, marked for confirmation', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.0.4', [env('vip_arp', '"true"'), env('vip_leaseduration', '"7"')]);
    const { plan, after } = upgrade(text, v('v1.1.0'));
    assert.strictEqual(after, text.replace('v1.0.4', 'v1.1.0') + '        - name: vip_renewdeadline\n          value: "3"\n        - name: vip_retryperiod\n          value: "1"\n');
    assert.deepStrictEqual(plan.changes.filter((c) => c.kind === 'default').map((c) => [c.variable, c.needsConfirmation]), [['vip_renewdeadline', true], ['vip_retryperiod', true]]);
  });

  it('keeps iptables egress on the -iptables image, and says why it does not on the plain image', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip-iptables:v1.2.1', [env('svc_enable', '"true"'), env('vip_arp', '"true"'), env('vip_leaseduration', '"15"'), env('vip_renewdeadline', '"10"'), env('vip_retryperiod', '"2"')]);
    assert.strictEqual(upgrade(text).after, text.replace('v1.2.1', 'v1.2.3') + '        - name: egress_withnftables\n          value: "false"\n');
    const plain = text.replace('kube-vip-iptables', 'kube-vip');
    const p = upgrade(plain);
    assert.strictEqual(p.after, plain.replace('v1.2.1', 'v1.2.3'));
    assert.ok(p.plan.notCarried.some((n) => n.variable === 'egress_withnftables'));
  });

  it('rewrites a bgp_peers "/mpbgp" suffix into the v1.2.2 field, and lists one it cannot rewrite', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.2.1', [env('bgp_enable', '"true"'), env('mpbgp_nexthop', '"fixed"'), env('bgp_peers', '"10.0.0.1:65000::false/mpbgp_ipv4=10.0.0.9,10.0.0.2:65000"')]);
    const { plan, after } = upgrade(text, v('v1.2.2'));
    assert.strictEqual(after, text.replace('v1.2.1', 'v1.2.2').replace('false/mpbgp_ipv4=10.0.0.9', 'false::mpbgp_ipv4=10.0.0.9'));
    assert.strictEqual(plan.changes.find((c) => c.kind === 'bgp-peers')!.needsConfirmation, false);
  });

  it('lists the EndpointSlices RBAC that v1.0.0 needs and removes enable_endpointslices', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.9.2', [env('svc_enable', '"true"'), env('vip_arp', '"true"'), env('enable_endpointslices', '"true"')]);
    const { plan, after } = upgrade(text, v('v1.0.0'));
    assert.strictEqual(after, text.replace('v0.9.2', 'v1.0.0').replace('        - name: enable_endpointslices\n          value: "true"\n', ''));
    assert.ok(plan.notCarried.some((n) => n.variable === 'rbac'));
  });

  it('is idempotent, and upgrading to the current version changes nothing', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [env('vip_cidr', '"32"'), env('enableUPNP', '"true"'), env('vip_loglevel', '"4"')]);
    const once = upgrade(text).after;
    assert.notStrictEqual(once, text);
    assert.strictEqual(upgrade(once).plan.edits.length, 0);
    assert.strictEqual(upgrade(text, v('v0.8.9')).plan.edits.length, 0);
  });

  describe('every rename and default change in the catalog', () => {
    const releases = RELEASES.map(v);
    /** The newest release before `version`. */
    const before = (version: string) => [...releases].reverse().find((r) => compareVersions(r, v(version)) < 0);
    for (const spec of ENV_VARS.filter((s) => s.replacedBy && s.until && !s.implicit)) {
      const from = before(spec.until!);
      if (!from || !isReadBy(spec, from)) continue;
      it(`${spec.name} → ${spec.replacedBy} (${formatVersion(from)} → ${spec.until})`, () => {
        const text = dualStack(`ghcr.io/kube-vip/kube-vip:${formatVersion(from)}`, [env(spec.name, JSON.stringify(spec.example))]);
        const { plan, after } = upgrade(text, v(spec.until!));
        const change = plan.changes.find((c) => c.variable === spec.name);
        const listed = plan.notCarried.find((n) => n.variable === spec.name);
        assert.ok(change || listed, `${spec.name}: neither edited nor listed`);
        if (change?.kind === 'rename') {
          assert.ok(!spec.replacementDiffers, `${spec.name}: renamed although ${spec.replacedBy} differs`);
          assert.match(after, new RegExp(`- name: ${spec.replacedBy}\\n          value: ${JSON.stringify(spec.example).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
          assert.doesNotMatch(after, new RegExp(`- name: ${spec.name}\\n`));
        } else if (change) {
          assert.strictEqual(change.kind, 'remove');
          assert.doesNotMatch(after, new RegExp(`- name: ${spec.name}\\n`));
        } else {
          assert.match(listed!.why, new RegExp(spec.replacedBy!));
          assert.match(after, new RegExp(`- name: ${spec.name}\\n`), 'a variable listed as not carried over stays as written');
        }
      });
    }
    for (const spec of ENV_VARS.filter((s) => !s.implicit && !s.aliasOf)) {
      for (let i = 1; i < releases.length; i++) {
        const [from, to] = [releases[i - 1], releases[i]];
        if (!isReadBy(spec, from) || !isReadBy(spec, to)) continue;
        const [oldText, newText] = [defaultFor(spec, from), defaultFor(spec, to)];
        if (oldText === undefined || newText === undefined || oldText === newText) continue;
        it(`the default of ${spec.name} at ${formatVersion(to)} (${oldText} → ${newText})`, () => {
          // Every mode-independent feature on, on the -iptables image: the defaults are in use where they can be.
          const text = dualStack(`ghcr.io/kube-vip/kube-vip-iptables:${formatVersion(from)}`, [env('lb_enable', '"true"')].filter((e) => e.name !== spec.name));
          const { plan, after } = upgrade(text, to);
          const change = plan.changes.find((c) => c.variable === spec.name);
          const listed = plan.notCarried.find((n) => n.variable === spec.name);
          if (change) {
            assert.strictEqual(change.kind, 'default');
            assert.strictEqual(change.needsConfirmation, true);
            const written = /"(.*)"/.exec(change.what)![1];
            assert.match(after, new RegExp(`- name: ${spec.name}\\n          value: "${written}"\\n`));
            const read = lintText(after).containers[0];
            assert.strictEqual(literalValue(read, spec.name), written);
          } else if (listed) {
            assert.match(listed.why, new RegExp(spec.name));
            assert.doesNotMatch(after, new RegExp(`- name: ${spec.name}\\n`));
          } else {
            // vip_loglevel: logrus 4 (info) and slog 0 (info) are the same level, nothing to carry over.
            assert.strictEqual(spec.name, 'vip_loglevel', `${spec.name}: neither written out nor listed`);
          }
        });
      }
    }
  });

  describe('round trip over the fixtures', () => {
    const root = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'messages');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.yaml')) files.push(path.join(dir, e.name));
      }
    };
    walk(root);
    const isVersionFinding = (f: Finding) => f.rule === 'env-var-version' || f.rule === 'bgp-peers-format' || (f.rule === 'vip-prefix-list' && (f.messageId === 'legacySuffix' || f.messageId === 'legacyList'));
    /** The container (by position) and the env variable a finding is about: message ids differ by version. */
    const subjectOf = (analysis: ReturnType<typeof lintText>, text: string, f: Finding) => {
      const inside = (s?: { start: number; end: number }) => !!s && s.start <= f.span.start && f.span.end <= s.end;
      for (const [container, c] of analysis.containers.entries()) {
        const entry = c.env.find((e) => inside(e.itemSpan) || inside(e.nameSpan) || inside(e.valueSpan));
        if (entry) return { container, variable: entry.name };
      }
      return { container: 0, variable: f.rule === 'env-var-version' ? text.slice(f.span.start, f.span.end).replace(/["']/g, '') : f.rule === 'bgp-peers-format' ? 'bgp_peers' : 'vip_subnet' };
    };
    /** The effective view compared before/after (as scripts/upgrade-roundtrip.mjs). */
    const view = (container: KubeVipContainer): Record<string, unknown> => {
      const c = configOf(container);
      const out: Record<string, unknown> = { mode: c.mode, controlPlane: c.controlPlane, services: c.services, election: c.leaderElectionType, prefix: c.prefixList.source === 'env' || c.prefixList.source === 'derived' ? c.prefixList.value : c.prefixList.source };
      for (const name of ['vip_leaseduration', 'vip_renewdeadline', 'vip_retryperiod']) out[name] = effectiveInt(container, name)?.value;
      for (const name of container.envByName.keys()) out[`env:${name}`] = literalValue(container, name);
      return out;
    };
    const named = (plan: UpgradePlan, i: number, key: string) => {
      const own = plan.containers[i];
      const names = new Set([...own.changes, ...own.notCarried].map((x) => x.variable));
      const variable = key.replace(/^env:/, '');
      if (names.has(variable)) return true;
      if (key === 'prefix') return names.has('vip_cidr') || names.has('vip_subnet');
      if (key === 'mode') return names.has('mode') || Object.values(MODE_VAR).some((m) => names.has(m));
      return own.changes.some((x) => x.kind === 'rename' && x.what.endsWith(` ${variable}`));
    };
    it(`upgrading to v1.2.3 twice equals once, leaves no version finding the upgrade could fix, and changes only what the plan names (${files.length} fixtures)`, () => {
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        const before = lintText(text);
        const { plan, after: once } = upgrade(text);
        const after = lintText(once);
        assert.strictEqual(upgrade(once).after, once, `${file}: not idempotent`);
        const had = before.findings.filter(isVersionFinding).map((f) => ({ rule: f.rule, ...subjectOf(before, text, f) }));
        for (const f of after.findings.filter(isVersionFinding)) {
          const s = subjectOf(after, once, f);
          const listed = (plan.containers[s.container]?.notCarried ?? []).some((n) => n.variable === s.variable);
          const already = had.some((h) => h.rule === f.rule && h.container === s.container && h.variable === s.variable);
          assert.ok(listed || already, `${file}: ${f.message}`);
        }
        before.containers.forEach((c, i) => {
          const [a, b] = [view(c), view(after.containers[i])];
          for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
            if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
            assert.ok(named(plan, i, key), `${file}: ${key} ${JSON.stringify(a[key])} → ${JSON.stringify(b[key])} not in the plan`);
          }
        });
      }
    });
  });
});

describe('upgrade: where the tag is written', () => {
  it('Helm values: image.tag is edited (quotes and comment kept), and the env with it', () => {
    const text = 'image:\n  repository: ghcr.io/kube-vip/kube-vip\n  tag: "v0.8.9"  # pinned\nconfig:\n  address: 192.168.0.40\nenv:\n  vip_arp: "true"\n  cp_enable: "true"\n  vip_cidr: "32"\n';
    const analysis = lintText(text);
    const plan = planUpgrade(text, analysis, v('v1.2.3'));
    assert.strictEqual(applyUpgrade(text, plan), text.replace('tag: "v0.8.9"', 'tag: "v1.2.3"').replace('vip_cidr: "32"', 'vip_subnet: "32"'));
    assert.ok(!plan.notCarried.some((n) => n.variable === 'image'), JSON.stringify(plan.notCarried));
  });

  it("a version from elsewhere (a Flux HelmRelease's chart version): the edits are for the target, all to confirm, and the summary says the tag is set elsewhere", () => {
    const text = [
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata: {name: kube-vip, namespace: kube-system}',
      'spec:',
      '  chart:',
      '    spec:',
      '      chart: kube-vip',
      '      version: 0.6.7',
      '      sourceRef: {kind: HelmRepository, name: kube-vip}',
      '  values:',
      '    config:',
      '      address: 192.168.0.40',
      '    env:',
      '      vip_arp: "true"',
      '      cp_enable: "true"',
      '      vip_cidr: "32"',
      '',
    ].join('\n');
    const analysis = lintText(text);
    assert.deepStrictEqual(analysis.containers.map((c) => [formatVersion(c.version), c.versionSource]), [['v0.8.9', 'context']]);
    const plan = planUpgrade(text, analysis, v('v1.2.3'));
    assert.ok(plan.changes.length > 0 && plan.changes.every((c) => c.needsConfirmation), JSON.stringify(plan.changes));
    assert.ok(!plan.changes.some((c) => c.kind === 'tag'));
    assert.ok(plan.notCarried.some((n) => n.variable === 'image' && n.what === 'edits for v1.2.3 without the tag'), JSON.stringify(plan.notCarried));
  });

  it('one mode on and another not known here (envFrom): the mode that runs may change with v1.1.0\'s precedence, and the summary says so', () => {
    const text = daemonSet('ghcr.io/kube-vip/kube-vip:v1.0.3', [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }, { name: 'address', raw: '192.168.0.40' }]).replace(
      '        env:\n',
      '        envFrom:\n        - configMapRef: {name: kube-vip-extra}\n        env:\n',
    );
    const plan = planUpgrade(text, lintText(text), v('v1.2.3'));
    const mode = plan.notCarried.find((n) => n.variable === 'mode');
    assert.ok(mode, JSON.stringify(plan.notCarried));
    assert.match(mode.what, /on v1\.0\.3, ARP on v1\.2\.3\)$/);
    assert.match(mode.why, /exactly one "true"/);
  });
});
