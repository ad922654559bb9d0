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
      assert.strictEqual(finding.messageId, 'subnetRequired');
      assert.strictEqual(finding.message, 'vip_address without vip_subnet: v1.2.3 refuses to start (exit 0, restart loop). Rename it to address.');
      assert.match(finding.detail!, /^kube-vip derives the prefix only from address: kube-vip v1\.2\.3 refuses to start: it logs "vip_subnet must be set if using vip_address instead of address environment variable"/);
      assert.match(finding.detail!, /Rename vip_address to address \(kube-vip then derives "32" or "128"\), or add vip_subnet "32"\.$/);
      assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Rename vip_address to address', true], ['Add vip_subnet "32"', false]]);
      assert.strictEqual(fixed(text, finding), text.replace('- name: vip_address', '- name: address'));
      assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
    });
    it('a quoted name keeps its quotes', () => {
      const text = daemonSet(img('v1.2.0-rc.0'), [t('bgp_enable'), t('cp_enable'), "        - name: 'vip_address'\n          value: \"10.0.0.5\""]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(fixed(text, finding), text.replace("'vip_address'", "'address'"));
    });
    it('v0.9.0–v1.1.x: the VIP cannot be formatted, so the manager refuses to start (exit 0)', () => {
      const text = daemonSet(img('v1.1.1'), [t('vip_routingtable'), t('cp_enable'), vip()]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'cannotFormat');
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(finding.message, 'vip_address without vip_subnet: v1.1.1 refuses to start (exit 0, restart loop). Rename it to address.');
      assert.match(finding.detail!, /setting up the control-plane VIP fails with "could not format address '10\.0\.0\.5' with subnetMask ''": kube-vip v1\.1\.1 refuses to start and exits with code 0/);
      assert.strictEqual(fixed(text, finding, 1), text.replace('          value: 10.0.0.5\n', '          value: 10.0.0.5\n        - name: vip_subnet\n          value: "32"\n'));
      assert.deepStrictEqual(checkRule(rule, fixed(text, finding, 1)), []);
    });
    it('v0.8.5–v0.8.9 ARP: log.Fatalf "no subnet provided for IP"; v0.8.10 logs and panics', () => {
      const old = checkRule(rule, daemonSet(img('v0.8.9'), [t('vip_arp'), t('cp_enable'), vip()]))[0];
      assert.strictEqual(old.messageId, 'arpNoSubnet');
      assert.strictEqual(old.message, 'vip_address without vip_cidr: v0.8.9 exits (code 1) setting up the VIP, which never comes up. Rename it to address.');
      assert.match(old.detail!, /^kube-vip derives the prefix only from address:.* exits with "no subnet provided for IP 10\.0\.0\.5" \(log\.Fatalf, exit code 1; v0\.8\.5–v0\.8\.9\)/);
      assert.match(old.detail!, /or add vip_cidr "32"\.$/);
      const [finding] = checkRule(rule, daemonSet(img('v0.8.10'), [t('vip_arp'), t('cp_enable'), vip()]));
      assert.match(finding.message, /v0\.8\.10 panics setting up the VIP/);
      assert.match(finding.detail!, /v0\.8\.10 logs "no subnet provided" and panics \(v0\.8\.10\)/);
    });
    it('v0.8.5–v0.8.10 ARP, IPv6-first pair: no rename before v1.0.1 (the derived list keeps the order); "32,128" is added', () => {
      const text = daemonSet(img('v0.8.9'), [t('vip_arp'), t('cp_enable'), vip('"fd00::5,10.0.0.5"')]);
      const [finding] = checkRule(rule, text);
      assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Add vip_cidr "32,128"', true]]);
      assert.match(finding.message, /Add vip_cidr "32,128"\.$/);
      assert.match(finding.detail!, /Add vip_cidr "32,128"\.$/);
    });
    it('a DNS name is renamed only from v1.0.1 (address cannot derive a prefix from a name before)', () => {
      const older = daemonSet(img('v0.8.9'), [t('vip_arp'), t('cp_enable'), vip('cp.example.com')]);
      assert.deepStrictEqual(checkRule(rule, older)[0].fixes, []);
      // v0.9.0–v1.1.x: a name fails on another path than "could not format address", which is not claimed
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.0.0'), [t('vip_arp'), t('cp_enable'), vip('cp.example.com')])), []);
      const newer = daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), vip('cp.example.com')]);
      assert.strictEqual(checkRule(rule, newer)[0].fixes.length, 1);
    });
    it('no rename when an (empty) address entry exists; adding vip_subnet is preferred then', () => {
      const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), { name: 'address', raw: '""' }, vip()]);
      const [finding] = checkRule(rule, text);
      assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Add vip_subnet "32"', true]]);
    });
    describe('versions and modes where it works or is not known to fail', () => {
      const cases: [string, string][] = [
        ['v0.8.0', 'vip_arp'], // --cidr still defaulted to "32"
        ['v0.8.2', 'vip_arp'], // no SetMask before v0.8.5
        ['v0.8.4', 'vip_arp'], // no SetMask before v0.8.5
        ['v0.8.9', 'vip_routingtable'], // routing-table mode reads neither vip_cidr nor the mask
        ['v1.1.1', 'vip_wireguard'], // WireGuard never runs InitCluster for the control plane
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
      assert.strictEqual(finding.message, 'cp_enable is "true" without address or vip_address: the control plane has no VIP. Set address, unless a patch adds it.');
      assert.match(finding.detail!, /unless a kustomize patch or Helm values add it\.$/);
      assert.strictEqual(covered(text, finding), 'cp_enable');
      assert.match(finding.detail!, /^Neither address nor vip_address is set/);
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

  describe('BGP up to v0.8.10: "<ip>/<vip_cidr>"', () => {
    const bgp: EnvLine[] = [t('bgp_enable'), { name: 'bgp_routerid', raw: '"10.0.0.2"' }, { name: 'bgp_peers', raw: '"10.0.0.1:65000::false"' }];
    const withCidr = (text: string, after: string, value: string) => text.replace(after, `${after}        - name: vip_cidr\n          value: "${value}"\n`);

    it('review: v0.8.9 BGP with vip_arp on too: SetMask runs before BGP, so vip_address without vip_cidr exits with "no subnet provided"', () => {
      const text = daemonSet(img('v0.8.9'), [t('bgp_enable'), t('vip_arp'), t('cp_enable'), vip()]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'arpNoSubnet');
      assert.match(finding.detail!, /with vip_arp on \(ARP mode, or BGP with vip_arp too\) v0\.8\.9 exits with "no subnet provided for IP 10\.0\.0\.5"/);
    });
    it('audit H6: v0.8.2 BGP vip_address (the audit manifest): error, only adding vip_cidr "32" fixes it, no rename', () => {
      const text = daemonSet(img('v0.8.2'), [...bgp, t('cp_enable'), t('vip_leaderelection'), vip('192.168.0.40')]);
      const [finding, ...rest] = checkRule(rule, text);
      assert.strictEqual(rest.length, 0);
      assert.strictEqual(finding.messageId, 'bgpNoPrefix');
      assert.strictEqual(finding.severity, 'error');
      assert.strictEqual(covered(text, finding), 'vip_address');
      assert.strictEqual(finding.message, 'vip_address without vip_cidr: v0.8.2 in BGP mode never announces the VIP. Add vip_cidr "32".');
      assert.match(finding.detail!, /^kube-vip v0\.8\.2 \(v0\.8\.1–v0\.8\.2\) derives no prefix at all/);
      assert.match(finding.detail!, /logs "invalid CIDR address: 192\.168\.0\.40\/" and the VIP never reaches the BGP peers\. Add vip_cidr "32"\. Renaming vip_address to address does not help before v0\.8\.3\.$/);
      assert.doesNotMatch(finding.message, /32,128/);
      assert.doesNotMatch(finding.detail!, /32,128/);
      assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Add vip_cidr "32"', true]]);
      assert.strictEqual(fixed(text, finding), withCidr(text, '          value: 192.168.0.40\n', '32'));
      assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
    });
    it('audit H6: v0.8.1 BGP with address (kube-vip#891): nothing derives the prefix either', () => {
      const text = daemonSet(img('v0.8.1'), [...bgp, t('cp_enable'), { name: 'address', raw: '192.168.0.40' }]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'bgpNoPrefix');
      assert.strictEqual(covered(text, finding), 'address');
      assert.match(finding.message, /^address without vip_cidr: v0\.8\.1 in BGP mode never announces the VIP\. Add vip_cidr "32"\.$/);
      assert.match(finding.detail!, /invalid CIDR address: 192\.168\.0\.40\/.*Add vip_cidr "32"\.$/);
      assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
    });
    it('audit H6: IPv6 address on v0.8.2 BGP: vip_cidr "128"', () => {
      const text = daemonSet(img('v0.8.2'), [...bgp, t('cp_enable'), { name: 'address', raw: '"fd00::40"' }]);
      const [finding] = checkRule(rule, text);
      assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Add vip_cidr "128"', true]]);
    });
    it('audit H6: Services without election are named too (they use the same vip_cidr)', () => {
      const [finding] = checkRule(rule, daemonSet(img('v0.8.2'), [...bgp, t('cp_enable'), t('svc_enable'), { name: 'address', raw: '192.168.0.40' }]));
      assert.match(finding.message, /never announces the VIP or the Services\./);
      assert.match(finding.detail!, /and neither do the LoadBalancer Services \(they are announced with the same vip_cidr\)/);
      const elected = checkRule(rule, daemonSet(img('v0.8.9'), [...bgp, t('cp_enable'), t('svc_enable'), t('svc_election'), vip()]))[0];
      assert.doesNotMatch(elected.message, /Services/);
      assert.doesNotMatch(elected.detail!, /LoadBalancer Services/);
    });
    it('audit H6: on v0.8.1–v0.8.2 outside BGP nothing fails, and from v0.8.3 address derives "32"', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.2'), [t('vip_arp'), t('cp_enable'), { name: 'address', raw: '192.168.0.40' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.3'), [...bgp, t('cp_enable'), { name: 'address', raw: '192.168.0.40' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.2'), [...bgp, t('cp_enable'), vip(), { name: 'vip_cidr', raw: '"32"' }])), []);
    });
    it('audit L10: v0.8.3–v0.8.10 BGP vip_address: still "<ip>/"; rename (derives "32") is preferred, adding vip_cidr is offered', () => {
      for (const tag of ['v0.8.3', 'v0.8.10']) {
        const text = daemonSet(img(tag), [...bgp, t('cp_enable'), vip()]);
        const [finding] = checkRule(rule, text);
        assert.strictEqual(finding.messageId, 'bgpNoPrefix', tag);
        assert.match(finding.message, /^vip_address without vip_cidr: v0\.8\.\d+ in BGP mode never announces the VIP\. Rename it to address\.$/);
        assert.match(finding.detail!, /\(v0\.8\.3–v0\.8\.10\) derives the prefix only from address, not from vip_address/);
        assert.match(finding.detail!, /Rename vip_address to address \(kube-vip then derives "32" or "128"\), or add vip_cidr "32"\.$/);
        assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Rename vip_address to address', true], ['Add vip_cidr "32"', false]]);
        assert.deepStrictEqual(checkRule(rule, fixed(text, finding, 0)), []);
        assert.deepStrictEqual(checkRule(rule, fixed(text, finding, 1)), []);
      }
    });
    it('audit L10: a dual-stack vip_address in BGP: no rename (it would derive "32,128"), "32" offered but not preferred', () => {
      const text = daemonSet(img('v0.8.9'), [...bgp, t('cp_enable'), vip('"10.0.0.5,fd00::5"')]);
      const [finding] = checkRule(rule, text);
      assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Add vip_cidr "32"', false]]);
      assert.match(finding.message, /Add vip_cidr "32"\.$/);
      assert.match(finding.detail!, /so "32" serves both families; never "32,128" here\.$/);
    });
    it('missed: dual-stack address in BGP on v0.8.3–v0.8.10 derives "32,128", which BGP never announces', () => {
      const text = daemonSet(img('v0.8.9'), [...bgp, t('cp_enable'), { name: 'address', raw: '"192.168.0.40,fd00::40"' }]);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'bgpDerivedList');
      assert.strictEqual(covered(text, finding), '"192.168.0.40,fd00::40"');
      assert.strictEqual(finding.message, 'address "192.168.0.40,fd00::40" makes vip_cidr "32,128": v0.8.9 BGP never announces either VIP. Add vip_cidr "32".');
      assert.match(finding.detail!, /derives vip_cidr "32,128"\. .*"<ip>\/32,128" is rejected as an invalid CIDR address/);
      assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Add vip_cidr "32"', true]]);
      assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
      // v0.9.0 announces each VIP with its own prefix; ARP splits the list by family.
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.9.0'), [...bgp, t('cp_enable'), { name: 'address', raw: '"192.168.0.40,fd00::40"' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [t('vip_arp'), t('cp_enable'), { name: 'address', raw: '"192.168.0.40,fd00::40"' }])), []);
    });
    it('not claimed when the mode is not certain or the prefix may come from a flag', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.2'), [{ name: 'bgp_enable', raw: '"{{ bgp }}"' }, t('cp_enable'), vip()])), []);
      const text = daemonSet(img('v0.8.2'), [...bgp, t('cp_enable'), vip()]).replace('args: ["manager"]', 'args: ["manager", "--cidr=32"]');
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
