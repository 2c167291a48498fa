/**
 * What a terminal runs. By default one exec that picks the best shell inside the container
 * (bash, then ash, then sh): probing with one exec per shell costs round trips, leaves failed
 * sessions in the API server's logs and, in other consoles, one failed probe has killed the
 * whole session. A user-chosen command is split like a shell would split it, without needing a
 * shell in the image (distroless images have none).
 */
export const SHELL_PICKER = 'command -v bash >/dev/null && exec bash || command -v ash >/dev/null && exec ash || exec sh';

export const DEFAULT_SHELL_ARGV: readonly string[] = ['sh', '-c', SHELL_PICKER];

/** `python3 -c 'print(1)'` → ['python3', '-c', 'print(1)']; single and double quotes, backslash escapes. */
export function splitCommand(text: string): string[] {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} quote in the command`);
  if (inWord) argv.push(word);
  return argv;
}

/** The argv to exec: the user's command when given, else the shell picker. */
export function terminalArgv(command: string | undefined | null): string[] {
  const chosen = command?.trim() ? splitCommand(command) : [];
  return chosen.length > 0 ? chosen : [...DEFAULT_SHELL_ARGV];
}
