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
