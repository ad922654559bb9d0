import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/control-plane-address';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const vip = (raw = '10.0.0.5'): EnvLine => ({ name: 'vip_address', raw });

describe('control-plane-address', () => {
  describe('vip_address without a prefix', () => {
    it('v1.2.3 ARP: abort, preferred rename to address', () => {
      const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), vip()]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(covered(text, finding), 'vip_address');
      assert.match(finding.message, /^vip_address is set without vip_subnet, and kube-vip derives the prefix only from address: kube-vip v1\.2\.3 refuses to start: it logs "vip_subnet must be set if using vip_address instead of address environment variable"/);
      assert.strictEqual(finding.fixes.length, 1);
      assert.strictEqual(finding.fixes[0].title, 'Rename vip_address to address');
      assert.strictEqual(finding.fixes[0].preferred, true);
      assert.strictEqual(fixed(text, finding), text.replace('- name: vip_address', '- name: address'));
      assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
    });
    it('a quoted name keeps its quotes', () => {
      const text = daemonSet(img('v1.2.0-rc.0'), [t('bgp_enable'), t('cp_enable'), "        - name: 'vip_address'\n          value: \"10.0.0.5\""]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(fixed(text, finding), text.replace("'vip_address'", "'address'"));
    });
    it('v0.9.0–v1.1.x: cannot format the address', () => {
      const [finding] = checkRule(rule, daemonSet(img('v1.1.1'), [t('vip_routingtable'), t('cp_enable'), vip()]));
      assert.match(finding.message, /on v1\.1\.1 \(v0\.9\.0–v1\.1\.x\) kube-vip fails with "could not format address '10\.0\.0\.5' with subnetMask ''"/);
    });
    it('v0.8.5–v0.8.10 ARP: no subnet provided; the hint names vip_cidr', () => {
      const [finding] = checkRule(rule, daemonSet(img('v0.8.10'), [t('vip_arp'), t('cp_enable'), vip()]));
      assert.match(finding.message, /^vip_address is set without vip_cidr.*"no subnet provided for IP"/);
      assert.match(finding.message, /or add vip_cidr, e\.g\. "32"\.$/);
    });
    it('v0.8.1–v0.8.2 BGP: advertises "<ip>/"', () => {
      const [finding] = checkRule(rule, daemonSet(img('v0.8.2'), [t('bgp_enable'), t('cp_enable'), vip()]));
      assert.match(finding.message, /advertises "10\.0\.0\.5\/" over BGP/);
    });
    it('a DNS name is renamed only from v1.0.1 (address cannot derive a prefix from a name before)', () => {
      const older = daemonSet(img('v1.0.0'), [t('vip_arp'), t('cp_enable'), vip('cp.example.com')]);
      assert.deepStrictEqual(checkRule(rule, older)[0].fixes, []);
      const newer = daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), vip('cp.example.com')]);
      assert.strictEqual(checkRule(rule, newer)[0].fixes.length, 1);
    });
    it('no rename when an (empty) address entry exists', () => {
      const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), { name: 'address', raw: '""' }, vip()]);
      const [finding] = checkRule(rule, text);
      assert.deepStrictEqual(finding.fixes, []);
    });
    describe('versions and modes where it works or is not known to fail', () => {
      const cases: [string, string][] = [
        ['v0.8.0', 'vip_arp'], // --cidr still defaulted to "32"
        ['v0.8.2', 'vip_arp'], // only BGP is affected on v0.8.1–v0.8.2
        ['v0.8.4', 'bgp_enable'], // no failure recorded for v0.8.3–v0.8.4
        ['v0.8.9', 'bgp_enable'], // v0.8.5–v0.8.10: ARP only
        ['v1.2.3', 'vip_wireguard'], // the v1.2.0 check covers ARP/BGP/table
      ];
      for (const [tag, mode] of cases) {
        it(`${tag} ${mode}`, () => assert.deepStrictEqual(checkRule(rule, daemonSet(img(tag), [t(mode), t('cp_enable'), vip()])), []));
      }
    });
    it('with a prefix it is fine', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), vip(), { name: 'vip_subnet', raw: '"32"' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [t('vip_arp'), t('cp_enable'), vip(), { name: 'vip_cidr', raw: '"32"' }])), []);
    });
    it('vip_cidr does not count from v0.9.0', () => {
      assert.strictEqual(checkRule(rule, daemonSet(img('v0.9.0'), [t('vip_arp'), t('cp_enable'), vip(), { name: 'vip_cidr', raw: '"32"' }])).length, 1);
    });
  });

  describe('no address at all', () => {
    it('warning on cp_enable (a kustomize patch may add the address)', () => {
      const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable')]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.severity, 'warning');
      assert.match(finding.message, /unless a kustomize patch or Helm values add it\.$/);
      assert.strictEqual(covered(text, finding), 'cp_enable');
      assert.match(finding.message, /^cp_enable is "true" but neither address nor vip_address is set/);
    });
    it('on the empty address entry when there is one', () => {
      const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), { name: 'address' }]);
      assert.strictEqual(covered(text, checkRule(rule, text)[0]), 'address');
    });
    it('vip_ddns takes the address from DHCP', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), t('vip_ddns')])), []);
    });
    it('an address flag', () => {
      const text = daemonSet(img('v0.8.0'), [t('vip_arp'), t('cp_enable')]).replace('args: ["manager"]', 'args: ["manager", "--address=10.0.0.5"]');
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
  });

  describe('not flagged', () => {
    it('address set (literal, reference or template)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), { name: 'address', raw: '10.0.0.5' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), { name: 'address', raw: "'${KUBE_VIP_ADDR}'" }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), vip('"{{ vip }}"')])), []);
    });
    it('Services only', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable'), vip()])), []);
    });
  });
});
