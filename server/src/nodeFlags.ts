/**
 * Node flags the VS Code client starts the server with. Parsing a large manifest allocates fast and
 * briefly; a 2 MB young generation keeps the peak RSS of a 50k-line file near 75 MB instead of
 * 90 MB, at no measurable latency cost (npm run bench). V8 reads this flag only at start-up.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
