/**
 * The programme code a file names: the path of its PUT. JSON (by extension, or text that opens
 * with `{`) is parsed; YAML is read for a top-level `code:` line. The server checks the file again.
 */
export function programCodeOf(text: string, json: boolean): string | undefined {
  const yaml = /^code:\s*["']?([A-Za-z0-9-]+)["']?\s*(#.*)?$/m.exec(text)?.[1];
  if (yaml && !json) return yaml;
  if (!json && !text.trimStart().startsWith("{")) return undefined;
  try {
    const code = (JSON.parse(text) as { code?: unknown } | null)?.code;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}
