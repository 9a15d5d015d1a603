/**
 * A column pasted from a spreadsheet (Excel, LibreOffice and Google Sheets put rows on lines and
 * cells between tabs): the first cell of each line, in order. Trailing empty lines (a copied
 * selection ends with a line break) are dropped; empty cells inside stay, so rows keep their place.
 */
export function pastedColumn(text: string): string[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length > 0 && lines.at(-1)?.trim() === "") lines.pop();
  return lines.map((line) => (line.split("\t")[0] ?? "").trim());
}
