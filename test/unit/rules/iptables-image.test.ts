import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/iptables-image';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const lb = [t('vip_arp'), t('cp_enable'), t('lb_enable')];
const masq = (raw = 'masquerade'): EnvLine => ({ name: 'lb_fwdmethod', raw });

describe('iptables-image', () => {
  it('masquerade on the default image: error on the value, fix inserts -iptables', () => {
    const text = daemonSet(img('v0.8.9'), [...lb, masq()]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(covered(text, finding), 'masquerade');
    assert.match(finding.message, /^lb_fwdmethod "masquerade" needs iptables, but ghcr\.io\/kube-vip\/kube-vip is built without it: on v0\.8\.9 iptables fails with "executable file not found in \$PATH" and kube-vip exits with a fatal error/);
    assert.strictEqual(finding.fixes[0].title, 'Use ghcr.io/kube-vip/kube-vip-iptables:v0.8.9');
    assert.strictEqual(finding.fixes[0].preferred, true);
    assert.strictEqual(fixed(text, finding), text.replace('image: ghcr.io/kube-vip/kube-vip:v0.8.9', 'image: ghcr.io/kube-vip/kube-vip-iptables:v0.8.9'));
    assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
    assert.strictEqual(covered(text, { ...finding, span: finding.related[0].span }), 'ghcr.io/kube-vip/kube-vip:v0.8.9');
  });
  it('a quoted image keeps its quotes', () => {
    const text = daemonSet(`"${img('v1.2.3')}"`, [...lb, masq()]);
    assert.strictEqual(fixed(text, checkRule(rule, text)[0]), text.replace('"ghcr.io/kube-vip/kube-vip:v1.2.3"', '"ghcr.io/kube-vip/kube-vip-iptables:v1.2.3"'));
  });
  it('kube-vip lower-cases the method', () => {
    assert.strictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...lb, masq('Masquerade')])).length, 1);
  });
  it('no fix for a digest, another registry, or an assumed version', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(`${img('v0.9.1')}@sha256:37036d0f`, [...lb, masq()]))[0].fixes, []);
    assert.deepStrictEqual(checkRule(rule, daemonSet('plndr/kube-vip:v0.8.7', [...lb, masq()]))[0].fixes, []);
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('latest'), [...lb, masq()]))[0].fixes, []);
  });
  it('enable_service_security with Services: warning', () => {
    const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable'), t('enable_service_security')]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.severity, 'warning');
    assert.match(finding.message, /^enable_service_security needs iptables.*Service port filtering is never applied/);
  });
  it('enable_service_security "True" did nothing on v0.6.0–v0.9.2, so no iptables call', () => {
    const on = (tag: string, raw: string) => checkRule(rule, daemonSet(img(tag), [t('vip_arp'), t('svc_enable'), { name: 'enable_service_security', raw }])).length;
    assert.strictEqual(on('v0.9.2', '"True"'), 0);
    assert.strictEqual(on('v0.9.2', '"true"'), 1);
    assert.strictEqual(on('v1.0.0', '"True"'), 1);
  });
  it('egress_withnftables "false" with Services: warning', () => {
    const text = daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable'), { name: 'egress_withnftables', raw: '"false"' }]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.severity, 'warning');
    assert.match(finding.message, /^egress_withnftables "false" \(iptables egress\) needs iptables/);
  });
  describe('not flagged', () => {
    it('the -iptables image', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet('ghcr.io/kube-vip/kube-vip-iptables:v0.8.9', [...lb, masq()])), []);
    });
    it('masquerade without lb_enable (no IPVS), or before v0.8.0', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), masq()])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.7.2'), [...lb, masq()])), []);
    });
    it('other methods', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...lb, masq('local')])), []);
    });
    it('an unset egress_withnftables (only explicit settings are flagged)', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.1'), [t('vip_arp'), t('svc_enable')])), []);
    });
    it('Service features without Services', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('cp_enable'), t('enable_service_security')])), []);
    });
    it('unknown values', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...lb, masq('"{{ method }}"')])), []);
    });
    it('variables the version does not read', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.5.11'), [t('vip_arp'), t('svc_enable'), { name: 'egress_withnftables', raw: '"false"' }])), []);
    });
  });
});
