import * as assert from 'assert';
import { isSafePlain, replaceScalar } from '../../server/src/core/fixes';

describe('fixes: minimal scalar edits', () => {
  it('a plain scalar stays plain when the new value reads back as the same string', () => {
    assert.deepStrictEqual(replaceScalar({ start: 10, end: 16 }, 'plain', '32,128'), { start: 10, end: 16, newText: '32,128' });
  });
  it('a plain scalar gets double quotes when the new value would not be a string in YAML 1.1', () => {
    for (const value of ['true', 'yes', '6443', '0755', '', ' 1', 'a: b', '#x', '{x}']) {
      assert.strictEqual(isSafePlain(value), false, value);
      assert.strictEqual(replaceScalar({ start: 0, end: 3 }, 'plain', value)!.newText, JSON.stringify(value));
    }
  });
  it('quoted scalars keep their quotes; only the content between them is replaced', () => {
    assert.deepStrictEqual(replaceScalar({ start: 0, end: 5 }, 'double', 'a"b'), { start: 1, end: 4, newText: 'a\\"b' });
    assert.deepStrictEqual(replaceScalar({ start: 0, end: 5 }, 'single', "it's"), { start: 1, end: 4, newText: "it''s" });
    assert.strictEqual(replaceScalar({ start: 0, end: 5 }, 'block', 'x'), undefined);
  });
});
