/** Test helper: rewrites a zip with its entries in another order (as Excel orders them). */
import { crc32, deflateRawSync } from "node:zlib";

interface ZipEntry {
  name: string;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  data: Buffer;
}

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** Rewrites a zip, compressed data untouched, with its entries in the order `order` gives. */
export function reorderZip(zip: Buffer, order: (names: string[]) => string[]): Buffer {
  const entries = readEntries(zip);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  return writeZip(
    order(entries.map((entry) => entry.name)).map((name) => {
      const entry = byName.get(name);
      if (!entry) throw new Error(`no entry ${name}`);
      return entry;
    }),
  );
}

/** Rewrites a zip with the entry `name` holding `content` (deflated), the others untouched. */
export function replaceEntry(zip: Buffer, name: string, content: Buffer): Buffer {
  return writeZip(
    readEntries(zip).map((entry) =>
      entry.name === name
        ? {
            ...entry,
            method: 8,
            crc: crc32(content),
            size: content.length,
            data: deflateRawSync(content),
          }
        : entry,
    ),
  );
}

function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const nameBytes = Buffer.from(entry.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    writeCommon(local, 8, entry, nameBytes.length);
    locals.push(local, nameBytes, entry.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeCommon(central, 10, entry, nameBytes.length);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  EOCD.copy(end, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// Method, time, date, CRC, sizes and name length sit at the same relative place in both headers.
function writeCommon(header: Buffer, at: number, entry: ZipEntry, nameLength: number): void {
  header.writeUInt16LE(entry.method, at);
  header.writeUInt16LE(entry.time, at + 2);
  header.writeUInt16LE(entry.date, at + 4);
  header.writeUInt32LE(entry.crc, at + 6);
  header.writeUInt32LE(entry.data.length, at + 10);
  header.writeUInt32LE(entry.size, at + 14);
  header.writeUInt16LE(nameLength, at + 18);
}

function readEntries(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(EOCD);
  const count = zip.readUInt16LE(end + 10);
  const entries: ZipEntry[] = [];
  let p = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(p + 28);
    const skip = nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({
      name: zip.toString("utf8", p + 46, p + 46 + nameLength),
      method: zip.readUInt16LE(p + 10),
      time: zip.readUInt16LE(p + 12),
      date: zip.readUInt16LE(p + 14),
      crc: zip.readUInt32LE(p + 16),
      size: zip.readUInt32LE(p + 24),
      data: zip.subarray(start, start + zip.readUInt32LE(p + 20)),
    });
    p += 46 + skip;
  }
  return entries;
}
