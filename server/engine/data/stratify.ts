import type { Rng } from "./rng";

/**
 * Picks `howMany(classSize, class)` examples of every class at random, so the picked set keeps
 * (or evens out) the class balance. Returns the picked and the remaining indices, each ascending,
 * so the result depends only on the labels and the generator's state.
 */
export function stratifiedPick(
  labels: Int32Array,
  classes: number,
  howMany: (classSize: number, label: number) => number,
  rng: Rng,
): { picked: number[]; rest: number[] } {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((label, i) => byClass[label].push(i));
  const picked: number[] = [];
  const rest: number[] = [];
  byClass.forEach((members, label) => {
    const want = howMany(members.length, label);
    if (want > members.length) {
      throw new RangeError(`class ${label} has ${members.length} examples, ${want} were asked for`);
    }
    // Partial Fisher–Yates: the first `want` positions end up a uniform random sample.
    for (let i = 0; i < want; i++) {
      const j = i + rng.nextInt(members.length - i);
      [members[i], members[j]] = [members[j], members[i]];
    }
    picked.push(...members.slice(0, want));
    rest.push(...members.slice(want));
  });
  const ascending = (a: number, b: number): number => a - b;
  return { picked: picked.sort(ascending), rest: rest.sort(ascending) };
}
