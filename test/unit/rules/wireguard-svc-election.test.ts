import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/wireguard-svc-election';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';
import type { EnvLine } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const t = (name: string): EnvLine => ({ name, raw: '"true"' });
const wgSvc = [t('vip_wireguard'), t('svc_enable')];

describe('wireguard-svc-election', () => {
  describe('v1.1.0 and later: Services need svc_election or the control-plane leader', () => {
    it('audit H5: v1.2.3 svc_election "false", no control plane: warning on the value, preferred fix to "true"', () => {
      const text = daemonSet(img('v1.2.3'), [...wgSvc, { name: 'svc_election', raw: "'false' # no" }]);
      const [finding, ...rest] = checkRule(rule, text);
      assert.strictEqual(rest.length, 0);
      assert.strictEqual(finding.messageId, 'noElection');
      assert.strictEqual(finding.severity, 'warning');
      assert.strictEqual(covered(text, finding), "'false'");
      assert.strictEqual(finding.message, 'svc_election is "false": in WireGuard mode v1.2.3 gives Services no VIP (cp_enable is off). Set it to "true".');
      assert.strictEqual(
        finding.detail,
        'In WireGuard mode kube-vip v1.2.3 (v1.1.0 and later) serves LoadBalancer Services with per-Service leader election, or through the control-plane leader when cp_enable is on. Here cp_enable is off and svc_election is "false", so the Services silently never get their VIP.',
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
      const double = daemonSet(img('v1.1.0'), [...wgSvc, { name: 'svc_election', raw: '"0"' }]);
      assert.strictEqual(fixed(double, checkRule(rule, double)[0]), double.replace('value: "0"', 'value: "true"'));
    });
    it('svc_election absent: on svc_enable\'s value, no fix', () => {
      const text = daemonSet(img('v1.2.3'), wgSvc);
      const [finding] = checkRule(rule, text);
      assert.strictEqual(finding.messageId, 'noElection');
      assert.strictEqual(covered(text, finding), '"true"');
      assert.match(finding.message, /^svc_election is not set: .* Set it to "true"\.$/);
      assert.match(finding.detail ?? '', /svc_election is not set, so the Services silently never get their VIP/);
      assert.deepStrictEqual(finding.fixes, []);
    });
    it('audit H5: v1.1.0+ with cp_enable: the control-plane leader runs the services watcher, no finding', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...wgSvc, t('cp_enable')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.1.0'), [...wgSvc, t('cp_enable'), { name: 'svc_election', raw: '"false"' }])), []);
    });
  });

  it('audit H5: v1.0.4 serves only the control plane: a different message, no fix, whatever svc_election says', () => {
    for (const extra of [[], [t('svc_election')], [t('cp_enable')]]) {
      const text = daemonSet(img('v1.0.4'), [...wgSvc, ...extra]);
      const [finding, ...rest] = checkRule(rule, text);
      assert.strictEqual(rest.length, 0);
      assert.strictEqual(finding.messageId, 'controlPlaneOnly');
      assert.strictEqual(finding.severity, 'warning');
      assert.strictEqual(covered(text, finding), '"true"');
      assert.strictEqual(finding.message, 'On v1.0.4 WireGuard mode serves only the control plane: Services never get a VIP. Use v1.1.0 or later.');
      assert.match(finding.detail ?? '', /v1\.0\.3 and earlier serve them, and so do v1\.1\.0 and later/);
      assert.match(finding.detail ?? '', /^On v1\.0\.4 the WireGuard manager serves only the control plane: LoadBalancer Services never get a VIP in WireGuard mode, whatever svc_election says\./);
      assert.doesNotMatch(finding.message + finding.detail, /Set svc_election/);
      assert.deepStrictEqual(finding.fixes, []);
    }
  });

  describe('not flagged', () => {
    it('audit H5: v0.5.0–v1.0.3 without svc_election: the global leader serves the Services', () => {
      for (const tag of ['v0.5.0', 'v0.8.9', 'v0.9.2', 'v1.0.3']) {
        assert.deepStrictEqual(checkRule(rule, daemonSet(img(tag), wgSvc)), [], tag);
        assert.deepStrictEqual(checkRule(rule, daemonSet(img(tag), [...wgSvc, { name: 'svc_election', raw: '"false"' }])), [], tag);
      }
    });
    it('svc_election "true"', () => assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...wgSvc, t('svc_election')])), []));
    it('other modes, including WireGuard that loses to ARP', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_arp'), t('svc_enable')])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.1'), [t('vip_arp'), ...wgSvc])), []);
    });
    it('WireGuard for the control plane only', () => assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [t('vip_wireguard'), t('cp_enable')])), []));
    it('unknown svc_election or cp_enable, or a --servicesElection flag', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...wgSvc, { name: 'svc_election', raw: '"{{ el }}"' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [...wgSvc, { name: 'cp_enable', raw: '"{{ cp }}"' }])), []);
      const flag = daemonSet(img('v1.2.3'), wgSvc).replace('args: ["manager"]', 'args: ["manager", "--servicesElection"]');
      assert.deepStrictEqual(checkRule(rule, flag), []);
    });
    it('images older than v0.5.0', () => assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.4.1'), wgSvc)), []));
  });
});
