// One editor session against a language server: spawn, initialize, open a manifest, hover, ask for
// quick fixes, type one character at a time, read the peak RSS, open a second file, shut down.
import { createRequire } from 'module';
import path from 'path';
import { LspClient, positionAt } from './lsp.mjs';

/** The node flags the VS Code client starts our server with (server/src/nodeFlags.ts, via tsc's out/). */
const { SERVER_NODE_FLAGS } = createRequire(import.meta.url)('../../out/server/src/nodeFlags.js');

/** Settings that keep yaml-language-server offline: no schema store, no CRD store, no schemas. */
const YAML_SETTINGS = {
  validate: true,
  hover: true,
  completion: true,
  format: { enable: false },
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
  schemas: {},
};

export function servers(root) {
  return {
    'kube-vip-lint': {
      args: [...SERVER_NODE_FLAGS, path.join(root, 'dist', 'server.js'), '--stdio'],
      capabilities: {},
      initializationOptions: { debounceMs: 0 },
      // Its diagnostics carry the document version, so each edit waits for its own.
      versioned: true,
      codeActions: true,
      delayMs: 0,
    },
    'yaml-language-server': {
      // The repository's network/child-process guard makes the server exit (code 97) at its first
      // attempt to reach the network, so "offline" is checked, not assumed.
      args: ['--require', path.join(root, 'test', 'security', 'guard.cjs'), path.join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      capabilities: { workspace: { configuration: true } },
      configuration: (item) => (item.section === 'yaml' ? YAML_SETTINGS : null),
      settle: settleYamlLanguageServer,
      versioned: false,
      codeActions: false,
      // It validates 200 ms after every open or change (validationDelayMs, not configurable).
      delayMs: 200,
    },
  };
}

const yamlSection = (p) => p.items.some((i) => i.section === 'yaml');

/** yaml-language-server pulls its settings after `initialized`; we then push them too, and wait until both pulls are answered. */
async function settleYamlLanguageServer(client) {
  await client.waitFor('workspace/configuration', yamlSection, 10000);
  const pulled = client.waitFor('workspace/configuration', yamlSection, 10000);
  client.notify('workspace/didChangeConfiguration', { settings: { yaml: YAML_SETTINGS } });
  await pulled;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Replacement characters for successive edits: all different, so no edit recreates an earlier text (which a cache would answer). */
const EDIT_CHARS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Runs one session on `manifest` and returns its timings in ms. `target` is the kube-vip document
 * to work in: hovers go to its vip_interface name, edits replace the last character of its value.
 * `second` is another manifest of the same size, opened last: a process that has linted before
 * (its JIT partly warm) but has nothing cached for that text, where the first open pays the cold start.
 */
export async function runSession(server, manifest, target, uri, second, { hovers = 5, codeActions = 5, edits = 5 } = {}) {
  const client = new LspClient(server.args, { configuration: server.configuration });
  try {
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: server.capabilities, initializationOptions: server.initializationOptions });
    const settled = server.settle?.(client); // registers its waits before `initialized` triggers them
    client.notify('initialized', {});
    const initMs = performance.now() - client.spawnedAt;
    await settled;
    await sleep(50); // let start-up work finish so that it is not billed to the first open

    const { text } = manifest;
    let version = 1;
    const published = (v) => client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && (!server.versioned || p.version === v));
    const opened = published(version);
    const openedAt = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    const first = await opened;
    const openMs = first.at - openedAt;

    const hoverMs = [];
    let hoverFound = true;
    for (let i = 0; i < hovers; i++) {
      const { result, ms } = await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, target.hover) });
      hoverMs.push(ms);
      hoverFound &&= result != null;
    }

    const codeActionMs = [];
    let actions = 0;
    if (server.codeActions && first.params.diagnostics.length > 0) {
      // The flagged value nearest to the document being edited.
      const line = positionAt(text, target.edit).line;
      const diagnostic = first.params.diagnostics.reduce((a, b) => (Math.abs(b.range.start.line - line) < Math.abs(a.range.start.line - line) ? b : a));
      for (let i = 0; i < codeActions; i++) {
        const { result, ms } = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
        codeActionMs.push(ms);
        actions = result?.length ?? 0;
      }
    }

    const editMs = [];
    const start = positionAt(text, target.edit);
    const range = { start, end: { line: start.line, character: start.character + 1 } };
    for (let i = 0; i < edits; i++) {
      version++;
      const changed = published(version);
      const sentAt = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: EDIT_CHARS[i] }] });
      editMs.push((await changed).at - sentAt);
    }

    // Peak RSS with this one file open: the second file below would add its own.
    const rssMb = client.peakRssMb();
    const secondUri = uri.replace(/\.yaml$/, '-2.yaml');
    const secondOpened = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === secondUri);
    const secondAt = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri: secondUri, languageId: 'yaml', version: 1, text: second.text } });
    const secondOpenMs = (await secondOpened).at - secondAt;

    return { initMs, openMs, secondOpenMs, hoverMs, hoverFound, codeActionMs, actions, editMs, diagnostics: first.params.diagnostics.length, rssMb };
  } finally {
    await client.close();
  }
}
