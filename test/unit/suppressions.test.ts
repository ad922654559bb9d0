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

describe('preferred fixes', () => {
  it('a rename that would expose an error is offered, but not as the preferred one-click fix', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.9.1', [{ name: 'vip_cidr', raw: '"128"' }]);
    const analysis = lintText(text);
    const finding = analysis.findings.find((f) => f.rule === 'env-var-version')!;
    const [rename] = quickFixesAt(analysis, finding.span);
    assert.strictEqual(rename.fix.title, 'Rename vip_cidr to vip_subnet');
    assert.strictEqual(rename.fix.preferred, false, 'vip_subnet "128" is the v0.9+ crash');
    const renamed = lintText(applyEdits(text, rename.fix.edits));
    assert.strictEqual(renamed.findings.filter((f) => f.severity === 'error' && f.rule === 'vip-prefix-list').length, 1);
  });
  it('a rename that exposes nothing stays preferred', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.9.1', [{ name: 'vip_cidr', raw: '"32,128"' }]);
    const analysis = lintText(text);
    const finding = analysis.findings.find((f) => f.rule === 'env-var-version')!;
    assert.strictEqual(quickFixesAt(analysis, finding.span)[0].fix.preferred, true);
  });
  it('the seed fix "32,128" stays preferred', () => {
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
    const analysis = lintText(text);
    assert.strictEqual(quickFixesAt(analysis, analysis.findings[0].span)[0].fix.preferred, true);
  });
});
