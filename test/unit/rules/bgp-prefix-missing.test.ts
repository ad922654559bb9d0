import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/bgp-prefix-missing';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const bgp: EnvLine[] = [t('bgp_enable'), { name: 'bgp_routerid', raw: '"10.0.0.2"' }, { name: 'bgp_peers', raw: '"10.0.0.1:65000::false"' }];

describe('bgp-prefix-missing', () => {
  it('missed: BGP Services-only without prefix on v0.8.2 (kube-vip#913, the generated --services --bgp manifest): error, add vip_cidr "32"', () => {
    const text = daemonSet(img('v0.8.2'), [...bgp, t('svc_enable')]);
    const [finding, ...rest] = checkRule(rule, text);
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(finding.messageId, 'servicesNotAnnounced');
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(text.slice(finding.span.start - 30, finding.span.start).includes('svc_enable'), true);
    assert.strictEqual(covered(text, finding), '"true"');
    assert.strictEqual(finding.message, 'vip_cidr is not set: v0.8.2 announces BGP Service VIPs as "<ip>/", so none reach the peers. Add vip_cidr "32".');
    assert.match(finding.detail!, /^In BGP mode kube-vip v0\.8\.2 \(v0\.8\.1–v0\.8\.10\) announces the VIPs of LoadBalancer Services as "<ip>\/<vip_cidr>"/);
    assert.match(finding.detail!, /this version has no default and does not derive it/);
    assert.match(finding.detail!, /logs "invalid CIDR address: <ip>\/" and the Services never reach the BGP peers/);
    assert.match(finding.detail!, /always announce a \/32 or \/128 host route; never "32,128" here/);
    assert.match(finding.detail!, /v0\.9\.0 and later announce each VIP with its own prefix/);
    assert.deepStrictEqual(finding.fixes.map((f) => [f.title, f.preferred]), [['Add vip_cidr "32"', true]]);
    assert.strictEqual(fixed(text, finding), text.replace('        - name: svc_enable\n          value: "true"\n', '        - name: svc_enable\n          value: "true"\n        - name: vip_cidr\n          value: "32"\n'));
    assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
    assert.strictEqual(covered(text, { ...finding, span: finding.related[0].span }), '"true"');
  });
  it('missed: v0.8.1–v0.8.4 elected Services copy the global vip_cidr, so election does not help there', () => {
    const [finding] = checkRule(rule, daemonSet(img('v0.8.4'), [...bgp, t('svc_enable'), t('svc_election')]));
    assert.match(finding.detail!, /derived only from address, which this container does not set/);
    assert.match(finding.detail!, /the VIPs of LoadBalancer Services as/);
  });
  it('missed: v0.8.5–v0.8.10 only Services without election (per-Service "32"/"128" from v0.8.5)', () => {
    const [finding] = checkRule(rule, daemonSet(img('v0.8.10'), [...bgp, t('svc_enable')]));
    assert.match(finding.detail!, /the VIPs of LoadBalancer Services without election as/);
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.10'), [...bgp, t('svc_enable'), t('svc_election')])), []);
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [...bgp, t('svc_enable'), t('vip_leaderelection')])), []);
    // an election that may be switched on elsewhere is not guessed
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [...bgp, t('svc_enable'), { name: 'svc_election', raw: '"{{ e }}"' }])), []);
  });
  it('the added entry keeps CRLF line endings and goes after a trailing comment', () => {
    const text = daemonSet(img('v0.8.9'), [...bgp, { name: 'svc_enable', raw: '"true" # Services' }]).replace(/\n/g, '\r\n');
    const after = fixed(text, checkRule(rule, text)[0]);
    assert.ok(after.includes('          value: "true" # Services\r\n        - name: vip_cidr\r\n          value: "32"\r\n'));
    assert.doesNotMatch(after, /[^\r]\n/);
  });
  it('a flow-style entry gets no fix (the message says what to add)', () => {
    const text = daemonSet(img('v0.8.9'), [...bgp, '        - {name: svc_enable, value: "true"}']);
    const [finding] = checkRule(rule, text);
    assert.deepStrictEqual(finding.fixes, []);
    assert.match(finding.message, /Add vip_cidr "32"/);
  });
  describe('not flagged', () => {
    it('v0.8.0 (the "32" default) and v0.9.0 (each VIP has its own prefix)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.0'), [...bgp, t('svc_enable')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.9.0'), [...bgp, t('svc_enable')])), []);
    });
    it('a prefix: vip_cidr, an address to derive it from (v0.8.3+), or a --cidr flag', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [...bgp, t('svc_enable'), { name: 'vip_cidr', raw: '"32"' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [...bgp, t('svc_enable'), { name: 'address', raw: '10.0.0.5' }])), []);
      const flag = daemonSet(img('v0.8.9'), [...bgp, t('svc_enable')]).replace('args: ["manager"]', 'args: ["manager", "--cidr", "32"]');
      assert.deepStrictEqual(checkRule(rule, flag), []);
    });
    it('with cp_enable: control-plane-address reports it', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [...bgp, t('cp_enable'), t('svc_enable'), { name: 'vip_address', raw: '10.0.0.5' }])), []);
    });
    it('ARP or routing-table mode, or a mode that is not certain', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [t('vip_arp'), t('svc_enable')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [t('vip_routingtable'), t('svc_enable')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.9'), [{ name: 'bgp_enable', raw: '"{{ bgp }}"' }, t('svc_enable')])), []);
    });
  });
});
