// The search benchmark's space with a steep accuracy/MACs trade-off (bench/searchEfficiency.ts
// --space bench/spaces/steep.nas): input resolution from 12 to 28, widths from 8 to 48, depths 1
// to 3, so the cheapest subnets lose real accuracy and the Pareto front has many points, unlike
// examples/quick.nas, whose smallest subnet is nearly as accurate as its largest.
space SteepFashion {
  input image(28, 28, 1)
  resolution in {12, 16, 20, 24, 28}  // inputs are resized to the subnet's side
  dataset fashion_mnist

  stem: conv(out: 16, kernel: 3, stride: 2) bn relu
  stage s1 depth in {1, 2, 3} {
    mbconv(out in {8, 16, 24}, kernel in {3, 5}, expand in {1, 3, 6}, stride: 2)
  }
  stage s2 depth in {1, 2, 3} {
    mbconv(out in {8, 16, 32, 48}, kernel in {3, 5}, expand in {2, 4, 6}, stride: 2, se: true)
  }
  head: gap dense(classes)
}

search Steep on SteepFashion {
  objectives {
    maximize accuracy
    minimize macs
  }
  // The embedded subset, 16 epochs (about 8 minutes on two cores with wasm). Two random subnets
  // per step and in-place distillation train the middle of this wide space: with one and none,
  // the largest and smallest subnets were good (84.6%, 78.5%) but the median subnet only 59%.
  train { epochs: 16, batch: 128, optimizer: sgd(lr: 0.2, momentum: 0.9, nesterov: true), schedule: cosine(warmup: 1), weight_decay: 5e-4, sampling: sandwich(random: 2), distill: true }
  strategy linas(population: 20, predictor: ridge)
  budget 120 evaluations
  seed 7
}
