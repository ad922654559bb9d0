import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/wireguard-svc-election';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const wgSvc = [t('vip_wireguard'), t('svc_enable')];

describe('wireguard-svc-election', () => {
  it('svc_election "false": warning on the value, preferred fix to "true"', () => {
    const text = daemonSet(img('v0.8.9'), [...wgSvc, { name: 'svc_election', raw: "'false' # no" }]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(covered(text, finding), "'false'");
    assert.strictEqual(
      finding.message,
      'In WireGuard mode kube-vip reconciles LoadBalancer Services only with per-Service leader election, and svc_election is "false": on v0.8.9 the Services silently never get their VIP. Set svc_election to "true".',
    );
    assert.strictEqual(finding.fixes[0].title, 'Set svc_election to "true"');
    assert.strictEqual(finding.fixes[0].preferred, true);
    assert.strictEqual(fixed(text, finding), text.replace("'false' # no", "'true' # no"));
    assert.deepStrictEqual(checkRule(rule, fixed(text, finding)), []);
    assert.strictEqual(finding.related[0].message, 'WireGuard mode is enabled here');
  });
  it('plain and double-quoted values keep their style', () => {
    const plain = daemonSet(img('v1.2.3'), [...wgSvc, { name: 'svc_election', raw: 'f' }]);
    assert.strictEqual(fixed(plain, checkRule(rule, plain)[0]), plain.replace('value: f\n', 'value: "true"\n'));
    const double = daemonSet(img('v1.2.3'), [...wgSvc, { name: 'svc_election', raw: '"0"' }]);
    assert.strictEqual(fixed(double, checkRule(rule, double)[0]), double.replace('value: "0"', 'value: "true"'));
  });
  it('svc_election absent: on svc_enable, no fix', () => {
    const text = daemonSet(img('v1.2.3'), wgSvc);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(covered(text, finding), 'svc_enable');
    assert.match(finding.message, /svc_election is not set/);
    assert.deepStrictEqual(finding.fixes, []);
  });
  describe('not flagged', () => {
    it('svc_election "true"', () => assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...wgSvc, t('svc_election')])), []));
    it('other modes', () => assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable')])), []));
    it('WireGuard for the control plane only', () => assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_wireguard'), t('cp_enable')])), []));
    it('unknown svc_election or a --servicesElection flag', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...wgSvc, { name: 'svc_election', raw: '"{{ el }}"' }])), []);
      const flag = daemonSet(img('v1.2.3'), wgSvc).replace('args: ["manager"]', 'args: ["manager", "--servicesElection"]');
      assert.deepStrictEqual(checkRule(rule, flag), []);
    });
    it('images older than v0.5.0', () => assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.4.1'), wgSvc)), []));
  });
});
