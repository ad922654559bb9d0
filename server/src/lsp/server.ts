/**
 * The language server: LSP glue over the pure core (documents, debounce, settings, publishing). It
 * runs on any LSP connection; what needs the platform (the docs location, reading kustomization.yaml
 * from disk) comes in through the runtime, so a browser entry can provide its own.
 */
import {
  CodeAction,
  AnnotatedTextEdit,
  ChangeAnnotation,
  CodeActionKind,
  CodeLens,
  Command,
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  CompletionList,
  InsertTextFormat,
  InsertTextMode,
  LSPErrorCodes,
  ResponseError,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReport,
  FileChangeType,
  Hover,
  WorkspaceDocumentDiagnosticReport,
  MarkupKind,
  Position,
  TextDocuments,
  TextDocumentEdit,
  TextDocumentSyncKind,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { globMatcher } from '../glob';
import { formatVersion, parseVersion } from '../core/version';
import type { KubeVipContainer } from '../core/model';
import {
  analyze,
  Analysis,
  completionsAt,
  createAnalysisCache,
  CrossFinding,
  DEFAULT_MAX_FILE_SIZE,
  applyUpgrade,
  effectiveConfigLenses,
  planUpgrade,
  rbacForUpgrade,
  upgradeTargets,
  explain,
  explanationMarkdown,
  fileStatus,
  Finding,
  fullMessage,
  fixAll,
  hoverAt,
  indexOf,
  mergeSettings,
  lintWorkspace,
  mergeFindings,
  normalizeSettings,
  NOT_CHECKED,
  quickFixesAt,
  replacementEdit,
  RULES,
  Settings,
  Severity,
  UpgradePlan,
} from '../core';

/** What the server needs from the platform it runs on. */
export interface ServerRuntime {
  /** Where a rule's docs page is. */
  docsUrl(rule: string): string;
  /** Kustomize image overrides for documents on disk (none in a browser). */
  readonly kustomize: {
    /** The file names to watch. */
    readonly fileNames: readonly string[];
    /** Overrides for a document URI; empty when it has none or is not a local file. */
    imageOverridesFor(uri: string): NonNullable<Settings['imageOverrides']>;
    /** Forget what was read (a watched file changed). */
    clear(): void;
  };
  /**
   * The `.kube-vip-lint.yaml` settings file that applies to a document, as the CLI resolves it (none in a
   * browser): the editor's settings layer on top of it.
   */
  readonly configFile?: {
    /** The file names to watch. */
    readonly fileNames: readonly string[];
    configFor(uri: string): { readonly file: string; readonly uri?: string; readonly settings: Settings; readonly problems: readonly string[] } | undefined;
    /** Forget what was read (a watched settings file changed). */
    clear(): void;
  };
  /** The files of the workspace folders, for cross-file rules and diagnostics of unopened files (none in a browser). */
  readonly workspace?: {
    /** File name endings to index and watch. */
    readonly extensions: readonly string[];
    /** Every lintable file under a folder, as URIs; `exclude` holds files.exclude globs. */
    list(folderUri: string, exclude: readonly string[]): AsyncIterable<string>;
    /** A file's text, or undefined when it cannot be read. */
    read(uri: string): Promise<string | undefined>;
  };
}

/** The code action kind of fix-all, for `editor.codeActionsOnSave: { "source.fixAll.kube-vip-lint": "explicit" }`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kube-vip-lint`;

/** The action of the invalid-settings warning, and the notification that asks the client to open the settings. */
const OPEN_SETTINGS = 'Open Settings';
/** The action of the warning about an invalid .kube-vip-lint.yaml. */
const OPEN_FILE = 'Open File';
export const OPEN_SETTINGS_NOTIFICATION = 'kubeVipLint/openSettings';

/** The client command a code lens runs (document uri, line of the image), and the request it sends for the table. */
export const EFFECTIVE_CONFIG_COMMAND = 'kubeVipLint.showEffectiveConfig';
export const EFFECTIVE_CONFIG_REQUEST = 'kubeVipLint/effectiveConfig';
/** The command an upgrade action runs after its edit: a message with what changed and what was not carried over. */
export const UPGRADE_SUMMARY_COMMAND = 'kubeVipLint.upgradeSummary';

/** Per linted open document: what it was checked as (the client's language status item). */
export const STATUS_NOTIFICATION = 'kubeVipLint/status';

/** Sent when the first index of the workspace folders is complete (benchmarks, status). */
export const INDEXED_NOTIFICATION = 'kubeVipLint/indexed';

/** Serves kube-vip-lint over `connection`; the caller starts listening. */
export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const documents = new TextDocuments(TextDocument);

  interface ServerOptions {
    /** Milliseconds to wait after a change before linting; 0 lints at once (benchmarks). */
    debounceMs: number;
  }
  const options: ServerOptions = { debounceMs: 150 };
  let pullConfiguration = false;
  let registerConfiguration = false;
  let watchKustomizations = false;
  let snippetSupport = false;
  let hoverMarkdown = true;
  /** The core's settings plus the switches that only the adapter knows about. */
  interface ClientSettings extends Settings {
    readonly enable: boolean;
    /** The effective-configuration code lens over each kube-vip image. */
    readonly codeLens: boolean;
    /** Index the workspace folders: cross-file rules see unopened files, which get diagnostics too. */
    readonly workspaceDiagnostics: boolean;
  }
  let pushedSettings: ClientSettings = { enable: true, codeLens: true, workspaceDiagnostics: true, reportUnusedDisableDirectives: true };
  const settingsCache = new Map<string, Promise<ClientSettings>>();

  interface CacheEntry {
    readonly version: number;
    readonly settings: Settings;
    readonly analysis: Analysis;
  }
  /** Kustomize image overrides read from disk for a document: computed once per version. */
  const kustomize = runtime.kustomize;
  interface DocumentSettings {
    readonly version: number;
    readonly base: ClientSettings;
    readonly key: string;
    readonly settings: Settings;
  }
  const documentSettings = new Map<string, DocumentSettings>();
  const analyses = new Map<string, CacheEntry>();
  /** Per-YAML-document results shared by all open files: an edit re-analyses only the document it touched. */
  const documentCache = createAnalysisCache();
  const timers = new Map<string, NodeJS.Timeout>();

  /** A client that renders the docs itself (VS Code) gives a link template with {rule}; others get the runtime's. */
  let docsTemplate: string | undefined;
  const docsUrl = (rule: string) => (docsTemplate ? docsTemplate.replace('{rule}', encodeURIComponent(rule)) : runtime.docsUrl(rule));

  connection.onInitialize((params) => {
    const init = (params.initializationOptions ?? {}) as { debounceMs?: number; settings?: unknown; docsUrl?: unknown };
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) options.debounceMs = init.debounceMs;
    if (typeof init.docsUrl === 'string' && init.docsUrl.includes('{rule}')) docsTemplate = init.docsUrl;
    pushedSettings = toSettings(init.settings);
    const caps = params.capabilities;
    pullConfiguration = !!caps.workspace?.configuration;
    registerConfiguration = pullConfiguration && !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    watchKustomizations = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    // Neovim 0.7 and Eglot without yasnippet do not expand snippets: they would insert "$1" literally.
    snippetSupport = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    const hoverFormats = caps.textDocument?.hover?.contentFormat;
    hoverMarkdown = !hoverFormats || hoverFormats.includes(MarkupKind.Markdown);
    // Pull diagnostics where the client supports them (VS Code): open and unopened files alike, and the
    // client re-pulls after a refresh. Other clients (Neovim 0.7, Eglot) get every file pushed.
    pull = !!caps.textDocument?.diagnostic;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    lensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    annotatedEdits = !!caps.workspace?.workspaceEdit?.documentChanges && !!caps.workspace?.workspaceEdit?.changeAnnotationSupport;
    const resolvable = caps.textDocument?.codeAction?.resolveSupport?.properties ?? [];
    resolveEdits = resolvable.includes('edit') && resolvable.includes('command') && !!caps.textDocument?.codeAction?.dataSupport;
    folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : [])).map((f) => f.uri).filter((uri) => uri.startsWith('file:'));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '"', "'"] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CodeActionKind.RefactorRewrite], resolveProvider: true },
        executeCommandProvider: { commands: [UPGRADE_SUMMARY_COMMAND] },
        codeLensProvider: { resolveProvider: false },
        ...(pull && { diagnosticProvider: { identifier: 'kube-vip-lint', interFileDependencies: true, workspaceDiagnostics: true } }),
      },
      serverInfo: { name: 'kube-vip-lint' },
    };
  });

  connection.onInitialized(() => {
    if (registerConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeVipLint' }).catch(() => undefined);
    }
    if (watchKustomizations) {
      const watchers = [...kustomize.fileNames, ...(runtime.configFile?.fileNames ?? [])].map((name) => ({ globPattern: `**/${name}` }));
      if (runtime.workspace && folders.length) watchers.push({ globPattern: `**/*.{${runtime.workspace.extensions.join(',')}}` });
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
    // Compile the parser and the rules while the editor is still idle, so the first open does not pay for it.
    setTimeout(warmUp, 0);
    void buildIndex();
  });

  // A kustomization.yaml changed on disk: its `images:` may give open documents another kube-vip version.
  connection.onDidChangeWatchedFiles((params) => {
    const names = params.changes.map((c) => c.uri.slice(c.uri.lastIndexOf('/') + 1));
    if (names.some((n) => kustomize.fileNames.includes(n) || runtime.configFile?.fileNames.includes(n))) {
      // A kustomization or a .kube-vip-lint.yaml changed: versions and settings of any file may change.
      runtime.configFile?.clear();
      kustomize.clear();
      documentSettings.clear();
      analyses.clear();
      for (const doc of documents.all()) schedule(doc, 0);
      void buildIndex(); // image versions of unopened files may change too
      refreshLenses();
      return;
    }
    // A workspace file changed on disk: re-read it (an open one is linted from the editor's text).
    void (async () => {
      for (const change of params.changes) {
        // The walk skips node_modules and .git (files.ts); a change there is not indexed either.
        if (!indexing.ready || documents.get(change.uri) || !inFolder(change.uri) || /\/(?:node_modules|\.git)\//.test(change.uri) || excluded(change.uri)) continue;
        if (change.type !== FileChangeType.Deleted) await indexFile(change.uri);
        else if (disk.delete(change.uri)) crossDirty = true;
      }
      workspaceChanged();
    })();
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { kubeVipLint?: unknown } | undefined)?.kubeVipLint;
    if (pushed !== undefined) pushedSettings = toSettings(pushed);
    settingsCache.clear();
    documentSettings.clear();
    analyses.clear();
    for (const doc of documents.all()) schedule(doc, 0);
    void buildIndex();
    refreshLenses();
  });

  /** Client settings, validated; anything unexpected falls back to defaults (and is logged). */
  /** Settings problems already shown: each once, not once per document. */
  const reportedSettings = new Set<string>();

  /** An invalid setting: one warning the user sees, with a way to the settings; the entry is ignored meanwhile. */
  function reportSettings(problems: readonly string[]): void {
    const fresh = problems.filter((p) => !reportedSettings.has(p));
    if (fresh.length === 0) return;
    fresh.forEach((p) => reportedSettings.add(p));
    connection.console.warn(`kube-vip-lint settings: ${fresh.join('; ')}`);
    void connection.window
      .showWarningMessage(`kube-vip-lint: invalid setting, ignored: ${fresh.join('; ')}.`, { title: OPEN_SETTINGS })
      .then((choice) => {
        if (choice?.title === OPEN_SETTINGS) void connection.sendNotification(OPEN_SETTINGS_NOTIFICATION, {});
      }, () => undefined);
  }

  function toSettings(raw: unknown): ClientSettings {
    const { settings, problems } = normalizeSettings(raw);
    reportSettings(problems);
    const record = raw as { enable?: unknown; codeLens?: unknown; workspaceDiagnostics?: unknown } | null | undefined;
    // Unused disable comments are reported in the editor unless turned off (the CLI asks with a flag).
    return { ...settings, reportUnusedDisableDirectives: settings.reportUnusedDisableDirectives ?? true, enable: record?.enable !== false, codeLens: record?.codeLens !== false, workspaceDiagnostics: record?.workspaceDiagnostics !== false };
  }

  function settingsFor(uri: string): Promise<ClientSettings> {
    if (!pullConfiguration) return Promise.resolve(pushedSettings);
    let pending = settingsCache.get(uri);
    if (!pending) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'kubeVipLint' })
        .then((raw) => (raw == null ? pushedSettings : toSettings(raw)), () => pushedSettings);
      settingsCache.set(uri, pending);
    }
    return pending;
  }

  const MENTIONS_KUBE_VIP = /kube[-_]?vip/i;

  /** Settings files whose problems were logged: said once, not per document. */
  const reportedConfigFiles = new Set<string>();

  /** The settings of the .kube-vip-lint.yaml that applies to `uri`, as the CLI reads it; an invalid one is logged and ignored. */
  function configFileSettings(uri: string): Settings | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const found = runtime.configFile?.configFor(uri);
    if (!found) return undefined;
    if (found.problems.length) {
      // Said once per file and content, in the log and as a warning the user sees: its folder is not
      // checked as the CLI would check it, and the diagnostics alone would not show why.
      const key = `${found.file}\n${found.problems.join('; ')}`;
      if (!reportedConfigFiles.has(key)) {
        reportedConfigFiles.add(key);
        connection.console.warn(`kube-vip-lint: ${found.file} is not used: ${found.problems.join('; ')}`);
        const name = found.file.split(/[\\/]/).pop();
        void connection.window
          .showWarningMessage(`kube-vip-lint: ${name} is not used, so its folder is checked with the editor's settings only: ${found.problems.join('; ')}.`, ...(found.uri ? [{ title: OPEN_FILE }] : []))
          .then((choice) => {
            if (choice?.title === OPEN_FILE && found.uri) void connection.window.showDocument({ uri: found.uri, takeFocus: true });
          }, () => undefined);
      }
      return undefined;
    }
    return found.settings;
  }

  /** The editor's settings on top of the file's, rule by rule (as ESLint's editor settings override its config). */
  function layered(fromFile: Settings | undefined, base: ClientSettings): Settings {
    if (!fromFile) return {};
    // VS Code sends every setting with its default filled in: a default is not a choice, and must not
    // override the file (the CLI, which has no such defaults, would read the file alone).
    const editor: Settings = {
      kubeVipVersion: base.kubeVipVersion,
      rules: base.rules,
      maxFileSize: base.maxFileSize === DEFAULT_MAX_FILE_SIZE ? undefined : base.maxFileSize,
      reportUnusedDisableDirectives: base.reportUnusedDisableDirectives === true ? undefined : base.reportUnusedDisableDirectives,
    };
    const merged = mergeSettings(fromFile, editor);
    return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as Settings;
  }

  /**
   * The core settings for one version of a document: the client's, plus what the document itself says
   * (markdown by its language id) and, for a file on disk that mentions kube-vip, the kustomize image
   * overrides of the kustomization.yaml that lists it. The same object while nothing changes, so that
   * analyses stay cached.
   */
  function settingsOfDocument(doc: TextDocument, base: ClientSettings): Settings {
    const memo = documentSettings.get(doc.uri);
    if (memo && memo.version === doc.version && memo.base === base) return memo.settings;
    let imageOverrides: Settings['imageOverrides'] = [];
    if (doc.uri.startsWith('file:') && MENTIONS_KUBE_VIP.test(doc.getText())) imageOverrides = kustomize.imageOverridesFor(doc.uri);
    const format = doc.languageId === 'markdown' ? 'markdown' : undefined;
    const fromFile = configFileSettings(doc.uri);
    const key = JSON.stringify([imageOverrides, format, fromFile]);
    const settings: Settings =
      memo && memo.base === base && memo.key === key
        ? memo.settings
        : { ...base, ...layered(fromFile, base), ...(format && { format }), ...(imageOverrides.length && { imageOverrides }) };
    documentSettings.set(doc.uri, { version: doc.version, base, key, settings });
    return settings;
  }

  /** The analysis of the document's current version: parsed once, shared by diagnostics, hover and code actions. */
  async function analysisOf(doc: TextDocument): Promise<Analysis | undefined> {
    const clientSettings = await settingsFor(doc.uri);
    if (!clientSettings.enable) return undefined;
    const settings = settingsOfDocument(doc, clientSettings);
    const cached = analyses.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settings === settings) return cached.analysis;
    const analysis = analyze(doc.getText(), settings, RULES, documentCache);
    analyses.set(doc.uri, { version: doc.version, settings, analysis });
    crossDirty = true;
    return analysis;
  }

  /** Resolves after `ms`, or at once when the request is cancelled. */
  function pause(ms: number, token: { isCancellationRequested: boolean; onCancellationRequested(listener: () => void): unknown }): Promise<void> {
    if (ms <= 0 || token.isCancellationRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      token.onCancellationRequested(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  function schedule(doc: TextDocument, delay = options.debounceMs): void {
    clearTimeout(timers.get(doc.uri));
    const run = () => {
      timers.delete(doc.uri);
      void validate(doc.uri, doc.version);
    };
    if (delay <= 0) run();
    else timers.set(doc.uri, setTimeout(run, delay));
  }

  async function validate(uri: string, version: number): Promise<void> {
    const doc = documents.get(uri);
    if (!doc || doc.version !== version) return; // closed or stale: a newer run is scheduled
    try {
      const analysis = await analysisOf(doc);
      const current = documents.get(uri);
      if (!current || current.version !== version) return;
      sendStatus(doc, analysis);
      if (pull) {
        workspaceChanged(); // the client pulls this document itself; others may depend on it
        return;
      }
      sendOpen(doc, analysis);
      workspaceChanged();
    } catch (error) {
      connection.console.error(`kube-vip-lint: linting ${uri} failed: ${(error as Error).stack ?? error}`);
    }
  }

  /**
   * What the file was checked as, for the client's language status item: the kube-vip configurations and
   * their versions, or why nothing was checked (disabled, too large, no kube-vip), and when.
   */
  function sendStatus(doc: TextDocument, analysis: Analysis | undefined): void {
    const at = new Date().toTimeString().slice(0, 8);
    const status = analysis ? fileStatus(analysis) : undefined;
    void connection.sendNotification(STATUS_NOTIFICATION, {
      uri: doc.uri,
      state: !analysis ? 'disabled' : status!.tooLarge ? 'too-large' : status!.configurations === 0 ? 'no-configuration' : 'linted',
      configurations: status?.configurations ?? 0,
      versions: status?.versions ?? [],
      at,
    });
  }

  /** Pushes an open document's diagnostics: its own findings with the cross-file ones. */
  function sendOpen(doc: TextDocument, analysis: Analysis | undefined): void {
    const findings = analysis ? mergeFindings(analysis.findings, currentCross().get(doc.uri)) : [];
    const diagnostics = findings.map((f) => toDiagnostic(doc, f));
    sentCross.set(doc.uri, crossKey(doc.uri));
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  // ------------------------------------------------------------------ the workspace index
  // Unopened files of the workspace folders are analysed once (and again when they change on disk);
  // the cross-file rules then run over the facts of every file, open or not. That pass reads no YAML,
  // so it runs after every change, and only files whose diagnostics changed are sent again.
  let pull = false;
  let refreshSupport = false;
  /** The client re-asks for code lenses on workspace/codeLens/refresh (versions or settings changed). */
  let lensRefresh = false;
  /** The client takes versioned document edits with change annotations (the upgrade's reviewed edit). */
  let annotatedEdits = false;
  /** The client resolves a code action's edit and command later (codeAction/resolve, with data). */
  let resolveEdits = false;
  const refreshLenses = () => {
    if (lensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  };
  let folders: string[] = [];
  /** Analyses of unopened files that hold something: kube-vip, a resource the cross-file rules read, or findings. */
  interface DiskEntry {
    readonly analysis: Analysis;
    readonly doc: TextDocument;
  }
  const disk = new Map<string, DiskEntry>();
  const indexing = { generation: 0, ready: false };
  let cross = new Map<string, CrossFinding[]>();
  let crossDirty = true;
  /**
   * Per unopened uri, what its last pushed (or pulled) diagnostics were computed from: the disk entry and
   * the cross-file findings (as JSON). A pass re-serialises only the files where either changed.
   */
  interface Sent {
    readonly entry: DiskEntry | undefined;
    readonly cross: string;
    readonly empty: boolean;
    /** The result id of a workspace pull answer. */
    readonly resultId?: string;
  }
  const pushed = new Map<string, Sent>();
  const pulled = new Map<string, Sent>();
  /** Per open uri, the cross-file findings last merged into its diagnostics (JSON). */
  const sentCross = new Map<string, string>();
  /** Per open uri, the version and cross-file findings of the last pull answer. */
  const pulledOpen = new Map<string, string>();

  /** True when `uri` is inside `folder` (or any workspace folder): by path segment, so /a/foo does not hold /a/foobar. */
  const inFolder = (uri: string, folder?: string): boolean =>
    folder === undefined ? folders.some((f) => inFolder(uri, f)) : uri.startsWith(folder.endsWith('/') ? folder : `${folder}/`);

  /** Per workspace folder, its files.exclude globs as the last index read them: the watcher skips those files too. */
  const excludes = new Map<string, ((relative: string) => boolean)[]>();

  function excluded(uri: string): boolean {
    const folder = folders.find((f) => inFolder(uri, f));
    const matchers = folder === undefined ? undefined : excludes.get(folder);
    if (!matchers?.length) return false;
    const relative = decodeURIComponent(uri.slice(folder!.replace(/\/$/, '').length + 1));
    return matchers.some((m) => m(relative));
  }

  async function filesExclude(folder: string): Promise<string[]> {
    if (!pullConfiguration) return [];
    try {
      const raw = (await connection.workspace.getConfiguration({ scopeUri: folder, section: 'files.exclude' })) as Record<string, unknown> | null;
      return raw ? Object.entries(raw).filter(([, on]) => on === true).map(([glob]) => glob) : [];
    } catch {
      return [];
    }
  }

  async function buildIndex(): Promise<void> {
    const generation = ++indexing.generation;
    indexing.ready = false;
    const started = Date.now();
    let files = 0;
    const workspace = runtime.workspace;
    // Built aside and swapped in at the end: until then the previous index keeps serving diagnostics.
    const next = new Map<string, DiskEntry>();
    for (const folder of workspace ? folders : []) {
      const base = await settingsFor(folder);
      if (!base.enable || !base.workspaceDiagnostics) continue;
      const exclude = await filesExclude(folder);
      if (generation !== indexing.generation) return;
      excludes.set(folder, exclude.map(globMatcher));
      for await (const uri of workspace!.list(folder, exclude)) {
        if (generation !== indexing.generation) return; // settings changed: a newer index runs
        files++;
        if (!documents.get(uri)) await indexFile(uri, base, next);
      }
    }
    if (generation !== indexing.generation) return;
    disk.clear();
    for (const [uri, entry] of next) if (!documents.get(uri)) disk.set(uri, entry);
    crossDirty = true;
    indexing.ready = true;
    workspaceChanged();
    void connection.sendNotification(INDEXED_NOTIFICATION, { files, ms: Date.now() - started });
  }

  /** Reads and analyses one unopened file into `into` (the index, or the one being built); keeps it only when it matters. */
  async function indexFile(uri: string, base?: ClientSettings, into: Map<string, DiskEntry> = disk): Promise<void> {
    const text = await runtime.workspace?.read(uri);
    if (text === undefined || documents.get(uri)) {
      if (text === undefined) connection.console.log(`kube-vip-lint: ${uri} could not be read; it is not checked`);
      if (into.delete(uri) && into === disk) crossDirty = true;
      return;
    }
    const clientSettings = base ?? (await settingsFor(folders.find((f) => inFolder(uri, f)) ?? uri));
    if (!clientSettings.enable || !clientSettings.workspaceDiagnostics) return;
    const mentions = MENTIONS_KUBE_VIP.test(text);
    const imageOverrides = mentions ? kustomize.imageOverridesFor(uri) : [];
    const format = /\.(md|markdown)$/i.test(uri) ? ('markdown' as const) : undefined;
    const settings = { ...clientSettings, ...layered(configFileSettings(uri), clientSettings), ...(format && { format }), ...(imageOverrides.length && { imageOverrides }) };
    const analysis = analyze(text, settings, RULES);
    // A big file that never names kube-vip (a lock file, a data dump) is not news.
    const findings = mentions ? analysis.findings : analysis.findings.filter((f) => f.rule !== 'file-too-large');
    if (analysis.containers.length === 0 && analysis.resources.length === 0 && findings.length === 0) {
      if (into.delete(uri) && into === disk) crossDirty = true;
      return;
    }
    into.set(uri, { analysis: { ...analysis, findings }, doc: TextDocument.create(uri, 'yaml', 0, text) });
    if (into === disk) crossDirty = true;
  }

  /** The cross-file findings of the current state, recomputed when something changed. */
  /** Every analysed file the cross-file rules see: unopened ones from the index, open ones from the editor. */
  function crossFiles(): { uri: string; analysis: Analysis }[] {
    const files = [...disk].filter(([uri]) => !documents.get(uri)).map(([uri, entry]) => ({ uri, analysis: entry.analysis }));
    for (const doc of documents.all()) {
      const entry = analyses.get(doc.uri);
      if (entry) files.push({ uri: doc.uri, analysis: entry.analysis });
    }
    return files.filter((f) => f.analysis.containers.length > 0 || f.analysis.resources.length > 0);
  }

  function currentCross(): Map<string, CrossFinding[]> {
    if (!crossDirty) return cross;
    cross = lintWorkspace(indexOf(crossFiles()));
    crossDirty = false;
    return cross;
  }

  const crossKey = (uri: string) => {
    const found = cross.get(uri);
    return found ? JSON.stringify(found) : '[]';
  };

  let publishing = false;
  /** Something in the index changed: send what changed, soon (several changes in one turn make one pass). */
  function workspaceChanged(): void {
    if (publishing) return;
    publishing = true;
    setImmediate(() => {
      publishing = false;
      try {
        publishWorkspace();
      } catch (error) {
        connection.console.error(`kube-vip-lint: workspace diagnostics failed: ${(error as Error).stack ?? error}`);
      }
    });
  }

  function publishWorkspace(): void {
    currentCross();
    if (pull) {
      // Tell the client to pull again only when some file would answer differently.
      const open = [...pulledOpen].some(([uri, key]) => key !== openKey(uri));
      const unopened = [...new Set([...pulled.keys(), ...disk.keys()])].some((uri) => !documents.get(uri) && stale(pulled.get(uri), uri));
      if ((open || unopened) && refreshSupport) void connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    for (const doc of documents.all()) {
      const entry = analyses.get(doc.uri);
      if (entry && entry.version === doc.version && sentCross.get(doc.uri) !== crossKey(doc.uri)) sendOpen(doc, entry.analysis);
    }
    for (const uri of new Set([...pushed.keys(), ...disk.keys()])) {
      if (documents.get(uri)) {
        pushed.delete(uri);
        continue;
      }
      const before = pushed.get(uri);
      if (!stale(before, uri)) continue;
      const diagnostics = diskDiagnostics(uri);
      const sent = { entry: disk.get(uri), cross: crossKey(uri), empty: diagnostics.length === 0 };
      if (sent.empty && (!before || before.empty)) {
        if (before) pushed.set(uri, sent);
        continue; // nothing shown, nothing to show
      }
      pushed.set(uri, sent);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  /** True when an unopened file's diagnostics may differ from what `sent` was computed from. */
  function stale(sent: Sent | undefined, uri: string): boolean {
    const entry = disk.get(uri);
    if (!sent) return entry !== undefined && (entry.analysis.findings.length > 0 || cross.has(uri));
    return sent.entry !== entry || sent.cross !== crossKey(uri);
  }

  /** What a pull for an open document depends on: its version and its cross-file findings. */
  function openKey(uri: string): string {
    return `${documents.get(uri)?.version}\0${crossKey(uri)}`;
  }

  /** Diagnostics of an unopened file: its own findings and the cross-file ones. */
  function diskDiagnostics(uri: string): Diagnostic[] {
    const entry = disk.get(uri);
    if (!entry) return [];
    return mergeFindings(entry.analysis.findings, cross.get(uri)).map((f) => toDiagnostic(entry.doc, f));
  }

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    try {
      if (!doc) {
        currentCross();
        const items = diskDiagnostics(uri);
        pulled.set(uri, { entry: disk.get(uri), cross: crossKey(uri), empty: items.length === 0 });
        return { kind: 'full', items };
      }
      // While typing, the client pulls after every change and cancels the previous pull: wait for the
      // edits to pause (the debounce of push diagnostics) before analysing a changed document again.
      // A document not analysed yet (just opened) is answered at once.
      const previous = analyses.get(uri);
      if (previous && previous.version !== doc.version) await pause(options.debounceMs, token);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'superseded by a newer edit');
      const analysis = await analysisOf(doc);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'superseded by a newer edit');
      currentCross();
      const items = analysis ? mergeFindings(analysis.findings, cross.get(uri)).map((f) => toDiagnostic(doc, f)) : [];
      pulledOpen.set(uri, openKey(uri));
      return { kind: 'full', items };
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      connection.console.error(`kube-vip-lint: diagnostics of ${uri} failed: ${(error as Error).stack ?? error}`);
      return { kind: 'full', items: [] };
    }
  });

  connection.languages.diagnostics.onWorkspace(async (params) => {
    currentCross();
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const uri of new Set([...disk.keys(), ...previous.keys()])) {
      if (documents.get(uri)) continue; // the client pulls open documents itself
      // The client asks again every few seconds: answer "unchanged" without recomputing where nothing changed.
      const before = pulled.get(uri);
      if (before?.resultId !== undefined && previous.get(uri) === before.resultId && !stale(before, uri)) {
        items.push({ kind: 'unchanged', uri, resultId: before.resultId, version: null });
        continue;
      }
      const diagnostics = diskDiagnostics(uri);
      const resultId = hash(JSON.stringify(diagnostics));
      pulled.set(uri, { entry: disk.get(uri), cross: crossKey(uri), empty: diagnostics.length === 0, resultId });
      if (previous.get(uri) === resultId) items.push({ kind: 'unchanged', uri, resultId, version: null });
      else items.push({ kind: 'full', uri, resultId, version: null, items: diagnostics });
    }
    return { items };
  });

  const SEVERITY: Record<Severity, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint,
  };

  function toDiagnostic(doc: TextDocument, finding: Finding): Diagnostic {
    return {
      range: { start: doc.positionAt(finding.span.start), end: doc.positionAt(finding.span.end) },
      severity: SEVERITY[finding.severity],
      source: 'kube-vip-lint',
      code: finding.rule,
      codeDescription: { href: docsUrl(finding.rule) },
      message: fullMessage(finding),
      data: finding.messageId === undefined ? undefined : { messageId: finding.messageId },
      relatedInformation: finding.related.length
        ? finding.related.flatMap((r) => {
            // Offsets become positions in the file they point into; one the server does not hold is left out.
            const target = r.uri === undefined || r.uri === doc.uri ? doc : (documents.get(r.uri) ?? disk.get(r.uri)?.doc);
            if (!target) return [];
            return [{ location: { uri: target.uri, range: { start: target.positionAt(r.span.start), end: target.positionAt(r.span.end) } }, message: r.message }];
          })
        : undefined,
    };
  }

  // TextDocuments fires onDidOpen and then onDidChangeContent for an opened document: lint it once,
  // at once, and debounce only real edits.
  const justOpened = new Map<string, number>();
  documents.onDidOpen((e) => {
    justOpened.set(e.document.uri, e.document.version);
    if (disk.delete(e.document.uri)) crossDirty = true; // the editor's text replaces the file's
    schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.get(e.document.uri) === e.document.version) return;
    justOpened.delete(e.document.uri);
    schedule(e.document);
  });
  documents.onDidClose((e) => {
    pulledOpen.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    if (analyses.delete(e.document.uri)) crossDirty = true;
    documentSettings.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    justOpened.delete(e.document.uri);
    sentCross.delete(e.document.uri);
    const uri = e.document.uri;
    if (!pull) void connection.sendDiagnostics({ uri, diagnostics: [] });
    // Closed: what is saved on disk counts again, and gets diagnostics as an unopened file.
    if (indexing.ready && inFolder(uri)) void indexFile(uri).then(workspaceChanged);
    else workspaceChanged();
  });

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const analysis = await analysisOf(doc);
      if (token.isCancellationRequested) return null;
      const hover = analysis && hoverAt(analysis, doc.offsetAt(params.position));
      if (!hover) return null;
      return {
        contents: hoverMarkdown ? { kind: MarkupKind.Markdown, value: hover.markdown } : { kind: MarkupKind.PlainText, value: markdownToPlainText(hover.markdown) },
        range: { start: doc.positionAt(hover.span.start), end: doc.positionAt(hover.span.end) },
      };
    } catch (error) {
      connection.console.error(`kube-vip-lint: hover failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  });

  // The effective configuration: a lens over each kube-vip image ("kube-vip v0.8.9 · ARP · …"); choosing it
  // asks the client to show the whole table (EFFECTIVE_CONFIG_COMMAND with the document and the lens's
  // line), which it gets with EFFECTIVE_CONFIG_REQUEST. Other clients show the lens as a label.
  connection.onCodeLens(async (params, token): Promise<CodeLens[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !(await settingsFor(doc.uri)).codeLens) return [];
    const analysis = await analysisOf(doc);
    if (!analysis || token.isCancellationRequested) return [];
    return effectiveConfigLenses(analysis.containers).map((lens) => {
      const range = { start: doc.positionAt(lens.span.start), end: doc.positionAt(lens.span.end) };
      return { range, command: { title: lens.title, command: EFFECTIVE_CONFIG_COMMAND, arguments: [doc.uri, range.start.line] } };
    });
  });

  connection.onRequest(EFFECTIVE_CONFIG_REQUEST, async (params: { uri: string; line: number }): Promise<{ markdown: string } | null> => {
    const doc = documents.get(params.uri);
    const analysis = doc && (await analysisOf(doc));
    if (!doc || !analysis) return null;
    const container = analysis.containers.find((c) => doc.positionAt(c.imageSpan.start).line === params.line);
    return container ? { markdown: explanationMarkdown(explain(container)) } : null;
  });

  connection.onCodeAction(async (params, token): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    try {
      const analysis = await analysisOf(doc);
      if (!analysis || token.isCancellationRequested) return [];
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(doc, analysis, params.range));
      if (wants(CodeActionKind.RefactorRewrite)) actions.push(...upgradeActions(doc, analysis, params.range));
      // source.fixAll (editor.codeActionsOnSave) is asked for explicitly, never offered under the cursor.
      if (only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`))) {
        const all = fixAllAction(doc, analysis, 'Fix all kube-vip-lint problems', FIX_ALL_KIND);
        if (all) actions.push(all);
      }
      return actions;
    } catch (error) {
      connection.console.error(`kube-vip-lint: code actions failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  function quickFixes(doc: TextDocument, analysis: Analysis, lspRange: { start: Position; end: Position }): CodeAction[] {
    // Ranges come from our own analysis of the current text, never from what the client echoes back.
    const range = { start: doc.offsetAt(lspRange.start), end: doc.offsetAt(lspRange.end) };
    // "not-checked" says what could not be checked and why: there is nothing to repair, and a comment
    // that silences it line by line would make a blind spot silent again (the setting still can).
    const fixes = quickFixesAt(analysis, range, (f) => f.rule !== NOT_CHECKED, currentCross().get(doc.uri));
    const actions: CodeAction[] = fixes.map(({ finding, fix }) => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      isPreferred: fix.preferred,
      diagnostics: [toDiagnostic(doc, finding)],
      edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })) } },
    }));
    // "Fix all <rule> problems in this file", where the rule has more than one preferred fix in it.
    const rules = new Set(fixes.filter((q) => !q.suppression).map((q) => q.finding.rule));
    for (const rule of rules) {
      if (analysis.findings.filter((f) => f.rule === rule && f.fixes.some((x) => x.preferred)).length < 2) continue;
      const all = fixAllAction(doc, analysis, `Fix all ${rule} problems in this file`, CodeActionKind.QuickFix, (f) => f.rule === rule);
      if (all) actions.push(all);
    }
    return actions;
  }

  /**
   * "Upgrade kube-vip to vX.Y.Z" on an image with a literal version tag: the newest patch of its minor and
   * the newest release. One reviewed edit: each change of the plan is a change annotation (its label says
   * what, its description why; values that change what kube-vip does need confirmation), and what cannot
   * be carried over is shown in a message after the edit, and is the tag edit's description.
   */
  function upgradeActions(doc: TextDocument, analysis: Analysis, lspRange: { start: Position; end: Position }): CodeAction[] {
    const range = { start: doc.offsetAt(lspRange.start), end: doc.offsetAt(lspRange.end) };
    const text = doc.getText();
    const actions: CodeAction[] = [];
    analysis.containers.forEach((container, index) => {
      if (!container.versionFromTag || container.imageSpan.end < range.start || container.imageSpan.start > range.end) return;
      for (const target of upgradeTargets(container.version)) {
        const plan = planUpgrade(text, container, target);
        if (plan.edits.length === 0) continue;
        const to = formatVersion(target);
        const action: CodeAction = { title: `Upgrade kube-vip to ${to}`, kind: CodeActionKind.RefactorRewrite };
        // The edit needs the workspace's roles checked against the upgraded file: VS Code asks for code
        // actions whenever the cursor moves, so that is left to codeAction/resolve where the client has it.
        if (resolveEdits) actions.push({ ...action, data: { upgrade: { uri: doc.uri, version: doc.version, index, to } } satisfies UpgradeData });
        else actions.push({ ...action, ...upgradeEdit(doc, analysis, container, plan) });
      }
    });
    return actions;
  }

  /** What a lazily resolved upgrade action carries: the document version and container it was offered for. */
  interface UpgradeData {
    readonly upgrade: { readonly uri: string; readonly version: number; readonly index: number; readonly to: string };
  }

  connection.onCodeActionResolve(async (action) => {
    const data = (action.data as Partial<UpgradeData> | undefined)?.upgrade;
    const doc = data && documents.get(data.uri);
    // The document changed since the action was offered: no edit (the client asks again).
    if (!data || !doc || doc.version !== data.version) return action;
    const analysis = await analysisOf(doc);
    const container = analysis?.containers[data.index];
    const target = parseVersion(data.to);
    if (!analysis || !container || !target) return action;
    return { ...action, ...upgradeEdit(doc, analysis, container, planUpgrade(doc.getText(), container, target)) };
  });

  /**
   * The upgrade's edit: the plan's changes, each with its change annotation (or plain edits), the role
   * edits the upgraded version needs in the workspace, and the summary message shown after it.
   */
  function upgradeEdit(doc: TextDocument, analysis: Analysis, container: KubeVipContainer, plan: UpgradePlan): { edit: WorkspaceEdit; command: Command } {
    const to = formatVersion(plan.to);
    // The roles in the workspace that the upgraded version needs more of: edited too, to confirm.
    const rbac = rbacForUpgrade(crossFiles(), doc.uri, analyze(applyUpgrade(doc.getText(), plan), analysis.settings, RULES));
    const lost = plan.notCarried.filter((n) => !(rbac.length && n.variable === 'rbac')).map((n) => `${n.what}: ${n.why}`);
    const roles = rbac.length ? ` ${rbac.length} role edit(s) for the RBAC ${to} needs, to confirm.` : '';
    const summary = `kube-vip ${formatVersion(container.version)} → ${to}: ${plan.changes.length} change(s)${plan.changes.some((c) => c.needsConfirmation) ? ', some to confirm' : ''}.${roles}${lost.length ? ` Not carried over: ${lost.join(' ')}` : ''}`;
    const command = { title: 'What the upgrade changed', command: UPGRADE_SUMMARY_COMMAND, arguments: [summary] };
    const toRange = (e: { start: number; end: number }) => ({ start: doc.positionAt(e.start), end: doc.positionAt(e.end) });
    if (!annotatedEdits) {
      const changes: Record<string, TextEdit[]> = { [doc.uri]: plan.edits.map((e) => ({ range: toRange(e), newText: e.newText })) };
      for (const r of rbac) changes[r.uri] = [...(changes[r.uri] ?? []), ...r.edits.map((e) => ({ range: rangeIn(r.uri, e), newText: e.newText }))];
      return { edit: { changes }, command };
    }
    const annotations: Record<string, ChangeAnnotation> = {};
    const edits: AnnotatedTextEdit[] = [];
    plan.changes.forEach((change, i) => {
      const id = `kube-vip-lint.upgrade.${i}`;
      const description = change.kind === 'tag' && lost.length ? `${change.why} Not carried over: ${lost.join(' ')}` : change.why;
      annotations[id] = { label: change.what, description, needsConfirmation: change.needsConfirmation };
      for (const e of change.edits) edits.push({ range: toRange(e), newText: e.newText, annotationId: id });
    });
    const documentChanges: TextDocumentEdit[] = [{ textDocument: { uri: doc.uri, version: doc.version }, edits }];
    rbac.forEach((r, i) => {
      const id = `kube-vip-lint.upgrade.rbac.${i}`;
      annotations[id] = { label: `RBAC for ${to}: ${r.title}`, description: r.why, needsConfirmation: true };
      const roleEdits = r.edits.map((e) => ({ range: rangeIn(r.uri, e), newText: e.newText, annotationId: id }));
      documentChanges.push({ textDocument: { uri: r.uri, version: documents.get(r.uri)?.version ?? null }, edits: roleEdits });
    });
    return { edit: { documentChanges, changeAnnotations: annotations }, command };
  }

  /** An offset range in another workspace file (open, or as the index read it) as an LSP range. */
  function rangeIn(uri: string, span: { start: number; end: number }): { start: Position; end: Position } {
    const open = documents.get(uri);
    if (open) return { start: open.positionAt(span.start), end: open.positionAt(span.end) };
    const position = (offset: number) => {
      const p = disk.get(uri)!.analysis.position(offset);
      return { line: p.line - 1, character: p.column - 1 };
    };
    return { start: position(span.start), end: position(span.end) };
  }

  connection.onExecuteCommand((params) => {
    if (params.command !== UPGRADE_SUMMARY_COMMAND || typeof params.arguments?.[0] !== 'string') return;
    const summary = params.arguments[0];
    void connection.window.showInformationMessage(summary);
  });

  /** The preferred fixes of the whole document (of one rule), applied together, as one edit. */
  function fixAllAction(doc: TextDocument, analysis: Analysis, title: string, kind: string, only?: (f: Finding) => boolean): CodeAction | undefined {
    const text = doc.getText();
    const edit = replacementEdit(text, fixAll(text, analysis.settings, only).text);
    if (!edit) return undefined;
    return { title, kind, edit: { changes: { [doc.uri]: [{ range: { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) }, newText: edit.newText }] } } };
  }

  connection.onCompletion(async (params, token): Promise<CompletionList | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const analysis = await analysisOf(doc);
      if (!analysis || token.isCancellationRequested) return null;
      const result = completionsAt(analysis, doc.offsetAt(params.position));
      if (!result) return null;
      const items = result.items.map((item): CompletionItem => {
        const span = item.replaceSpan ?? result.span;
        const snippet = !!item.isSnippet && snippetSupport;
        const newText = item.isSnippet && !snippetSupport ? item.label : (item.insertText ?? item.label);
        return {
          label: item.label,
          kind: item.kind === 'variable' ? CompletionItemKind.Variable : item.kind === 'rule' ? CompletionItemKind.Keyword : CompletionItemKind.Value,
          detail: item.detail,
          documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
          sortText: item.sortText,
          tags: item.deprecated ? [CompletionItemTag.Deprecated] : undefined,
          insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
          // Snippets carry their own absolute indentation.
          insertTextMode: snippet ? InsertTextMode.asIs : undefined,
          ...(span
            ? { textEdit: { range: { start: doc.positionAt(span.start), end: doc.positionAt(span.end) }, newText } }
            : { insertText: newText }),
        };
      });
      return { isIncomplete: false, items };
    } catch (error) {
      connection.console.error(`kube-vip-lint: completion failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  });

  /** For clients that render only plain text: drop emphasis and code marks, keep the words. */
  function markdownToPlainText(markdown: string): string {
    return markdown
      .replace(/^```\w*\n?/gm, '')
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  }

  documents.listen(connection);
}

/**
 * Lints a small manifest once, result discarded: V8 compiles the YAML parser, the model and the rules
 * on first use, which makes the first analysis several times slower than the next ones.
 */
function warmUp(): void {
  const env = ['vip_arp', 'svc_enable', 'cp_enable', 'vip_leaseduration', 'bgp_enable', 'prometheus_server']
    .map((name, i) => `        - name: ${name}\n          value: "${i}"`)
    .join('\n');
  const text = `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: kube-vip\nspec:\n  template:\n    spec:\n      containers:\n      - name: kube-vip\n        image: ghcr.io/kube-vip/kube-vip:v0.8.9\n        args: ["manager"]\n        env:\n${env}\n        - name: vip_cidr\n          value: "128"\n        - name: address\n          value: 10.0.0.1\n---\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  loadBalancerIP: 10.0.0.2\n`;
  try {
    const analysis = analyze(text, {}, RULES);
    lintWorkspace(indexOf([{ uri: 'warm-up:', analysis }]));
    hoverAt(analysis, text.indexOf('vip_cidr'));
  } catch {
    // only a warm-up
  }
}

/** FNV-1a of a string, as a short result id. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
