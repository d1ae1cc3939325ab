import * as tf from "@tensorflow/tfjs-core";

/** PyTorch's default, so exported models and reference implementations agree. */
export const NORM_EPSILON = 1e-5;

/**
 * Sums over every axis but the last. (It was xᵀ·1 as a matrix product while wasm's Sum
 * transposed the whole tensor first; the Sum that server/engine/backend registers takes 0.3 ms
 * against the product's 1.1 ms on a 64×28×28×16 batch.)
 */
export function sumOverBatch(x: tf.Tensor): tf.Tensor1D {
  return tf.sum(
    x,
    Array.from({ length: x.rank - 1 }, (_, axis) => axis),
  );
}

/** Per-feature mean and (biased) variance over the batch, in two passes. */
export function batchMoments(x: tf.Tensor): { mean: tf.Tensor1D; variance: tf.Tensor1D; centred: tf.Tensor } {
  const count = x.size / x.shape[x.rank - 1];
  const mean = tf.div(sumOverBatch(x), count) as tf.Tensor1D;
  const centred = tf.sub(x, mean);
  return { mean, variance: tf.div(sumOverBatch(tf.square(centred)), count) as tf.Tensor1D, centred };
}

/**
 * BatchNorm with the batch's statistics and its own gradient. The gradient tfjs derives for
 * `tf.batchNorm` broadcasts with `Tile`, the most expensive kernel of a training step on wasm;
 * the closed form needs two batch sums and five element-wise ops with native broadcasting. With
 * c = x − mean, rstd = 1/√(var + ε): y = c·(γ·rstd) + β and
 * dx = γ·rstd·(dy − Σdy/M − c·rstd²·Σ(dy·c)/M), dγ = rstd·Σ(dy·c), dβ = Σdy.
 */
export function batchNormTraining(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const count = x.size / x.shape[x.rank - 1];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, scale, shift] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const { variance, centred } = batchMoments(input);
    const rstd = tf.rsqrt(tf.add(variance, NORM_EPSILON));
    // The backward may only use saved tensors: tfjs frees everything else the forward made.
    save([centred, rstd, scale]);
    return {
      value: tf.add(tf.mul(centred, tf.mul(scale, rstd)), shift),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [c, invStd, gamma] = saved;
        const dBeta = sumOverBatch(dy);
        const dyc = sumOverBatch(tf.mul(dy, c));
        const projection = tf.mul(c, tf.div(tf.mul(tf.square(invStd), dyc), count));
        const dx = tf.mul(tf.sub(tf.sub(dy, tf.div(dBeta, count)), projection), tf.mul(gamma, invStd));
        return [dx, tf.mul(dyc, invStd), dBeta];
      },
    };
  });
  return op(x, gamma, beta);
}

/**
 * LayerNorm over the last axis with its own gradient: statistics per row, scale and shift per
 * feature. With g = dy·γ: dx = rstd·(g − mean(g) − x̂·mean(g·x̂)), means along the last axis.
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const last = x.rank - 1;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, scale, shift] = args as tf.Tensor[];
    const save = args[3] as tf.GradSaveFunc;
    const { mean, variance } = tf.moments(input, last, true);
    const rstd = tf.rsqrt(tf.add(variance, NORM_EPSILON));
    const normalized = tf.mul(tf.sub(input, mean), rstd);
    // The backward may only use saved tensors: tfjs frees everything else the forward made.
    save([normalized, rstd, scale]);
    return {
      value: tf.add(tf.mul(normalized, scale), shift),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xhat, invStd, gamma] = saved;
        const g = tf.mul(dy, gamma);
        const centred = tf.sub(
          tf.sub(g, tf.mean(g, last, true)),
          tf.mul(xhat, tf.mean(tf.mul(g, xhat), last, true)),
        );
        return [tf.mul(centred, invStd), sumOverBatch(tf.mul(dy, xhat)), sumOverBatch(dy)];
      },
    };
  });
  return op(x, gamma, beta);
}

/** BatchNorm with given statistics (evaluation): one fused kernel, no gradient needed. */
export function batchNormInference(
  x: tf.Tensor,
  stats: { readonly mean: tf.Tensor; readonly variance: tf.Tensor },
  gamma: tf.Tensor,
  beta: tf.Tensor,
): tf.Tensor {
  return tf.batchNorm(x, stats.mean, stats.variance, beta, gamma, NORM_EPSILON);
}
