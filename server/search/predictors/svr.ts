// ε-support vector regression trained by SMO, following LIBSVM's solver (Fan, Chen, Lin 2005:
// second-order working-set selection, no shrinking). The dual over 2m variables β = (α, α*):
//   minimise ½ βᵀQβ + pᵀβ  s.t. 0 ≤ β ≤ C, Σ yₜβₜ = 0,
//   yₜ = +1 (t < m), −1 (t ≥ m); pₜ = ε − zₜ, pₜ₊ₘ = ε + zₜ; Qₜₛ = yₜyₛK(t mod m, s mod m).
// The regression function is f(x) = Σᵢ (αᵢ − αᵢ*) K(xᵢ, x) − ρ.

export interface SvrSolution {
  /** αᵢ − αᵢ* per training point (0 for non-support vectors). */
  readonly coefficients: Float64Array;
  readonly bias: number;
}

const TAU = 1e-12;
const TOLERANCE = 1e-3; // LIBSVM's default stopping tolerance on the KKT gap

/** kernel: m×m row-major Gram matrix of the training points. */
export function solveSvr(
  kernel: Float64Array,
  targets: readonly number[],
  c: number,
  epsilon: number,
): SvrSolution {
  const m = targets.length;
  const size = 2 * m;
  const y = new Int8Array(size).fill(1, 0, m).fill(-1, m);
  const diagonal = new Float64Array(size);
  const alpha = new Float64Array(size);
  const gradient = new Float64Array(size);
  for (let t = 0; t < m; t++) {
    diagonal[t] = diagonal[t + m] = kernel[t * m + t];
    gradient[t] = epsilon - targets[t];
    gradient[t + m] = epsilon + targets[t];
  }
  /** Row t of Q: Q_ts = y_t y_s K(t mod m, s mod m). */
  const qRow = (t: number, out: Float64Array): void => {
    const base = (t % m) * m;
    const yt = y[t];
    for (let s = 0; s < m; s++) {
      out[s] = yt * kernel[base + s];
      out[s + m] = -out[s];
    }
  };
  const rowI = new Float64Array(size);
  const rowJ = new Float64Array(size);
  const maxIterations = Math.max(100_000, 100 * size);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // Working set: i maximal violating in the "up" set, j by the largest second-order decrease.
    let gMax = -Infinity;
    let i = -1;
    for (let t = 0; t < size; t++) {
      const movable = y[t] === 1 ? alpha[t] < c : alpha[t] > 0;
      if (movable && -y[t] * gradient[t] >= gMax) {
        gMax = -y[t] * gradient[t];
        i = t;
      }
    }
    if (i === -1) break;
    qRow(i, rowI);
    let gMax2 = -Infinity;
    let j = -1;
    let bestDecrease = Infinity;
    for (let s = 0; s < size; s++) {
      if (y[s] === 1 ? alpha[s] <= 0 : alpha[s] >= c) continue;
      const v = y[s] * gradient[s];
      if (v >= gMax2) gMax2 = v;
      const gradDiff = gMax + v;
      if (gradDiff > 0) {
        const quad = diagonal[i] + diagonal[s] - 2 * y[i] * y[s] * rowI[s];
        const decrease = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
        if (decrease <= bestDecrease) {
          bestDecrease = decrease;
          j = s;
        }
      }
    }
    if (gMax + gMax2 < TOLERANCE || j === -1) break;
    qRow(j, rowJ);

    const oldI = alpha[i];
    const oldJ = alpha[j];
    if (y[i] !== y[j]) {
      const quad = Math.max(diagonal[i] + diagonal[j] + 2 * rowI[j], TAU);
      const delta = (-gradient[i] - gradient[j]) / quad;
      const diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) {
        if (alpha[j] < 0) [alpha[j], alpha[i]] = [0, diff];
      } else if (alpha[i] < 0) {
        [alpha[i], alpha[j]] = [0, -diff];
      }
      if (diff > 0) {
        if (alpha[i] > c) [alpha[i], alpha[j]] = [c, c - diff];
      } else if (alpha[j] > c) {
        [alpha[j], alpha[i]] = [c, c + diff];
      }
    } else {
      const quad = Math.max(diagonal[i] + diagonal[j] - 2 * rowI[j], TAU);
      const delta = (gradient[i] - gradient[j]) / quad;
      const sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > c) {
        if (alpha[i] > c) [alpha[i], alpha[j]] = [c, sum - c];
      } else if (alpha[j] < 0) {
        [alpha[j], alpha[i]] = [0, sum];
      }
      if (sum > c) {
        if (alpha[j] > c) [alpha[j], alpha[i]] = [c, sum - c];
      } else if (alpha[i] < 0) {
        [alpha[i], alpha[j]] = [0, sum];
      }
    }
    const dI = alpha[i] - oldI;
    const dJ = alpha[j] - oldJ;
    for (let s = 0; s < size; s++) gradient[s] += rowI[s] * dI + rowJ[s] * dJ;
  }

  const coefficients = new Float64Array(m);
  for (let t = 0; t < m; t++) coefficients[t] = alpha[t] - alpha[t + m];
  return { coefficients, bias: -rho(alpha, gradient, y, c) };
}

/** LIBSVM's ρ: the mean of yG over free variables, else the middle of the feasible interval. */
function rho(alpha: Float64Array, gradient: Float64Array, y: Int8Array, c: number): number {
  let ub = Infinity;
  let lb = -Infinity;
  let freeSum = 0;
  let free = 0;
  for (let t = 0; t < alpha.length; t++) {
    const yG = y[t] * gradient[t];
    if (alpha[t] >= c) {
      if (y[t] === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (alpha[t] <= 0) {
      if (y[t] === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      free++;
      freeSum += yG;
    }
  }
  return free > 0 ? freeSum / free : (ub + lb) / 2;
}
