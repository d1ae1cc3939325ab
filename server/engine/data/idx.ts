import { DataError } from "./errors";

/**
 * The IDX format (LeCun's MNIST files): two zero bytes, a type code, the number of dimensions,
 * then each dimension as a big-endian uint32, then the values, big-endian, row-major.
 */
export type IdxDtype = "uint8" | "int8" | "int16" | "int32" | "float32" | "float64";

export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxArray {
  readonly dtype: IdxDtype;
  readonly dims: readonly number[];
  readonly data: IdxData;
}

interface DtypeInfo {
  readonly code: number;
  readonly bytes: number;
  readonly make: (length: number) => IdxData;
  readonly read: (view: DataView, offset: number) => number;
  readonly write: (view: DataView, offset: number, value: number) => void;
}

const DTYPES: Record<IdxDtype, DtypeInfo> = {
  uint8: {
    code: 0x08,
    bytes: 1,
    make: (n) => new Uint8Array(n),
    read: (v, o) => v.getUint8(o),
    write: (v, o, x) => v.setUint8(o, x),
  },
  int8: {
    code: 0x09,
    bytes: 1,
    make: (n) => new Int8Array(n),
    read: (v, o) => v.getInt8(o),
    write: (v, o, x) => v.setInt8(o, x),
  },
  int16: {
    code: 0x0b,
    bytes: 2,
    make: (n) => new Int16Array(n),
    read: (v, o) => v.getInt16(o),
    write: (v, o, x) => v.setInt16(o, x),
  },
  int32: {
    code: 0x0c,
    bytes: 4,
    make: (n) => new Int32Array(n),
    read: (v, o) => v.getInt32(o),
    write: (v, o, x) => v.setInt32(o, x),
  },
  float32: {
    code: 0x0d,
    bytes: 4,
    make: (n) => new Float32Array(n),
    read: (v, o) => v.getFloat32(o),
    write: (v, o, x) => v.setFloat32(o, x),
  },
  float64: {
    code: 0x0e,
    bytes: 8,
    make: (n) => new Float64Array(n),
    read: (v, o) => v.getFloat64(o),
    write: (v, o, x) => v.setFloat64(o, x),
  },
};

function dtypeOfCode(code: number): IdxDtype | undefined {
  return (Object.keys(DTYPES) as IdxDtype[]).find((d) => DTYPES[d].code === code);
}

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");

/** Parses an uncompressed IDX file; `where` names it in errors. Uint8 data is a view, not a copy. */
export function parseIdx(bytes: Uint8Array, where: string): IdxArray {
  if (bytes.length < 4) {
    throw new DataError(
      where,
      `truncated IDX file: ${bytes.length} bytes, shorter than the 4-byte magic number`,
    );
  }
  const dtype = dtypeOfCode(bytes[2]);
  if (bytes[0] !== 0 || bytes[1] !== 0 || dtype === undefined || bytes[3] === 0) {
    throw new DataError(
      where,
      `bad magic number ${hex(bytes.subarray(0, 4))}: an IDX file starts with 00 00, a type code ` +
        `(08 uint8, 09 int8, 0b int16, 0c int32, 0d float32, 0e float64) and a dimension count ≥ 1`,
    );
  }
  const rank = bytes[3];
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new DataError(
      where,
      `truncated IDX header: ${rank} dimensions need ${headerBytes} header bytes, the file has ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const info = DTYPES[dtype];
  const length = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + length * info.bytes;
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? "truncated IDX file" : "IDX file has trailing bytes";
    throw new DataError(
      where,
      `${what}: dimensions ${dims.join("×")} of ${dtype} need ${expected} bytes, the file has ${bytes.length}`,
    );
  }
  if (dtype === "uint8") return { dtype, dims, data: bytes.subarray(headerBytes, expected) };
  const data = info.make(length);
  for (let i = 0; i < length; i++) data[i] = info.read(view, headerBytes + i * info.bytes);
  return { dtype, dims, data };
}

/** Encodes an array as an uncompressed IDX file (the inverse of parseIdx). */
export function encodeIdx(array: IdxArray): Uint8Array {
  const info = DTYPES[array.dtype];
  const length = array.dims.reduce((a, b) => a * b, 1);
  if (length !== array.data.length) {
    throw new RangeError(
      `encodeIdx: dimensions ${array.dims.join("×")} hold ${length} values, data has ${array.data.length}`,
    );
  }
  const headerBytes = 4 + 4 * array.dims.length;
  const bytes = new Uint8Array(headerBytes + length * info.bytes);
  const view = new DataView(bytes.buffer);
  bytes[2] = info.code;
  bytes[3] = array.dims.length;
  array.dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  for (let i = 0; i < length; i++) info.write(view, headerBytes + i * info.bytes, array.data[i]);
  return bytes;
}
