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

describe('disable comments: only real comments, merged actions (code review §3.6)', () => {
  it('"Disable … for this line" under an existing next-line directive adds the rule to it, so that both stay silenced', () => {
    const withName = dualStack(img, [{ name: 'vip_cidr', raw: '"128"' }]).replace('          value: "128"', '          # kube-vip-lint-disable-next-line env-var-version\n          value: "128"');
    const analysis = lintText(withName);
    const [finding] = analysis.findings.filter((f) => f.rule === 'vip-prefix-list');
    const disable = quickFixesAt(analysis, finding.span).find((a) => a.suppression)!;
    const disabled = applyEdits(withName, disable.fix.edits);
    assert.strictEqual(disabled, withName.replace('          # kube-vip-lint-disable-next-line env-var-version\n          value: "128"', '          # kube-vip-lint-disable-next-line env-var-version, vip-prefix-list\n          value: "128"'));
    assert.deepStrictEqual(lintText(disabled).findings, []);
  });
  it('a directive-looking text inside a quoted string disables nothing', () => {
    const base = dualStack(img, [{ name: 'vip_cidr', raw: '"128"' }]);
    for (const note of ['"#kube-vip-lint-disable"', "'see # kube-vip-lint-disable'", '"a \\" # kube-vip-lint-disable"']) {
      const text = base.replace('  namespace: kube-system\n', `  namespace: kube-system\n  annotations:\n    note: ${note}\n`);
      assert.strictEqual(lintText(text).findings.length, 1, note);
    }
  });
  it('a real comment after a plain scalar with an apostrophe, or after a # that is part of a word, counts only when it is a comment', () => {
    const base = dualStack(img, [{ name: 'vip_cidr', raw: '"128"' }]);
    const comment = base.replace('  namespace: kube-system\n', "  namespace: kube-system\n  annotations:\n    note: it's here # kube-vip-lint-disable vip-prefix-list\n");
    assert.deepStrictEqual(lintText(comment).findings, []);
    const word = base.replace('  namespace: kube-system\n', '  namespace: kube-system\n  annotations:\n    note: issue#kube-vip-lint-disable\n');
    assert.strictEqual(lintText(word).findings.length, 1);
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
