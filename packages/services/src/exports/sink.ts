import type { Writable } from "node:stream";

/** The reader went away before the export was written: stop reading figures. */
export class ExportAborted extends Error {
  constructor() {
    super("the export's reader went away");
    this.name = "ExportAborted";
  }
}

/** Writes a chunk and waits while the reader is behind (memory stays bounded by one page). */
export async function send(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed || out.writableEnded) throw new ExportAborted();
  if (out.write(chunk)) return;
  await drained(out);
}

/** Resolves when `out` drains, rejects with ExportAborted when it is closed or closes first. */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportAborted());
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      out.off("close", closed);
      resolve();
    };
    const closed = () => {
      out.off("drain", done);
      reject(new ExportAborted());
    };
    out.once("drain", done);
    out.once("close", closed);
  });
}

/** The part of a Writable's state (Node's, or readable-stream's that exceljs's zip uses) read here. */
interface WritableState {
  _writableState?: { length: number; needDrain: boolean };
}

/**
 * Waits while the zip holds back a sheet's rows, then while the reader is behind (rejects with
 * ExportAborted when `out` closes first). exceljs (4.4.0, pinned) writes a sheet into its zip entry
 * without waiting for it: when deflating is slower than writing rows, the entry held up to 160 MB
 * of a 1,000,000-figure sheet outside the heap.
 */
export async function sheetDrained(sheet: object, out: Writable): Promise<void> {
  const stream = (sheet as { _stream?: { pipes?: (NodeJS.EventEmitter & WritableState)[] } })
    ._stream;
  for (const entry of stream?.pipes ?? []) await entryDrained(entry, out);
  await drained(out);
}

/** Resolves when a zip entry has passed on what it holds, rejects when `out` closes first. */
function entryDrained(entry: NodeJS.EventEmitter & WritableState, out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ExportAborted());
  if (!entry._writableState?.needDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      out.off("close", closed);
      resolve();
    };
    const closed = () => {
      entry.off("drain", done);
      reject(new ExportAborted());
    };
    entry.once("drain", done);
    out.once("close", closed);
  });
}
