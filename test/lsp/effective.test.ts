/** The effective configuration in the editor (issue 11): a code lens over each kube-vip image, and its table. */
import * as assert from 'assert';
import { dualStack } from '../helpers';
import { TestClient } from './client';

const TEXT = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"32,128"' }, { name: 'enable_upnp', raw: '"true"' }]);
const SUMMARY = 'kube-vip v0.8.9 · ARP · control plane 192.168.0.40/32 · Services (IPv4 /32, IPv6 /128) · leader election 5/3/1 s · 1 ignored';

interface Lens {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  command: { title: string; command: string; arguments: unknown[] };
}

describe('LSP: effective configuration (issue 11)', function () {
  this.timeout(20000);
  let client: TestClient;
  afterEach(() => client?.shutdown());

  async function open(settings: Record<string, unknown> = {}): Promise<string> {
    client = new TestClient();
    const capabilities = { workspace: { configuration: true } };
    client.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
    const result = await client.initialize({ debounceMs: 0 }, capabilities);
    assert.deepStrictEqual(result.capabilities.codeLensProvider, { resolveProvider: false });
    const uri = 'file:///ws/kube-vip.yaml';
    const published = client.nextDiagnostics(uri);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT } });
    await published;
    return uri;
  }

  it('a lens over the image says what the configuration does; its command opens the table of every setting', async () => {
    const uri = await open();
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as Lens[];
    assert.strictEqual(lenses.length, 1);
    const [lens] = lenses;
    const imageLine = TEXT.split('\n').findIndex((l) => l.includes('image: ghcr.io/kube-vip/kube-vip:v0.8.9'));
    assert.strictEqual(lens.range.start.line, imageLine);
    assert.strictEqual(TEXT.split('\n')[imageLine].slice(lens.range.start.character, lens.range.end.character), 'ghcr.io/kube-vip/kube-vip:v0.8.9');
    assert.strictEqual(lens.command.title, SUMMARY);
    assert.strictEqual(lens.command.command, 'kubeVipLint.showEffectiveConfig');
    assert.deepStrictEqual(lens.command.arguments, [uri, imageLine]);
    const page = (await client.connection.sendRequest('kubeVipLint/effectiveConfig', { uri, line: imageLine })) as { markdown: string };
    assert.ok(page.markdown.includes(SUMMARY), page.markdown.slice(0, 300));
    assert.match(page.markdown, /\| `vip_cidr` \| `32,128` \|/);
    assert.match(page.markdown, /enable_upnp/);
    assert.strictEqual(await client.connection.sendRequest('kubeVipLint/effectiveConfig', { uri, line: 0 }), null, 'no kube-vip image on that line');
  });

  it('kubeVipLint.codeLens false: no lenses', async () => {
    const uri = await open({ codeLens: false });
    assert.deepStrictEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
  });
});
