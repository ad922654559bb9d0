/**
 * A VS Code glob (files.exclude) as a test on paths relative to the folder: `**`, `*`, `?`, `{a,b}`
 * and `[…]`. A match on a folder excludes everything below it. Pure: the file walk (files.ts) and the
 * server's watcher share it.
 */
export function globMatcher(glob: string): (relative: string) => boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',' && re.includes('(?:')) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  const pattern = new RegExp(`^${re}(?:/.*)?$`);
  return (relative) => pattern.test(relative);
}
