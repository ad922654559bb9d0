/**
 * Helm, Jinja and Go-template manifests are not YAML until rendered. We mask template syntax with
 * text of the same length, so the YAML parser sees a plausible document and every offset still
 * points into the original text:
 * - a line holding only a control tag (`{% if x %}`, `{{- end }}`, `{{/* note *\/}}`) becomes spaces;
 * - an inline expression (`{{ .Values.tag }}`, `{{ kube_vip_iface }}`, envsubst's `${VAR}`) becomes `$(____)`, which the
 *   model recognises as a templated (unknown) value;
 * - with `blankExpressionLines`, a line holding only expressions (`{{ toYaml .Values.env | nindent 8 }}`,
 *   a template that stands for a whole mapping or list, often at another indentation) becomes spaces
 *   too. parseChunk asks for this only when the first masking does not parse.
 */
import type { Span } from './span';
export interface MaskedText {
  readonly text: string;
  /** Control lines that were blanked: entries inside them may or may not be rendered. */
  readonly controlLines: readonly Span[];
}

const CONTROL_LINE = /^[ \t]*(\{%-?[\s\S]*?-?%\}|\{\{-?\s*(?:if|else|end|range|with|define|block|template|include|\/\*)[\s\S]*?-?\}\}|\{#[\s\S]*?#\})[ \t]*\r?$/;
const EXPRESSION = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}|\$\{[^}\n]*\}/g;
const EXPRESSION_LINE = /^[ \t]*(?:(?:\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\})[ \t]*)+\r?$/;

export interface MaskOptions {
  /** Also blank lines that hold only template expressions (the fallback for text that does not parse). */
  readonly blankExpressionLines?: boolean;
}

/** Masks template syntax; returns the input unchanged (and no control lines) when there is none. */
export function maskTemplates(text: string, options: MaskOptions = {}): MaskedText {
  if (!text.includes('{{') && !text.includes('{%') && !text.includes('{#') && !text.includes('${')) return { text, controlLines: [] };
  const controlLines: Span[] = [];
  let offset = 0;
  const lines = text.split('\n').map((line) => {
    const start = offset;
    offset += line.length + 1;
    if (CONTROL_LINE.test(line) || (options.blankExpressionLines && EXPRESSION_LINE.test(line))) {
      controlLines.push({ start, end: start + line.length });
      return line.replace(/[^\r]/g, ' ');
    }
    return line.replace(EXPRESSION, (m) => (m.length < 3 ? m : `$(${'_'.repeat(m.length - 3)})`));
  });
  return { text: lines.join('\n'), controlLines };
}
