"""Training-step throughput of bench/kernels.ts's plain conv net in PyTorch on the CPU.

Run by bench/kernels.ts with Debian's python3-torch (/usr/bin/python3); prints one JSON object.
Same net, batch, optimizer and random data shape as the TensorFlow.js side.
"""

import json
import statistics
import sys
import time

import torch
from torch import nn


def plain_conv_net(blocks, in_channels, classes):
    layers = []
    for filters, stride in blocks:
        layers += [
            nn.Conv2d(in_channels, filters, 3, stride=stride, padding=1, bias=False),
            nn.BatchNorm2d(filters),
            nn.ReLU(inplace=True),
        ]
        in_channels = filters
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(in_channels, classes)]
    return nn.Sequential(*layers)


def main():
    spec = json.loads(sys.argv[1])
    torch.set_num_threads(spec["threads"])
    torch.manual_seed(1)
    height, width, channels = spec["input"]
    blocks = [(b["filters"], b["stride"]) for b in spec["blocks"]]
    net = plain_conv_net(blocks, channels, spec["classes"])
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    images = torch.randn(spec["batch"], channels, height, width)
    labels = torch.randint(0, spec["classes"], (spec["batch"],))
    loss_fn = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(net(images), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(spec["warmupSteps"]):
        step()
    durations = []
    started = time.perf_counter()
    while len(durations) < spec["maxSteps"] and time.perf_counter() - started < spec["maxSeconds"]:
        t = time.perf_counter()
        step()
        durations.append((time.perf_counter() - t) * 1000)
    median = statistics.median(durations)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "steps": len(durations),
        "batch": spec["batch"],
        "medianStepMs": median,
        "stepsPerSecond": 1000 / median,
        "imagesPerSecond": 1000 * spec["batch"] / median,
    }))


if __name__ == "__main__":
    main()
