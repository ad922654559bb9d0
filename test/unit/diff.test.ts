import * as assert from 'assert';
import { unifiedDiff } from '../../server/src/diff';

describe('unified diff (--fix-dry-run)', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  it('one hunk per separated change, three lines of context, an added line counted', () => {
    const after = before.replace('line 3\n', 'line three\n').replace('line 15\n', 'line 15\nline 15b\n');
    assert.strictEqual(
      unifiedDiff(before, after, 'f.yaml'),
      [
        '--- a/f.yaml',
        '+++ b/f.yaml',
        '@@ -1,6 +1,6 @@',
        ' line 1',
        ' line 2',
        '-line 3',
        '+line three',
        ' line 4',
        ' line 5',
        ' line 6',
        '@@ -13,6 +13,7 @@',
        ' line 13',
        ' line 14',
        ' line 15',
        '+line 15b',
        ' line 16',
        ' line 17',
        ' line 18',
        '',
      ].join('\n'),
    );
  });
  it('nothing changed: nothing printed', () => {
    assert.strictEqual(unifiedDiff(before, before, 'f.yaml'), '');
  });
  it('an absolute path is written as it is, not as a//path', () => {
    assert.match(unifiedDiff(before, before.replace('line 10\n', 'line ten\n'), '/ws/deploy/f.yaml'), /^--- \/ws\/deploy\/f\.yaml\n\+\+\+ \/ws\/deploy\/f\.yaml\n@@ /);
  });
});
