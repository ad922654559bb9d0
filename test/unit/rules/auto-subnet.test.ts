import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/auto-subnet';
import { checkRule, covered, daemonSet } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const auto = (name = 'vip_subnet', raw = '"auto"'): EnvLine => ({ name, raw });

describe('auto-subnet', () => {
  it('BGP mode on v1.2.3: start-up aborts; related to the vip_arp entry', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"false"' }, t('bgp_enable'), t('svc_enable'), auto()]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(finding.messageId, 'outsideArp');
    assert.strictEqual(covered(text, finding), '"auto"');
    assert.strictEqual(finding.message, 'vip_subnet "auto" needs vip_arp "true": v1.2.3 refuses to start (exit 0, restart loop). Use "32" or "32,128".');
    assert.match(finding.detail!, /^"auto" works only in ARP mode, and vip_arp is not "true": kube-vip v1\.2\.3 refuses to start: it logs "auto subnet discovery cannot be used outside ARP mode" and exits with code 0/);
    assert.match(finding.detail!, /Use "auto" only for Services in ARP mode without a control-plane address; otherwise write the prefix lengths, e\.g\. "32" or "32,128"\.$/);
    assert.strictEqual(covered(text, { ...finding, span: finding.related[0].span }), '"false"');
    assert.deepStrictEqual(finding.fixes, []);
  });
  it('no vip_arp at all: no related entry', () => {
    const [finding] = checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_routingtable'), t('svc_enable'), auto('vip_subnet', '"auto,auto"')]));
    assert.deepStrictEqual(finding.related, []);
  });
  it('ARP with address: aborts, related to address', () => {
    const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), t('svc_enable'), { name: 'address', raw: '192.168.0.40' }, auto('vip_subnet', "'32,auto'")]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.messageId, 'withAddress');
    assert.strictEqual(covered(text, finding), "'32,auto'");
    assert.match(finding.message, /^vip_subnet "32,auto" cannot be used with address: v1\.2\.3 refuses to start .*Use "32" or "32,128"\.$/);
    assert.match(finding.detail!, /cannot be combined with address: .*"auto subnet discovery cannot be used if VIP address was provided"/);
    assert.strictEqual(covered(text, { ...finding, span: finding.related[0].span }), '192.168.0.40');
  });
  it('vip_cidr "auto" on v0.8.5–v0.8.9: exit code 1; the hint asks for a single value in BGP mode up to v0.8.10', () => {
    const [finding] = checkRule(rule, daemonSet(img('v0.8.5'), [t('bgp_enable'), t('svc_enable'), auto('vip_cidr')]));
    assert.strictEqual(finding.message, 'vip_cidr "auto" needs vip_arp "true": v0.8.5 refuses to start. Use "32".');
    assert.match(finding.detail!, /^"auto" works only in ARP mode.*exits with code 1/);
    assert.match(finding.detail!, /e\.g\. "32" \(a single value: BGP mode up to v0\.8\.10 appends the whole vip_cidr to each VIP\)\.$/);
    assert.doesNotMatch(finding.message, /32,128/);
    assert.doesNotMatch(finding.detail!, /32,128/);
  });
  it('v0.9.0+: the control plane (vip_address) rejects "auto", so the manager refuses to start', () => {
    const text = daemonSet(img('v1.0.4'), [t('vip_arp'), t('cp_enable'), { name: 'vip_address', raw: '10.0.0.5' }, auto()]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.messageId, 'controlPlaneRejects');
    assert.match(finding.message, /^vip_subnet "auto" cannot be the control-plane prefix: v1\.0\.4 refuses to start \(exit 0, restart loop\)\. Use "32,128"\.$/);
    assert.match(finding.detail!, /setting it up fails with "auto subnet discovery only works for services": kube-vip v1\.0\.4 refuses to start and exits with code 0/);
    assert.strictEqual(covered(text, { ...finding, span: finding.related[0].span }), '10.0.0.5');
  });
  it('v0.8.5–v0.8.10: the control-plane mask "auto" fails in SetMask (exit 1, or a panic on v0.8.10)', () => {
    const cp = (tag: string, list: string, address = '10.0.0.5') =>
      checkRule(rule, daemonSet(img(tag), [t('vip_arp'), t('cp_enable'), { name: 'vip_address', raw: JSON.stringify(address) }, auto('vip_cidr', list)]));
    const [old] = cp('v0.8.9', '"auto"');
    assert.strictEqual(old.messageId, 'controlPlaneMask');
    assert.strictEqual(old.message, 'vip_cidr "auto" cannot be the control-plane prefix: v0.8.9 exits (code 1) setting up the VIP. Use "32" or "32,128".');
    assert.match(old.detail!, /v0\.8\.9 exits with "failed to set mask auto" \(log\.Fatalf, exit code 1; v0\.8\.5–v0\.8\.9\)/);
    const [panics] = cp('v0.8.10', '"auto"');
    assert.match(panics.message, /v0\.8\.10 panics setting up the VIP/);
    assert.match(panics.detail!, /logs "failed to set mask" and panics \(v0\.8\.10\)/);
    // IPv4 takes element 0: "32,auto" gives the IPv4 control plane "32"; an IPv6 one takes "auto"
    assert.deepStrictEqual(cp('v0.8.9', '"32,auto"'), []);
    assert.strictEqual(cp('v0.8.9', '"32,auto"', 'fd00::5')[0].messageId, 'controlPlaneMask');
  });
  it('Services with vip_address are refused from v0.8.5 (vip_cidr) as from v0.9.0 (vip_subnet)', () => {
    for (const [tag, name] of [['v0.8.5', 'vip_cidr'], ['v0.9.0', 'vip_subnet']]) {
      const [finding] = checkRule(rule, daemonSet(img(tag), [t('vip_arp'), t('svc_enable'), { name: 'vip_address', raw: '10.0.0.5' }, auto(name)]));
      assert.strictEqual(finding.messageId, 'servicesReject', tag);
      assert.match(finding.message, new RegExp(`^${name} "auto" cannot be used with vip_address: ${tag.replace(/\./g, '\\.')} gives every LoadBalancer Service no VIP\\. Use "32" or "32,128"\\.$`));
      assert.match(finding.detail!, /every LoadBalancer Service fails with "auto subnet discovery cannot be used if VIP address was provided"/);
    }
  });
  describe('not flagged', () => {
    it('Services in ARP mode without an address: the intended use', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable'), auto('vip_subnet', '"auto,auto"')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.5'), [t('vip_arp'), t('svc_enable'), auto('vip_cidr')])), []);
    });
    it('the variable that does not hold the list on this version', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('bgp_enable'), t('svc_enable'), auto('vip_cidr')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.4'), [t('bgp_enable'), t('svc_enable'), auto('vip_cidr')])), []);
    });
    it('ARP set by a flag or unknown', () => {
      const text = daemonSet(img('v1.2.3'), [t('svc_enable'), auto()]);
      assert.strictEqual(checkRule(rule, text).length, 1);
      assert.deepStrictEqual(checkRule(rule, text.replace('args: ["manager"]', 'args: ["manager", "--arp"]')), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [{ name: 'vip_arp', raw: '"{{ arp }}"' }, t('svc_enable'), auto()])), []);
    });
    it('an address from valueFrom is unknown', () => {
      const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable'), '        - name: address\n          valueFrom:\n            configMapKeyRef: {name: kv, key: vip}', auto()]);
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
    it('a templated prefix list', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('bgp_enable'), t('svc_enable'), auto('vip_subnet', '"{{ auto }}"')])), []);
    });
  });
});
