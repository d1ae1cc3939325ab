"""Supernet training-step throughput in PyTorch on the CPU, for bench/supernetThroughput.ts.

Run with Debian's python3-torch (/usr/bin/python3); reads one JSON object on stdin (the supernet's
weights and the subnets, as bench/subnetDescription.ts describes them, and the steps to time) and
prints one JSON object. It builds nothing from its own idea of the architecture: every op instance,
argument and width comes from the description. Like the engine (and OFA's PyTorch code), each
subnet runs on leading slices (the centre of kernels) of weights held at the largest subnet's
size, so the subnets of a sandwich step share weights and their gradients add up in one update.
Convolutions use PyTorch's symmetric padding (k // 2): the same output shapes and MACs as the
language's 'same' padding, whose extra row goes at the bottom instead.
"""

import json
import statistics
import sys
import time
from math import prod

import torch
import torch.nn.functional as F
from torch.profiler import profile

# The engine's layout of a weight to PyTorch's, by (op, weight name): tfjs convolutions are
# [kH, kW, in, out] (depthwise [kH, kW, channels, 1]) and matrices [in, out].
CONV = (3, 2, 0, 1)
DEPTHWISE = (2, 3, 0, 1)
MATRIX = (1, 0)
LAYOUTS = {
    ("conv", "w"): CONV,
    ("dwconv", "w"): DEPTHWISE,
    ("mbconv", "expand.w"): CONV,
    ("mbconv", "dw.w"): DEPTHWISE,
    ("mbconv", "project.w"): CONV,
    ("mbconv", "se.w1"): MATRIX,
    ("mbconv", "se.w2"): MATRIX,
    ("dense", "w"): MATRIX,
}
# Profiler events whose flops are multiply-accumulates of convolutions and matrix products.
MAC_EVENTS = {"aten::conv2d", "aten::mm", "aten::addmm", "aten::bmm"}
BN_EPSILON = 1e-5


def initial(weight):
    shape = [weight["shape"][i] for i in LAYOUTS.get((weight["op"], weight["name"]), range(len(weight["shape"])))]
    init = weight["init"]
    if init["kind"] == "ones":
        return torch.ones(shape)
    if init["kind"] == "zeros":
        return torch.zeros(shape)
    std = (2 / init["fanIn"]) ** 0.5 if init["kind"] == "he" else init["std"]
    return torch.randn(shape) * std


class Supernet:
    def __init__(self, weights):
        self.params = {w["key"]: initial(w).requires_grad_() for w in weights}
        self.decay = {w["key"]: w["decay"] for w in weights}
        # Elements of the weight slices handed out, as the engine's OpContext counts params.
        self.handed_out = 0

    def forward(self, subnet, x):
        side = subnet["input"]["h"]
        if x.shape[2] != side:
            x = F.interpolate(x, size=(side, side), mode="bilinear", align_corners=False)
        return run(self, subnet["steps"], x)

    def weight(self, op_id, name, size):
        """The leading `size` slice of a weight (size in PyTorch's layout)."""
        self.handed_out += prod(size)
        return self.params[f"{op_id}:{name}"][tuple(slice(0, s) for s in size)]

    def kernel(self, op_id, name, k, size):
        """A convolution weight cut to [*size, k, k]: the centre k×k, the leading channels."""
        full = self.params[f"{op_id}:{name}"]
        offset = (full.shape[-1] - k) // 2
        self.handed_out += prod(size) * k * k
        return full[tuple(slice(0, s) for s in size) + (slice(offset, offset + k),) * 2]


def run(net, steps, x):
    for step in steps:
        if step["kind"] == "residual":
            x = x + run(net, step["body"], x)
            continue
        if step["op"] not in OPS:
            raise ValueError(f"{step['id']}: this script has no PyTorch version of op {step['op']}")
        y = OPS[step["op"]](net, step, x)
        if step["skip"]:
            y = y + x
        check_shape(step, y)
        x = y
    return x


def check_shape(step, y):
    out = step["output"]
    want = [out["c"], out["h"], out["w"]] if out["kind"] == "image" else [out["n"]]
    if list(y.shape[1:]) != want:
        raise ValueError(f"{step['id']}: PyTorch computed {list(y.shape[1:])}, the plan says {want}")


def batch_norm(net, op_id, name, x):
    width = x.shape[1]
    gamma = net.weight(op_id, f"{name}.gamma", [width])
    beta = net.weight(op_id, f"{name}.beta", [width])
    return F.batch_norm(x, None, None, gamma, beta, training=True, eps=BN_EPSILON)


ACTIVATIONS = {
    "relu": F.relu,
    "relu6": F.relu6,
    "hswish": F.hardswish,
    "gelu": F.gelu,
    "sigmoid": torch.sigmoid,
    "swish": F.silu,
    "none": lambda x: x,
}


def conv(net, step, x):
    a = step["args"]
    k, groups = a["kernel"], a["groups"]
    w = net.kernel(step["id"], "w", k, [a["out"], x.shape[1] // groups])
    return F.conv2d(x, w, stride=a["stride"], padding=k // 2, groups=groups)


def depthwise(net, op_id, name, x, k, stride):
    w = net.kernel(op_id, name, k, [x.shape[1], 1])
    return F.conv2d(x, w, stride=stride, padding=k // 2, groups=x.shape[1])


def pointwise(net, op_id, name, x, out):
    return F.conv2d(x, net.weight(op_id, name, [out, x.shape[1], 1, 1]))


def mbconv(net, step, x):
    a, d, op_id = step["args"], step["derived"], step["id"]
    act = ACTIVATIONS[a["act"]]
    mid = d["mid"]
    h = x
    if a["expand"] != 1:
        h = act(batch_norm(net, op_id, "expand.bn", pointwise(net, op_id, "expand.w", x, mid)))
    h = act(batch_norm(net, op_id, "dw.bn", depthwise(net, op_id, "dw.w", h, a["kernel"], a["stride"])))
    if a["se"]:
        r = d["se"]
        pooled = h.mean((2, 3))
        hidden = F.relu(F.linear(pooled, net.weight(op_id, "se.w1", [r, mid]), net.weight(op_id, "se.b1", [r])))
        gate = F.hardsigmoid(F.linear(hidden, net.weight(op_id, "se.w2", [mid, r]), net.weight(op_id, "se.b2", [mid])))
        h = h * gate[:, :, None, None]
    return batch_norm(net, op_id, "project.bn", pointwise(net, op_id, "project.w", h, a["out"]))


def dense(net, step, x):
    units = step["args"]["units"]
    return F.linear(x, net.weight(step["id"], "w", [units, x.shape[1]]), net.weight(step["id"], "b", [units]))


def activation(fn):
    return lambda _net, _step, x: fn(x)


OPS = {
    "conv": conv,
    "dwconv": lambda net, step, x: depthwise(net, step["id"], "w", x, step["args"]["kernel"], step["args"]["stride"]),
    "mbconv": mbconv,
    "bn": lambda net, step, x: batch_norm(net, step["id"], "bn", x),
    "dense": dense,
    "gap": lambda _net, _step, x: x.mean((2, 3)),
    "flatten": lambda _net, _step, x: torch.flatten(x, 1),
    "dropout": lambda _net, step, x: F.dropout(x, step["args"]["rate"], training=True),
    **{name: activation(fn) for name, fn in ACTIVATIONS.items() if name != "none"},
}


def counted_costs(net, subnet, spec):
    """MACs per image as PyTorch's profiler counts them (2 flops per MAC), and the weights used."""
    height, width, channels = spec["input"]
    # Two images: BatchNorm in training mode needs more than one value per channel.
    images = 2
    net.handed_out = 0
    with torch.no_grad(), profile(with_flops=True) as prof:
        net.forward(subnet, torch.randn(images, channels, height, width))
    flops = sum(e.flops for e in prof.key_averages() if e.key in MAC_EVENTS)
    return {"macs": flops // (2 * images), "params": net.handed_out}


def optimizer_of(spec, net):
    o = spec["optimizer"]
    groups = [
        {"params": [p for k, p in net.params.items() if net.decay[k]], "weight_decay": spec["weightDecay"]},
        {"params": [p for k, p in net.params.items() if not net.decay[k]], "weight_decay": 0},
    ]
    if o["kind"] == "sgd":
        return torch.optim.SGD(groups, lr=o["lr"], momentum=o["momentum"], nesterov=o["nesterov"])
    return torch.optim.Adam(groups, lr=o["lr"], betas=(o["beta1"], o["beta2"]))


def time_steps(spec, steps):
    """Trains a fresh supernet through `steps` (lists of subnet indices); medians after the warm-up."""
    torch.manual_seed(spec["seed"])
    net = Supernet(spec["weights"])
    optimizer = optimizer_of(spec, net)
    height, width, channels = spec["input"]
    images = torch.randn(spec["batch"], channels, height, width)
    labels = torch.randint(0, spec["classes"], (spec["batch"],))
    subnets = spec["subnets"]

    def step(indices):
        optimizer.zero_grad(set_to_none=True)
        results = []
        for i in indices:
            logits = net.forward(subnets[i], images)
            loss = F.cross_entropy(logits, labels, label_smoothing=spec["labelSmoothing"])
            loss.backward()
            results.append((loss.detach(), (logits.detach().argmax(1) == labels).sum()))
        optimizer.step()
        # Read back like the engine's step does, once for all subnets.
        return torch.stack([v for r in results for v in r]).tolist()

    durations = []
    for indices in steps:
        started = time.perf_counter()
        step(indices)
        durations.append((time.perf_counter() - started) * 1000)
    timed = durations[spec["warmupSteps"]:]
    median = statistics.median(timed)
    return {
        "steps": len(timed),
        "batch": spec["batch"],
        "medianStepMs": median,
        "imagesPerSecond": 1000 * spec["batch"] / median,
    }


def main():
    spec = json.load(sys.stdin)
    torch.set_num_threads(spec["threads"])
    net = Supernet(spec["weights"])
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "costs": [counted_costs(net, s, spec) for s in spec["subnets"]],
        "scenarios": {name: time_steps(spec, steps) for name, steps in spec["scenarios"].items()},
    }))


if __name__ == "__main__":
    main()
