#!/usr/bin/env python3
"""Train the exported design with the Model Workbench recipe, on one CPU, one GPU or many (DDP).

This is the workbench trainer (trainer-bridge: Trainer, TrainingConfig, LearningRateSchedule, Sgd, AdamW,
Losses, data/*, runs/*) written again for PyTorch:

* the configuration is ``config.json`` beside this file (the workbench's TrainingConfig), with a few
  settings overridable on the command line (``--help``);
* data: Fashion-MNIST IDX files (gzip or not), CIFAR-10's binary version or a folder of images with one
  sub-folder per class; the same normalisation, per-class validation split (the same images for the
  same seed), random crop (2 px padding for 28 px images, 4 px otherwise) and horizontal flip;
* optimiser and schedule as the workbench: SGD (momentum, Nesterov, coupled weight decay) or AdamW
  (beta2 0.999, eps 1e-8, decoupled decay), weight decay on every trainable parameter; one-cycle, cosine
  or constant learning rate per step, with linear warm-up; cross-entropy with label smoothing;
  early stopping on the validation accuracy. Drop-path rates are already in model.py;
* several processes: under ``torchrun`` (or any env:// launch setting MASTER_ADDR, MASTER_PORT, RANK,
  WORLD_SIZE, LOCAL_RANK) each process takes batch_size / WORLD_SIZE images per step (the global batch
  stays batch_size), metrics are summed over all processes and only rank 0 writes;
* output: a run folder ``<out>/<yyyyMMdd-HHmmss>-<design hash>/`` in the workbench's run schema
  (design.json, run.json, events.jsonl, best.npz, last.npz) that ``./workbench import pytorch`` reads.

Runs on PyTorch 1.13 and 2.x with numpy; Pillow only for image folders.
"""

import argparse
import datetime
import gzip
import hashlib
import json
import math
import os
import signal
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))

DATASETS = ("fashion-mnist", "fashion-mnist-sample", "cifar-10", "image-folder")
DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist"
BUNDLED_SAMPLE = os.path.join(HERE, "data", "fashion-mnist-sample")

# TrainingConfig.defaults(): what a field missing from config.json means.
DEFAULT_CONFIG = {
    "dataset": "fashion-mnist", "dataDir": None, "epochs": 10, "batchSize": 128, "optimizer": "sgd",
    "learningRate": 0.1, "momentum": 0.9, "nesterov": True, "weightDecay": 5e-4, "schedule": "one-cycle",
    "warmupEpochs": 0.0, "labelSmoothing": 0.1, "dropPath": 0.0, "earlyStopPatience": 0, "seed": 42,
    "augment": True, "validationFraction": 0.1, "progressEvery": 20, "inspectEvery": 50, "mode": "auto",
    "threads": 0, "limitBatches": 0,
}

# LearningRateSchedule's constants (PyTorch's OneCycleLR and LinearLR arguments).
ONE_CYCLE_PCT_START = 0.25
ONE_CYCLE_DIV = 25.0
ONE_CYCLE_FINAL_DIV = 1e4
WARMUP_START_FACTOR = 1.0 / 25

ADAMW_BETA2 = 0.999
ADAMW_EPS = 1e-8


class Stop(Exception):
    """Ends a run with a Failed event of ``kind`` ("nan", "data", "design", "out-of-memory", "error")."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


class Cancelled(Exception):
    """Ctrl+C or SIGTERM: the run ends as Finished "cancelled"."""


# ----------------------------------------------------------------------------------------------------
# java.util.Random, so that the held-out validation images are the ones the workbench holds out


class _JavaRandom:
    """java.util.Random's 48-bit linear congruential generator (only what the splits use)."""

    _MULT = 0x5DEECE66D
    _MASK = (1 << 48) - 1

    def __init__(self, seed):
        self._seed = (seed ^ self._MULT) & self._MASK

    def _next(self, bits):
        self._seed = (self._seed * self._MULT + 0xB) & self._MASK
        return self._seed >> (48 - bits)

    def next_int(self, bound):
        if bound & -bound == bound:  # a power of two: the high bits
            return (bound * self._next(31)) >> 31
        while True:
            bits = self._next(31)
            val = bits % bound
            if bits - val + (bound - 1) < (1 << 31):  # Java's int overflow test, without overflow
                return val

    def shuffle(self, items):
        """Collections.shuffle(list, rnd) for a random-access list, in place."""
        for i in range(len(items), 1, -1):
            j = self.next_int(i)
            items[i - 1], items[j] = items[j], items[i - 1]


def _torch_seed(x):
    """A Java long (any sign, any size here) as a seed torch takes."""
    return x % (1 << 63)


def _java_round(x):
    """Math.round: half up."""
    return int(math.floor(x + 0.5))


# ----------------------------------------------------------------------------------------------------
# Datasets (trainer-bridge data/*): images as uint8 N×C×H×W, labels int64 N


class ImageSet:
    """Labelled images held as uint8 C×H×W arrays, as the workbench's ImageDataset."""

    def __init__(self, name, class_names, images, labels):
        self.name = name
        self.class_names = list(class_names)
        self.images = images  # numpy uint8 N×C×H×W
        self.labels = labels  # numpy int64 N

    def __len__(self):
        return len(self.labels)

    @property
    def shape(self):
        return tuple(self.images.shape[1:])

    def subset(self, name, indices):
        indices = np.asarray(indices, dtype=np.int64)
        return ImageSet(name, self.class_names, self.images[indices], self.labels[indices])

    def split(self, fraction, seed):
        """ImageDataset.split: hold out round(fraction·n) images of every class, by a seeded shuffle."""
        rng = _JavaRandom(seed)
        train, held = [], []
        for c in range(len(self.class_names)):
            of_class = [int(i) for i in np.nonzero(self.labels == c)[0]]
            rng.shuffle(of_class)
            n = _java_round(len(of_class) * fraction)
            held.extend(of_class[:n])
            train.extend(of_class[n:])
        return (self.subset(self.name + " (train)", sorted(train)),
                self.subset(self.name + " (test)", sorted(held)))


def _data_error(where, reason):
    return Stop("data", "%s: %s" % (where, reason))


FASHION_MNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                         "Bag", "Ankle boot"]
IDX_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
             "t10k-labels-idx1-ubyte")


def read_idx(path, magic):
    """One IDX file (gzip recognised by its first two bytes): returns (dims, uint8 data)."""
    kind = "images" if magic == 0x803 else "labels"
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise _data_error(path, "cannot be read: %s" % e)
    gz = raw[:2] == b"\x1f\x8b"
    if gz:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as e:
            raise _data_error(path, "the gzip data is cut short or damaged (%s); download the file again" % e)
    word = "bytes once decompressed" if gz else "bytes"
    if len(raw) < 4:
        raise _data_error(path, "not an IDX file: it holds only %d %s" % (len(raw), word))
    found = int.from_bytes(raw[:4], "big")
    if found != magic:
        hint = (" (the %s file in its place?)" % ("labels" if kind == "images" else "images")
                if found == magic ^ 0x2 else " (not an IDX %s file)" % kind)
        raise _data_error(path, "magic number 0x%08X expected for %s, found 0x%08X%s"
                          % (magic, kind, found, hint))
    ndims = magic & 0xFF
    header = 4 + 4 * ndims
    if len(raw) < header:
        raise _data_error(path, "truncated: expected %s %s, found %s"
                          % (f"{header:,}", word, f"{len(raw):,}"))
    dims = [int.from_bytes(raw[4 + 4 * d:8 + 4 * d], "big") for d in range(ndims)]
    total = int(np.prod(dims))
    if len(raw) < header + total:
        raise _data_error(path, "truncated: expected %s %s, found %s"
                          % (f"{header + total:,}", word, f"{len(raw):,}"))
    if len(raw) > header + total:
        extra = len(raw) - header - total
        raise _data_error(path, "expected %s %s, found %s: %s bytes after the data the header announces"
                          % (f"{header + total:,}", word, f"{len(raw):,}", f"{extra:,}"))
    return dims, np.frombuffer(raw, dtype=np.uint8, offset=header, count=total)


def _find_idx(folder, base):
    for name in (base + ".gz", base):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return path
    raise _data_error(os.path.join(folder, base + ".gz"),
                      "file not found (nor %s without .gz); Fashion-MNIST needs %s, gzip or not"
                      % (base, ", ".join(IDX_FILES[:3]) + " and " + IDX_FILES[3]))


def _idx_split(folder, name, images_base, labels_base):
    image_file = _find_idx(folder, images_base)
    label_file = _find_idx(folder, labels_base)
    (count, rows, cols), pixels = read_idx(image_file, 0x803)
    _, labels = read_idx(label_file, 0x801)
    if len(labels) != count:
        raise _data_error(label_file, "labels file has %s items but images file has %s"
                          % (f"{len(labels):,}", f"{count:,}"))
    labels = labels.astype(np.int64)
    bad = np.nonzero(labels >= len(FASHION_MNIST_CLASSES))[0]
    if len(bad):
        raise _data_error(label_file, "item %s has label %d; Fashion-MNIST labels are 0..9"
                          % (f"{bad[0]:,}", labels[bad[0]]))
    return ImageSet(name, FASHION_MNIST_CLASSES, pixels.reshape(count, 1, rows, cols), labels)


def load_fashion_mnist(folder, what="Fashion-MNIST"):
    if not os.path.isdir(folder):
        raise _data_error(folder, "folder not found")
    train = _idx_split(folder, what + " (train)", IDX_FILES[0], IDX_FILES[1])
    test = _idx_split(folder, what + " (test)", IDX_FILES[2], IDX_FILES[3])
    if train.shape[1:] != test.shape[1:]:
        raise _data_error(_find_idx(folder, IDX_FILES[2]),
                          "images are %d×%d but the training images are %d×%d"
                          % (test.shape[1], test.shape[2], train.shape[1], train.shape[2]))
    return train, test


def locate_fashion_mnist(chosen):
    """DatasetLocator: the chosen folder, else Debian's package, else the sample exported beside this file."""
    notes = []
    if chosen:
        train, test = load_fashion_mnist(chosen)
        source, where = "the chosen folder", chosen
    else:
        train = None
        debian = DEBIAN_FASHION_MNIST
        if os.path.isdir(debian) and any(os.path.isfile(os.path.join(debian, IDX_FILES[0] + ext))
                                         for ext in (".gz", "")):
            try:
                train, test = load_fashion_mnist(debian)
                source, where = "Debian's dataset-fashion-mnist package", debian
            except Stop as e:
                notes.append("skipped " + str(e))
        if train is None:
            train, test = load_fashion_mnist(BUNDLED_SAMPLE, "Fashion-MNIST sample")
            source, where = "the sample exported with the design", BUNDLED_SAMPLE
    notes.insert(0, "Fashion-MNIST from %s (%s): %s training and %s test images"
                 % (source, where, f"{len(train):,}", f"{len(test):,}"))
    return train, test, notes


CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
CIFAR10_RECORD = 1 + 3 * 32 * 32
CIFAR10_TRAIN_FILES = ["data_batch_%d.bin" % i for i in range(1, 6)]


def _cifar_file(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise _data_error(path, "file not found; CIFAR-10's binary version needs %s and test_batch.bin"
                          % ", ".join(CIFAR10_TRAIN_FILES))
    except OSError as e:
        raise _data_error(path, "cannot be read: %s" % e)
    if not raw:
        raise _data_error(path, "the file is empty")
    if len(raw) % CIFAR10_RECORD:
        raise _data_error(path, "truncated or not CIFAR-10 binary: %s bytes is not a whole number of %s-byte "
                          "records (1 label byte + 3,072 pixel bytes); %s whole records and %s bytes over"
                          % (f"{len(raw):,}", f"{CIFAR10_RECORD:,}", f"{len(raw) // CIFAR10_RECORD:,}",
                             f"{len(raw) % CIFAR10_RECORD:,}"))
    records = np.frombuffer(raw, dtype=np.uint8).reshape(-1, CIFAR10_RECORD)
    labels = records[:, 0].astype(np.int64)
    bad = np.nonzero(labels >= 10)[0]
    if len(bad):
        raise _data_error(path, "record %s has label %d; CIFAR-10 labels are 0..9 (is this CIFAR-100 or the "
                          "Python version?)" % (f"{bad[0]:,}", labels[bad[0]]))
    return records[:, 1:].reshape(-1, 3, 32, 32), labels


def load_cifar10(folder):
    """CIFAR-10 binary: data_batch_1..5.bin, test_batch.bin; records of 1 label byte + 3,072 C×H×W bytes."""
    if not os.path.isdir(folder):
        raise _data_error(folder, "folder not found")
    inner = os.path.join(folder, "cifar-10-batches-bin")
    if not os.path.exists(os.path.join(folder, "test_batch.bin")) and os.path.isdir(inner):
        folder = inner
    names = CIFAR10_CLASSES
    meta = os.path.join(folder, "batches.meta.txt")
    if os.path.isfile(meta):
        with open(meta, encoding="utf-8") as f:
            names = [line.strip() for line in f if line.strip()]
        if len(names) != 10:
            raise _data_error(meta, "names %d classes; CIFAR-10 has 10" % len(names))
    parts = [_cifar_file(os.path.join(folder, f)) for f in CIFAR10_TRAIN_FILES]
    train = ImageSet("CIFAR-10 (train)", names, np.concatenate([p[0] for p in parts]),
                     np.concatenate([p[1] for p in parts]))
    images, labels = _cifar_file(os.path.join(folder, "test_batch.bin"))
    return train, ImageSet("CIFAR-10 (test)", names, images, labels)


IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif")


def _read_image_folder(folder, channels, width, height):
    """ImageFolder.load with a size: every image stretched to width × height (bilinear), grey or RGB."""
    try:
        from PIL import Image
    except ImportError:
        raise Stop("data", "image folders are read with Pillow, which this Python lacks (pip install pillow, "
                   "or Debian's python3-pil)")
    if not os.path.isdir(folder):
        raise _data_error(folder, "folder not found")
    entries = sorted(e for e in os.listdir(folder) if not e.startswith("."))
    class_dirs = [e for e in entries if os.path.isdir(os.path.join(folder, e))]
    if not class_dirs:
        raise _data_error(folder, "no class sub-folders; put the images of each class in a sub-folder named "
                          "after it (for example cat/001.png, dog/002.png)")
    images, labels = [], []
    for label, name in enumerate(class_dirs):
        d = os.path.join(folder, name)
        files = [os.path.join(d, e) for e in sorted(os.listdir(d)) if not e.startswith(".")
                 and e.lower().endswith(IMAGE_EXTENSIONS) and os.path.isfile(os.path.join(d, e))]
        if not files:
            raise _data_error(d, "class folder holds no images (%s)" % ", ".join(IMAGE_EXTENSIONS))
        for path in files:
            try:
                with Image.open(path) as img:
                    img.load()
                    grey = img.mode == "L"
                    img = img.convert("L" if grey else "RGB")
            except Exception as e:  # PIL raises many kinds for a file it cannot decode
                raise _data_error(path, "cannot be read as an image: %s" % e)
            if img.size != (width, height):
                img = img.convert("RGB").resize((width, height), Image.BILINEAR)
                grey = False
            a = np.asarray(img, dtype=np.uint8)
            if grey:
                chw = np.repeat(a[None], channels, axis=0)
            elif channels == 3:
                chw = a.transpose(2, 0, 1)
            else:  # luminance, rounded half up as Math.round
                rgb = a.astype(np.float64)
                chw = np.floor(0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2] + 0.5)[None]
            images.append(chw.astype(np.uint8))
            labels.append(label)
    return ImageSet(os.path.basename(os.path.normpath(folder)), class_dirs, np.stack(images),
                    np.asarray(labels, dtype=np.int64))


def load_image_folder(folder, channels, height, width, seed):
    """folder/train and folder/test when both exist; else one folder with 20 % of each class held out."""
    if channels not in (1, 3):
        raise _data_error(folder, "the design's input has %d channels; image folders are read as 1 (grey) "
                          "or 3 (RGB) channels" % channels)
    tr, te = os.path.join(folder, "train"), os.path.join(folder, "test")
    if os.path.isdir(tr) and os.path.isdir(te):
        train = _read_image_folder(tr, channels, width, height)
        test = _read_image_folder(te, channels, width, height)
        if test.class_names != train.class_names:
            raise _data_error(te, "class folders %s differ from the training folder's %s"
                              % (test.class_names, train.class_names))
        return train, test
    return _read_image_folder(folder, channels, width, height).split(0.2, seed)


FASHION_MNIST_NORM = ([0.2860], [0.3530])
CIFAR10_NORM = ([0.4914, 0.4822, 0.4465], [0.2470, 0.2435, 0.2616])


def normalisation_of(train):
    """Normalization.of: population mean and standard deviation of each channel's pixels in [0, 1]."""
    c = train.images.shape[1]
    px = train.images.transpose(1, 0, 2, 3).reshape(c, -1).astype(np.int64)
    n = px.shape[1]
    mean = px.sum(axis=1) / n
    var = np.maximum(0, (px * px).sum(axis=1) / n - mean * mean)
    return ([float(np.float32(m / 255)) for m in mean],
            [float(np.float32(max(math.sqrt(v) / 255, 1e-6))) for v in var])


def load_data(config, input_shape):
    """TrainingData.load: train (less validation), validation or None, test, normalisation, notes."""
    c, h, w = input_shape
    name = config["dataset"].lower()
    folder = config["dataDir"] or None
    if name == "fashion-mnist":
        train, test, notes = locate_fashion_mnist(folder)
        norm = FASHION_MNIST_NORM
    elif name == "fashion-mnist-sample":
        train, test = load_fashion_mnist(BUNDLED_SAMPLE, "Fashion-MNIST sample")
        notes = ["Fashion-MNIST sample exported with the design: %s training and %s test images"
                 % (f"{len(train):,}", f"{len(test):,}")]
        norm = FASHION_MNIST_NORM
    elif name == "cifar-10":
        if not folder:
            raise _data_error("cifar-10", "no data folder given: choose the folder holding "
                              "cifar-10-batches-bin (--data DIR)")
        train, test = load_cifar10(folder)
        notes = ["CIFAR-10 from %s: %s training and %s test images"
                 % (folder, f"{len(train):,}", f"{len(test):,}")]
        norm = CIFAR10_NORM
    elif name == "image-folder":
        if not folder:
            raise _data_error("image-folder", "no data folder given: choose a folder with one sub-folder of "
                              "images per class (--data DIR)")
        train, test = load_image_folder(folder, c, h, w, config["seed"])
        norm = normalisation_of(train)
        notes = ["image folder %s: %s training and %s test images of %d classes, resized to %d×%d"
                 % (folder, f"{len(train):,}", f"{len(test):,}", len(train.class_names), w, h)]
    else:
        raise _data_error(config["dataset"], "unknown dataset; use one of [%s]" % ", ".join(DATASETS))
    validation = None
    if config["validationFraction"] > 0:
        train, validation = train.split(config["validationFraction"], config["seed"])
    if train.shape != tuple(input_shape):
        tc, th, tw = train.shape
        raise Stop("data", "the design's input takes %d×%d×%d images; %s images are %d×%d×%d: set the input "
                   "block to %d channels, %d×%d" % (c, h, w, config["dataset"], tc, th, tw, tc, th, tw))
    return train, validation, test, norm, notes


class Batches(torch.utils.data.Dataset):
    """Whole batches by a list of indices (the loader's sampler yields index lists): uint8 → [0, 1] → crop and
    flip (training) → per-channel normalisation, as DjlBatches prepares images. Vectorised per batch."""

    def __init__(self, data, norm, augment_padding, seed):
        self.images = torch.from_numpy(np.require(data.images, requirements=["C", "W"]))
        self.labels = torch.from_numpy(data.labels)
        self.mean = torch.tensor(norm[0], dtype=torch.float32).view(1, -1, 1, 1)
        self.inv_std = (1 / torch.tensor(norm[1], dtype=torch.float32)).view(1, -1, 1, 1)
        self.padding = augment_padding  # None: no augmentation
        self.seed = seed
        self.gen = None

    def __len__(self):
        return len(self.labels)

    def reseed(self, seed):
        self.gen = torch.Generator().manual_seed(_torch_seed(seed))

    def __getitem__(self, indices):
        index = torch.as_tensor(indices, dtype=torch.int64)
        x = self.images[index].float() / 255
        if self.padding is not None:
            x = self._augment(x, self.padding)
        return (x - self.mean) * self.inv_std, self.labels[index]

    def _augment(self, x, p):
        if self.gen is None:
            self.reseed(self.seed)
        n, c, h, w = x.shape
        # Random crop of the zero-padded image = a shift by dy, dx in [-p, p] filling with 0.
        padded = F.pad(x, (p, p, p, p))
        oy = torch.randint(0, 2 * p + 1, (n, 1), generator=self.gen)
        ox = torch.randint(0, 2 * p + 1, (n, 1), generator=self.gen)
        rows = (oy + torch.arange(h)).view(n, 1, h, 1)
        cols = (ox + torch.arange(w)).view(n, 1, 1, w)
        x = padded[torch.arange(n).view(n, 1, 1, 1), torch.arange(c).view(1, c, 1, 1), rows, cols]
        flip = (torch.rand(n, generator=self.gen) < 0.5).view(n, 1, 1, 1)
        return torch.where(flip, x.flip(-1), x)


def _worker_init(worker_id):
    info = torch.utils.data.get_worker_info()
    info.dataset.reseed(info.seed)  # base seed (from the loader's seeded generator) + worker id


class _IndexBatches(torch.utils.data.Sampler):
    """The index lists of one rank's epoch: DistributedSampler's seeded order, cut into per-rank batches."""

    def __init__(self, sampler, batch, drop_last, limit):
        self.sampler, self.batch, self.drop_last = sampler, batch, drop_last
        n = len(sampler)
        full = n // batch if drop_last else (n + batch - 1) // batch
        self.steps = min(full, limit) if limit > 0 else full

    def __len__(self):
        return self.steps

    def __iter__(self):
        order = list(self.sampler)
        for b in range(self.steps):
            yield order[b * self.batch:(b + 1) * self.batch]


# ----------------------------------------------------------------------------------------------------
# Learning rate (LearningRateSchedule: closed forms of PyTorch's schedulers)


def _anneal(start, end, pct):
    return end + (start - end) / 2 * (math.cos(math.pi * pct) + 1)


def schedule(config, steps_per_epoch):
    """Returns lr(step), step counting from 0, as LearningRateSchedule.of."""
    total = config["epochs"] * steps_per_epoch
    warmup = _java_round(config["warmupEpochs"] * steps_per_epoch)
    lr = config["learningRate"]
    kind = config["schedule"].lower()
    if kind in ("one-cycle", "onecycle"):
        initial = lr / ONE_CYCLE_DIV
        low = initial / ONE_CYCLE_FINAL_DIV
        end1 = ONE_CYCLE_PCT_START * total - 1
        end2 = total - 1

        def one_cycle(step):
            s = min(step, end2)
            if s <= end1:
                return _anneal(initial, lr, s / end1 if end1 > 0 else 1)
            return _anneal(lr, low, (s - end1) / (end2 - end1) if end2 > end1 else 1)
        return one_cycle
    if kind == "constant":
        after = lambda step: lr  # noqa: E731
    elif kind == "cosine":
        t = max(1, total - warmup)
        after = lambda step: lr * (1 + math.cos(math.pi * min(step, t) / t)) / 2  # noqa: E731
    else:
        raise Stop("error", "unknown schedule '%s' (constant, cosine, one-cycle)" % config["schedule"])
    if warmup <= 0:
        return after
    return lambda step: (lr * (WARMUP_START_FACTOR + (1 - WARMUP_START_FACTOR) * step / warmup)
                         if step < warmup else after(step - warmup))


def make_optimizer(config, params):
    """Sgd / AdamW of the workbench = torch.optim's; weight decay on every trainable parameter."""
    kind = config["optimizer"].lower()
    lr = config["learningRate"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=config["momentum"], dampening=0,
                               nesterov=bool(config["nesterov"]), weight_decay=config["weightDecay"])
    if kind == "adamw":
        return torch.optim.AdamW(params, lr=lr, betas=(config["momentum"], ADAMW_BETA2), eps=ADAMW_EPS,
                                 weight_decay=config["weightDecay"], amsgrad=False)
    raise Stop("error", "unknown optimizer '%s' (sgd, adamw)" % config["optimizer"])


# ----------------------------------------------------------------------------------------------------
# The configuration


def config_problems(c):
    """TrainingConfigCheck.problems: one sentence per setting that cannot train."""
    p = []
    if str(c["dataset"]).lower() not in DATASETS:
        p.append("dataset '%s' is not one of [%s]" % (c["dataset"], ", ".join(DATASETS)))
    for key, words in (("epochs", "epochs"), ("batchSize", "batch size"),
                       ("progressEvery", "progress interval")):
        if c[key] <= 0:
            p.append("%s must be at least 1 (got %s)" % (words, c[key]))
    if str(c["optimizer"]).lower() not in ("sgd", "adamw"):
        p.append("optimizer '%s' is not sgd or adamw" % c["optimizer"])
    if not (c["learningRate"] > 0) or math.isinf(c["learningRate"]):
        p.append("learning rate must be a positive number (got %s)" % c["learningRate"])
    if not (0 <= c["momentum"] < 1):
        p.append("momentum must be in [0, 1) (got %s)" % c["momentum"])
    if c["nesterov"] and str(c["optimizer"]).lower() == "sgd" and not (c["momentum"] > 0):
        p.append("Nesterov momentum needs a momentum above 0")
    if not (c["weightDecay"] >= 0) or math.isinf(c["weightDecay"]):
        p.append("weight decay must be ≥ 0 (got %s)" % c["weightDecay"])
    if str(c["schedule"]).lower() not in ("constant", "cosine", "one-cycle", "onecycle"):
        p.append("schedule '%s' is not constant, cosine or one-cycle" % c["schedule"])
    if not (c["warmupEpochs"] >= 0) or c["warmupEpochs"] >= max(1, c["epochs"]):
        p.append("warm-up must be ≥ 0 epochs and shorter than the run (got %s of %s)"
                 % (c["warmupEpochs"], c["epochs"]))
    for key, words in (("labelSmoothing", "label smoothing"), ("dropPath", "drop-path"),
                       ("validationFraction", "validation fraction")):
        if not (0 <= c[key] < 1):
            p.append("%s must be in [0, 1) (got %s)" % (words, c[key]))
    if c["earlyStopPatience"] < 0:
        p.append("early-stop patience must be ≥ 0 (got %s)" % c["earlyStopPatience"])
    if str(c["mode"]).lower() not in ("auto", "fp32", "fp32-cl", "bf16-autocast"):
        p.append("mode '%s' is not auto, fp32, fp32-cl or bf16-autocast" % c["mode"])
    if c["threads"] < 0:
        p.append("threads must be ≥ 0 (got %s)" % c["threads"])
    if c["limitBatches"] < 0:
        p.append("batch limit must be ≥ 0 (got %s)" % c["limitBatches"])
    return p


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Train the exported design with the Model Workbench recipe (config.json beside this "
                    "file). Several processes: torchrun --nproc-per-node N train.py …",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--config", default=os.path.join(HERE, "config.json"), help="the training configuration")
    p.add_argument("--epochs", type=int, help="passes over the training images")
    p.add_argument("--batch-size", type=int, help="images per step over all processes (the global batch)")
    p.add_argument("--lr", type=float, help="the peak learning rate of the schedule")
    p.add_argument("--dataset", choices=DATASETS, help="the dataset")
    p.add_argument("--data", metavar="DIR", help="the dataset's folder")
    p.add_argument("--out", metavar="DIR", default="runs", help="where the run folder is made")
    p.add_argument("--limit-batches", type=int, metavar="N", help="at most N batches per epoch (smoke runs)")
    p.add_argument("--device", choices=("cpu", "cuda"), help="default: cuda when available")
    p.add_argument("--amp", choices=("bf16", "none"),
                   help="bf16 autocast; default: the configuration's mode, where 'auto' means bf16 on a GPU "
                        "that has it and fp32 on a CPU")
    p.add_argument("--channels-last", action="store_true", help="channels-last memory format")
    p.add_argument("--workers", type=int, default=0, metavar="N", help="data loader processes per rank")
    p.add_argument("--seed", type=int, help="initialisation, shuffling, augmentation and dropout")
    p.add_argument("--init", metavar="WEIGHTS.npz",
                   help="start from these weights (e.g. the exported weights.npz)")
    return p.parse_args(argv)


def load_config(args):
    try:
        with open(args.config, encoding="utf-8") as f:
            given = json.load(f)
    except FileNotFoundError:
        given = {}
    except (OSError, ValueError) as e:
        raise Stop("error", "%s: not a training configuration (%s)" % (args.config, e))
    config = dict(DEFAULT_CONFIG)
    config.update(given)
    overrides = {"epochs": args.epochs, "batchSize": args.batch_size, "learningRate": args.lr,
                 "dataset": args.dataset, "dataDir": args.data, "limitBatches": args.limit_batches,
                 "seed": args.seed}
    config.update({k: v for k, v in overrides.items() if v is not None})
    if args.amp is not None or args.channels_last:
        config["mode"] = ("bf16-autocast" if args.amp == "bf16"
                          else "fp32-cl" if args.channels_last else "fp32")
    problems = config_problems(config)
    if problems:
        raise Stop("error", "training settings: " + "; ".join(problems))
    return config


# ----------------------------------------------------------------------------------------------------
# The run folder (RunStore, RunRecorder): only rank 0 writes


def _instant(t=None):
    """java.time.Instant.toString: UTC, 'Z', the fraction in groups of three digits, none when whole."""
    t = time.time() if t is None else t
    whole = int(t)
    micros = int(round((t - whole) * 1e6))
    if micros == 1000000:
        whole, micros = whole + 1, 0
    s = datetime.datetime.fromtimestamp(whole, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    if micros == 0:
        return s + "Z"
    if micros % 1000 == 0:
        return s + ".%03dZ" % (micros // 1000)
    return s + ".%06dZ" % micros


def _process_started():
    """The start of this process as Java's ProcessHandle reports it (boot time + start ticks, in ms)."""
    try:
        with open("/proc/self/stat") as f:
            ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/stat") as f:
            boot = next(int(line.split()[1]) for line in f if line.startswith("btime"))
        millis = boot * 1000 + ticks * 1000 // os.sysconf("SC_CLK_TCK")
        return _instant(millis // 1000 + (millis % 1000) / 1000)
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform
    return platform.machine() or platform.processor()


def _jsonable(v):
    """Jackson's WRITE_NAN_AS_STRINGS: NaN and infinities as "NaN", "Infinity", "-Infinity"."""
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else "Infinity" if v > 0 else "-Infinity"
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    return v


def _write_atomically(path, data):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".%d.tmp" % os.getpid())
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


class RunFolder:
    """A run folder in the workbench's schema: events appended and flushed per line, run.json replaced
    whole (RunStore.create, RunRecorder)."""

    def __init__(self, out, design_bytes, design_name, config, host):
        digest = hashlib.sha256(design_bytes).hexdigest()
        os.makedirs(out, exist_ok=True)
        base = time.strftime("%Y%m%d-%H%M%S") + "-" + digest[:7]
        run_id, n = base, 2
        while True:
            try:
                os.mkdir(os.path.join(out, run_id))  # claims the name, even against another process
                break
            except FileExistsError:
                run_id, n = "%s-%d" % (base, n), n + 1
        self.id = run_id
        self.path = os.path.abspath(os.path.join(out, run_id))
        self.started_at = time.time()
        _write_atomically(os.path.join(self.path, "design.json"), design_bytes)
        self.record = {
            "id": run_id, "designName": design_name, "designHash": digest, "config": config,
            "started": _instant(self.started_at), "ended": None, "status": "running",
            "testAccuracy": math.nan, "bestValidationAccuracy": math.nan, "epochsRun": 0, "wallSeconds": 0.0,
            "host": host,
            "owner": {"pid": os.getpid(), "processStarted": _process_started()},
        }
        self._write_record()
        self.events = open(os.path.join(self.path, "events.jsonl"), "a", encoding="utf-8")

    def _write_record(self):
        text = json.dumps(_jsonable(self.record), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        _write_atomically(os.path.join(self.path, "run.json"), text.encode("utf-8"))

    def event(self, event_name, **fields):
        kind = event_name
        line = json.dumps(_jsonable(dict(event=kind, **fields)), separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False)
        self.events.write(line + "\n")
        self.events.flush()
        r = self.record
        if kind == "started":
            r["host"]["mode"], r["host"]["threads"] = fields["mode"], fields["threads"]
        elif kind == "epoch":
            v = fields["validationAccuracy"]
            best = r["bestValidationAccuracy"]
            r["epochsRun"] = fields["epoch"]
            r["bestValidationAccuracy"] = v if math.isnan(best) else max(best, -1 if math.isnan(v) else v)
        elif kind == "finished":
            r.update(status=fields["status"], ended=_instant(), testAccuracy=fields["testAccuracy"],
                     epochsRun=fields["epochsRun"], wallSeconds=fields["wallSeconds"])
        elif kind == "failed":
            r.update(status="failed", ended=_instant(), testAccuracy=math.nan,
                     wallSeconds=time.time() - self.started_at)
        else:
            return
        self._write_record()

    def save_weights(self, save, model, name):
        """Writes name (best.npz, last.npz) by way of a temporary file: a reader only sees whole ones."""
        final = os.path.join(self.path, name)
        tmp = os.path.join(self.path, ".%s.%d.tmp" % (name, os.getpid()))
        try:
            save(model, tmp)
            if not os.path.exists(tmp) and os.path.exists(tmp + ".npz"):
                tmp += ".npz"  # numpy.savez appends .npz to a name that lacks it
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, final)
        finally:
            for t in (tmp, tmp + ".npz"):
                if os.path.exists(t):
                    os.remove(t)

    def close(self):
        self.events.close()


class NoFolder:
    """What ranks other than 0 write: nothing."""
    path = None

    def event(self, event_name, **fields):
        pass

    def save_weights(self, save, model, name):
        pass

    def close(self):
        pass


# ----------------------------------------------------------------------------------------------------
# Processes


class Ranks:
    """This process's place: rank, world size and device, from the variables torchrun (or a plain env://
    launch) sets."""

    def __init__(self, device_arg):
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        self.local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        kind = device_arg or ("cuda" if torch.cuda.is_available() else "cpu")
        if kind == "cuda" and not torch.cuda.is_available():
            raise Stop("error", "--device cuda, but this PyTorch sees no CUDA device (torch %s, "
                       "CUDA build %s)" % (torch.__version__, torch.version.cuda))
        if kind == "cuda":
            torch.cuda.set_device(self.local_rank % torch.cuda.device_count())
            self.device = torch.device("cuda", torch.cuda.current_device())
        else:
            self.device = torch.device("cpu")
        self.distributed = self.world > 1
        if self.distributed:
            dist.init_process_group(backend="nccl" if kind == "cuda" else "gloo", init_method="env://")

    @property
    def main(self):
        return self.rank == 0

    def sum(self, values):
        """Sums a list of numbers over all processes (float64 on the device)."""
        t = torch.tensor(values, dtype=torch.float64, device=self.device)
        if self.distributed:
            dist.all_reduce(t)
        return t.tolist()

    def broadcast_state(self, model, buffers_only=False):
        """Gives every process rank 0's weights (buffers only: the BatchNorm statistics drift apart)."""
        if not self.distributed:
            return
        tensors = list(model.buffers()) if buffers_only else list(model.state_dict().values())
        for t in tensors:
            if t.is_floating_point() or not buffers_only:
                dist.broadcast(t.data, src=0)

    def close(self):
        if self.distributed and dist.is_initialized():
            dist.destroy_process_group()


# ----------------------------------------------------------------------------------------------------
# Training


class RecentSteps:
    """The mean loss and accuracy over the last n steps, for the progress events (see RecentSteps.java)."""

    def __init__(self, n):
        self.n, self.steps = n, []

    def add(self, loss_sum, right, images):
        self.steps.append((loss_sum, right, images))
        del self.steps[:-self.n]

    def means(self):
        images = sum(s[2] for s in self.steps)
        if images == 0:
            return math.nan, math.nan
        return sum(s[0] for s in self.steps) / images, sum(s[1] for s in self.steps) / images


class BlockInspector:
    """The workbench's Inspector for PyTorch: every inspectEvery steps, per top-level block of the design,
    the L2 norms of its weights (before the update), of their gradients and of the update (as a ratio to the
    weights), and the mean, standard deviation and dead fraction of its output (<= 0 after a ReLU-like op,
    == 0 elsewhere), reported under the design's node ids (model.NODE_IDS) as an "inspection" event."""

    def __init__(self, model, node_ids, relu_outputs):
        self.blocks = [(name, node_ids.get(name, name), module) for name, module in model.named_children()]
        self.params = {name: [p for p in module.parameters() if p.requires_grad] for name, module in
                       model.named_children()}
        self.relu = set(relu_outputs)
        self.hooks = []
        self.outputs = {}
        self.before = {}

    def arm(self):
        self.outputs = {}
        for name, _, module in self.blocks:
            self.hooks.append(module.register_forward_hook(self._hook(name)))

    def _hook(self, name):
        def hook(module, inputs, output):
            out = output[0] if isinstance(output, (tuple, list)) else output
            x = out.detach().float()
            mean = x.mean()
            std = (x - mean).square().mean().sqrt()
            dead = (x <= 0) if name in self.relu else (x == 0)
            self.outputs[name] = (mean.item(), std.item(), dead.float().mean().item())
        return hook

    def disarm(self):
        for h in self.hooks:
            h.remove()
        self.hooks = []

    def before_update(self):
        """The weights and gradients as the optimiser gets them."""
        self.before = {name: [p.detach().clone() for p in ps] for name, ps in self.params.items()}
        self.grads = {name: sum(float(p.grad.detach().float().square().sum())
                                for p in ps if p.grad is not None)
                      for name, ps in self.params.items()}

    def stats(self):
        out = []
        for name, node, _ in self.blocks:
            ps = self.params[name]
            if ps:
                w = math.sqrt(sum(float(b.float().square().sum()) for b in self.before[name]))
                g = math.sqrt(self.grads[name])
                u = math.sqrt(sum(float((p.detach() - b).float().square().sum())
                                  for p, b in zip(ps, self.before[name])))
                ratio = u / w if w > 0 else math.nan
            else:
                w = g = ratio = math.nan
            a = self.outputs.get(name, (math.nan, math.nan, math.nan))
            out.append(dict(node=node, weightNorm=w, gradNorm=g, updateRatio=ratio, activationMean=a[0],
                            activationStd=a[1], deadFraction=a[2]))
        self.before = {}
        return out


def _logits(out):
    return out[0] if isinstance(out, (tuple, list)) else out


def _duration(seconds):
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    return "%d:%02d:%02d" % (h, rest // 60, rest % 60) if h else "%d:%02d" % divmod(rest, 60)


class Trainer:
    """One run: the workbench's Trainer.Session, event for event."""

    def __init__(self, args, config, ranks, folder, api, design_name, wall_start):
        self.args, self.config, self.ranks, self.folder, self.api = args, config, ranks, folder, api
        self.design_name = design_name
        self.wall_start = wall_start
        self.epoch, self.step = 0, 0
        self.epochs_run = 0  # whole epochs, for a cancelled run's Finished
        self.class_names = []
        self.amp = None
        self.channels_last = False

    def wall(self):
        return time.time() - self.wall_start

    def say(self, text):
        if self.ranks.main:
            print(text, flush=True)

    def log(self, message):
        self.folder.event("log", message=message)
        self.say(message)

    def mode(self):
        """The execution mode: the configuration's, where 'auto' is bf16 on a GPU that has it, else fp32."""
        mode = self.config["mode"].lower()
        cuda = self.ranks.device.type == "cuda"
        if mode == "auto":
            mode = "bf16-autocast" if cuda and torch.cuda.is_bf16_supported() else "fp32"
        self.amp = torch.bfloat16 if mode == "bf16-autocast" else None
        self.channels_last = mode == "fp32-cl" or self.args.channels_last
        return "pytorch-%s-%s%s" % (self.ranks.device.type, "bf16" if self.amp else "fp32",
                                    "-cl" if self.channels_last else "")

    def autocast(self):
        if self.amp is None:
            return _NoContext()
        return torch.autocast(device_type=self.ranks.device.type, dtype=self.amp)

    def to_device(self, x, y):
        x = x.to(self.ranks.device, non_blocking=True)
        if self.channels_last:
            x = x.contiguous(memory_format=torch.channels_last)
        return x, y.to(self.ranks.device, non_blocking=True)

    def run(self):
        config, ranks = self.config, self.ranks
        torch.manual_seed(_torch_seed(config["seed"]))
        if ranks.device.type == "cuda":
            torch.backends.cudnn.benchmark = True  # fixed input shapes: let cuDNN pick its fastest kernels
        if config["threads"] > 0:
            torch.set_num_threads(config["threads"])
        mode = self.mode()
        input_shape = tuple(int(d) for d in self.api.INPUT_SHAPE)
        train, validation, test, norm, notes = load_data(config, input_shape)
        self.class_names = train.class_names
        classes = len(train.class_names)

        batch = config["batchSize"]
        if batch % ranks.world:
            lower = batch - batch % ranks.world
            raise Stop("error", "the batch size %d does not split evenly over %d processes; use a multiple "
                       "of %d (--batch-size %d or %d)" % (batch, ranks.world, ranks.world, lower,
                                                         lower + ranks.world))
        per_rank = batch // ranks.world

        try:
            model = self.api.build_model()
        except Exception as e:
            raise Stop("design", "model.py's build_model() failed: %s: %s" % (type(e).__name__, e))
        if self.args.init:
            try:
                self.api.load_weights(model, self.args.init)
            except Exception as e:
                raise Stop("error", "cannot load the weights %s: %s" % (self.args.init, e))
        model.to(ranks.device)
        if self.channels_last:
            model.to(memory_format=torch.channels_last)
        unused = self.check_output(model, input_shape, classes)
        params = [p for p in model.parameters() if p.requires_grad]
        parameters = sum(p.numel() for p in params)
        net = model
        if ranks.distributed:
            net = torch.nn.parallel.DistributedDataParallel(
                model, device_ids=[ranks.device.index] if ranks.device.type == "cuda" else None,
                find_unused_parameters=unused)

        pad = 2 if max(input_shape[1], input_shape[2]) <= 28 else 4
        data = Batches(train, norm, pad if config["augment"] else None, config["seed"])
        sampler = torch.utils.data.distributed.DistributedSampler(
            data, num_replicas=ranks.world, rank=ranks.rank, shuffle=True, seed=_torch_seed(config["seed"]),
            drop_last=True)
        batches = _IndexBatches(sampler, per_rank, len(train) >= batch, config["limitBatches"])
        steps_per_epoch = len(batches)
        if steps_per_epoch == 0:
            raise Stop("data", "%s has no training images left after holding out %s for validation"
                       % (config["dataset"], config["validationFraction"]))
        loader = torch.utils.data.DataLoader(
            data, sampler=batches, batch_size=None, num_workers=self.args.workers,
            worker_init_fn=_worker_init, pin_memory=ranks.device.type == "cuda",
            generator=torch.Generator().manual_seed(_torch_seed(config["seed"] * 1000003 + ranks.rank)))

        self.folder.event("started", runId=getattr(self.folder, "id", None), design=self.design_name,
                          dataset=config["dataset"], trainImages=len(train),
                          validationImages=0 if validation is None else len(validation), testImages=len(test),
                          epochs=config["epochs"], stepsPerEpoch=steps_per_epoch, mode=mode,
                          threads=torch.get_num_threads(), parameters=parameters)
        self.say("training %s (%s parameters) on %s: %s training, %s validation, %s test images; %d epoch%s "
                 "of %s steps; %s"
                 % (self.design_name, f"{parameters:,}", config["dataset"], f"{len(train):,}",
                    f"{0 if validation is None else len(validation):,}", f"{len(test):,}",
                    config["epochs"], "" if config["epochs"] == 1 else "s", f"{steps_per_epoch:,}", mode))
        for n in notes:
            self.log(n)
        if ranks.distributed:
            self.log("%d processes (%s backend): global batch %d = %d per process × %d"
                     % (ranks.world, dist.get_backend(), batch, per_rank, ranks.world))
        if ranks.device.type == "cuda":
            self.log("GPU: %s" % torch.cuda.get_device_name(ranks.device))
        if config["dropPath"] > 0:
            self.log("drop-path: the rates rising to %.3g were set in model.py when it was exported"
                     % config["dropPath"])
        if self.args.init:
            self.log("started from the weights %s" % self.args.init)
        expected = getattr(self.api, "PARAMETERS", None)
        if expected is not None and expected != parameters:
            self.log("model.py has %s trainable parameters where the workbench counted %s: was it edited?"
                     % (f"{parameters:,}", f"{expected:,}"))
        if unused:
            self.log("some parameters take no part in the logits; DDP looks for unused parameters each step")

        optimizer = make_optimizer(config, params)
        return self.epochs(net, model, optimizer, loader, data, sampler, steps_per_epoch, validation, test,
                           norm, per_rank)

    def check_output(self, model, input_shape, classes):
        """Trainer.checkOutput: the logits must be N×classes. Returns whether some parameter gets no gradient
        (DDP must then look for unused parameters)."""
        model.eval()
        x = torch.zeros((2,) + input_shape, device=self.ranks.device)
        try:
            with self.autocast():
                out = _logits(model(x))
        except Exception as e:
            raise Stop("design", "the model cannot run a 2×%s batch: %s: %s"
                       % ("×".join(map(str, input_shape)), type(e).__name__, e))
        if out.dim() != 2 or out.shape[1] != classes:
            raise Stop("design", "the design's output is %s; %s needs N×%d class logits (%d classes): set "
                       "the classifier's classes to %d"
                       % ("×".join(map(str, out.shape)), self.config["dataset"], classes, classes, classes))
        if not out.requires_grad:
            raise Stop("design", "the model has no trainable parameter that reaches the logits")
        out.float().sum().backward()
        unused = any(p.requires_grad and p.grad is None for p in model.parameters())
        model.zero_grad(set_to_none=True)
        return unused

    def epochs(self, net, model, optimizer, loader, data, sampler, steps_per_epoch, validation, test, norm,
               per_rank):
        config, ranks = self.config, self.ranks
        total_steps = config["epochs"] * steps_per_epoch
        lr_at = schedule(config, steps_per_epoch)
        smoothing = config["labelSmoothing"]
        # Per-block statistics as the workbench's inspector samples them (rank 0's share of the batch).
        inspector = None
        if ranks.rank == 0 and config["inspectEvery"] > 0:
            inspector = BlockInspector(model, getattr(self.api, "NODE_IDS", {}),
                                       getattr(self.api, "RELU_OUTPUTS", ()))
        best_score, best_epoch, epochs_run = -math.inf, 0, 0
        status = "completed"
        recent = RecentSteps(config["progressEvery"])
        step_seconds, window_seconds, window_images = 0.0, 0.0, 0
        lr = lr_at(0)
        for self.epoch in range(1, config["epochs"] + 1):
            epoch_start = time.time()
            epoch_loss, epoch_right, epoch_images = 0.0, 0, 0
            sampler.set_epoch(self.epoch - 1)
            data.reseed(_torch_seed(config["seed"] * 1000003 + self.epoch * 7919 + ranks.rank))
            net.train()
            it = iter(loader)
            for b in range(steps_per_epoch):
                self.step += 1
                lr = lr_at(self.step - 1)
                t = time.time()
                x, y = self.to_device(*next(it))
                for g in optimizer.param_groups:
                    g["lr"] = lr
                inspect = (inspector is not None and config["inspectEvery"] > 0
                           and self.step % config["inspectEvery"] == 0)
                if inspect:
                    inspector.arm()
                try:
                    with self.autocast():
                        logits = _logits(net(x))
                finally:
                    if inspect:
                        inspector.disarm()
                loss = F.cross_entropy(logits.float(), y, label_smoothing=smoothing)
                right = (logits.argmax(1) == y).sum()
                loss_sum, right, n = ranks.sum([loss.item() * len(y), right.item(), len(y)])
                mean = loss_sum / n
                if not math.isfinite(mean):
                    raise Stop("nan", "the loss became %s at epoch %d, step %d (learning rate %.3g): the "
                               "weights diverged; lower the learning rate, or add normalisation or warm-up"
                               % ("NaN" if math.isnan(mean) else "infinite", self.epoch, self.step, lr))
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                if inspect:
                    inspector.before_update()
                optimizer.step()
                if inspect:
                    self.folder.event("inspection", epoch=self.epoch, step=self.step,
                                      blocks=inspector.stats())
                if ranks.device.type == "cuda":
                    torch.cuda.synchronize(ranks.device)
                dt = time.time() - t
                step_seconds += dt
                window_seconds += dt
                window_images += n
                recent.add(loss_sum, right, n)
                epoch_loss += loss_sum
                epoch_right += right
                epoch_images += n
                if self.step % config["progressEvery"] == 0 or b == steps_per_epoch - 1:
                    loss_mean, accuracy = recent.means()
                    speed = window_images / window_seconds if window_seconds > 0 else 0.0
                    eta = (total_steps - self.step) * (step_seconds / self.step)
                    self.folder.event("progress", epoch=self.epoch, step=self.step, totalSteps=total_steps,
                                      loss=loss_mean, accuracy=accuracy, learningRate=lr,
                                      imagesPerSecond=speed, etaSeconds=eta)
                    self.say("epoch %d/%d  step %s/%s  loss %.4f  acc %.2f %%  lr %.4g  %s img/s  ETA %s"
                             % (self.epoch, config["epochs"], f"{self.step:,}", f"{total_steps:,}", loss_mean,
                                100 * accuracy, lr, f"{round(speed):,}", _duration(eta)))
                    window_seconds, window_images = 0.0, 0
            del it
            val_loss = val_accuracy = math.nan
            if validation is not None:
                ranks.broadcast_state(model, buffers_only=True)
                val_loss, val_accuracy, _ = self.evaluate(model, validation, norm, per_rank * 2)
            epochs_run = self.epochs_run = self.epoch
            score = self.epoch if math.isnan(val_accuracy) else val_accuracy
            best = score > best_score
            if best:
                best_score, best_epoch = score, self.epoch
            seconds = time.time() - epoch_start
            self.folder.event("epoch", epoch=self.epoch, trainLoss=epoch_loss / epoch_images,
                              trainAccuracy=epoch_right / epoch_images, validationLoss=val_loss,
                              validationAccuracy=val_accuracy, learningRate=lr, seconds=seconds, best=best)
            held_out = ("validation loss %.4f  acc %.2f %%" % (val_loss, 100 * val_accuracy)
                        if validation is not None else "no validation share")
            self.say("epoch %d/%d  train loss %.4f  acc %.2f %%  %s  %s%s"
                     % (self.epoch, config["epochs"], epoch_loss / epoch_images,
                        100 * epoch_right / epoch_images, held_out, _duration(seconds),
                        "  (best)" if best else ""))
            self.checkpoint(model, "last")
            if best:
                self.checkpoint(model, "best")
            patience = config["earlyStopPatience"]
            if patience > 0 and self.epoch - best_epoch >= patience and self.epoch < config["epochs"]:
                status = "early-stopped"
                self.log("stopped early: no better validation accuracy for %d epoch%s (best: epoch %d)"
                         % (patience, "" if patience == 1 else "s", best_epoch))
                break
        self.epoch = epochs_run
        if best_epoch != epochs_run:
            if ranks.main:
                try:
                    self.api.load_weights(model, os.path.join(self.folder.path, "best.npz"))
                except Exception as e:
                    raise Stop("error", "cannot read the best checkpoint back: %s" % e)
            ranks.broadcast_state(model)
        else:
            ranks.broadcast_state(model, buffers_only=True)
        test_loss, test_accuracy, confusion = self.evaluate(model, test, norm, per_rank * 2)
        self.say("test accuracy: %.2f %% (loss %.4f) with the weights of epoch %d"
                 % (100 * test_accuracy, test_loss, best_epoch))
        return dict(status=status, testAccuracy=test_accuracy, testLoss=test_loss, confusion=confusion,
                    classes=self.class_names, wallSeconds=self.wall(), epochsRun=epochs_run)

    def checkpoint(self, model, kind):
        name = kind + ".npz"
        try:
            self.folder.save_weights(self.api.save_weights, model, name)
        except Exception as e:
            raise Stop("error", "cannot write the checkpoint %s: %s" % (name, e))
        self.folder.event("checkpoint", kind=kind, file=name, epoch=self.epoch)

    def evaluate(self, model, data, norm, batch):
        """Mean loss (no smoothing), accuracy and confusion[actual][predicted], each process taking every
        world-th image (the unwrapped model: no collective per batch) and the sums all-reduced."""
        ranks = self.ranks
        classes = len(data.class_names)
        images = Batches(data, norm, None, 0)
        mine = list(range(ranks.rank, len(data), ranks.world))
        confusion = torch.zeros(classes * classes, dtype=torch.float64, device=ranks.device)
        loss_sum = torch.zeros((), dtype=torch.float64, device=ranks.device)
        model.eval()  # not the DDP wrapper: ranks may take different numbers of batches
        with torch.no_grad():
            for i in range(0, len(mine), batch):
                x, y = self.to_device(*images[mine[i:i + batch]])
                with self.autocast():
                    logits = _logits(model(x)).float()
                loss_sum += F.cross_entropy(logits, y, reduction="sum").double()
                pairs = y * classes + logits.argmax(1)  # actual row, predicted column
                confusion += torch.bincount(pairs, minlength=classes * classes).double()
        if ranks.distributed:
            dist.all_reduce(confusion)
            dist.all_reduce(loss_sum)
        matrix = confusion.view(classes, classes).long().tolist()
        seen = sum(map(sum, matrix))
        right = sum(matrix[k][k] for k in range(classes))
        return loss_sum.item() / seen, right / seen, matrix


class _NoContext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _failure(e, epoch, step):
    """Trainer.failure: out of memory told apart, the place named."""
    message = str(e) or type(e).__name__
    where = " (at epoch %d, step %d)" % (epoch, step) if epoch > 0 else ""
    lower = message.lower()
    if "out of memory" in lower or "can't allocate" in lower or "cannot allocate" in lower:
        return ("out-of-memory", "out of memory%s: %s; try a smaller batch or a smaller design"
                % (where, message))
    return "error", "%s: %s%s" % (type(e).__name__, message, where)


def _on_sigterm(signum, frame):
    raise Cancelled()


def _host():
    """RunRecord.Host of this machine; mode and threads follow with the Started event."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    preload = os.environ.get("LD_PRELOAD", "")
    allocator = "tcmalloc" if "tcmalloc" in preload else "jemalloc" if "jemalloc" in preload else "glibc"
    return {"cpuModel": _cpu_model(), "cores": cores, "mode": None, "threads": 0, "allocator": allocator}


def _last_word(folder, event_name, **fields):
    """The run's last event, written if the folder still takes it (a full disk must not hide the cause)."""
    try:
        folder.event(event_name, **fields)
    except OSError as e:
        print("cannot record the end of the run in %s: %s" % (folder.path, e), file=sys.stderr, flush=True)


def main(argv=None):
    wall_start = time.time()
    args = parse_args(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, _on_sigterm)
    ranks = folder = trainer = None
    try:
        ranks = Ranks(args.device)
        config = load_config(args)
        try:
            with open(os.path.join(HERE, "design.json"), "rb") as f:
                design_bytes = f.read()
            design_name = json.loads(design_bytes.decode("utf-8")).get("name") or "design"
        except (OSError, ValueError) as e:
            raise Stop("error", "design.json beside train.py cannot be read (%s); the run folder needs it"
                       % e)
        # From here on every failure is recorded in the run folder, as the workbench records it.
        folder = RunFolder(args.out, design_bytes, design_name, config, _host()) if ranks.main else NoFolder()
        if ranks.main:
            print("run folder: %s" % folder.path, flush=True)
        sys.path.insert(0, HERE)
        try:
            import model as api  # the exported design: build_model, load_weights, save_weights, INPUT_SHAPE
        except Exception as e:
            raise Stop("design", "model.py cannot be imported: %s: %s" % (type(e).__name__, e))
        trainer = Trainer(args, config, ranks, folder, api, design_name, wall_start)
        folder.event("finished", **trainer.run())
        return 0
    except (KeyboardInterrupt, Cancelled) as e:
        if isinstance(e, Cancelled) and ranks is not None and ranks.distributed:
            # torchrun stops every process of a run when one of them fails: not the user's cancel.
            epoch, step = (trainer.epoch, trainer.step) if trainer else (0, 0)
            message = ("stopped by SIGTERM at epoch %d, step %d: under torchrun another process of the run "
                       "failed (see its output), or the job was stopped" % (epoch, step))
            if folder is not None:
                _last_word(folder, "failed", kind="crash", message=message, epoch=epoch, step=step)
            print("error: %s" % message, file=sys.stderr, flush=True)
            return 1
        if folder is not None:
            _last_word(folder, "finished", status="cancelled", testAccuracy=math.nan, testLoss=math.nan,
                       confusion=[], classes=trainer.class_names if trainer else [],
                       wallSeconds=time.time() - wall_start, epochsRun=trainer.epochs_run if trainer else 0)
        print("cancelled", file=sys.stderr, flush=True)
        return 130
    except Exception as e:  # every failure ends as a Failed event naming what went wrong
        epoch, step = (trainer.epoch, trainer.step) if trainer else (0, 0)
        kind, message = (e.kind, str(e)) if isinstance(e, Stop) else _failure(e, epoch, step)
        if folder is not None:
            _last_word(folder, "failed", kind=kind, message=message, epoch=epoch, step=step)
        rank = "" if ranks is None or ranks.main else " (rank %d)" % ranks.rank
        print("error%s: %s" % (rank, message), file=sys.stderr, flush=True)
        return 1
    finally:
        if folder is not None:
            folder.close()
        if ranks is not None:
            try:
                ranks.close()
            except Exception:  # a broken process group must not hide the run's own outcome
                pass


if __name__ == "__main__":
    sys.exit(main())
