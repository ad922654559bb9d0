/**
 * The language server: LSP glue over the pure core (documents, debounce, settings, publishing). It
 * runs on any LSP connection; what needs the platform (the docs location, reading kustomization.yaml
 * from disk) comes in through the runtime, so a browser entry can provide its own.
 */
import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  CompletionList,
  InsertTextFormat,
  InsertTextMode,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Hover,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, Analysis, completionsAt, createAnalysisCache, Finding, hoverAt, normalizeSettings, NOT_CHECKED, quickFixesAt, RULES, Settings, Severity } from '../core';

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
}

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
  /** The core's settings plus the switch that only the adapter knows about. */
  interface ClientSettings extends Settings {
    readonly enable: boolean;
  }
  let pushedSettings: ClientSettings = { enable: true };
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

  const docsUrl = (rule: string) => runtime.docsUrl(rule);

  connection.onInitialize((params) => {
    const init = (params.initializationOptions ?? {}) as { debounceMs?: number; settings?: unknown };
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) options.debounceMs = init.debounceMs;
    pushedSettings = toSettings(init.settings);
    const caps = params.capabilities;
    pullConfiguration = !!caps.workspace?.configuration;
    registerConfiguration = pullConfiguration && !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    watchKustomizations = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    // Neovim 0.7 and Eglot without yasnippet do not expand snippets: they would insert "$1" literally.
    snippetSupport = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    const hoverFormats = caps.textDocument?.hover?.contentFormat;
    hoverMarkdown = !hoverFormats || hoverFormats.includes(MarkupKind.Markdown);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '"', "'"] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'kube-vip-lint' },
    };
  });

  connection.onInitialized(() => {
    if (registerConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubeVipLint' }).catch(() => undefined);
    }
    if (watchKustomizations) {
      const watchers = kustomize.fileNames.map((name) => ({ globPattern: `**/${name}` }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
  });

  // A kustomization.yaml changed on disk: its `images:` may give open documents another kube-vip version.
  connection.onDidChangeWatchedFiles((params) => {
    if (!params.changes.some((c) => kustomize.fileNames.includes(c.uri.slice(c.uri.lastIndexOf('/') + 1)))) return;
    kustomize.clear();
    documentSettings.clear();
    analyses.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { kubeVipLint?: unknown } | undefined)?.kubeVipLint;
    if (pushed !== undefined) pushedSettings = toSettings(pushed);
    settingsCache.clear();
    documentSettings.clear();
    analyses.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  /** Client settings, validated; anything unexpected falls back to defaults (and is logged). */
  function toSettings(raw: unknown): ClientSettings {
    const { settings, problems } = normalizeSettings(raw);
    for (const problem of problems) connection.console.warn(`kube-vip-lint settings: ${problem}`);
    const enable = (raw as { enable?: unknown } | null | undefined)?.enable !== false;
    return { ...settings, enable };
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
    const key = JSON.stringify([imageOverrides, format]);
    const settings: Settings =
      memo && memo.base === base && memo.key === key
        ? memo.settings
        : { ...base, ...(format && { format }), ...(imageOverrides.length && { imageOverrides }) };
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
    return analysis;
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
      const diagnostics = analysis ? analysis.findings.map((f) => toDiagnostic(doc, f)) : [];
      await connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      connection.console.error(`kube-vip-lint: linting ${uri} failed: ${(error as Error).stack ?? error}`);
    }
  }

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
      message: finding.message,
      data: finding.messageId === undefined ? undefined : { messageId: finding.messageId },
      relatedInformation: finding.related.length
        ? finding.related.flatMap((r) => {
            // Offsets become positions in the file they point into; one the server does not hold is left out.
            const target = r.uri === undefined || r.uri === doc.uri ? doc : documents.get(r.uri);
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
    schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    if (justOpened.get(e.document.uri) === e.document.version) return;
    justOpened.delete(e.document.uri);
    schedule(e.document);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    documentSettings.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    justOpened.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
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

  connection.onCodeAction(async (params, token): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (params.context.only && !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
    try {
      const analysis = await analysisOf(doc);
      if (!analysis || token.isCancellationRequested) return [];
      // Ranges come from our own analysis of the current text, never from what the client echoes back.
      const range = { start: doc.offsetAt(params.range.start), end: doc.offsetAt(params.range.end) };
      // "not-checked" says what could not be checked and why: there is nothing to repair, and a comment
      // that silences it line by line would make a blind spot silent again (the setting still can).
      return quickFixesAt(analysis, range, (f) => f.rule !== NOT_CHECKED).map(({ finding, fix }) => ({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fix.preferred,
        diagnostics: [toDiagnostic(doc, finding)],
        edit: {
          changes: {
            [doc.uri]: fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
          },
        },
      }));
    } catch (error) {
      connection.console.error(`kube-vip-lint: code actions failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

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
          kind: item.kind === 'variable' ? CompletionItemKind.Variable : CompletionItemKind.Value,
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
