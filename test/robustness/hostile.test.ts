/**
 * Hostile inputs, one test each with an explicit expectation: what is reported (or nothing), no
 * exception, and a time bound. The bounds are generous (a slow CI machine must pass); they exist to
 * catch hangs and blow-ups, not to benchmark.
 */
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, createAnalysisCache, hoverAt, lintText, quickFixesAt } from '../../server/src/core';
import type { Finding } from '../../server/src/core';
import { TestClient } from '../lsp/client';
import { applyEdits, covered, dualStack } from '../helpers';
import { assertSpansWithin, lineEndings, timed } from './checks';

const IMAGE = 'ghcr.io/kube-vip/kube-vip:v0.8.9';
/** The README's seed case: one vip-prefix-list error on `"128"`. */
const SEED = dualStack(IMAGE, [{ name: 'vip_cidr', raw: '"128"' }]);

/** Lints within `limitMs`, checks spans, and returns [rule, covered text] of each finding. */
function lintQuickly(text: string, limitMs: number): [string, string][] {
  const { findings } = timed(limitMs, `lintText of ${text.length} chars`, () => lintText(text));
  assertSpansWithin(text, findings);
  const cached = analyze(text, {}, undefined, createAnalysisCache());
  assert.deepStrictEqual(cached.findings.map((f) => f.message), findings.map((f) => f.message));
  // A document that does not parse gets a not-checked note (tested in regions.test.ts); here we look for false findings.
  return findings.filter((f) => f.rule !== 'not-checked').map((f) => [f.rule, covered(text, f)]);
}

const SEED_FINDING: [string, string][] = [['vip-prefix-list', '"128"']];

/** 10 levels of 10 aliases: 10^9 nodes if anything expanded them. */
function aliasBomb(indent = ''): string {
  const lines = [`${indent}l0: &l0 "lol"`];
  for (let i = 1; i < 10; i++) lines.push(`${indent}l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** A deterministic pseudo-random byte buffer. */
function randomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe('robustness: hostile inputs', function () {
  this.timeout(30_000);

  before(() => {
    for (let i = 0; i < 20; i++) lintText(SEED);
  });

  describe('alias bombs (never expanded)', () => {
    it('a bomb in the kube-vip document: linted as usual', () => {
      assert.deepStrictEqual(lintQuickly(`${SEED}bombs:\n${aliasBomb('  ')}`, 500), SEED_FINDING);
    });
    it('a bomb under metadata.annotations: linted as usual', () => {
      assert.deepStrictEqual(lintQuickly(SEED.replace('metadata:\n', `metadata:\n  annotations:\n${aliasBomb('    ')}`), 500), SEED_FINDING);
    });
    it('env is an alias to the bomb: the entries are unknown, so nothing is claimed missing', () => {
      const text = `${SEED.replace(/ {8}env:\n[\s\S]*$/, '        env: *l9\n')}bombs:\n${aliasBomb('  ')}`;
      assert.deepStrictEqual(lintQuickly(text, 500), []);
      assert.strictEqual(lintText(text).containers[0].conditional, true);
    });
    it('a value that is an alias to the bomb: unknown, not flagged', () => {
      assert.deepStrictEqual(lintQuickly(`${SEED.replace('value: "128"', 'value: *l9')}bombs:\n${aliasBomb('  ')}`, 500), []);
    });
    it('a bomb in a document without a kube-vip image: skipped unparsed; the next document is linted', () => {
      assert.deepStrictEqual(lintQuickly(aliasBomb(), 100), []);
      assert.deepStrictEqual(lintQuickly(`${aliasBomb()}---\n${SEED}`, 500), SEED_FINDING);
    });
    it('a bomb in a document that names the image but holds no container: parsed, nothing found', () => {
      assert.deepStrictEqual(lintQuickly(`# ${IMAGE}\n${aliasBomb()}---\n${SEED}`, 500), SEED_FINDING);
      assert.deepStrictEqual(lintQuickly(`image: ${IMAGE}\n${aliasBomb()}`, 500), []);
    });
    it('hover and quick fixes on a file with a bomb', () => {
      const text = `${SEED}bombs:\n${aliasBomb('  ')}`;
      const analysis = lintText(text);
      const at = text.indexOf('"128"') + 2;
      assert.match(hoverAt(analysis, at)!.markdown, /IPv4/);
      assert.deepStrictEqual(quickFixesAt(analysis, { start: at, end: at }).map((q) => q.fix.title), ['Set vip_cidr to "32,128"', 'Disable vip-prefix-list for this line', 'Disable vip-prefix-list for the entire file']);
    });
  });

  describe('size', () => {
    it('a 10 MB single line: over the 5 MB limit, exactly one file-too-large info at 0:0', () => {
      const text = `image: ${IMAGE} ${'x'.repeat(10 * 1024 * 1024)}`;
      const analysis = timed(500, 'lintText of 10 MB', () => lintText(text));
      assert.strictEqual(analysis.findings.length, 1);
      const [f] = analysis.findings;
      assert.deepStrictEqual([f.rule, f.severity, f.span, f.fixes, f.related], ['file-too-large', 'info', { start: 0, end: 0 }, [], []]);
      assert.match(f.message, /it is 10\.0 MB, over the 5\.0 MB limit/);
      assert.deepStrictEqual(analysis.position(0), { line: 1, column: 1 });
      assert.deepStrictEqual(quickFixesAt(analysis, { start: 0, end: 0 }), []);
    });
    it('a 4 MB single-line value inside a kube-vip env: under the limit, linted in bounded time', () => {
      const huge = '1'.repeat(4 * 1024 * 1024);
      const text = dualStack(IMAGE, [{ name: 'vip_cidr', raw: `"${huge}"` }]);
      assert.ok(text.length < 5 * 1024 * 1024);
      assert.deepStrictEqual(lintQuickly(text, 5000), [['vip-prefix-list', `"${huge}"`]]);
      const [f] = lintText(text).findings;
      assert.match(f.message, /^vip_cidr "1+…1+" is not a valid prefix length\. Use "32,128" for dual stack\.$/);
      assert.match(f.detail!, /^1+…1+ is not a valid prefix length \(IPv4 0–32, IPv6 0–128\)/);
      assert.ok(f.message.length < 2000, 'the message quotes the value shortened');
      const analysis = lintText(text);
      assert.strictEqual(timed(100, 'hover on the value', () => hoverAt(analysis, text.indexOf(huge) + 3)), undefined, 'no megabyte hover');
      assert.match(hoverAt(analysis, text.indexOf('vip_cidr') + 2)!.markdown, /^\*\*vip_cidr\*\*/);
    });
    it('a 4 MB value on a variable without a format, and a 4 MB name: bounded time', () => {
      const huge = 'x'.repeat(4 * 1024 * 1024);
      assert.deepStrictEqual(lintQuickly(dualStack(IMAGE, [{ name: 'vip_interface', raw: `"${huge}"` }]), 5000), []);
      const name = `vip_${huge}`;
      assert.deepStrictEqual(lintQuickly(dualStack(IMAGE, [{ name, raw: '"1"' }]), 5000), [['unknown-env-var', name]]);
    });
    it('20,000 env entries of one name, and 20,000 distinct unknown names: linear time', () => {
      const same = dualStack(IMAGE, Array.from({ length: 20_000 }, () => ({ name: 'vip_startleader', raw: '"false"' })));
      const findings = timed(8000, '20k duplicates', () => lintText(same).findings);
      assert.strictEqual(findings.filter((f) => f.rule === 'duplicate-env-var').length, 19_999);
      assert.strictEqual(findings.filter((f) => f.rule === 'no-effect-env-var').length, 20_000);
      const edits = findings.reduce((n, f) => n + f.fixes.reduce((m, fix) => m + fix.edits.length, 0), 0);
      assert.ok(edits < 100_000, `${edits} fix edits: quadratic output`);
      const unknown = dualStack(IMAGE, Array.from({ length: 20_000 }, (_, i) => ({ name: `vip_foo${i}`, raw: '"1"' })));
      assert.strictEqual(timed(8000, '20k unknown names', () => lintText(unknown).findings).length, 20_000);
    });
    it('100,000 empty documents and 2,000 kube-vip documents', () => {
      assert.deepStrictEqual(lintQuickly('---\n'.repeat(100_000), 1000), []);
      const many = `${SEED}---\n`.repeat(2000);
      assert.strictEqual(timed(8000, '2000 documents', () => lintText(many).findings).length, 2000);
    });
  });

  describe('10,000-deep nesting', () => {
    const DEPTH = 10_000;
    const flow = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
    // The YAML parser recurses per level; when it runs out of stack it reports a YAML error (never
    // throws), and a document with errors is skipped. Where that happens depends on the stack size,
    // so a 10,000-deep document may be linted or skipped, but never hangs or throws.
    const lintedOrSkipped = (result: [string, string][], what: string) =>
      assert.ok(result.length === 0 || JSON.stringify(result) === JSON.stringify(SEED_FINDING), `${what}: ${JSON.stringify(result)}`);
    it('flow [[[…]]] without a kube-vip image: never parsed', () => {
      assert.deepStrictEqual(lintQuickly(`x: ${flow}\n`, 100), []);
    });
    it('flow [[[…]]] and {a: {a: …}} inside a kube-vip document: skipped or linted, quickly; other documents are linted', () => {
      lintedOrSkipped(lintQuickly(`${SEED}extra: ${flow}\n`, 2000), 'flow sequences');
      lintedOrSkipped(lintQuickly(`${SEED}extra: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`, 2000), 'flow maps');
      const text = `${SEED}extra: ${flow}\n---\n${SEED}`;
      const findings = timed(2000, 'two documents', () => lintText(text).findings).filter((f) => f.rule !== 'not-checked');
      assert.ok(findings.length >= 1 && findings.length <= 2);
      assert.strictEqual(findings[findings.length - 1].span.start, text.lastIndexOf('"128"'), 'the second document is linted');
    });
    it('block nesting, compact "- - - …" 10,000 deep inside a kube-vip document: skipped or linted, quickly', () => {
      lintedOrSkipped(lintQuickly(`${SEED}extra:\n${'- '.repeat(DEPTH)}x\n`, 2000), 'compact sequences');
      assert.deepStrictEqual(lintQuickly(`extra:\n${'- '.repeat(DEPTH)}x\n`, 100), [], 'without an image: never parsed');
    });
    it('block nesting by indentation: 200 deep is linted; 10,000 deep (50 MB of indentation) is over the size limit', () => {
      let indented = `${SEED}extra:\n`;
      for (let i = 1; i <= 200; i++) indented += `${' '.repeat(i)}k:\n`;
      assert.deepStrictEqual(lintQuickly(`${indented}${' '.repeat(201)}v\n`, 500), SEED_FINDING);
      const parts = [SEED, 'extra:\n'];
      for (let i = 1; i <= DEPTH; i++) parts.push(`${' '.repeat(i)}k:\n`);
      const deep = parts.join('');
      assert.deepStrictEqual(timed(500, 'a 50 MB file', () => lintText(deep).findings.map((f) => f.rule)), ['file-too-large']);
    });
  });

  describe('binary data', () => {
    const bytes = randomBytes(1 << 20, 7);
    for (const encoding of ['latin1', 'utf8'] as const) {
      it(`1 MB of random bytes read as ${encoding}: nothing found`, () => {
        assert.deepStrictEqual(lintQuickly(bytes.toString(encoding), 2000), []);
      });
      it(`the same after a kube-vip image line, and after the seed manifest (${encoding}): no exception`, () => {
        assert.deepStrictEqual(lintQuickly(`image: ${IMAGE}\n${bytes.toString(encoding)}`, 3000), []);
        // The binary tail breaks the YAML of the seed document, which is then skipped.
        assert.deepStrictEqual(lintQuickly(`${SEED}${bytes.toString(encoding)}`, 3000), []);
        assert.deepStrictEqual(lintQuickly(`${SEED}---\n${bytes.toString(encoding)}`, 3000), SEED_FINDING);
      });
    }
    it('NUL bytes inside values: raw, escaped and plain are linted as ordinary characters', () => {
      assert.deepStrictEqual(lintQuickly(SEED.replace('"128"', '"12\u00008"'), 200), [['vip-prefix-list', '"12\u00008"']]);
      assert.deepStrictEqual(lintQuickly(SEED.replace('"128"', '"12\\08"'), 200), [['vip-prefix-list', '"12\\08"']]);
      assert.deepStrictEqual(lintQuickly(SEED.replace('"128"', '12\u00008'), 200), [['vip-prefix-list', '12\u00008']]);
      assert.deepStrictEqual(lintQuickly(SEED.replace('vip_cidr', 'vip_c\u0000idr'), 200), [['unknown-env-var', 'vip_c\u0000idr']]);
    });
  });

  describe('encodings and line endings', () => {
    it('a BOM at the start: ranges still point at the right characters, the fix edits the right ones', () => {
      const text = `\uFEFF${SEED}`;
      assert.deepStrictEqual(lintQuickly(text, 200), SEED_FINDING);
      const [f] = lintText(text).findings;
      assert.strictEqual(f.span.start, SEED.indexOf('"128"') + 1);
      assert.strictEqual(applyEdits(text, f.fixes[0].edits), `\uFEFF${SEED.replace('"128"', '"32,128"')}`);
      assert.deepStrictEqual(lintText(text).position(f.span.start), lintText(SEED).position(f.span.start - 1));
    });
    it('CRLF line endings: ranges and fix edits are right, and every fix keeps CRLF', () => {
      const text = SEED.replace(/\n/g, '\r\n');
      assert.deepStrictEqual(lintQuickly(text, 200), SEED_FINDING);
      const analysis = lintText(text);
      const [f] = analysis.findings;
      const fixes = quickFixesAt(analysis, f.span);
      assert.deepStrictEqual(fixes.map((q) => q.fix.title), ['Set vip_cidr to "32,128"', 'Disable vip-prefix-list for this line', 'Disable vip-prefix-list for the entire file']);
      assert.strictEqual(applyEdits(text, fixes[0].fix.edits), text.replace('"128"', '"32,128"'));
      const disabled = applyEdits(text, fixes[1].fix.edits);
      assert.strictEqual(disabled, text.replace('          value: "128"', '          # kube-vip-lint-disable-next-line vip-prefix-list\r\n          value: "128"'));
      for (const q of fixes) assert.deepStrictEqual(lineEndings(applyEdits(text, q.fix.edits)), { bareLf: false, cr: true }, q.fix.title);
      assert.deepStrictEqual(lintText(disabled).findings, []);
      assert.deepStrictEqual(analysis.position(f.span.start), lintText(SEED).position(SEED.indexOf('"128"')));
    });
    it('CRLF in a Helm template: control lines are masked and the document is linted', () => {
      const helm = dualStack(IMAGE, ['        {{- if .Values.svc }}', { name: 'svc_election', raw: '"true"' }, '        {{- end }}', { name: 'vip_cidr', raw: '"128"' }]);
      assert.deepStrictEqual(lintQuickly(helm.replace(/\n/g, '\r\n'), 200), SEED_FINDING);
    });
    it('tabs: indentation with tabs is a YAML error (skipped, no false finding); tabs as separators are fine', () => {
      assert.deepStrictEqual(lintQuickly(SEED.replace(/^ {8}- /gm, '\t- '), 200), []);
      assert.deepStrictEqual(lintQuickly(SEED.replace(/^ {10}value/gm, '\t\t  value'), 200), []);
      assert.deepStrictEqual(lintQuickly(SEED.replace('value: "128"', 'value:\t"128"\t# tab'), 200), SEED_FINDING);
      assert.deepStrictEqual(lintQuickly(SEED.replace('value: "128"', 'value: "12\t8"'), 200), [['vip-prefix-list', '"12\t8"']]);
    });
  });

  describe('non-ASCII text before a value: LSP positions in UTF-16, as VS Code counts', function () {
    this.timeout(20_000);
    const URI = 'file:///ws/unicode.yaml';
    // Emoji (2 UTF-16 units, 4 UTF-8 bytes) and 2-3 byte characters before the value on its line and
    // on earlier lines, in a comment after a key, in a flow entry before `value:`.
    const TEXT = dualStack(IMAGE, [{ name: 'vip_cidr', raw: '"128" # ½ü€😀' }])
      .replace('        env:\n', '        env: # 😀 env ½ü€ 😀😀\n        # ½ü€😀 a comment line\n')
      .replace('      - name: kube-vip\n', '      - name: kube-vip # 😀\n')
      .concat('---\n', dualStack(IMAGE, ['        - {"😀½": "ü€😀", name: vip_cidr, value: "128"} # 😀']));
    let client: TestClient;
    before(() => (client = new TestClient()));
    after(() => client.shutdown());

    it('the server\'s diagnostic ranges equal TextDocument.positionAt of the findings (and of "128" in the text)', async () => {
      await client.initialize();
      const published = client.nextDiagnostics(URI);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
      const { diagnostics } = await published;
      const doc = TextDocument.create(URI, 'yaml', 1, TEXT);
      const findings: readonly Finding[] = lintText(TEXT).findings;
      assert.deepStrictEqual(findings.map((f) => [f.rule, covered(TEXT, f)]), [...SEED_FINDING, ...SEED_FINDING]);
      const first = TEXT.indexOf('"128"');
      const second = TEXT.indexOf('"128"', first + 1);
      const expected = [first, second].map((start) => ({ start: doc.positionAt(start), end: doc.positionAt(start + 5) }));
      assert.deepStrictEqual(diagnostics.map((d) => d.range), expected);
      for (const d of diagnostics) assert.strictEqual(doc.getText(d.range), '"128"');
      // The flow entry's value sits after emoji: its UTF-16 column is larger than its code-point column.
      const line = TEXT.split('\n')[expected[1].start.line];
      assert.strictEqual(expected[1].start.character, line.indexOf('"128"'));
      assert.ok([...line.slice(0, line.indexOf('"128"'))].length < expected[1].start.character);
      // The CLI's 1-based columns count the same units.
      assert.deepStrictEqual(findings.map((f) => lintText(TEXT).position(f.span.start)), expected.map((r) => ({ line: r.start.line + 1, column: r.start.character + 1 })));
    });
  });

  describe('degenerate files', () => {
    const cases: [string, string][] = [
      ['an empty file', ''],
      ['--- only', '---'],
      ['---\\n---\\n', '---\n---\n'],
      ['only comments, one naming the image', `# a comment\n# ${IMAGE}\n   # indented\n`],
      ['a document that is just a scalar (the image name)', `${IMAGE}\n`],
      ['a document that is just a sequence', `- ${IMAGE}\n- 1\n`],
      ['kind: List whose items is a scalar', `apiVersion: v1\nkind: List\nitems: ${IMAGE}\n`],
      ['kind: List whose items is a map', `apiVersion: v1\nkind: List\nitems: {image: ${IMAGE}}\n`],
      ['a Pod whose containers is a map', `apiVersion: v1\nkind: Pod\nspec:\n  containers: {image: ${IMAGE}}\n`],
      ['a container whose env is a scalar', `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: ${IMAGE}\n    env: vip_cidr=128\n`],
      ['env entries that are not maps', `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: ${IMAGE}\n    env: [vip_cidr, 128, null, [a]]\n`],
      ['kind is not a string', `apiVersion: v1\nkind: [Pod]\nspec:\n  containers:\n  - image: ${IMAGE}\n    env: [{name: vip_cidr, value: "128"}]\n`],
      ['an image that is not a string', `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: [${IMAGE}]\n    env: [{name: vip_cidr, value: "128"}]\n`],
      ['a document end marker only', '...\n'],
      ['directives only', '%YAML 1.1\n---\n'],
    ];
    for (const [what, text] of cases) {
      it(`${what}: nothing found`, () => assert.deepStrictEqual(lintQuickly(text, 100), []));
    }
    it('kind: List with non-map items around a real DaemonSet: the DaemonSet is linted', () => {
      const list = `apiVersion: v1\nkind: List\nitems:\n- 1\n- ${IMAGE}\n- [a, b]\n- null\n- ${SEED.trimEnd().split('\n').join('\n  ')}\n- ~\n`;
      assert.deepStrictEqual(lintQuickly(list, 200), SEED_FINDING);
    });
    it('lists nested deeper than any real manifest are not followed', () => {
      let nested = SEED.trimEnd();
      for (let i = 0; i < 12; i++) nested = `apiVersion: v1\nkind: List\nitems:\n- ${nested.split('\n').join('\n  ')}`;
      assert.deepStrictEqual(lintQuickly(nested, 500), []);
    });
  });
});
