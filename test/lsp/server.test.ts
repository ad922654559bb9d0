import * as assert from 'assert';
import type { CodeAction, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dualStack } from '../helpers';
import { fork } from 'child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER, TestClient } from './client';

const URI = 'file:///ws/daemonset.yaml';
const TEXT = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128" # dual-stack' }]);

describe('language server over stdio', function () {
  this.timeout(20000);
  let client: TestClient;
  beforeEach(() => (client = new TestClient()));
  afterEach(() => client.shutdown());

  it('announces incremental sync, hover and quick fixes', async () => {
    const result = await client.initialize();
    assert.deepStrictEqual(result.capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.strictEqual(result.capabilities.hoverProvider, true);
    assert.deepStrictEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.kube-vip-lint', 'refactor.rewrite'], resolveProvider: true });
  });

  it('open → diagnostic → quick fix → apply → change → diagnostics gone', async () => {
    await client.initialize();
    let doc = TextDocument.create(URI, 'yaml', 1, TEXT);
    const first = client.nextDiagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    const published = await first;
    assert.strictEqual(published.version, 1);
    assert.strictEqual(published.diagnostics.length, 1);
    const [d] = published.diagnostics;
    assert.deepStrictEqual(d.range, { start: { line: 27, character: 17 }, end: { line: 27, character: 22 } });
    assert.strictEqual(doc.getText(d.range), '"128"');
    assert.strictEqual(d.severity, 1);
    assert.strictEqual(d.source, 'kube-vip-lint');
    assert.strictEqual(d.code, 'vip-prefix-list');
    assert.match(d.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/vip-prefix-list\.md$/);
    assert.match(String(d.message), /index out of range/);
    assert.deepStrictEqual(d.data, { messageId: 'ipv4GetsIpv6Prefix' }, 'the message variant travels with the diagnostic');

    // A client that echoes garbage ranges in the context still gets edits computed from the server's text.
    const bogus = { ...d, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } };
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 27, character: 19 }, end: { line: 27, character: 19 } },
      context: { diagnostics: [bogus] },
    });
    assert.deepStrictEqual(actions.map((a) => a.title), ['Set vip_cidr to "32,128"', 'Disable vip-prefix-list for this line', 'Disable vip-prefix-list for the entire file']);
    const [action] = actions;
    assert.strictEqual(action.title, 'Set vip_cidr to "32,128"');
    assert.strictEqual(action.kind, 'quickfix');
    assert.strictEqual(action.isPreferred, true);
    assert.strictEqual(action.diagnostics![0].code, 'vip-prefix-list');
    const edits: TextEdit[] = action.edit!.changes![URI];
    assert.deepStrictEqual(edits, [{ range: { start: { line: 27, character: 18 }, end: { line: 27, character: 21 } }, newText: '32,128' }]);

    const fixedText = TextDocument.applyEdits(doc, edits);
    assert.strictEqual(fixedText, TEXT.replace('value: "128" # dual-stack', 'value: "32,128" # dual-stack'));
    doc = TextDocument.update(doc, edits.map((e) => ({ range: e.range, text: e.newText })), 2);
    const cleared = client.nextDiagnostics(URI, (p) => p.version === 2);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    assert.deepStrictEqual((await cleared).diagnostics, []);
    assert.strictEqual(doc.getText(), fixedText);
  });

  it('hovers env var names and prefix-list values', async () => {
    await client.initialize();
    const opened = client.nextDiagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    await opened;
    const nameHover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 26, character: 18 } });
    const markdown = (nameHover.contents as { value: string }).value as string;
    assert.match(String(markdown), /\*\*vip_cidr\*\*/);
    assert.match(markdown, /IPv4/);
    assert.match(markdown, /v0\.5\.0 until v0\.9\.0/);
    assert.match(markdown, /Default on v0\.8\.9/);
    assert.deepStrictEqual(nameHover.range, { start: { line: 26, character: 16 }, end: { line: 26, character: 24 } });
    const valueHover: Hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 27, character: 19 } });
    assert.match(String((valueHover.contents as { value: string }).value), /^IPv4 \/128/);
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 2 } });
    assert.strictEqual(nothing, null);
  });

  it('clears diagnostics on close', async () => {
    await client.initialize();
    const opened = client.nextDiagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    assert.strictEqual((await opened).diagnostics.length, 1);
    const closed = client.nextDiagnostics(URI, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    assert.strictEqual((await closed).version, undefined);
  });

  it('follows kubeVipLint settings pulled from the client', async () => {
    client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ kubeVipVersion: 'v1.0.4', rules: { 'vip-prefix-list': 'warning' } })));
    await client.initialize({}, { workspace: { configuration: true } });
    const text = TEXT.replace(':v0.8.9', ':latest').replace('vip_cidr', 'vip_subnet');
    const opened = client.nextDiagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text } });
    const [d] = (await opened).diagnostics;
    assert.strictEqual(d.severity, 2);
    assert.match(String(d.message), /^vip_subnet "128" has no IPv4 prefix: v1\.0\.4 refuses to start \(exit 0, restart loop\)\. Use "32,128"\.\n.*Checked as v1\.0\.4 \(from the kubeVipVersion setting\)\.$/s);
  });

  it('starts over stdio with no transport flag (the kube-vip-lint-server bin)', async () => {
    const bare = new TestClient([]);
    try {
      const result = await bare.initialize();
      assert.strictEqual(result.serverInfo.name, 'kube-vip-lint');
    } finally {
      await bare.shutdown();
    }
  });
});

describe('language server over node IPC', function () {
  this.timeout(20000);
  it('speaks LSP over --node-ipc (the transport the VS Code client uses)', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    try {
      const published = new Promise<{ diagnostics: unknown[] }>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
      const result: any = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.strictEqual(result.serverInfo.name, 'kube-vip-lint');
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
      assert.strictEqual((await published).diagnostics.length, 1);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});

describe('language server completion', function () {
  this.timeout(20000);
  const text = dualStack('ghcr.io/kube-vip/kube-vip:v1.2.3', ['        - name: ', { name: 'vip_ddns', raw: '""' }]);
  const lines = text.split('\n');
  const nameLine = lines.findIndex((l) => l === '        - name: ');
  const snippets = { textDocument: { completion: { completionItem: { snippetSupport: true } } } };

  async function complete(capabilities: unknown, line: number, character: number): Promise<any> {
    const client = new TestClient();
    try {
      await client.initialize({}, capabilities);
      const opened = client.nextDiagnostics(URI);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text } });
      await opened;
      return await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: { line, character } });
    } finally {
      await client.shutdown();
    }
  }

  it('offers env var names as snippets that add the value line, to clients that expand snippets', async () => {
    const names = await complete(snippets, nameLine, 16);
    const subnet = names.items.find((i: any) => i.label === 'vip_subnet');
    assert.ok(subnet, 'vip_subnet offered');
    assert.strictEqual(subnet.insertTextFormat, 2);
    assert.strictEqual(subnet.insertTextMode, 1);
    assert.deepStrictEqual(subnet.textEdit, { range: { start: { line: nameLine, character: 16 }, end: { line: nameLine, character: 16 } }, newText: 'vip_subnet\n          value: "$1"' });
    assert.ok(!names.items.some((i: any) => i.label === 'vip_arp'), 'already set');
  });

  it('sends plain names to clients without snippet support (Neovim 0.7, Eglot without yasnippet)', async () => {
    const names = await complete({}, nameLine, 16);
    const subnet = names.items.find((i: any) => i.label === 'vip_subnet');
    assert.strictEqual(subnet.insertTextFormat, 1);
    assert.strictEqual(subnet.textEdit.newText, 'vip_subnet');
  });

  it('offers boolean values, bare inside quotes', async () => {
    const valueLine = lines.findIndex((l) => l === '          value: ""');
    const values = await complete(snippets, valueLine, 18);
    assert.deepStrictEqual(values.items.map((i: any) => i.label).sort(), ['false', 'true']);
    assert.strictEqual(values.items[0].textEdit.newText, values.items[0].label);
  });
});

describe('language server and client capabilities', function () {
  this.timeout(20000);
  it('registers for configuration changes only with clients that support dynamic registration', async () => {
    for (const [dynamicRegistration, expected] of [[false, 0], [true, 1]] as const) {
      const client = new TestClient();
      const registrations: unknown[] = [];
      client.connection.onRequest('client/registerCapability', (p: unknown) => void registrations.push(p));
      try {
        await client.initialize({}, { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration } } });
        await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///none.yaml' }, position: { line: 0, character: 0 } });
        await new Promise((r) => setTimeout(r, 200));
        assert.strictEqual(registrations.length, expected, `dynamicRegistration ${dynamicRegistration}`);
      } finally {
        await client.shutdown();
      }
    }
  });

  it('hovers in plain text for clients that do not render markdown', async () => {
    const client = new TestClient();
    try {
      await client.initialize({}, { textDocument: { hover: { contentFormat: ['plaintext'] } } });
      const opened = client.nextDiagnostics(URI);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
      await opened;
      const hover: any = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 26, character: 18 } });
      assert.strictEqual(hover.contents.kind, 'plaintext');
      assert.match(hover.contents.value, /^vip_cidr: prefix list \("<IPv4 prefix>,<IPv6 prefix>"\)/);
      assert.doesNotMatch(hover.contents.value, /\*\*|```/);
    } finally {
      await client.shutdown();
    }
  });
});

describe('language server publishing', function () {
  this.timeout(20000);
  it('publishes once per opened document, not once for open and again for its content', async () => {
    const client = new TestClient();
    try {
      await client.initialize();
      const first = client.nextDiagnostics(URI);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
      await first;
      await new Promise((r) => setTimeout(r, 400)); // longer than the debounce
      assert.strictEqual(client.published.filter((p) => p.uri === URI).length, 1);
    } finally {
      await client.shutdown();
    }
  });
});
