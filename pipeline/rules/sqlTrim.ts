/** SQL's trim(): leading and trailing spaces removed (not tabs or other white space), as in both engines. */
export function sqlTrim(text: string): string {
  return text.replace(/^ +| +$/g, '');
}
