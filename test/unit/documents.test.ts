import * as assert from 'assert';
import { analyze, createAnalysisCache, lintText } from '../../server/src/core';
import type { AnalysisCache } from '../../server/src/core';
import { splitDocuments } from '../../server/src/core/parse';
import { covered, dualStack } from '../helpers';

const BAD = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: "1"\n';

/** Counts how many documents were analysed rather than taken from the cache. */
function countingCache(): AnalysisCache & { misses: number } {
  const inner = createAnalysisCache();
  const cache = {
    misses: 0,
    get: (key: string) => {
      const hit = inner.get(key);
      if (!hit) cache.misses++;
      return hit;
    },
    set: (key: string, value: Parameters<AnalysisCache['set']>[1]) => inner.set(key, value),
  };
  return cache;
}

describe('documents: split, pre-filter, per-document cache', () => {
  it('splits at column-0 document markers and keeps every character', () => {
    const text = `a: 1\n---\nb: 2\n--- # c\nc: 3\n  ---not a marker\n---\n`;
    const chunks = splitDocuments(text);
    assert.deepStrictEqual(chunks.map((c) => c.text), ['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n  ---not a marker\n', '---\n']);
    assert.strictEqual(chunks.map((c) => c.text).join(''), text);
    assert.deepStrictEqual(chunks.map((c) => c.offset), [0, 5, 14, 45]);
  });

  it('findings and fixes carry file offsets in every document', () => {
    const text = [CONFIGMAP, BAD, CONFIGMAP, BAD].join('---\n');
    const { findings } = lintText(text);
    assert.strictEqual(findings.length, 2);
    for (const f of findings) {
      assert.strictEqual(covered(text, f), '"128"');
      const edit = f.fixes[0].edits[0];
      assert.strictEqual(text.slice(edit.start, edit.end), '128');
    }
  });

  it('an edit in one document re-analyses only that document', () => {
    const docs = [BAD, CONFIGMAP, BAD.replace('v0.8.9', 'v0.8.7'), BAD.replace('v0.8.9', 'v1.0.4').replace('vip_cidr', 'vip_subnet')];
    const cache = countingCache();
    const first = analyze(docs.join('---\n'), {}, undefined, cache);
    assert.strictEqual(cache.misses, 3, 'three documents can hold kube-vip; the ConfigMap is never parsed');
    cache.misses = 0;
    docs[2] = docs[2].replace('"128"', '"64"');
    const second = analyze(docs.join('---\n'), {}, undefined, cache);
    assert.strictEqual(cache.misses, 1);
    assert.deepStrictEqual(
      second.findings.map((f) => covered(second.text, f)),
      ['"128"', '"64"', '"128"'],
    );
    assert.deepStrictEqual(second.findings.map((f) => f.message), lintText(second.text).findings.map((f) => f.message));
    assert.strictEqual(first.findings.length, 3);
  });

  it('settings are part of the cache key', () => {
    const cache = createAnalysisCache();
    assert.strictEqual(analyze(BAD, {}, undefined, cache).findings[0].severity, 'error');
    assert.strictEqual(analyze(BAD, { rules: { 'vip-prefix-list': 'hint' } }, undefined, cache).findings[0].severity, 'hint');
  });

  it('reports 1-based positions for the CLI', () => {
    const text = `${CONFIGMAP}---\n${BAD}`;
    const analysis = lintText(text);
    const pos = analysis.position(analysis.findings[0].span.start);
    assert.deepStrictEqual(pos, { line: 6 + 28, column: 18 });
  });
});

describe('size limit', () => {
  it('a file over maxFileSize is skipped with one info finding at the top', () => {
    const big = BAD + `# ${'x'.repeat(2000)}\n`;
    const { findings } = lintText(big, { maxFileSize: 1000 });
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].rule, 'file-too-large');
    assert.strictEqual(findings[0].severity, 'info');
    assert.deepStrictEqual(findings[0].span, { start: 0, end: 0 });
    assert.match(findings[0].message, /skipped this file: it is 3 KB, over the 1 KB limit \(setting kubeVipLint\.maxFileSize\)/);
    assert.strictEqual(lintText(big).findings[0].rule, 'vip-prefix-list');
  });

  it('a huge value is linted, and the message that quotes it stays short', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_leaderelection', raw: `"${huge}"` }]);
    const [f] = lintText(text).findings;
    assert.strictEqual(f.rule, 'invalid-bool');
    assert.strictEqual(covered(text, f), `"${huge}"`);
    assert.match(f.message, /^vip_leaderelection "x+…x+" is not a Go boolean: v0\.8\.9 refuses to start\. Use "true" or "false"\.$/);
    assert.ok(f.detail!.length < 2000, `detail of ${f.detail!.length} chars`);
    assert.match(f.detail!, /^kube-vip parses booleans with Go's strconv\.ParseBool/);
  });
});
