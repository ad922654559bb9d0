/** VS Code entry point: starts the bundled kube-vip-lint language server for the files that configure kube-vip. Nothing else. */
import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';

let client: LanguageClient | undefined;

/**
 * Where kube-vip is configured, by the language ids VS Code and popular extensions give those files:
 * YAML, Helm templates (Helm extension: "helm"), Ansible and Jinja YAML templates ("ansible",
 * "jinja-yaml"), markdown docs (```yaml fences) and JSON. Keep in step with activationEvents in package.json.
 */
export const LANGUAGES = ['yaml', 'helm', 'ansible', 'jinja-yaml', 'markdown', 'json'] as const;

/**
 * Templated YAML that VS Code opens as Plain Text (`kube-vip.yaml.j2`, `values.yaml.tmpl`): linted by
 * its name, whatever language it opens with. Keep in step with the workspaceContains activation event.
 */
export const TEMPLATED_YAML = '**/*.{yaml,yml}.{j2,jinja,jinja2,tmpl,tpl}';

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      { scheme: 'file', pattern: TEMPLATED_YAML },
    ],
    // The server pulls `kubeVipLint` settings per document and is told when they change.
    synchronize: { configurationSection: 'kubeVipLint' },
  };
  // The id "kubeVipLint" makes the client honour the `kubeVipLint.trace.server` setting.
  client = new LanguageClient('kubeVipLint', 'kube-vip lint', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
