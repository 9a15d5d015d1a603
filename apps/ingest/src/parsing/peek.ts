/** Looking at the start of a stream without losing it: the chunks read are replayed first. */
import { Readable } from "node:stream";

/** The chunks read ahead and a stream that yields them again, then the rest of the source. */
export interface Peeked<T> {
  head: T[];
  done: boolean;
  rest: Readable;
}

/**
 * Reads chunks from a stream until `enough(head)` says so or the stream ends, and returns them
 * with a replaying stream; destroying the replay destroys the source.
 */
export async function peekStream<T extends Buffer | string>(
  source: Readable,
  enough: (head: readonly T[]) => boolean,
): Promise<Peeked<T>> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<T>;
  const head: T[] = [];
  let done = false;
  while (!enough(head)) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
  }
  async function* replay(): AsyncGenerator<T> {
    try {
      yield* head;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        yield next.value;
      }
    } finally {
      // Ends the source when the reader stops early (a no-op once it has ended).
      await iterator.return?.();
    }
  }
  return { head, done, rest: Readable.from(replay(), { objectMode: false }) };
}

/** Total length of byte chunks. */
export function byteLength(chunks: readonly Buffer[]): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.length;
  return total;
}
