/**
 * SARIF 2.1.0 for code scanning (GitHub uploads it with github/codeql-action/upload-sarif): one run,
 * the rules with their metadata, each finding with its exact region, related locations, fixes as
 * SARIF `fixes`, and findings that disable comments silence as `suppressions`. Columns are UTF-16 code
 * units, as the core counts them (run.columnKind).
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { ALL_RULES, fullMessage } from './core';
import type { Analysis, Finding, Severity, Span } from './core';
import { ENGINE_RULES } from './core/engineRules';

export interface SarifFile {
  /** The path as reported (relative to the working directory where it can be). */
  readonly file: string;
  readonly uri: string;
  readonly analysis: Analysis;
  /** Its findings, cross-file ones included. */
  readonly findings: readonly Finding[];
}

/**
 * A reported path as a SARIF artifact URI: a relative path percent-encoded segment by segment (a space is
 * %20), an absolute one as a file: URI.
 */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).map(encodeURIComponent).join('/');
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The SARIF log of a run; `positionsOf` turns offsets of any linted file into line and column. */
export interface SarifTool {
  readonly version: string;
  readonly informationUri: string;
  /** Where a rule's docs page is. */
  docsUrl(rule: string): string;
}

export function toSarif(files: readonly SarifFile[], tool: SarifTool, positionsOf: (uri: string) => Analysis['position'] | undefined): object {
  const rules = [...ALL_RULES, ...ENGINE_RULES].map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const uriOf = new Map(files.map((f) => [f.uri, artifactUri(f.file)]));
  const region = (position: Analysis['position'], span: Span) => {
    const start = position(span.start);
    const end = position(span.end);
    return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
  };
  const result = (f: SarifFile, finding: Finding, suppressed: boolean) => ({
    ruleId: finding.rule,
    ...(index.has(finding.rule) && { ruleIndex: index.get(finding.rule) }),
    level: LEVEL[finding.severity],
    message: { text: fullMessage(finding) },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.file) }, region: region(f.analysis.position, finding.span) } }],
    ...(finding.messageId && { properties: { messageId: finding.messageId } }),
    ...(finding.related.length && {
      relatedLocations: finding.related.flatMap((r, i) => {
        const uri = r.uri ?? f.uri;
        const position = uri === f.uri ? f.analysis.position : positionsOf(uri);
        if (!position) return [];
        return [{ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: { uri: uriOf.get(uri) ?? uri }, region: region(position, r.span) } }];
      }),
    }),
    ...(finding.fixes.length && {
      fixes: finding.fixes.map((fix) => ({
        description: { text: fix.title },
        artifactChanges: [{ artifactLocation: { uri: artifactUri(f.file) }, replacements: fix.edits.map((e) => ({ deletedRegion: region(f.analysis.position, e), insertedContent: { text: e.newText } })) }],
      })),
    }),
    ...(suppressed && { suppressions: [{ kind: 'inSource', justification: 'a kube-vip-lint-disable comment' }] }),
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-vip-lint',
            version: tool.version,
            informationUri: tool.informationUri,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: tool.docsUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: files.flatMap((f) => [...f.findings.map((x) => result(f, x, false)), ...f.analysis.suppressed.map((x) => result(f, x, true))]),
      },
    ],
  };
}
