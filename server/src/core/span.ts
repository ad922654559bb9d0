/**
 * Positions, a leaf module that imports nothing: offsets into one text, and a Location that names the
 * text (file) it is in, for results that point into another file than the one being linted.
 */

/** A source range as [start, end) offsets into a text (UTF-16 code units). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A text edit in the same offsets. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A span in a named file; `uri` absent means the file being linted. */
export interface Location {
  readonly uri?: string;
  readonly span: Span;
}
