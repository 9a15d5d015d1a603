import type { Writable } from "node:stream";
import type { Db } from "@spm/db";
import { DEFAULT_COMBO, type ProgramDefinition } from "@spm/kpi";
import { csvField } from "./cells";
import { EXPORT_COLUMNS, type ExportRequest, exportRows } from "./rows";
import { send } from "./sink";

/** CSV (RFC 4180, UTF-8 with a BOM so Excel shows Cyrillic, CRLF): a header, then every figure. */
export async function writeCsvExport(
  db: Db,
  program: ProgramDefinition,
  req: ExportRequest,
  out: Writable,
): Promise<void> {
  await send(out, `\uFEFF${EXPORT_COLUMNS.join(",")}\r\n`);
  for await (const page of exportRows(db, program, req)) {
    let chunk = "";
    for (const row of page) chunk += `${EXPORT_COLUMNS.map((c) => csvField(row[c])).join(",")}\r\n`;
    await send(out, chunk);
  }
}

/** JSON: the programme, `asOf`, `reportedOn`, `region`, then `figures` written one at a time. */
export async function writeJsonExport(
  db: Db,
  program: ProgramDefinition,
  req: ExportRequest,
  out: Writable,
): Promise<void> {
  const head = {
    program: program.code,
    asOf: req.asOf,
    reportedOn: req.reportedOn ?? null,
    region: req.region ?? null,
  };
  await send(out, `${JSON.stringify(head).slice(0, -1)},"figures":[`);
  let first = true;
  for await (const page of exportRows(db, program, req)) {
    let chunk = "";
    for (const row of page) {
      chunk += `${first ? "\n" : ",\n"}${JSON.stringify(row)}`;
      first = false;
    }
    await send(out, chunk);
  }
  await send(out, "\n]}\n");
}

// DHIS2's own id of the default category option combo (the same in every instance since 2.29).
const DHIS2_DEFAULT_COMBO = "HllvX50cXC0";

/**
 * A DHIS2 data value set through the programme's `dhis2` mapping: the first data element (and
 * combo) of each indicator, the first org unit of each place. A figure of an indicator or place
 * without a mapping, or withheld from this reader, is left out and counted in `skipped`.
 */
export async function writeDhis2Export(
  db: Db,
  program: ProgramDefinition,
  req: ExportRequest,
  out: Writable,
): Promise<void> {
  const fallback = program.dhis2?.defaultCategoryOptionCombo ?? DHIS2_DEFAULT_COMBO;
  const elements = new Map(
    program.indicators.flatMap((i) => {
      const m = i.dhis2?.[0];
      if (!m) return [];
      const combo = m.categoryOptionCombo ?? DEFAULT_COMBO;
      return [[i.code, { dataElement: m.dataElement, combo: combo || fallback }] as const];
    }),
  );
  const units = new Map(
    [program.nation, ...program.regions].flatMap((p) =>
      p.dhis2?.[0] ? [[p.code, p.dhis2[0]] as const] : [],
    ),
  );
  const skipped = { unmapped: 0, withheld: 0 };
  await send(out, '{"dataValues":[');
  let first = true;
  for await (const page of exportRows(db, program, req)) {
    let chunk = "";
    for (const row of page) {
      const element = elements.get(row.indicator);
      const orgUnit = units.get(row.place);
      if (!element || !orgUnit) skipped.unmapped++;
      else if (row.value === null) skipped.withheld++;
      else {
        const value = {
          dataElement: element.dataElement,
          period: row.period,
          orgUnit,
          categoryOptionCombo: element.combo,
          attributeOptionCombo: fallback,
          value: String(row.value),
          ...(row.note ? { comment: row.note } : {}),
        };
        chunk += `${first ? "\n" : ",\n"}${JSON.stringify(value)}`;
        first = false;
      }
    }
    await send(out, chunk);
  }
  await send(out, `\n],"skipped":${JSON.stringify(skipped)}}\n`);
}
