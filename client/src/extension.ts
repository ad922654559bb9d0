/** VS Code entry point: starts the bundled kube-vip-lint language server for the files that configure kube-vip. Nothing else. */
import * as path from 'path';
import { commands, languages, LanguageStatusSeverity, ProcessExecution, Task, tasks, Uri, window, workspace } from 'vscode';
import * as fs from 'fs';
import type { Disposable, DocumentSelector, ExtensionContext, StatusBarItem } from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import type { CloseHandlerResult, ErrorHandler, ErrorHandlerResult, Message } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/nodeFlags';
import { CrashCounter } from './crashes';

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
    // Rule links in diagnostics run a command of this extension, which shows the page rendered and read-only.
    initializationOptions: { docsUrl: `command:kubeVipLint.showRuleDocs?${encodeURIComponent('["')}{rule}${encodeURIComponent('"]')}` },
    errorHandler: new RestartLimit(() => stopped()),
  };
  context.subscriptions.push(...ruleDocs(context));
  // The id "kubeVipLint" makes the client honour the `kubeVipLint.trace.server` setting.
  client = new LanguageClient('kubeVipLint', 'kube-vip lint', serverOptions, clientOptions);
  const running = client;
  context.subscriptions.push(
    commands.registerCommand('kubeVipLint.restartServer', async () => {
      stoppedItem?.hide();
      await running.restart();
    }),
    commands.registerCommand('kubeVipLint.showOutput', () => running.outputChannel.show()),
    commands.registerCommand('kubeVipLint.lintWorkspace', () => lintWorkspace(context)),
  );
  await client.start();
  context.subscriptions.push(...languageStatus(client, clientOptions.documentSelector as DocumentSelector));
  context.subscriptions.push(...effectiveConfig(running));
  // The server found an invalid setting and the user chose "Open Settings" in its warning.
  context.subscriptions.push(client.onNotification('kubeVipLint/openSettings', () => void commands.executeCommand('workbench.action.openSettings', 'kubeVipLint')));
}

/**
 * "Lint Workspace with the CLI": the bundled CLI over each workspace folder, as a task whose output the
 * contributed problem matcher ($kube-vip-lint) turns into Problems rows, as CI would see them.
 */
async function lintWorkspace(context: ExtensionContext): Promise<void> {
  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  for (const folder of workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    // VS Code's own runtime runs the CLI: ELECTRON_RUN_AS_NODE makes the Electron binary behave as node.
    const execution = new ProcessExecution(process.execPath, [cli, '.'], { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new Task({ type: 'kube-vip-lint' }, folder, `lint ${folder.name}`, 'kube-vip-lint', execution, ['$kube-vip-lint']);
    await tasks.executeTask(task);
  }
}

/** The read-only documents of the rule pages: kube-vip-lint-docs:/<rule>.md. */
const DOCS_SCHEME = 'kube-vip-lint-docs';

/**
 * Rule docs that open properly: a rule link (command:kubeVipLint.showRuleDocs?["<rule>"]) opens the page
 * from the install folder as a read-only document, shown in VS Code's Markdown preview, rendered. Links
 * between the pages stay inside that scheme.
 */
function ruleDocs(context: ExtensionContext): Disposable[] {
  const page = (rule: string) => Uri.from({ scheme: DOCS_SCHEME, path: `/${rule}.md` });
  return [
    workspace.registerTextDocumentContentProvider(DOCS_SCHEME, {
      provideTextDocumentContent(uri) {
        const name = path.basename(uri.path);
        if (!/^[a-z0-9-]+\.md$/.test(name)) return `# Not found\n\nkube-vip-lint has no page ${name}.`;
        try {
          return fs.readFileSync(context.asAbsolutePath(path.join('docs', 'rules', name)), 'utf8');
        } catch {
          return `# Not found\n\nkube-vip-lint has no page ${name}.`;
        }
      },
    }),
    commands.registerCommand('kubeVipLint.showRuleDocs', (rule: unknown) => {
      if (typeof rule === 'string' && /^[a-z0-9-]+$/.test(rule)) return commands.executeCommand('markdown.showPreview', page(rule));
      return undefined;
    }),
  ];
}

/** The read-only pages of the effective configuration: kube-vip-lint-config:/<file> line <n>.md?<document uri>#<line>. */
const CONFIG_SCHEME = 'kube-vip-lint-config';

/**
 * The code lens over a kube-vip image runs kubeVipLint.showEffectiveConfig(document uri, line): the server's
 * table of every setting that image reads, shown rendered and read-only in the Markdown preview.
 */
function effectiveConfig(client: LanguageClient): Disposable[] {
  return [
    workspace.registerTextDocumentContentProvider(CONFIG_SCHEME, {
      async provideTextDocumentContent(uri) {
        const line = Number(uri.fragment);
        const answer = (await client.sendRequest('kubeVipLint/effectiveConfig', { uri: uri.query, line }).catch(() => null)) as { markdown: string } | null;
        return answer?.markdown ?? `# Not available\n\nOpen ${uri.query} and choose the line above its kube-vip image again.`;
      },
    }),
    commands.registerCommand('kubeVipLint.showEffectiveConfig', (document: unknown, line: unknown) => {
      if (typeof document !== 'string' || typeof line !== 'number') return undefined;
      const name = path.basename(Uri.parse(document).path);
      const page = Uri.from({ scheme: CONFIG_SCHEME, path: `/${name} line ${line + 1}.md`, query: document, fragment: String(line) });
      return commands.executeCommand('markdown.showPreview', page);
    }),
  ];
}

/** What the server says a file was checked as (kubeVipLint/status). */
interface FileStatus {
  readonly uri: string;
  readonly state: 'linted' | 'no-configuration' | 'too-large' | 'disabled';
  readonly configurations: number;
  readonly versions: readonly string[];
  readonly at: string;
}

/**
 * A language status item on the files the server lints, as vscode-eslint and the TypeScript extension
 * have: the kube-vip configurations found, the version each is checked against and where it comes from,
 * and the last lint time; or that the file was skipped, too large or disabled, never just "clean".
 */
function languageStatus(client: LanguageClient, selector: DocumentSelector): Disposable[] {
  const item = languages.createLanguageStatusItem('kubeVipLint.status', selector);
  item.name = 'kube-vip-lint';
  item.command = { title: 'Show Output', command: 'kubeVipLint.showOutput' };
  const statuses = new Map<string, FileStatus>();
  const show = () => {
    const status = window.activeTextEditor && statuses.get(window.activeTextEditor.document.uri.toString());
    if (!status) {
      item.text = 'kube-vip-lint';
      item.detail = 'not linted yet';
      item.severity = LanguageStatusSeverity.Information;
      return;
    }
    const texts: Record<FileStatus['state'], string> = {
      linted: `kube-vip ${status.versions.join(', ')}`,
      'no-configuration': 'kube-vip-lint: no kube-vip configuration',
      'too-large': 'kube-vip-lint: skipped, too large',
      disabled: 'kube-vip-lint: disabled',
    };
    item.text = texts[status.state];
    item.detail = status.state === 'linted' ? `${status.configurations} configuration(s) checked at ${status.at}` : `checked at ${status.at}`;
    item.severity = status.state === 'too-large' || status.state === 'disabled' ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
  };
  show();
  return [
    item,
    client.onNotification('kubeVipLint/status', (status: FileStatus) => {
      statuses.set(status.uri, status);
      show();
    }),
    window.onDidChangeActiveTextEditor(show),
    workspace.onDidCloseTextDocument((doc) => statuses.delete(doc.uri.toString())),
  ];
}

let stoppedItem: StatusBarItem | undefined;

/**
 * The server is down for good: its diagnostics are gone, so files would look clean. Say so where the
 * user looks, until it runs again.
 */
function stopped(): void {
  stoppedItem ??= window.createStatusBarItem('kubeVipLint.stopped');
  stoppedItem.name = 'kube-vip-lint';
  stoppedItem.text = '$(error) kube-vip-lint stopped';
  stoppedItem.tooltip = 'The kube-vip-lint server crashed repeatedly: files are not checked. Click to restart it.';
  stoppedItem.command = 'kubeVipLint.restartServer';
  stoppedItem.show();
  void window.showErrorMessage(`kube-vip-lint: the server crashed ${CrashCounter.MAX} times in ${CrashCounter.WINDOW_MS / 60000} minutes and was stopped, so files are not checked.`, 'Restart Server', 'Show Output').then((choice) => {
    if (choice) void commands.executeCommand(choice === 'Restart Server' ? 'kubeVipLint.restartServer' : 'kubeVipLint.showOutput');
  });
}

/** Restarts a crashed server, at most CrashCounter.MAX times in its window; then stops and tells the user. */
class RestartLimit implements ErrorHandler {
  private readonly counter = new CrashCounter();
  constructor(private readonly onGiveUp: () => void) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    // A few bad messages in a row are survivable; many mean the connection is broken.
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    if (this.counter.crashed(Date.now()) === 'restart') {
      void window.showWarningMessage('kube-vip-lint: the server stopped unexpectedly and was restarted.', 'Show Output').then((choice) => {
        if (choice) void commands.executeCommand('kubeVipLint.showOutput');
      });
      return { action: CloseAction.Restart, handled: true };
    }
    this.onGiveUp();
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}
