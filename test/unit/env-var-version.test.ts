import * as assert from 'assert';
import { covered, daemonSet, findingsOf, fixed } from '../helpers';

const RULE = 'env-var-version';
const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;

describe('env-var-version', () => {
  it('vip_cidr on v0.9.0: warning on the name, rename fix keeps the value', () => {
    const text = daemonSet(img('v0.9.0'), [{ name: 'vip_cidr', raw: '"24" # keep me' }]);
    const [f] = findingsOf(text, RULE);
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(covered(text, f), 'vip_cidr');
    assert.strictEqual(f.message, 'kube-vip v0.9.0 and later no longer read vip_cidr (replaced by vip_subnet): on v0.9.0 this setting is silently ignored. Rename it to vip_subnet.');
    assert.strictEqual(f.fixes[0].title, 'Rename vip_cidr to vip_subnet');
    assert.strictEqual(fixed(text, f), text.replace('- name: vip_cidr', '- name: vip_subnet'));
  });
  it('vip_cidr on v0.8.10 is still read', () => {
    assert.deepStrictEqual(findingsOf(daemonSet(img('v0.8.10'), [{ name: 'vip_cidr', raw: '"32"' }]), RULE), []);
  });
  it('no rename when the replacement is already set', () => {
    const text = daemonSet(img('v1.0.0'), [{ name: 'vip_cidr', raw: '"32"' }, { name: 'vip_subnet', raw: '"32"' }]);
    const [f] = findingsOf(text, RULE);
    assert.deepStrictEqual(f.fixes, []);
  });
  it('a quoted name keeps its quotes when renamed', () => {
    const text = daemonSet(img('v1.0.0'), ["        - name: 'enableUPNP'\n          value: \"true\""]);
    const [f] = findingsOf(text, RULE);
    assert.strictEqual(fixed(text, f), text.replace("'enableUPNP'", "'enable_upnp'"));
  });
  it('no rename when the replacement means something else (enable_endpointslices)', () => {
    const text = daemonSet(img('v1.2.3'), [{ name: 'enable_endpointslices', raw: '"true"' }]);
    const [f] = findingsOf(text, RULE);
    assert.deepStrictEqual(f.fixes, []);
    assert.match(f.message, /no longer read enable_endpointslices \(replaced by enable_endpoints\)/);
  });
  it('a variable newer than the image', () => {
    const text = daemonSet(img('v1.2.2'), [{ name: 'vip_skipdad', raw: '"true"' }]);
    const [f] = findingsOf(text, RULE);
    assert.strictEqual(f.message, 'vip_skipdad is read from kube-vip v1.2.3; v1.2.2 ignores it.');
    assert.deepStrictEqual(findingsOf(daemonSet(img('v1.2.3'), [{ name: 'vip_skipdad', raw: '"true"' }]), RULE), []);
  });
  it('images older than the researched range are not second-guessed for long-standing variables', () => {
    assert.deepStrictEqual(findingsOf(daemonSet(img('v0.4.1'), [{ name: 'vip_arp', raw: '"true"' }, { name: 'cp_enable', raw: '"true"' }]), RULE), []);
  });
  it('runtime-injected variables are never flagged', () => {
    assert.deepStrictEqual(findingsOf(daemonSet(img('v0.8.0'), [{ name: 'KUBERNETES_SERVICE_HOST', raw: '"10.0.0.1"' }]), RULE), []);
  });
});
