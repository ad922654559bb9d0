import * as assert from 'assert';
import { applyEdits, covered, daemonSet, dualStack, findingsOf, fixed, lineCol, lint } from '../helpers';

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

    it('explains the positional reading and the v0.8.9 panic', () => {
      assert.match(finding.message, /IPv4 prefix first, IPv6 second/);
      assert.match(finding.message, /\/128 is applied to IPv4 addresses/);
      assert.match(finding.message, /v0\.8\.9 \(v0\.8\.5–v0\.8\.9\) kube-vip panics with "index out of range" as soon as a LoadBalancer Service gets an IPv4 address/);
      assert.match(finding.message, /"32,128"/);
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
    const cases: [string, 'error' | 'warning', RegExp][] = [
      ['v0.8.4', 'warning', /v0\.8\.4 and earlier\) kube-vip uses this prefix only for BGP, so in ARP mode it has no effect yet; from v0\.8\.5/],
      ['v0.8.5', 'error', /panics with "index out of range"/],
      ['v0.8.9-iptables', 'error', /panics with "index out of range"/],
      ['v0.8.10', 'error', /v0\.8\.10–v1\.0\.3\) kube-vip logs "provided CIDR mask '128' is greater than the highest mask value for the IPv4 family \(32\)" and then panics/],
    ];
    for (const [tag, severity, message] of cases) {
      it(`vip_cidr on ${tag}: ${severity}`, () => {
        const [f] = findingsOf(dualStack(img(tag), [{ name: 'vip_cidr', raw: '"128"' }]), RULE);
        assert.strictEqual(f?.severity, severity);
        assert.match(f.message, message);
      });
    }
    const subnetCases: [string, RegExp][] = [
      ['v0.9.0', /and then panics as soon as a LoadBalancer Service/],
      ['v1.0.3', /and then panics/],
      ['v1.0.4', /v1\.0\.4 and later\) kube-vip logs .* and leaves the Service without its VIP/],
      ['v1.2.3', /leaves the Service without its VIP/],
    ];
    for (const [tag, message] of subnetCases) {
      it(`vip_subnet on ${tag}: error`, () => {
        const [f] = findingsOf(dualStack(img(tag), [{ name: 'vip_subnet', raw: '"128"' }]), RULE);
        assert.strictEqual(f?.severity, 'error');
        assert.match(f.message, message);
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
      assert.match(f.message, /"<ip>\/128", which is not a valid IPv4 prefix/);
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
      assert.match(f.message, /fails to start the control-plane VIP/);
    });
    it('an image without a version tag uses the newest release and says so', () => {
      const [f] = findingsOf(dualStack(img('latest'), [{ name: 'vip_subnet', raw: '"64"' }]), RULE);
      assert.match(f.message, /On v1\.2\.3 \(assumed: the image tag names no version; set kubeVipLint\.kubeVipVersion\)/);
      assert.strictEqual(f.fixes[0].title, 'Set vip_subnet to "32,64"');
    });
    it('the kubeVipVersion setting replaces the assumption', () => {
      const [f] = findingsOf(dualStack('ghcr.io/kube-vip/kube-vip@sha256:0123abcd', [{ name: 'vip_cidr', raw: '"128"' }]), RULE, { kubeVipVersion: 'v0.8.6' });
      assert.match(f.message, /On v0\.8\.6 \(assumed/);
      assert.match(f.message, /index out of range/);
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
      assert.match(fs[0].message, /wrong order/);
      assert.strictEqual(fixed, text.replace('"128,32"', '"32,128"'));
    });
    it('spaces are removed; an error when the control plane reads the list (v0.9.0+)', () => {
      const { fs, fixed, text } = fixOf('v1.2.3', '"32, 128"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].message, /Remove the spaces/);
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
      assert.match(fs[0].message, /without a slash/);
      assert.strictEqual(fixed, text.replace('"/24"', '"24"'));
    });
    it('more than two entries: error, no fix', () => {
      const { fs } = fixOf('v1.2.3', '"32,128,64"');
      assert.strictEqual(fs[0].severity, 'error');
      assert.match(fs[0].message, /lists 3 prefixes/);
      assert.deepStrictEqual(fs[0].fixes, []);
    });
    for (const raw of ['"129"', '"32,129"', '"thirty-two"', '"32,"']) {
      it(`${raw} is an error without a fix`, () => {
        const { fs } = fixOf('v1.2.3', raw);
        assert.strictEqual(fs[0]?.severity, 'error');
        assert.deepStrictEqual(fs[0].fixes, []);
      });
    }
    it('a prefix too long for a double is quoted as written, not as a rounded number or Infinity', () => {
      const long = '9'.repeat(400);
      assert.match(fixOf('v1.2.3', `"${long}"`).fs[0].message, new RegExp(`: ${long} is not a valid prefix length`));
      assert.match(fixOf('v1.2.3', '"32,99999999999999999999"').fs[0].message, /: 99999999999999999999 is not a valid IPv6 prefix length/);
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
      const { fs } = fixOf('v0.8.4', '"auto"', 'vip_cidr');
      assert.match(fs[0].message, /"auto" is understood from v0\.8\.5/);
    });
  });

  describe('vip_subnet holding a list before v0.9.0', () => {
    it('"32,128" is renamed to vip_cidr, which reads it as written', () => {
      const text = dualStack(img('v0.8.9'), [{ name: 'vip_subnet', raw: '"32,128"' }]);
      const [f] = findingsOf(text, RULE);
      assert.deepStrictEqual(f.fixes.map((x) => x.title), ['Rename vip_subnet to vip_cidr']);
      assert.deepStrictEqual(findingsOf(fixed(text, f), RULE), []);
    });
    it('"auto,auto" is renamed from v0.8.5, where vip_cidr understands auto', () => {
      const [f] = findingsOf(dualStack(img('v0.8.9'), [{ name: 'vip_subnet', raw: '"auto,auto"' }]), RULE);
      assert.deepStrictEqual(f.fixes.map((x) => x.title), ['Rename vip_subnet to vip_cidr']);
      assert.deepStrictEqual(findingsOf(dualStack(img('v0.8.4'), [{ name: 'vip_subnet', raw: '"auto,auto"' }]), RULE)[0].fixes, []);
    });
    for (const raw of ['"128,32"', '"32, 128"', '"32,128,64"', '|\n            32,128']) {
      it(`${JSON.stringify(raw)} gets no rename: vip_cidr would report the list in turn`, () => {
        const [f] = findingsOf(dualStack(img('v0.8.9'), [{ name: 'vip_subnet', raw }]), RULE);
        assert.match(f.message, /read from vip_cidr up to v0\.8\.10/);
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
    it('a container that is not kube-vip', () => {
      assert.deepStrictEqual(lint(dualStack('nginx:1.27', [{ name: 'vip_cidr', raw: '"128"' }])), []);
      assert.deepStrictEqual(lint(dualStack('example.com/not-kube-vip/kube-vip-ish:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }])), []);
    });
    it('values from references or templates are unknown, not wrong', () => {
      const fromRef = dualStack(img('v0.8.9'), ['        - name: vip_cidr\n          valueFrom:\n            configMapKeyRef: {name: kv, key: cidr}']);
      assert.deepStrictEqual(findingsOf(fromRef, RULE), []);
      const templated = dualStack(img('v0.8.9'), [{ name: 'vip_cidr', raw: '"{{ .Values.cidr }}"' }]);
      assert.deepStrictEqual(findingsOf(templated, RULE), []);
    });
    it('a document with YAML errors is skipped rather than guessed at', () => {
      const broken = dualStack(img('v0.8.9'), [{ name: 'vip_cidr', raw: '"128"' }]) + '      bad: [unclosed\n';
      assert.deepStrictEqual(lint(broken), []);
    });
  });
});
