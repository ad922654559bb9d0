import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/no-feature';
import { checkRule, covered, daemonSet } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const arp = { name: 'vip_arp', raw: '"true"' };

describe('no-feature', () => {
  it('both false on v1.2.3: error on the first, related to the second, exit code 0', () => {
    const text = daemonSet(img('v1.2.3'), [arp, { name: 'cp_enable', raw: '"false"' }, { name: 'svc_enable', raw: "'false'" }]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(finding.rule, 'no-feature');
    assert.strictEqual(finding.messageId, 'noFeature');
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(covered(text, finding), 'cp_enable');
    assert.match(finding.message, /^Neither cp_enable nor svc_enable is "true"/);
    assert.match(finding.message, /: v1\.2\.3 refuses to start \(exit 0, restart loop\)\. Set either to "true"\.$/);
    assert.match(finding.detail ?? '', /Set cp_enable "true" for the control-plane VIP, svc_enable "true" for LoadBalancer Services, or both/);
    assert.match(finding.detail ?? '', /v1\.2\.3 refuses to start: it logs "no features are enabled" and exits with code 0 \(v0\.8\.10–v1\.2\.3\), so the Pod looks Completed/);
    assert.strictEqual(finding.related.length, 1);
    assert.strictEqual(covered(text, { ...finding, span: finding.related[0].span }), 'svc_enable');
  });
  it('v0.8.9 exits with code 1', () => {
    const [finding] = checkRule(rule, daemonSet(img('v0.8.9'), [arp, { name: 'svc_enable', raw: '"false"' }]));
    assert.match(finding.message, /v0\.8\.9 refuses to start\. /);
    assert.match(finding.detail ?? '', /v0\.8\.9 refuses to start: it logs "no features are enabled" and exits with code 1/);
  });
  it('neither present: on the container name', () => {
    const text = daemonSet(img('v0.6.4'), [arp, { name: 'address', raw: '10.0.0.5' }]);
    const [finding] = checkRule(rule, text);
    assert.strictEqual(covered(text, finding), 'kube-vip');
  });
  it('found in review: v1.2.2+ with no mode or several modes logs the mode error first; the message quotes no log line', () => {
    const none = checkRule(rule, daemonSet(img('v1.2.3'), [{ name: 'cp_enable', raw: '"false"' }]))[0];
    assert.match(none.detail ?? '', /kube-vip v1\.2\.3 refuses to start and exits with code 0 \(v0\.8\.10–v1\.2\.3\)/);
    assert.doesNotMatch(none.message + none.detail, /no features are enabled/);
    const two = checkRule(rule, daemonSet(img('v1.2.2'), [arp, { name: 'bgp_enable', raw: '"true"' }]))[0];
    assert.doesNotMatch(two.message + two.detail, /no features are enabled/);
    // Before v1.2.2 the feature check comes first whatever the modes.
    assert.match(checkRule(rule, daemonSet(img('v1.2.1'), [{ name: 'cp_enable', raw: '"false"' }]))[0].detail ?? '', /it logs "no features are enabled"/);
  });
  it('an empty value counts as unset', () => {
    assert.strictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [arp, { name: 'cp_enable', raw: '""' }])).length, 1);
  });
  describe('not flagged', () => {
    for (const name of ['cp_enable', 'svc_enable']) {
      it(`${name} "true"`, () => assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [arp, { name, raw: '"true"' }])), []));
    }
    it('features passed as flags (--controlplane, --services)', () => {
      const text = daemonSet(img('v0.8.0'), [arp]);
      assert.strictEqual(checkRule(rule, text).length, 1);
      assert.deepStrictEqual(checkRule(rule, text.replace('args: ["manager"]', 'args: ["manager", "--controlplane"]')), []);
      assert.deepStrictEqual(checkRule(rule, text.replace('args: ["manager"]', 'args: ["manager", "--services"]')), []);
    });
    it('a config file', () => {
      const text = daemonSet(img('v1.0.1'), [arp]).replace('args: ["manager"]', 'args: ["manager", "--config-file", "/etc/kube-vip/config.yaml"]');
      assert.deepStrictEqual(checkRule(rule, text), []);
    });
    it('found in review: the old `start` sub-command, which has no feature check', () => {
      const text = daemonSet(img('v0.7.2'), [arp]);
      assert.strictEqual(checkRule(rule, text).length, 1);
      assert.deepStrictEqual(checkRule(rule, text.replace('args: ["manager"]', 'args: ["start"]')), []);
      assert.deepStrictEqual(checkRule(rule, text.replace('args: ["manager"]', 'args: ["/kube-vip", "start"]')), []);
    });
    it('unknown values', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [arp, { name: 'cp_enable', raw: '"{{ cp }}"' }])), []);
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [arp, '        - name: svc_enable\n          valueFrom:\n            configMapKeyRef: {name: kv, key: svc}'])), []);
    });
    it('images older than v0.5.0', () => {
      assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.4.1'), [arp])), []);
    });
  });
});
