// Once-for-All MobileNetV3 (width 1.0) on ImageNet: the supernet DyNAS-T searches as
// `ofa_mbv3_d234_e346_k357_w1.0` (Cai et al., ICLR 2020). Five elastic stages of 2 to 4 blocks,
// each block with its own kernel {3, 5, 7} and expansion ratio {3, 4, 6}: 7,371 choices per
// stage, 7371^5 ≈ 2.2e19 subnets at one resolution, times 25 resolutions.
//
// `supernet import dynast RESULTS.csv` maps DyNAS-T's `ks`, `e`, `d` and `r` lists onto the genes
// of this space, so fronts found with DyNAS-T show in the Pareto panel and subnets can be applied.
// It declares no dataset: the weights and ImageNet stay with OFA in PyTorch, and a literal
// `dense(1000)` needs no class count from a file, so the file checks cleanly anywhere.
space OFAMobileNetV3 {
  input image(224, 224, 3)
  resolution in 128..224 step 4

  stem: conv(out: 16, kernel: 3, stride: 2) bn hswish
  first: mbconv(out: 16, kernel: 3, expand: 1)

  stage s1 depth in {2, 3, 4} {
    mbconv(out: 24, kernel in {3, 5, 7}, expand in {3, 4, 6}, stride: 2)
  }
  stage s2 depth in {2, 3, 4} {
    mbconv(out: 40, kernel in {3, 5, 7}, expand in {3, 4, 6}, stride: 2, se: true)
  }
  stage s3 depth in {2, 3, 4} {
    mbconv(out: 80, kernel in {3, 5, 7}, expand in {3, 4, 6}, stride: 2, act: hswish)
  }
  stage s4 depth in {2, 3, 4} {
    mbconv(out: 112, kernel in {3, 5, 7}, expand in {3, 4, 6}, stride: 1, se: true, act: hswish)
  }
  stage s5 depth in {2, 3, 4} {
    mbconv(out: 160, kernel in {3, 5, 7}, expand in {3, 4, 6}, stride: 2, se: true, act: hswish)
  }

  head: conv(out: 960, kernel: 1) bn hswish gap dense(1280) hswish dense(1000)
}
