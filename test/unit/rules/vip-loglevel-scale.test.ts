import * as assert from 'assert';
import { rule } from '../../../server/src/core/rules/vip-loglevel-scale';
import { checkRule, covered, daemonSet, fixed } from '../../helpers';

const img = (tag: string) => `ghcr.io/kube-vip/kube-vip:${tag}`;
const run = (tag: string, raw: string) => {
  const text = daemonSet(img(tag), [{ name: 'vip_loglevel', raw }]);
  return { text, fs: checkRule(rule, text) };
};

describe('vip-loglevel-scale', () => {
  it('"5" on v0.8.10: warning, errors only now, non-preferred fix to -4 (debug)', () => {
    const { text, fs } = run('v0.8.10', '"5" # debug');
    assert.strictEqual(fs.length, 1);
    assert.strictEqual(fs[0].messageId, 'logrusLevel');
    assert.strictEqual(fs[0].severity, 'warning');
    assert.strictEqual(covered(text, fs[0]), '"5"');
    assert.strictEqual(fs[0].message, 'vip_loglevel "5" looks like logrus debug, but v0.8.10 reads slog: errors only. For debug use "-4".');
    assert.strictEqual(
      fs[0].detail,
      'It looks like a logrus level (5 = debug, as in older docs), but on v0.8.10 (v0.8.10 and later) it is a Go slog level, where lower means chattier, so "5" shows errors only. Slog scale: -4 debug, 0 info, 4 warn, 8 error; old logrus 4 (info) is now 0 and 5 (debug) is now -4.',
    );
    assert.strictEqual(fs[0].fixes.length, 1);
    assert.strictEqual(fs[0].fixes[0].title, 'Use -4 (debug; logrus 5 was debug)');
    assert.strictEqual(fs[0].fixes[0].preferred, false);
    assert.strictEqual(fixed(text, fs[0]), text.replace('"5" # debug', '"-4" # debug'));
  });

  it('v0.8.9 still uses logrus: not flagged', () => {
    assert.deepStrictEqual(run('v0.8.9', '"5"').fs, []);
  });

  it('each logrus level maps to the slog level that shows the same messages', () => {
    const cases: [string, string, RegExp, RegExp][] = [
      ["'4'", "'0'", /shows warnings and errors only/, /logrus info, .*: warnings and errors only\. For info use "0"\.$/],
      ['"6"', '"-4"', /6 = trace.*shows errors only/, /logrus trace, .*: errors only\. For trace use "-4"\.$/],
    ];
    for (const [raw, want, detail, message] of cases) {
      const { text, fs } = run('v1.2.3', raw);
      assert.match(fs[0].detail ?? '', detail, raw);
      assert.match(fs[0].message, message, raw);
      assert.strictEqual(fixed(text, fs[0]), text.replace(`value: ${raw}`, `value: ${want}`), raw);
    }
  });

  it('above 8: even errors are hidden (kube-vip#1389); no fix, the intent is unknown', () => {
    const { fs } = run('v1.2.3', '"10"');
    assert.strictEqual(fs[0].messageId, 'aboveError');
    assert.strictEqual(fs[0].severity, 'warning');
    assert.strictEqual(fs[0].message, 'vip_loglevel "10" is above slog ERROR (8): v1.2.3 logs almost nothing, not even errors. Use 8 or lower.');
    assert.match(fs[0].detail ?? '', /Go slog level, and 10 is above ERROR \(8\)\. Slog scale: -4 debug, 0 info, 4 warn, 8 error/);
    assert.deepStrictEqual(fs[0].fixes, []);
  });

  it('slog values, levels that mean about the same on both scales, and non-numbers are not flagged', () => {
    for (const raw of ['"0"', '"-4"', '"1"', '"2"', '"3"', '"7"', '"8"', '"debug"', '""', '"{{ .Values.logLevel }}"']) {
      assert.deepStrictEqual(run('v1.2.3', raw).fs, [], raw);
    }
  });
});
