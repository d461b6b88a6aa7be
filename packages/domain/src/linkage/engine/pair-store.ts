/** Candidate pairs and their comparison vectors, in growable typed arrays (no object per pair). */
export class PairStore {
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  levels: Uint8Array;
  size = 0;
  constructor(readonly comparisons: number) {
    this.levels = new Uint8Array(1024 * comparisons);
  }

  /** Reserves the next slot and returns the offset where its K levels are to be written. */
  push(i: number, j: number): number {
    if (this.size === this.left.length) this.grow();
    this.left[this.size] = i;
    this.right[this.size] = j;
    this.size++;
    return (this.size - 1) * this.comparisons;
  }

  private grow(): void {
    const capacity = this.left.length * 2;
    const left = new Int32Array(capacity);
    left.set(this.left);
    const right = new Int32Array(capacity);
    right.set(this.right);
    const levels = new Uint8Array(capacity * this.comparisons);
    levels.set(this.levels);
    this.left = left;
    this.right = right;
    this.levels = levels;
  }
}
