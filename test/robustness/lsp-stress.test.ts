/**
 * LSP stress: the built server (dist/server.js) gets 5,000 random incremental edits of a real
 * manifest as fast as the pipe takes them, without waiting for anything in between. Its final
 * diagnostics must equal a fresh lint of the text we expect it to hold, versions must only move
 * forward, and it must still answer.
 */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { Hover, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fullMessage, lintText } from '../../server/src/core';
import { TestClient } from '../lsp/client';
import { ROOT } from './arbitraries';

const URI = 'file:///ws/stress/dual-stack-daemonset.yaml';
const ORIGINAL = readFileSync(path.join(ROOT, 'examples', 'seed-crash', 'dual-stack-daemonset.yaml'), 'utf8');
const EDITS = 5000;
/** From here on the text is reset once and then only values change, so the final version has findings. */
const CALM_FROM = EDITS - 10;

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES = ['"128"', '"32,128"', '"true"', 'yes', '6443', '"eth0"', '""', "'64'", '"1e3"', '"128,32"', 'true', '"0"', '"maybe"', '"😀"'];
const CHARS = ['a', 'v', '_', '0', '1', ':', '-', ' ', '"', "'", '#', '{', '}', '[', ']', ',', '\n', '\t', '½', '€', '😀', '\r\n', '  '];
const LINES = ['            - name: vip_arp\n              value: "true"\n', '            - {name: vip_subnet, value: "128"}\n', '            - name: bgp_enable\n', '# comment 😀\n'];

/** An offset moved back so that it does not fall inside a surrogate pair. */
function safeOffset(text: string, offset: number): number {
  const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
  return offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) ? offset - 1 : offset;
}

/** One random change, valid for the current version of `doc`. */
function randomChange(doc: TextDocument, random: () => number, index: number): TextDocumentContentChangeEvent {
  const text = doc.getText();
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const range = (start: number, end: number) => ({ range: { start: doc.positionAt(start), end: doc.positionAt(end) } });
  const r = index === CALM_FROM ? -1 : index > CALM_FROM ? 0 : random();
  if (r < 0 || r > 0.97) return { ...range(0, text.length), text: ORIGINAL }; // reset, as a ranged edit of the whole text
  if (r < 0.6) {
    // Replace a value: the rest of a `value: ` line, comment included.
    const values = [...text.matchAll(/value: ([^\r\n]*)/g)];
    if (values.length > 0) {
      const m = pick(values);
      const start = m.index! + 'value: '.length;
      return { ...range(start, start + m[1].length), text: pick(VALUES) };
    }
  }
  if (r < 0.9) {
    const start = safeOffset(text, Math.floor(random() * (text.length + 1)));
    const end = safeOffset(text, Math.min(text.length, start + Math.floor(random() * 4)));
    const insert = Array.from({ length: Math.floor(random() * 3) }, () => pick(CHARS)).join('');
    return { ...range(start, end), text: insert };
  }
  // Insert or delete a whole line.
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const line = Math.floor(random() * starts.length);
  if (random() < 0.5) return { ...range(starts[line], starts[line]), text: pick(LINES) };
  return { ...range(starts[line], line + 1 < starts.length ? starts[line + 1] : text.length), text: '' };
}

/** What the server should publish for `doc`, computed with the core and VS Code's position arithmetic. */
function expectedDiagnostics(doc: TextDocument) {
  return lintText(doc.getText()).findings.map((f) => ({ code: f.rule, message: fullMessage(f), range: { start: doc.positionAt(f.span.start), end: doc.positionAt(f.span.end) } }));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

describe('robustness: LSP stress', function () {
  this.timeout(60_000);

  for (const [label, init] of [
    ['with the default 150 ms debounce', {}],
    ['linting every version at once (debounceMs 0)', { debounceMs: 0 }],
  ] as const) {
    it(`5,000 random incremental edits, sent without waiting, ${label}`, async () => {
      const client = new TestClient();
      try {
        await client.initialize(init);
        let doc = TextDocument.create(URI, 'yaml', 1, ORIGINAL);
        const opened = client.nextDiagnostics(URI, (p) => p.version === 1, 10_000);
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: ORIGINAL } });
        assert.deepStrictEqual((await opened).diagnostics.map((d) => d.code), ['vip-prefix-list']);

        const random = prng(42);
        const sent = new Set<number>([1]);
        const started = Date.now();
        for (let i = 1; i <= EDITS; i++) {
          const version = i + 1;
          const change = randomChange(doc, random, i);
          doc = TextDocument.update(doc, [change], version);
          sent.add(version);
          void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: [change] });
        }
        const last = EDITS + 1;
        const final: PublishDiagnosticsParams = await client.nextDiagnostics(URI, (p) => p.version === last, 40_000);
        const elapsed = Date.now() - started;

        const expected = expectedDiagnostics(doc);
        assert.ok(expected.length > 0, 'the final text should have findings to compare');
        assert.deepStrictEqual(final.diagnostics.map((d) => ({ code: d.code, message: d.message, range: d.range })), expected);

        const versions = client.published.filter((p) => p.uri === URI).map((p) => p.version!);
        for (const v of versions) assert.ok(sent.has(v), `diagnostics for version ${v}, which was never sent`);
        for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `version ${versions[i]} published after ${versions[i - 1]}`);

        // Still responsive: a hover on the last env name answers within 2 s.
        const nameAt = doc.getText().lastIndexOf('name: ');
        const hover = client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: doc.positionAt(nameAt + 7) });
        await withTimeout(hover, 2000, 'hover');
        assert.strictEqual(client.exited, false, 'the server process exited');
        assert.deepStrictEqual(client.logs.filter((l) => /failed|Error/.test(l)), []);
        if (process.env.ROBUSTNESS_VERBOSE) console.log(`      ${versions.length} publications, final after ${elapsed} ms`);
      } finally {
        await client.shutdown();
      }
    });
  }
});
