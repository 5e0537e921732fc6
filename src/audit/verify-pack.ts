/**
 * Rows packed into one ArrayBuffer for a worker: per row a 4-byte leaf length, a 4-byte hashes
 * length, the leaf's UTF-8 bytes and the stored hashes. Transferring the buffer moves it without
 * copying; the worker reads views into it.
 */
export interface PackedRows {
  buffer: ArrayBuffer;
  length: number;
}

export function packRows(rows: readonly { leaf: string; hashes: Buffer }[]): PackedRows {
  let capacity = 0;
  for (const row of rows) capacity += 8 + row.leaf.length * 3 + row.hashes.length;
  const buffer = Buffer.from(new ArrayBuffer(capacity));
  let offset = 0;
  for (const row of rows) {
    const written = buffer.write(row.leaf, offset + 8, 'utf8');
    buffer.writeUInt32LE(written, offset);
    buffer.writeUInt32LE(row.hashes.length, offset + 4);
    row.hashes.copy(buffer, offset + 8 + written);
    offset += 8 + written + row.hashes.length;
  }
  return { buffer: buffer.buffer as ArrayBuffer, length: offset };
}

export function* unpackRows(packed: PackedRows): Generator<{ leaf: Buffer; hashes: Buffer }> {
  const buffer = Buffer.from(packed.buffer, 0, packed.length);
  let offset = 0;
  while (offset < buffer.length) {
    const leafLength = buffer.readUInt32LE(offset);
    const hashesLength = buffer.readUInt32LE(offset + 4);
    const leafStart = offset + 8;
    const hashesStart = leafStart + leafLength;
    yield {
      leaf: buffer.subarray(leafStart, hashesStart),
      hashes: buffer.subarray(hashesStart, hashesStart + hashesLength),
    };
    offset = hashesStart + hashesLength;
  }
}
