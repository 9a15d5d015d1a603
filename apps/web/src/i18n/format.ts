/** Replaces `{name}` placeholders in a catalogue message (no catalogue imported: client-safe). */
export function format(message: string, params: Record<string, string | number> = {}): string {
  return message.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}
