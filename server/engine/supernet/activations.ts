import * as tf from "@tensorflow/tfjs-core";

/** relu6(x + 3) / 6: MobileNetV3's cheap sigmoid (squeeze-and-excitation gates, hard swish). */
export function hardSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.div(tf.relu6(tf.add(x, 3)), 6);
}

/** The activations of ops.ts's `ACTIVATIONS`, by name (also the elementwise ops of the same names). */
export function activate(x: tf.Tensor, name: string): tf.Tensor {
  switch (name) {
    case "relu":
      return tf.relu(x);
    case "relu6":
      return tf.relu6(x);
    case "hswish":
      return tf.mul(x, hardSigmoid(x));
    case "gelu":
      // The exact form (PyTorch's default), not the tanh approximation.
      return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
    case "sigmoid":
      return tf.sigmoid(x);
    case "swish":
      return tf.mul(x, tf.sigmoid(x));
    case "none":
      return x;
    default:
      throw new Error(`unknown activation ${name}`);
  }
}
