// Inverted generational distance: the mean, over a sample of the true front, of the Euclidean
// distance to the nearest point found. Lower is better; 0 means the found set covers the sample.

export function invertedGenerationalDistance(
  found: readonly (readonly number[])[],
  trueFront: readonly (readonly number[])[],
): number {
  if (found.length === 0) return Infinity;
  let total = 0;
  for (const target of trueFront) {
    let nearest = Infinity;
    for (const point of found) {
      let squared = 0;
      for (let m = 0; m < target.length; m++) squared += (target[m] - point[m]) ** 2;
      if (squared < nearest) nearest = squared;
    }
    total += Math.sqrt(nearest);
  }
  return total / trueFront.length;
}
