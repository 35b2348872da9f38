#!/usr/bin/env python3
"""The PyTorch half of bench/train-vs-pytorch.sh: training images/s of a network in one mode.

Measures exactly what `workbench bench train` measures on the Java side: full training steps
(forward, label-smoothed cross-entropy, backward, SGD with Nesterov momentum 0.9 and weight decay
5e-4, constant lr 0.05) over the same 8 batches taken in turn (the first 8 x BATCH Fashion-MNIST
training images, normalised, or random images when the files are missing), warm-up steps left out of
the timing. Prints one JSON object with the same fields as `workbench bench train --json`.

The networks are written out by hand from the templates' block definitions (see NETWORKS); the
script refuses to run if a network's parameter count differs from the template's.
"""
import argparse
import contextlib
import gzip
import json
import os
import statistics
import struct
import sys
import time

import torch
import torch.nn as nn

BATCHES = 8
MEAN, STD = 0.2860, 0.3530


class BasicBlock(nn.Module):
    """resnet.basic_block: conv3x3/s, BN, ReLU, conv3x3, BN, + shortcut, ReLU (torchvision's BasicBlock).

    The shortcut is a projection (conv1x1/s without bias + BN) iff the stride or the width changes."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        shortcut = x if self.downsample is None else self.downsample(x)
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return self.relu(y + shortcut)


def resnet_fmnist():
    """projects/.../templates/resnet-fmnist.json: stem conv3x3 1->16 (no bias), BN, ReLU; three stages of
    three basic blocks at 16, 32, 64 channels (strides 1, 2, 2); head.classifier: global average pool,
    linear 64->10 with bias."""
    layers = [nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU(inplace=True)]
    cin = 16
    for cout, stride in ((16, 1), (32, 2), (64, 2)):
        for b in range(3):
            layers.append(BasicBlock(cin, cout, stride if b == 0 else 1))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
    return nn.Sequential(*layers)


def fmnist_cnn():
    """bench/fmnist-cnn.json: 4 x (conv3x3 without bias, BN, ReLU) at 32, 32, 64, 64 channels, max-pool 2
    after blocks 2 and 4, global average pool, linear 64->10."""
    layers = []
    cin = 1
    for i, cout in enumerate((32, 32, 64, 64), 1):
        layers += [nn.Conv2d(cin, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]
        if i % 2 == 0:
            layers.append(nn.MaxPool2d(2))
        cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
    return nn.Sequential(*layers)


# name -> (builder, the template's parameter count)
NETWORKS = {
    "resnet-fmnist": (resnet_fmnist, 272_186),
    "fmnist-cnn": (fmnist_cnn, 65_834),
}
MODES = ("fp32", "fp32-cl", "bf16-autocast")


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range(magic & 0xFF)]
        data = f.read()
    return dims, data


def find(folder, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(folder, candidate)
        if os.path.isfile(path):
            return path
    return None


def batches(data_dir, batch, seed):
    """BATCHES batches of 1x28x28 images and labels: Fashion-MNIST's first training images, or random."""
    images_file = find(data_dir, "train-images-idx3-ubyte") if data_dir else None
    labels_file = find(data_dir, "train-labels-idx1-ubyte") if data_dir else None
    n = BATCHES * batch
    if images_file and labels_file:
        dims, pixels = read_idx(images_file)
        _, labels = read_idx(labels_file)
        count = dims[0]
        index = [i % count for i in range(n)]
        size = 28 * 28
        x = torch.empty(n, size, dtype=torch.uint8)
        raw = torch.frombuffer(bytearray(pixels), dtype=torch.uint8).view(count, size)
        x[:] = raw[index]
        x = ((x.float() / 255 - MEAN) / STD).view(BATCHES, batch, 1, 28, 28)
        y = torch.tensor([labels[i] for i in index], dtype=torch.long).view(BATCHES, batch)
        return x, y, "fashion-mnist (%s)" % data_dir
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(BATCHES, batch, 1, 28, 28, generator=g)
    y = torch.randint(0, 10, (BATCHES, batch), generator=g)
    return x, y, "random"


def allocator():
    try:
        with open("/proc/self/maps") as f:
            names = [line.rsplit("/", 1)[-1] for line in f if "/" in line]
    except OSError:
        return "unknown"
    if any(n.startswith("libtcmalloc") for n in names):
        return "tcmalloc"
    if any(n.startswith("libjemalloc") for n in names):
        return "jemalloc"
    return "glibc"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("network", choices=sorted(NETWORKS))
    p.add_argument("--mode", choices=MODES, default="fp32")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--warmup", type=int, default=8)
    p.add_argument("--steps", type=int, default=40)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    build, expected = NETWORKS[a.network]
    model = build()
    params = sum(t.numel() for t in model.parameters() if t.requires_grad)
    if params != expected:
        sys.exit("pytorch_train.py: %s has %d parameters, the template %d: the network is wrong"
                 % (a.network, params, expected))
    channels_last = a.mode in ("fp32-cl", "bf16-autocast")
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    model.train()
    x, y, data = batches(a.data if os.path.isdir(a.data) else None, a.batch, a.seed)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)

    def autocast():
        if a.mode == "bf16-autocast":
            return torch.autocast("cpu", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    ms, losses = [], []
    for i in range(a.warmup + a.steps):
        b = i % BATCHES
        t0 = time.perf_counter()
        images = x[b]
        if channels_last:
            images = images.contiguous(memory_format=torch.channels_last)
        with autocast():
            logits = model(images)
        loss = criterion(logits.float(), y[b])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        value = loss.item()
        t1 = time.perf_counter()
        if value != value or value in (float("inf"), float("-inf")):
            sys.exit("pytorch_train.py: the loss became %s at step %d" % (value, i + 1))
        if i >= a.warmup:
            ms.append((t1 - t0) * 1000)
            losses.append(value)

    print(json.dumps({
        "design": a.network, "mode": a.mode, "batch": a.batch, "warmup": a.warmup, "steps": a.steps,
        "threads": torch.get_num_threads(), "data": data, "parameters": params,
        "imagesPerSecond": a.batch * a.steps / (sum(ms) / 1000), "medianStepMs": statistics.median(ms),
        "minStepMs": min(ms), "maxStepMs": max(ms), "firstLoss": losses[0], "lastLoss": losses[-1],
        "allocator": allocator(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
