// A small MobileNet-style supernet on Fashion-MNIST that trains on a laptop CPU in a couple of
// minutes on the embedded 6,000-image subset: elastic input resolution, stage depth, kernel,
// expansion ratio and width, OFA style. Trained as below, its largest subnet reaches about 84%
// validation accuracy and its smallest about 81%.
space QuickFashion {
  input image(28, 28, 1)
  resolution in {16, 20, 24}          // inputs are resized to the subnet's side
  dataset fashion_mnist

  stem: conv(out: 16, kernel: 3, stride: 2) bn relu
  stage s1 depth in {1, 2} {
    mbconv(out in {16, 24}, kernel in {3, 5}, expand in {2, 4}, stride: 2)
  }
  stage s2 depth in {1, 2} {
    mbconv(out in {32, 48}, kernel in {3, 5}, expand in {2, 4}, stride: 2, se: true)
  }
  head: gap dense(classes)
}

search Quick on QuickFashion {
  objectives {
    maximize accuracy
    minimize macs
    minimize latency
  }
  train { epochs: 5, batch: 128, optimizer: sgd(lr: 0.2, momentum: 0.9, nesterov: true), schedule: cosine(warmup: 1), weight_decay: 5e-4, sampling: sandwich(random: 1) }
  strategy linas(population: 20, predictor: ridge)
  budget 120 evaluations
  seed 7
}
