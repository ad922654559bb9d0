import * as assert from 'assert';
import { rule } from '../../server/src/core/rules/env-var-version';
import { checkRule, covered, daemonSet, fixed } from '../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;

describe('env-var-version', () => {
  it('vip_cidr on v0.9.0: warning on the name, rename fix keeps the value', () => {
    const text = daemonSet(img('v0.9.0'), [{ name: 'vip_cidr', raw: '"24" # keep me' }]);
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'renamed');
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(covered(text, f), 'vip_cidr');
    assert.strictEqual(f.message, 'vip_cidr is not read by v0.9.0+: v0.9.0 ignores it. Rename it to vip_subnet.');
    assert.strictEqual(f.detail, 'kube-vip v0.9.0 and later no longer read vip_cidr (replaced by vip_subnet), so this setting is silently ignored.');
    assert.strictEqual(f.fixes[0].title, 'Rename vip_cidr to vip_subnet');
    assert.strictEqual(fixed(text, f), text.replace('- name: vip_cidr', '- name: vip_subnet'));
  });
  it('vip_cidr "128" on v1.2.3 with IPv4 Services: the rename is offered but not preferred, vip_subnet would reject the value', () => {
    const text = daemonSet(img('v1.2.3'), [
      { name: 'vip_arp', raw: '"true"' },
      { name: 'svc_enable', raw: '"true"' },
      { name: 'vip_cidr', raw: '"128"' },
    ]);
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'renamed');
    assert.strictEqual(f.message, 'vip_cidr is not read by v0.9.0+: v1.2.3 ignores it. Rename it to vip_subnet and change its value.');
    assert.strictEqual(
      f.detail,
      'kube-vip v0.9.0 and later no longer read vip_cidr (replaced by vip_subnet), so this setting is silently ignored. ' +
        '"128" is not a value v1.2.3 accepts for vip_subnet, so the value must change too.',
    );
    assert.deepStrictEqual(f.fixes.map((x) => [x.title, x.preferred]), [['Rename vip_cidr to vip_subnet', false]]);
  });
  it('vip_cidr on v0.8.10 is still read', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.10'), [{ name: 'vip_cidr', raw: '"32"' }])), []);
  });
  it('no rename when the replacement is already set', () => {
    const text = daemonSet(img('v1.0.0'), [{ name: 'vip_cidr', raw: '"32"' }, { name: 'vip_subnet', raw: '"32"' }]);
    const [f] = checkRule(rule, text);
    assert.deepStrictEqual(f.fixes, []);
  });
  it('a quoted name keeps its quotes when renamed', () => {
    const text = daemonSet(img('v1.0.0'), ["        - name: 'enableUPNP'\n          value: \"true\""]);
    const [f] = checkRule(rule, text);
    assert.strictEqual(fixed(text, f), text.replace("'enableUPNP'", "'enable_upnp'"));
  });
  it('no rename when the replacement means something else (enable_endpointslices)', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'enable_endpointslices', raw: '"true"' }]);
    const [f] = checkRule(rule, text);
    assert.deepStrictEqual(f.fixes, []);
    assert.strictEqual(f.message, 'enable_endpointslices is not read by v1.0.0+: v1.2.3 ignores it. Remove it; enable_endpoints differs.');
    assert.match(f.detail!, /no longer read enable_endpointslices \(replaced by enable_endpoints\)/);
    assert.match(f.detail!, /enable_endpoints has the opposite meaning/);
  });
  it('a variable newer than the image', () => {
    const text = daemonSet(img('v1.2.2'), [{ name: 'vip_skipdad', raw: '"true"' }]);
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'notYet');
    assert.strictEqual(f.message, 'vip_skipdad is read from kube-vip v1.2.3 on: v1.2.2 ignores it. Upgrade or remove it.');
    assert.strictEqual(f.detail, undefined);
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v1.2.3'), [{ name: 'vip_skipdad', raw: '"true"' }])), []);
  });
  it('images older than the researched range are not second-guessed for long-standing variables', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.4.1'), [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }])), []);
  });
  it('a removed variable without a replacement: the Equinix Metal ones on v0.9.0, no fix', () => {
    const text = daemonSet(img('v0.9.0'), [{ name: 'vip_packet', raw: '"true"' }]);
    const [f] = checkRule(rule, text);
    assert.strictEqual(f.messageId, 'removed');
    assert.strictEqual(f.message, 'vip_packet is not read by v0.9.0+: v0.9.0 ignores it. Remove it.');
    assert.match(f.detail!, /^kube-vip v0\.9\.0 and later no longer read vip_packet, .*this setting is silently ignored\.$/);
    assert.deepStrictEqual(f.fixes, []);
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.10'), [{ name: 'vip_packet', raw: '"true"' }])), []);
  });
  it('runtime-injected variables are never flagged', () => {
    assert.deepStrictEqual(checkRule(rule, daemonSet(img('v0.8.0'), [{ name: 'KUBERNETES_SERVICE_HOST', raw: '"10.0.0.1"' }])), []);
  });
});
