import * as assert from 'assert';
import { lintText, quickFixesAt } from '../../server/src/core';
import { applyEdits, dualStack } from '../helpers';

const img = 'ghcr.io/kube-vip/kube-vip:v0.8.9';

describe('disable comments', () => {
  it('the "Disable … for this line" action inserts a comment that silences exactly that finding', () => {
    const text = dualStack(img, [{ name: 'vip_cidr', raw: '"128" # dual-stack' }]);
    const analysis = lintText(text);
    const [finding] = analysis.findings;
    const actions = quickFixesAt(analysis, finding.span);
    assert.deepStrictEqual(actions.map((a) => a.fix.title), ['Set vip_cidr to "32,128"', 'Disable vip-prefix-list for this line']);
    const disabled = applyEdits(text, actions[1].fix.edits);
    assert.strictEqual(disabled, text.replace('          value: "128"', '          # kube-vip-lint-disable-next-line vip-prefix-list\n          value: "128"'));
    assert.deepStrictEqual(lintText(disabled).findings, []);
  });
  it('keeps CRLF line endings', () => {
    const text = dualStack(img, [{ name: 'vip_cidr', raw: '"128"' }]).replace(/\n/g, '\r\n');
    const analysis = lintText(text);
    const disable = quickFixesAt(analysis, analysis.findings[0].span).find((a) => a.suppression)!;
    assert.match(disable.fix.edits[0].newText, /\r\n$/);
    assert.deepStrictEqual(lintText(applyEdits(text, disable.fix.edits)).findings, []);
  });
  it('a directive for another rule does not silence this one', () => {
    const text = dualStack(img, ['        # kube-vip-lint-disable-next-line env-var-version', { name: 'vip_cidr', raw: '"128"' }]);
    assert.strictEqual(lintText(text).findings.length, 1);
  });
  it('disable-line, file-wide disable, and disable without rule ids', () => {
    const line = dualStack(img, [{ name: 'vip_cidr', raw: '"128" # kube-vip-lint-disable-line vip-prefix-list' }]);
    assert.deepStrictEqual(lintText(line).findings, []);
    const file = `# kube-vip-lint-disable vip-prefix-list, env-var-version\n${dualStack(img, [{ name: 'vip_cidr', raw: '"128"' }])}`;
    assert.deepStrictEqual(lintText(file).findings, []);
    const all = dualStack(img, ['        # kube-vip-lint-disable-next-line', { name: 'vip_cidr', raw: '"128"' }]);
    assert.strictEqual(lintText(all).findings.length, 1, 'next-line applies to the "- name:" line, not the value line');
  });
});
