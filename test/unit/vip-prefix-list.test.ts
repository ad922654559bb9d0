import * as assert from 'assert';
import { applyEdits, checkRule, covered, daemonSet, dualStack, fixed, lineCol, lint } from '../helpers';
import type { Settings } from '../../server/src/core';
import { rule } from '../../server/src/core/rules/vip-prefix-list';

/** This rule's findings alone, so that other rules' work in progress cannot change them. */
const findingsOf = (text: string, _id: string, settings: Settings = {}) => checkRule(rule, text, settings);

const RULE = 'vip-prefix-list';
const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;

describe('vip-prefix-list', () => {
  describe('the dual-stack seed case: vip_cidr "128" on v0.8.9', () => {
    const text = dualStack(img('v0.8.9'), [{ name: 'vip_cidr', raw: '"128" # dual-stack' }]);
    const [finding] = findingsOf(text, RULE);

    it('is an error on exactly the quoted value', () => {
      assert.ok(finding);
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(covered(text, finding), '"128"');
      assert.deepStrictEqual(lineCol(text, finding.span.start), [28, 18]);
    });

    it('leads with the problem, the v0.8.9 panic and the fix, as issue 10 asks', () => {
      assert.strictEqual(finding.message, 'vip_cidr "128" has no IPv4 prefix: v0.8.9 panics on IPv4 Services. Use "32,128".');
    });

    it('explains the positional reading and the v0.8.9 panic in the detail', () => {
      assert.match(finding.detail!, /IPv4 prefix first, IPv6 second/);
      assert.match(finding.detail!, /\/128 is applied to IPv4 addresses/);
      assert.match(finding.detail!, /kube-vip v0\.8\.9 \(v0\.8\.5–v0\.8\.9\) panics with "index out of range" as soon as a LoadBalancer Service gets an IPv4 address/);
      assert.match(finding.detail!, /"32,128"/);
    });

    it('offers one preferred fix that changes only the characters of the value', () => {
      assert.strictEqual(finding.fixes.length, 1);
      assert.strictEqual(finding.fixes[0].title, 'Set vip_cidr to "32,128"');
      assert.strictEqual(finding.fixes[0].preferred, true);
      const fixed = applyEdits(text, finding.fixes[0].edits);
      assert.strictEqual(fixed, text.replace('value: "128" # dual-stack', 'value: "32,128" # dual-stack'));
      assert.deepStrictEqual(findingsOf(fixed, RULE), []);
    });
  });

  describe('consequence by image version', () => {
    const cases: [string, 'error' | 'warning', RegExp, RegExp][] = [
      ['v0.8.4', 'warning', /^vip_cidr "128" has no IPv4 prefix: v0\.8\.4 ignores it in ARP mode, for now\. Use "32,128"\.$/, /On v0\.8\.4 kube-vip uses vip_cidr only in BGP mode, so in ARP mode it has no effect yet; it breaks IPv4 VIPs once you upgrade to v0\.8\.5/],
      ['v0.8.5', 'error', /v0\.8\.5 panics on IPv4 Services\. Use "32,128"\.$/, /panics with "index out of range"/],
      ['v0.8.9-iptables', 'error', /v0\.8\.9 panics on IPv4 Services/, /panics with "index out of range"/],
      ['v0.8.10', 'error', /v0\.8\.10 panics on IPv4 Services/, /kube-vip v0\.8\.10 logs "failed to set mask" \("provided CIDR mask … is greater than the highest mask value for the IPv4 family \(32\)"\) and then panics as soon as a LoadBalancer Service gets an IPv4 address/],
    ];
    for (const [tag, severity, headline, detail] of cases) {
      it(`vip_cidr on ${tag}: ${severity}`, () => {
        const [f] = findingsOf(dualStack(img(tag), [{ name: 'vip_cidr', raw: '"128"' }]), RULE);
        assert.strictEqual(f?.severity, severity);
        assert.match(f.message, headline);
        assert.match(f.detail!, detail);
      });
    }
    const subnetCases: [string, RegExp, RegExp][] = [
      ['v0.9.0', /v0\.9\.0 refuses to start \(exit 0, restart loop\)\. Use "32,128"\.$/, /kube-vip v0\.9\.0 rejects "<ip>\/128" \("could not format address … with subnetMask '128': invalid CIDR"\) for the IPv4 control-plane VIP; kube-vip then refuses to start/],
      ['v1.0.3', /refuses to start/, /rejects "<ip>\/128" .* refuses to start and exits with code 0/],
      ['v1.0.4', /refuses to start/, /refuses to start/],
      ['v1.2.3', /refuses to start/, /refuses to start/],
    ];
    for (const [tag, headline, detail] of subnetCases) {
      it(`vip_subnet on ${tag}: error`, () => {
        const [f] = findingsOf(dualStack(img(tag), [{ name: 'vip_subnet', raw: '"128"' }]), RULE);
        assert.strictEqual(f?.severity, 'error');
        assert.match(f.message, /^vip_subnet "128" has no IPv4 prefix: /);
        assert.match(f.message, headline);
        assert.match(f.detail!, detail);
        assert.strictEqual(f.fixes[0].title, 'Set vip_subnet to "32,128"');
      });
    }
    it('v0.8.4 in BGP mode: error, the IPv4 route cannot be announced', () => {
      const text = daemonSet(img('v0.8.4'), [
        { name: 'bgp_enable', raw: '"true"' },
        { name: 'svc_enable', raw: '"true"' },
        { name: 'vip_cidr', raw: '"128"' },
      ]);
      const [f] = findingsOf(text, RULE);
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(f.message, 'vip_cidr "128" has no IPv4 prefix: v0.8.4 in BGP mode never announces IPv4 Services. Use "32".');
      assert.match(f.detail!, /"<ip>\/128", which is not a valid IPv4 prefix/);
    });
    it('control plane only, IPv4 address: names the control-plane VIP', () => {
      const text = daemonSet(img('v1.2.3'), [
        { name: 'vip_arp', raw: '"true"' },
        { name: 'cp_enable', raw: '"true"' },
        { name: 'address', raw: '10.0.0.5' },
        { name: 'vip_subnet', raw: '"128"' },
      ]);
      const [f] = findingsOf(text, RULE);
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(f.message, 'vip_subnet "128" has no IPv4 prefix: v1.2.3 refuses to start (exit 0, restart loop). Use "32,128".');
      assert.match(f.detail!, /for the IPv4 control-plane VIP; kube-vip then refuses to start/);
    });
    it('an image without a version tag uses the newest release and says so', () => {
      const [f] = findingsOf(dualStack(img('latest'), [{ name: 'vip_subnet', raw: '"64"' }]), RULE);
      assert.match(f.message, /: v1\.2\.3 \(assumed\) refuses to start \(exit 0, restart loop\)\. Use "32,64"\.$/);
      assert.match(f.detail!, /kube-vip v1\.2\.3 \(assumed\) rejects/);
      assert.match(f.detail!, /Checked as v1\.2\.3 \(assumed: the image tag names no version; set kubeVipLint\.kubeVipVersion\)\.$/);
      assert.strictEqual(f.fixes[0].title, 'Set vip_subnet to "32,64"');
    });
    it('the kubeVipVersion setting replaces the assumption', () => {
      const [f] = findingsOf(dualStack('ghcr.io/kube-vip/kube-vip@sha256:0123abcd', [{ name: 'vip_cidr', raw: '"128"' }]), RULE, { kubeVipVersion: 'v0.8.6' });
      assert.match(f.message, /: v0\.8\.6 panics on IPv4 Services\./);
      assert.match(f.detail!, /Checked as v0\.8\.6 \(from the kubeVipVersion setting\)\./);
      assert.match(f.detail!, /index out of range/);
    });
  });

  describe('value shapes', () => {
    const fixOf = (tag: string, raw: string, name = 'vip_subnet') => {
      const text = dualStack(img(tag), [{ name, raw }]);
      const fs = findingsOf(text, RULE);
      return { text, fs, fixed: fs[0]?.fixes[0] ? applyEdits(text, fs[0].fixes[0].edits) : undefined };
    };
    it('reversed order is swapped', () => {
      const { fs, fixed, text } = fixOf('v1.2.3', '"128,32"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].message, /^vip_subnet "128,32" is in the wrong order: .*Use "32,128"\.$/);
      assert.match(fs[0].detail!, /\/128 is applied to IPv4 addresses and \/32 to IPv6 ones/);
      assert.strictEqual(fixed, text.replace('"128,32"', '"32,128"'));
    });
    it('audit H8: spaces after the entry an IPv4 control plane takes are harmless: a warning, and removed', () => {
      const { fs, fixed, text } = fixOf('v1.2.3', '"32, 128"');
      assert.strictEqual(fs[0].severity, 'warning');
      assert.strictEqual(fs[0].messageId, 'spacesHarmless');
      assert.match(fs[0].message, /^vip_subnet "32, 128" has spaces: .*Remove them\.$/);
      assert.match(fs[0].detail!, /the v0\.9\.0\+ control-plane path does not/);
      assert.strictEqual(fs[0].fixes[0].title, 'Set vip_subnet to "32,128"');
      assert.strictEqual(fixed, text.replace('"32, 128"', '"32,128"'));
    });
    it('spaces and reversed order in one value: one finding, one fix that does both', () => {
      const { fs, fixed, text } = fixOf('v1.2.3', "'128, 32'");
      assert.strictEqual(fs.length, 1);
      assert.strictEqual(fixed, text.replace("'128, 32'", "'32,128'"));
    });
    it('a leading slash is an error on v0.9.0+ and is removed', () => {
      const { fs, fixed, text } = fixOf('v0.9.2', '"/24"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].message, /^vip_subnet "\/24" has a slash: .*Use "24"\.$/);
      assert.match(fs[0].detail!, /without a slash/);
      assert.strictEqual(fixed, text.replace('"/24"', '"24"'));
    });
    it('more than two entries: error, no fix', () => {
      const { fs } = fixOf('v1.2.3', '"32,128,64"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].message, /lists 3 prefixes: .*Use "32" or "32,128"\.$/);
      assert.match(fs[0].detail!, /"invalid subnetMasks provided"/);
      assert.deepStrictEqual(fs[0].fixes, []);
    });
    for (const raw of ['"129"', '"32,129"', '"thirty-two"', '"32,"']) {
      it(`${raw} is an error without a fix`, () => {
        const { fs } = fixOf('v1.2.3', raw);
        assert.strictEqual(fs[0]?.severity, 'error');
        assert.deepStrictEqual(fs[0].fixes, []);
        assert.match(fs[0].message, /(Use "32,128" for dual stack|Write numbers, e\.g\. "32,128")\.$/, 'the headline names what to write');
      });
    }
    it('a prefix too long for a double is quoted as written, not as a rounded number or Infinity', () => {
      const long = '9'.repeat(400);
      const [f] = fixOf('v1.2.3', `"${long}"`).fs;
      assert.match(f.detail!, new RegExp(`^${long} is not a valid prefix length`));
      assert.ok(f.message.length <= 120, 'the headline shortens the value');
      assert.match(f.message, /^vip_subnet "9+…9+" is not a valid prefix length\. Use "32,128" for dual stack\.$/);
      assert.match(fixOf('v1.2.3', '"32,99999999999999999999"').fs[0].detail!, /^99999999999999999999 is not a valid IPv6 prefix length/);
    });
    it('plain scalars stay plain', () => {
      const { fixed, text } = fixOf('v1.2.3', '128,32');
      assert.strictEqual(fixed, text.replace('value: 128,32', 'value: 32,128'));
    });
    it('single-quoted values stay single-quoted', () => {
      const { fixed, text } = fixOf('v1.2.3', "'64'");
      assert.strictEqual(fixed, text.replace("'64'", "'32,64'"));
    });
    it('auto is accepted where the version supports it', () => {
      assert.deepStrictEqual(fixOf('v1.2.3', '"auto"').fs, []);
      assert.deepStrictEqual(fixOf('v0.8.5', '"auto"', 'vip_cidr').fs, []);
      assert.deepStrictEqual(fixOf('v0.8.4', '"auto"', 'vip_cidr').fs, [], 'audit M8: v0.8.4 ARP never reads vip_cidr');
    });
  });

  describe('vip_subnet holding a list before v0.9.0', () => {
    it('"32,128" is renamed to vip_cidr, which reads it as written', () => {
      const text = dualStack(img('v0.8.9'), [{ name: 'vip_subnet', raw: '"32,128"' }]);
      const [f] = findingsOf(text, RULE);
      assert.deepStrictEqual(f.fixes.map((x) => x.title), ['Rename vip_subnet to vip_cidr']);
      assert.deepStrictEqual(findingsOf(fixed(text, f), RULE), []);
    });
    it('"auto,auto" is renamed from v0.8.5 for Services, where vip_cidr understands auto; not with an address, which auto refuses', () => {
      const servicesOnly = (tag: string) =>
        daemonSet(img(tag), [{ name: 'vip_arp', raw: '"true"' }, { name: 'svc_enable', raw: '"true"' }, { name: 'vip_subnet', raw: '"auto,auto"' }]);
      const [f] = findingsOf(servicesOnly('v0.8.9'), RULE);
      assert.deepStrictEqual(f.fixes.map((x) => x.title), ['Rename vip_subnet to vip_cidr']);
      assert.deepStrictEqual(findingsOf(servicesOnly('v0.8.4'), RULE)[0].fixes, []);
      assert.deepStrictEqual(findingsOf(dualStack(img('v0.8.9'), [{ name: 'vip_subnet', raw: '"auto,auto"' }]), RULE)[0].fixes, []);
    });
    for (const raw of ['"128,32"', '"32, 128"', '"32,128,64"', '|\n            32,128']) {
      it(`${JSON.stringify(raw)} gets no rename: vip_cidr would report the list in turn`, () => {
        const [f] = findingsOf(dualStack(img('v0.8.9'), [{ name: 'vip_subnet', raw }]), RULE);
        assert.match(f.detail!, /read from vip_cidr up to v0\.8\.10/);
        assert.match(f.message, /Lists go in vip_cidr\.$/);
        assert.deepStrictEqual(f.fixes, []);
      });
    }
  });

  describe('correct and out-of-scope configurations are not flagged', () => {
    for (const [tag, name, raw] of [
      ['v0.8.9', 'vip_cidr', '"32,128"'],
      ['v0.8.9', 'vip_cidr', '"32"'],
      ['v1.2.3', 'vip_subnet', '"32,128"'],
      ['v1.2.3', 'vip_subnet', '"24,64"'],
      ['v1.2.3', 'vip_subnet', '"auto,auto"'],
      ['v0.8.9', 'vip_subnet', '"/32"'],
      ['v1.2.3', 'vip_subnet', '""'],
    ]) {
      it(`${name} ${raw} on ${tag}`, () => assert.deepStrictEqual(findingsOf(dualStack(img(tag), [{ name, raw }]), RULE), []));
    }
    it('an IPv6-only control plane may use a single "128"', () => {
      const text = daemonSet(img('v1.2.3'), [
        { name: 'vip_arp', raw: '"true"' },
        { name: 'cp_enable', raw: '"true"' },
        { name: 'address', raw: 'fd00::10' },
        { name: 'vip_subnet', raw: '"128"' },
      ]);
      assert.deepStrictEqual(findingsOf(text, RULE), []);
    });
    it('a container that is not kube-vip: no finding, only the note that its kube-vip env was not checked', () => {
      const noteOnly = [['not-checked', 'no-configuration', 'info']];
      const shown = (text: string) => lint(text).map((f) => [f.rule, f.messageId, f.severity]);
      assert.deepStrictEqual(shown(dualStack('nginx:1.27', [{ name: 'vip_cidr', raw: '"128"' }])), noteOnly);
      assert.deepStrictEqual(shown(dualStack('example.com/not-kube-vip/kube-vip-ish:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }])), noteOnly);
    });
    it('values from references or templates are unknown, not wrong', () => {
      const fromRef = dualStack(img('v0.8.9'), ['        - name: vip_cidr\n          valueFrom:\n            configMapKeyRef: {name: kv, key: cidr}']);
      assert.deepStrictEqual(findingsOf(fromRef, RULE), []);
      const templated = dualStack(img('v0.8.9'), [{ name: 'vip_cidr', raw: '"{{ .Values.cidr }}"' }]);
      assert.deepStrictEqual(findingsOf(templated, RULE), []);
    });
    it('a document with YAML errors is not guessed at: it only gets the not-checked note', () => {
      const broken = dualStack(img('v0.8.9'), [{ name: 'vip_cidr', raw: '"128"' }]) + '      bad: [unclosed\n';
      assert.deepStrictEqual(lint(broken).map((f) => [f.rule, f.severity]), [['not-checked', 'info']]);
    });
  });

  describe('audit regressions (what each version and mode really does)', () => {
    const env = (tag: string, lines: [string, string][]) => daemonSet(img(tag), lines.map(([name, raw]) => ({ name, raw })));
    const ARP: [string, string] = ['vip_arp', '"true"'];
    const BGP: [string, string][] = [['bgp_enable', '"true"'], ['bgp_routerid', '"10.0.0.2"'], ['bgp_peers', '"10.0.0.1:65000::false"']];
    const SVC: [string, string] = ['svc_enable', '"true"'];
    const CP: [string, string] = ['cp_enable', '"true"'];

    it('audit H1: v1.0.3 Services only: no panic claimed; the Service gets no VIP, with the log kube-vip prints', () => {
      const [f] = findingsOf(env('v1.0.3', [ARP, SVC, ['vip_subnet', '"128"']]), RULE);
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(f.messageId, 'ipv4GetsIpv6Prefix');
      assert.doesNotMatch(f.message, /panic/);
      assert.doesNotMatch(f.detail!, /panic/);
      assert.doesNotMatch(f.detail!, /provided CIDR mask/);
      assert.match(f.message, /v1\.0\.3 gives IPv4 Services no VIP\. Use "32,128"\.$/);
      assert.match(f.detail!, /could not format address … with subnetMask '128'.*"Failed to add Service" and the Service gets no VIP/);
      assert.strictEqual(f.fixes[0].title, 'Set vip_subnet to "32,128"');
    });
    it('audit H1: v0.9.0 control plane: a refused start, not a panic', () => {
      const [f] = findingsOf(env('v0.9.0', [ARP, CP, ['address', '192.168.0.40'], ['vip_subnet', '"128"']]), RULE);
      assert.match(f.message, /v0\.9\.0 refuses to start \(exit 0, restart loop\)/);
      assert.match(f.detail!, /for the IPv4 control-plane VIP; kube-vip then refuses to start and exits with code 0/);
      assert.doesNotMatch(f.message, /panic/);
      assert.doesNotMatch(f.detail!, /panic/);
    });
    it('audit H1: v0.8.10 ARP keeps the logged mask error followed by a panic', () => {
      const [f] = findingsOf(env('v0.8.10', [ARP, SVC, ['vip_cidr', '"128"']]), RULE);
      assert.match(f.message, /v0\.8\.10 panics on IPv4 Services/);
      assert.match(f.detail!, /logs "failed to set mask" .* and then panics/);
    });
    it('audit H2: BGP v0.8.9 "128": no panic; IPv4 VIPs are not announced; no "32,128" fix', () => {
      const [f] = findingsOf(env('v0.8.9', [...BGP, SVC, ['vip_cidr', '"128"']]), RULE);
      assert.strictEqual(f.severity, 'error');
      assert.doesNotMatch(f.message, /panic/);
      assert.doesNotMatch(f.detail!, /panic/);
      assert.strictEqual(f.message, 'vip_cidr "128" has no IPv4 prefix: v0.8.9 in BGP mode never announces IPv4 Services. Use "32".');
      assert.match(f.detail!, /advertises IPv4 VIPs as "<ip>\/128", which is not a valid IPv4 prefix, so BGP never announces IPv4 LoadBalancer Services/);
      assert.ok(!f.fixes.some((x) => x.title.includes('32,128')));
      // BGP only parses "<ip>/<value>" and announces host routes, so "32" serves both families.
      assert.deepStrictEqual(f.fixes.map((x) => [x.title, x.preferred]), [['Set vip_cidr to "32"', true]]);
    });
    it('audit H2: BGP v0.8.9 "32,128" with an IPv4 control plane: the list is not split; the preferred fix is "32"', () => {
      const text = env('v0.8.9', [...BGP, CP, ['address', '192.168.0.40'], ['vip_cidr', '"32,128"']]);
      const [f] = findingsOf(text, RULE);
      assert.strictEqual(f.messageId, 'bgpWholeValue');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(f.message, 'vip_cidr "32,128" is not split in BGP mode: v0.8.9 never announces the IPv4 control-plane VIP. Use "32".');
      assert.match(f.detail!, /does not split vip_cidr: it advertises "<ip>\/32,128", which is not a valid CIDR, so BGP never announces the IPv4 control-plane VIP/);
      assert.deepStrictEqual(f.fixes.map((x) => [x.title, x.preferred]), [['Set vip_cidr to "32"', true]]);
      assert.deepStrictEqual(findingsOf(fixed(text, f), RULE), []);
    });
    it('review: BGP with the vip_arp flag on too, v0.8.9: SetMask runs first, so "128" panics; "32,128" passes it but is advertised whole', () => {
      const [f] = findingsOf(env('v0.8.9', [...BGP, ARP, SVC, ['vip_cidr', '"128"']]), RULE);
      assert.strictEqual(f.messageId, 'ipv4GetsIpv6Prefix');
      assert.match(f.message, /v0\.8\.9 panics on IPv4 Services/);
      assert.match(f.detail!, /panics with "index out of range" as soon as a LoadBalancer Service gets an IPv4 address/);
      assert.ok(!f.fixes.some((x) => x.preferred && x.title.includes('32,128')), 'the list that SetMask accepts is not a preferred fix: BGP advertises it whole');
      const [whole] = findingsOf(env('v0.8.9', [...BGP, ARP, CP, ['address', '192.168.0.40'], ['vip_cidr', '"32,128"']]), RULE);
      assert.strictEqual(whole.messageId, 'bgpWholeValue');
    });
    it('audit H2: BGP v0.8.4 "32,128": the list is never split before v0.8.5 either', () => {
      const [f] = findingsOf(env('v0.8.4', [...BGP, CP, ['address', '192.168.0.40'], ['vip_cidr', '"32,128"']]), RULE);
      assert.strictEqual(f.messageId, 'bgpWholeValue');
    });
    it('audit H2: BGP v0.8.9 with an IPv6-only control plane keeps a single "128"', () => {
      assert.deepStrictEqual(findingsOf(env('v0.8.9', [...BGP, CP, ['address', 'fd00::10'], ['vip_cidr', '"128"']]), RULE), []);
    });
    it('audit H2: routing-table mode v0.8.9 never reads vip_cidr: a latent warning', () => {
      const [f] = findingsOf(env('v0.8.9', [['vip_routingtable', '"true"'], SVC, ['vip_cidr', '"128"']]), RULE);
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(f.messageId, 'noEffectInMode');
      assert.match(f.message, /v0\.8\.9 ignores it in routing table mode, for now\. Use "32,128"\.$/);
      assert.match(f.detail!, /only in ARP and BGP mode, so in routing table mode it has no effect yet/);
    });
    it('audit H2: the mode is unknown (set by a flag): a warning that names both outcomes, no preferred fix', () => {
      const text = daemonSet(img('v0.8.9'), [{ name: 'svc_enable', raw: '"true"' }, { name: 'vip_cidr', raw: '"128"' }]).replace('args: ["manager"]', 'args: ["manager", "--arp"]');
      const [f] = findingsOf(text, RULE);
      assert.strictEqual(f.messageId, 'modeUnknown');
      assert.strictEqual(f.severity, 'warning');
      assert.match(f.message, /v0\.8\.9 may panic \(ARP mode\) or not announce IPv4 VIPs \(BGP\)\. Use "32,128"\.$/);
      assert.match(f.detail!, /in ARP mode kube-vip v0\.8\.9 \(v0\.8\.5–v0\.8\.9\) panics with "index out of range"; in BGP mode IPv4 VIPs are advertised as "<ip>\/128"/);
      assert.ok(f.fixes.every((x) => !x.preferred));
    });
    it('audit H7: legacy vip_subnet "128" with an IPv4 address: no "/128" fix, and Services are named', () => {
      const [f] = findingsOf(env('v0.8.9', [ARP, CP, SVC, ['address', '192.168.0.40'], ['vip_subnet', '"128"']]), RULE);
      assert.strictEqual(f.severity, 'error');
      assert.deepStrictEqual(f.fixes, []);
      assert.match(f.message, /^vip_subnet "128" lacks the "\/": .*Use "\/N" with N ≤ 32\.$/);
      assert.match(f.detail!, /every VIP address \(the control plane's and each LoadBalancer Service's\)/);
    });
    it('audit H7: legacy vip_subnet "24" on a Services-only container is an error; the fix "/24" is valid for both families', () => {
      const text = env('v0.8.9', [ARP, SVC, ['vip_subnet', '"24"']]);
      const [f] = findingsOf(text, RULE);
      assert.strictEqual(f.severity, 'error');
      assert.deepStrictEqual(f.fixes.map((x) => [x.title, x.preferred]), [['Set vip_subnet to "/24"', true]]);
      assert.match(f.message, /^vip_subnet "24" lacks the "\/": .*Use "\/24"\.$/);
      assert.deepStrictEqual(findingsOf(fixed(text, f), RULE), []);
    });
    it('audit H7: legacy vip_subnet "/128" with Services on is invalid for IPv4 Service addresses', () => {
      const [f] = findingsOf(env('v0.8.9', [ARP, SVC, ['vip_subnet', '"/128"']]), RULE);
      assert.strictEqual(f.messageId, 'legacySuffix');
      assert.deepStrictEqual(f.fixes, []);
    });
    it('audit H8: "32, 128" with an IPv6 control plane is an error (SelectSubnet picks " 128")', () => {
      const [f] = findingsOf(env('v1.2.3', [ARP, CP, ['address', 'fd00::10'], ['vip_subnet', '"32, 128"']]), RULE);
      assert.strictEqual(f.messageId, 'spacesControlPlane');
      assert.strictEqual(f.severity, 'error');
      assert.match(f.message, /^vip_subnet "32, 128" has spaces the control plane keeps: v1\.2\.3 refuses to start .*Remove them\.$/);
      assert.match(f.detail!, /the IPv6 control-plane VIP gets a prefix with a space/);
    });
    it('audit H8: "32 ,128" (the IPv4 entry itself has the space) with an IPv4 control plane is an error', () => {
      const [f] = findingsOf(env('v1.2.3', [ARP, CP, ['address', '192.168.0.40'], ['vip_subnet', '"32 ,128"']]), RULE);
      assert.strictEqual(f.messageId, 'spacesControlPlane');
    });
    it('audit M1: an IPv6-only address with "128" and Services on: a conditional warning, not an error', () => {
      const [f] = findingsOf(env('v1.2.3', [ARP, CP, SVC, ['address', 'fd00::10'], ['vip_subnet', '"128"']]), RULE);
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(f.messageId, 'ipv4GetsIpv6PrefixIfIpv4Services');
      assert.strictEqual(f.message, 'vip_subnet "128" has no IPv4 prefix: v1.2.3 gives IPv4 Services no VIP, if there are any. Use "32,128".');
      assert.match(f.detail!, /if this cluster also hands out IPv4 LoadBalancer addresses/);
      assert.strictEqual(f.fixes[0].preferred, true);
    });
    it('audit M1: the seed case (Services on, no IPv6-only address) stays an error', () => {
      assert.strictEqual(findingsOf(env('v1.2.3', [ARP, SVC, ['vip_subnet', '"128"']]), RULE)[0].severity, 'error');
    });
    it('audit M8: vip_cidr "auto" on v0.8.4 is an error only in BGP mode', () => {
      assert.deepStrictEqual(findingsOf(env('v0.8.4', [ARP, SVC, ['vip_cidr', '"auto"']]), RULE), []);
      const [f] = findingsOf(env('v0.8.4', [...BGP, SVC, ['vip_cidr', '"auto"']]), RULE);
      assert.strictEqual(f.messageId, 'autoTooEarly');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(f.message, 'vip_cidr "auto" needs v0.8.5+: v0.8.4 cannot announce the VIP in BGP mode. Use a prefix length, e.g. "32".');
      assert.match(f.detail!, /advertises "<ip>\/auto", which is not a valid CIDR/);
    });
    it('missed §1: no list and an IPv6-only address with Services on: the generated "128" gets a conditional warning on the address', () => {
      const text = env('v1.2.3', [ARP, SVC, ['address', 'fd00::10']]);
      const [f] = findingsOf(text, RULE);
      assert.strictEqual(f.messageId, 'implicitIpv6Prefix');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(covered(text, f), 'fd00::10');
      assert.match(f.message, /^address "fd00::10" makes vip_subnet "128": v1\.2\.3 gives IPv4 Services no VIP, if there are any\. Add vip_subnet "32,128"\.$/);
      assert.match(f.detail!, /generates vip_subnet "128"/);
      assert.deepStrictEqual(findingsOf(env('v0.8.2', [ARP, SVC, ['address', 'fd00::10']]), RULE), [], 'no derivation before v0.8.3');
      assert.deepStrictEqual(findingsOf(env('v1.2.3', [ARP, CP, ['address', 'fd00::10']]), RULE), [], 'Services off');
    });
    it('missed §4: a single "32" with an IPv6 control-plane address: the IPv6 VIP silently gets /32', () => {
      const text = env('v1.2.3', [ARP, CP, ['address', 'fd00::10'], ['vip_subnet', '"32"']]);
      const [f] = findingsOf(text, RULE);
      assert.strictEqual(f.messageId, 'ipv6ControlPlaneGetsIpv4Prefix');
      assert.strictEqual(f.severity, 'warning');
      assert.strictEqual(f.message, 'vip_subnet "32" has one entry: v1.2.3 silently gives the IPv6 control-plane VIP /32 too. Use "32,128".');
      assert.match(f.detail!, /the IPv6 control-plane VIP fd00::10 silently gets \/32 instead of \/128 \(it is an IPv6-only address\)/);
      assert.strictEqual(fixed(text, f), text.replace('"32"', '"32,128"'));
      assert.deepStrictEqual(findingsOf(env('v1.2.3', [ARP, CP, ['address', '192.168.0.40'], ['vip_subnet', '"32"']]), RULE), []);
    });
    it('missed: an IPv6-first dual-stack address on v0.8.3–v1.0.0 generates "128,32"; the fix puts IPv4 first', () => {
      const text = env('v0.9.0', [ARP, CP, ['address', 'fd00::10,192.168.0.40']]);
      const [f] = findingsOf(text, RULE);
      assert.strictEqual(f.messageId, 'implicitReversed');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(f.message, 'address "fd00::10,192.168.0.40" lists IPv6 first: v0.9.0 refuses to start (exit 0, restart loop). Put IPv4 first.');
      assert.match(f.detail!, /generates vip_subnet "128,32" in the address's order .* v1\.0\.1 and later sort the generated list\.$/);
      assert.strictEqual(fixed(text, f), text.replace('fd00::10,192.168.0.40', '192.168.0.40,fd00::10'));
      assert.deepStrictEqual(findingsOf(fixed(text, f), RULE), []);
      assert.deepStrictEqual(findingsOf(env('v1.0.1', [ARP, CP, ['address', 'fd00::10,192.168.0.40']]), RULE), [], 'sorted from v1.0.1');
    });
    it('a list that is never parsed (svc_enable gate does not apply; version) is left to the other rules', () => {
      assert.deepStrictEqual(findingsOf(env('v1.2.3', [ARP, SVC, ['vip_cidr', '"128"']]), RULE), []);
    });
  });
});
