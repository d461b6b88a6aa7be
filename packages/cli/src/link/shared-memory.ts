/** Typed arrays on SharedArrayBuffer, so worker threads read the dataset and blocks without a copy. */
export const sharedInt32 = (length: number): Int32Array => new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4)).subarray(0, length);

export function shareInt32(source: Int32Array): Int32Array {
  const out = sharedInt32(source.length);
  out.set(source);
  return out;
}

export function shareFloat64(source: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(Math.max(1, source.length) * 8)).subarray(0, source.length);
  out.set(source);
  return out;
}
