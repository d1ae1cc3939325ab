import { util } from "@tensorflow/tfjs-core";
import type {
  BatchMatMulAttrs,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  TensorInfo,
} from "@tensorflow/tfjs-core";
import { KernelCalls } from "../kernel-calls";

/**
 * wasm's BatchMatMul uses XNNPACK only for a single product without transposes, and a scalar
 * triple loop otherwise: 68 ms for the 64×12544·12544×64 product (transposeA) that a dense or
 * convolution weight gradient is, against 5 ms through XNNPACK. Every matMul gradient has a
 * transposed operand. Here a single transposed product becomes an XNNPACK product of physically
 * transposed operands, using Aᵀ·B = (Bᵀ·A)ᵀ and friends to transpose the smallest matrices.
 * Batched products (attention) and tiny ones, where the loop is cheaper, go to the stock kernel.
 */
export function batchMatMul(backendName: string, stock: KernelConfig): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const plan = planProduct(a.shape, b.shape, transposeA, transposeB);
    if (a.dtype !== "float32" || b.dtype !== "float32" || plan === undefined) return stock.kernelFunc(args);
    const calls = new KernelCalls(args.backend as KernelBackend, backendName);
    return calls.finish(() => {
      const { m, k, n } = plan;
      const left = calls.reshape(a, transposeA ? [k, m] : [m, k]);
      const right = calls.reshape(b, transposeB ? [n, k] : [k, n]);
      const plain = (x: TensorInfo, transposed: boolean) => (transposed ? calls.transpose(x, [1, 0]) : x);
      const product = plan.swapped
        ? calls.transpose(
            calls.runFunc(
              stock.kernelFunc,
              { a: plain(right, !transposeB), b: plain(left, !transposeA) },
              untransposed,
            ),
            [1, 0],
          )
        : calls.runFunc(
            stock.kernelFunc,
            { a: plain(left, transposeA), b: plain(right, transposeB) },
            untransposed,
          );
      return calls.reshape(product, [...plan.batchShape, m, n]);
    });
  };
}

const untransposed = { transposeA: false, transposeB: false };

interface ProductPlan {
  m: number;
  k: number;
  n: number;
  batchShape: number[];
  /** Compute (Bᵀ·Aᵀ)ᵀ instead of A·B, whichever transposes fewer elements. */
  swapped: boolean;
}

/**
 * Costs in multiply-adds of the scalar loop (~1.3 ns each), measured on wasm: an element moved
 * by a transpose, or by XNNPACK packing the right-hand operand as weights on every call (~6 ns
 * each); an XNNPACK multiply-add (~0.1 ns).
 */
const ELEMENT_MOVE_COST = 5;
const XNNPACK_MAC_COST = 0.1;

function planProduct(
  aShape: number[],
  bShape: number[],
  transposeA: boolean,
  transposeB: boolean,
): ProductPlan | undefined {
  const batchShape = aShape.length >= bShape.length ? aShape.slice(0, -2) : bShape.slice(0, -2);
  if (util.sizeFromShape(aShape.slice(0, -2)) !== 1 || util.sizeFromShape(bShape.slice(0, -2)) !== 1)
    return undefined;
  if (!transposeA && !transposeB) return undefined;
  const [m, k] = transposeA
    ? [aShape.at(-1) as number, aShape.at(-2) as number]
    : [aShape.at(-2) as number, aShape.at(-1) as number];
  const n = transposeB ? (bShape.at(-2) as number) : (bShape.at(-1) as number);
  // Elements moved for A·B directly (transposes, then B packed) or as (Bᵀ·Aᵀ)ᵀ (the operands'
  // other orientations and the output transposed, then Aᵀ packed).
  const direct = (transposeA ? m * k : 0) + (transposeB ? k * n : 0) + k * n;
  const viaSwap = (transposeA ? 0 : m * k) + (transposeB ? 0 : k * n) + m * n + k * m;
  const loopCost = m * k * n;
  const fastCost = ELEMENT_MOVE_COST * Math.min(direct, viaSwap) + XNNPACK_MAC_COST * loopCost;
  if (fastCost >= loopCost) return undefined;
  return { m, k, n, batchShape, swapped: viaSwap < direct };
}
