import * as assert from 'assert';
import { completionsAt, hoverAt, lintText, quickFixesAt } from '../../server/src/core';
import { applyEdits, dualStack } from '../helpers';

const img = 'ghcr.io/kube-vip/kube-vip:v0.8.9';

describe('disable comments', () => {
  it('the "Disable … for this line" action inserts a comment that silences exactly that finding', () => {
    const text = dualStack(img, [{ name: 'vip_cidr', raw: '"128" # dual-stack' }]);
    const analysis = lintText(text);
    const [finding] = analysis.findings;
    const actions = quickFixesAt(analysis, finding.span);
    assert.deepStrictEqual(actions.map((a) => a.fix.title), ['Set vip_cidr to "32,128"', 'Disable vip-prefix-list for this line', 'Disable vip-prefix-list for the entire file']);
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

describe('disable comments: unknown rule ids, unused directives, the whole file (issue 10)', () => {
  const base = dualStack(img, [{ name: 'vip_cidr', raw: '"128"' }]);
  const withDirective = (directive: string) => base.replace('          value: "128"', `          ${directive}\n          value: "128"`);

  it('a rule id that names no rule is a warning on the id', () => {
    const text = withDirective('# kube-vip-lint-disable-next-line vip-prefix-lst');
    const [f] = lintText(text).findings.filter((x) => x.rule === 'disable-directive');
    assert.deepStrictEqual([f.messageId, f.severity, text.slice(f.span.start, f.span.end)], ['unknownRule', 'warning', 'vip-prefix-lst']);
    assert.match(f.message, /has no rule "vip-prefix-lst"/);
  });
  it('with reportUnusedDisableDirectives, an id that silenced nothing is reported, with a fix that removes it', () => {
    const text = withDirective('# kube-vip-lint-disable-next-line vip-prefix-list, env-var-version');
    assert.deepStrictEqual(lintText(text).findings, [], 'not reported unless asked');
    const [f] = lintText(text, { reportUnusedDisableDirectives: true }).findings;
    assert.deepStrictEqual([f.rule, f.messageId, text.slice(f.span.start, f.span.end)], ['disable-directive', 'unused', 'env-var-version']);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.strictEqual(fixed, withDirective('# kube-vip-lint-disable-next-line vip-prefix-list'));
    assert.deepStrictEqual(lintText(fixed, { reportUnusedDisableDirectives: true }).findings, []);
  });
  it('an unused directive alone on its line is removed with its line', () => {
    const text = base.replace('        - name: vip_cidr', '        # kube-vip-lint-disable-next-line env-var-version\n        - name: vip_cidr');
    const [f] = lintText(text, { reportUnusedDisableDirectives: true }).findings.filter((x) => x.rule === 'disable-directive');
    assert.strictEqual(applyEdits(text, f.fixes[0].edits), base);
  });
  it('a directive for a cross-file rule is not judged here (its findings come from the workspace pass)', () => {
    const text = withDirective('# kube-vip-lint-disable-next-line service-prefix');
    assert.deepStrictEqual(lintText(text, { reportUnusedDisableDirectives: true }).findings.filter((x) => x.rule === 'disable-directive'), []);
  });
  it('"Disable <rule> for the entire file" puts the directive on the first line, or adds the rule to the one there', () => {
    const analysis = lintText(base);
    const whole = quickFixesAt(analysis, analysis.findings[0].span).find((q) => q.fix.title === 'Disable vip-prefix-list for the entire file')!;
    const disabled = applyEdits(base, whole.fix.edits);
    assert.strictEqual(disabled, `# kube-vip-lint-disable vip-prefix-list\n${base}`);
    assert.deepStrictEqual(lintText(disabled).findings, []);
    const other = `# kube-vip-lint-disable env-var-version\n${base}`;
    const merged = quickFixesAt(lintText(other), lintText(other).findings[0].span).find((q) => q.fix.title.endsWith('entire file'))!;
    assert.strictEqual(applyEdits(other, merged.fix.edits), `# kube-vip-lint-disable env-var-version, vip-prefix-list\n${base}`);
  });
  it('review: a directive naming disable-directive silences the directive problems of its line and is never "unused" itself; file-too-large is not a directive id', () => {
    const text = withDirective('# kube-vip-lint-disable-next-line vip-prefix-list, nope, disable-directive');
    assert.deepStrictEqual(lintText(text, { reportUnusedDisableDirectives: true }).findings, []);
    const tooLarge = withDirective('# kube-vip-lint-disable-next-line vip-prefix-list, file-too-large');
    assert.deepStrictEqual(lintText(tooLarge).findings.map((f) => [f.rule, f.messageId, tooLarge.slice(f.span.start, f.span.end)]), [['disable-directive', 'unknownRule', 'file-too-large']]);
  });
  it('the severity of disable-directive findings is a setting like a rule\'s', () => {
    const text = withDirective('# kube-vip-lint-disable-next-line nope');
    assert.deepStrictEqual(lintText(text, { rules: { 'disable-directive': 'off' } }).findings.filter((x) => x.rule === 'disable-directive'), []);
    assert.strictEqual(lintText(text, { rules: { 'disable-directive': 'error' } }).findings.find((x) => x.rule === 'disable-directive')!.severity, 'error');
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

describe('disable comments: completion and hover of rule ids (issue 10)', () => {
  const base = dualStack(img, [{ name: 'vip_cidr', raw: '"128"' }]);
  it('completes rule ids after the keyword, replacing the partial id, without the ids already written', () => {
    const line = '          # kube-vip-lint-disable-next-line env-var-version, vip-pr';
    const text = base.replace('          value: "128"', `${line}\n          value: "128"`);
    const offset = text.indexOf(line) + line.length;
    const result = completionsAt(lintText(text), offset)!;
    assert.ok(result.items.some((i) => i.label === 'vip-prefix-list' && i.kind === 'rule' && /IPv4 prefix first/.test(i.documentation ?? '')));
    assert.ok(result.items.some((i) => i.label === 'service-prefix'), 'cross-file rules too');
    assert.ok(result.items.some((i) => i.label === 'not-checked'));
    assert.ok(!result.items.some((i) => i.label === 'env-var-version'), 'already written');
    assert.strictEqual(text.slice(result.span!.start, result.span!.end), 'vip-pr');
    assert.strictEqual(completionsAt(lintText(text), text.indexOf(line) + 12), undefined, 'not inside the keyword');
  });
  it('hover on a rule id in a directive shows the rule', () => {
    const text = base.replace('          value: "128"', '          # kube-vip-lint-disable-next-line vip-prefix-list\n          value: "128"');
    const at = text.indexOf('vip-prefix-list') + 3;
    const hover = hoverAt(lintText(text), at)!;
    assert.match(hover.markdown, /^\*\*vip-prefix-list\*\* \(kube-vip-lint rule, default severity error\)/);
    assert.strictEqual(text.slice(hover.span.start, hover.span.end), 'vip-prefix-list');
  });
});
