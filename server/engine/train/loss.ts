import * as tf from "@tensorflow/tfjs-core";

/** One-hot labels with label smoothing ε: 1 − ε + ε/K on the label, ε/K elsewhere. */
export function smoothedTargets(labels: tf.Tensor1D, classes: number, smoothing: number): tf.Tensor2D {
  return tf.tidy((): tf.Tensor2D => {
    const oneHot = tf.cast(tf.oneHot(labels, classes), "float32") as tf.Tensor2D;
    return smoothing > 0 ? tf.add(tf.mul(oneHot, 1 - smoothing), smoothing / classes) : oneHot;
  });
}

/** Mean cross-entropy of logits against target distributions (hard, smoothed or a teacher's). */
export function crossEntropy(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)));
}

/** How many rows of logits have their largest value at the label. */
export function correctCount(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), "float32"));
}
