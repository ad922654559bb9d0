import * as assert from 'assert';
import { fixAll, lintText, replacementEdit } from '../../server/src/core';
import { applyEdits, daemonSet } from '../helpers';

const broken = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [
  { name: 'vip_arp', raw: '"yes" # ARP please' },
  { name: 'cp_enable', raw: '"true"' },
  { name: 'svc_enable', raw: '"true"' },
  { name: 'address', raw: '192.168.0.40' },
  { name: 'vip_cidr', raw: "'128'" },
]);

describe('fix-all', () => {
  it('applies every preferred fix, keeping quotes and comments, and changes nothing else', () => {
    const { text, fixed } = fixAll(broken);
    assert.strictEqual(text, broken.replace('"yes" # ARP please', '"true" # ARP please').replace("'128'", "'32,128'"));
    assert.deepStrictEqual(fixed.map((f) => f.rule), ['invalid-bool', 'vip-prefix-list']);
    assert.deepStrictEqual(lintText(text).findings.filter((f) => f.fixes.some((x) => x.preferred)), []);
  });
  it('is idempotent', () => {
    const once = fixAll(broken).text;
    const twice = fixAll(once);
    assert.strictEqual(twice.text, once);
    assert.deepStrictEqual(twice.fixed, []);
  });
  it('only fixes what the filter accepts ("Fix all <rule> problems")', () => {
    const { text } = fixAll(broken, {}, (f) => f.rule === 'invalid-bool');
    assert.match(text, /"true" # ARP please/);
    assert.match(text, /'128'/);
  });
  it('applies no fix that is not preferred', () => {
    // A rename of vip_cidr on v0.9.1 would expose the prefix-list error: offered, not preferred, so not applied.
    const v09 = daemonSet('ghcr.io/kube-vip/kube-vip:v0.9.1', [{ name: 'vip_arp', raw: '"true"' }, { name: 'svc_enable', raw: '"true"' }, { name: 'vip_cidr', raw: '"128"' }]);
    assert.ok(lintText(v09).findings.some((f) => f.rule === 'env-var-version' && f.fixes.length > 0));
    assert.strictEqual(fixAll(v09, {}, (f) => f.rule === 'env-var-version').text, v09);
  });
  it('replacementEdit is the smallest single edit between two texts', () => {
    const after = fixAll(broken).text;
    const edit = replacementEdit(broken, after)!;
    assert.strictEqual(applyEdits(broken, [edit]), after);
    assert.ok(edit.end - edit.start < broken.length / 2);
    assert.strictEqual(replacementEdit(after, after), undefined);
  });
});
