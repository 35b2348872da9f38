"""Training-step speed of exported workbench designs against timm's hand-written models (issue 14).

    python3 bench/exported_vs_timm.py EXPORT_DIR:TIMM_NAME ... [--device cuda] [--batch 128] [--steps 30]
                                      [--warmup 10] [--amp bf16|none] [--channels-last]

Each EXPORT_DIR is a folder written by `workbench export pytorch`; TIMM_NAME the timm model it reproduces
(swin_tiny_patch4_window7_224, focalnet_tiny_lrf, convnext_tiny). Both run the same training step —
forward, cross-entropy, backward, SGD (Nesterov) step — on the same random batch, in the same process,
alternating model by model; warm-up steps are not timed. Prints images/s (median step) for each side and
the ratio exported / timm (the issue's target: >= 0.9 on a GPU with bf16 autocast and channels-last).
Without timm installed only the exported models are measured, and the table says so.
"""
import argparse
import importlib.util
import os
import statistics
import time

import torch
import torch.nn.functional as F


def load_exported(folder):
    spec = importlib.util.spec_from_file_location("exported_" + os.path.basename(folder.rstrip("/")),
                                                  os.path.join(folder, "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_model(), module.INPUT_SHAPE


def step_speed(model, shape, args):
    device = torch.device(args.device)
    model = model.to(device)
    fmt = torch.channels_last if args.channels_last else torch.contiguous_format
    model = model.to(memory_format=fmt)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)
    x = torch.randn(args.batch, *shape, device=device).contiguous(memory_format=fmt)
    y = torch.randint(0, 10, (args.batch,), device=device)
    times = []
    for i in range(args.warmup + args.steps):
        if device.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=args.amp == "bf16"):
            out = model(x)
            out = out[0] if isinstance(out, (tuple, list)) else out
            loss = F.cross_entropy(out.float(), y % out.shape[1])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        if i >= args.warmup:
            times.append(time.perf_counter() - start)
    return args.batch / statistics.median(times)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("pairs", nargs="+", metavar="EXPORT_DIR:TIMM_NAME")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--amp", choices=("bf16", "none"), default="bf16")
    p.add_argument("--channels-last", action="store_true")
    args = p.parse_args()
    try:
        import timm
    except ImportError:
        timm = None
    if args.device == "cuda":
        torch.backends.cudnn.benchmark = True
    print(f"device {args.device}, batch {args.batch}, {args.steps} timed steps after {args.warmup}, "
          f"amp {args.amp}, channels-last {args.channels_last}, torch {torch.__version__}, "
          f"timm {timm.__version__ if timm else 'not installed'}")
    print(f"{'model':<34} {'exported img/s':>15} {'timm img/s':>12} {'ratio':>7}")
    for pair in args.pairs:
        folder, _, name = pair.partition(":")
        model, shape = load_exported(folder)
        exported = step_speed(model, shape, args)
        del model
        reference = None
        if timm is not None and name:
            reference = step_speed(timm.create_model(name, num_classes=1000), shape, args)
        ratio = f"{exported / reference:.2f}" if reference else "—"
        ref = f"{reference:.1f}" if reference else "—"
        print(f"{os.path.basename(folder.rstrip('/')) + ' / ' + (name or '—'):<34} {exported:>15.1f} {ref:>12} {ratio:>7}")


if __name__ == "__main__":
    main()
