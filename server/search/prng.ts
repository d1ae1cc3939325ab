// A small seeded PRNG (sfc32) whose whole state is four uint32s, so a strategy's randomness can be
// captured, serialised and restored exactly. Math.random is never used anywhere in search/.

export type PrngState = readonly [number, number, number, number];

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: PrngState) {
    [this.a, this.b, this.c, this.d] = state.map((v) => v >>> 0);
  }

  /** Expands any integer seed (negative and above 2^32 included) into a well-mixed state. */
  static fromSeed(seed: number): Prng {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    let x = (seed >>> 0) ^ Math.imul(Math.floor(seed / 0x1_0000_0000) >>> 0, 0x9e3779b9);
    const splitmix32 = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    const prng = new Prng([splitmix32(), splitmix32(), splitmix32(), splitmix32()]);
    for (let i = 0; i < 12; i++) prng.nextUint32(); // sfc32's recommended warm-up
    return prng;
  }

  state(): PrngState {
    return [this.a, this.b, this.c, this.d];
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** Uniform integer in [lo, hi), unbiased (rejection sampling). */
  int(lo: number, hi: number): number {
    const n = hi - lo;
    if (!Number.isInteger(lo) || !Number.isInteger(n) || n <= 0 || n > 0x1_0000_0000) {
      throw new RangeError(`bad integer range [${lo}, ${hi})`);
    }
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
    let r = this.nextUint32();
    while (r >= limit) r = this.nextUint32();
    return lo + (r % n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length)];
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** Standard normal by Box–Muller; no cached spare, so the state stays the four words. */
  gaussian(): number {
    const u = 1 - this.next(); // (0, 1], safe for log
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** An independent generator seeded from this one (for nested searches). */
  fork(): Prng {
    return Prng.fromSeed(this.nextUint32());
  }
}
