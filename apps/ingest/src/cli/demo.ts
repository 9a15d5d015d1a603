import type { Db } from "@spm/db";
import { toIsoDate } from "@spm/kpi";
import { loadDemoData, processStatusWork, removeDemoData } from "@spm/services";

/** `spm demo load|remove`: synthetic figures for every programme, labelled as such everywhere. */
export async function runDemo(db: Db, argv: string[]): Promise<void> {
  const action = argv[0];
  if (action === "load") {
    const r = await loadDemoData(db, "cli");
    process.stderr.write(
      r.inserted + r.skipped === 0
        ? "demo data is already loaded (npm run spm -- demo remove takes it out)\n"
        : `loaded ${r.inserted} synthetic figures (${r.skipped} left alone: a real figure exists)\n`,
    );
  } else if (action === "remove") {
    const r = await removeDemoData(db, "cli");
    process.stderr.write(`removed ${r.removed} synthetic figures; real figures are untouched\n`);
  } else {
    throw new Error("usage: spm demo load | spm demo remove");
  }
  // The change wrote its status work; do it now, so the statuses show it with no worker running.
  while ((await processStatusWork(db, { asOf: toIsoDate(new Date()) })).more);
}
