"""Checks this export: the model builds, its parameter count is the workbench's, and with the exported
weights its output on the workbench's reference input equals the workbench's (DJL's) output.

    python3 check.py            # a readable report; exit status 1 when something differs
    python3 check.py --json     # the same as one JSON object (the workbench's tests read it)
    python3 check.py DIR...     # other export folders
"""
import argparse
import importlib.util
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))

TOLERANCE = 1e-4  # largest |torch - workbench| relative to the largest |workbench| value


def load_model_module(folder):
    """The model.py of an export folder, imported under a name of its own (several may be checked at once)."""
    path = os.path.join(folder, "model.py")
    spec = importlib.util.spec_from_file_location("model_" + str(abs(hash(os.path.abspath(folder)))), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(folder, weights=None):
    """The report for one export folder: parameter counts and, with weights, each output's difference."""
    m = load_model_module(folder)
    torch.manual_seed(0)
    model = m.build_model()
    counted = sum(p.numel() for p in model.parameters())
    report = {"folder": folder, "design": m.DESIGN, "parameters": counted, "workbench_parameters": m.PARAMETERS,
              "outputs": []}
    ok = counted == m.PARAMETERS
    weights = weights or os.path.join(folder, "weights.npz")
    if os.path.exists(weights) and os.path.exists(os.path.join(folder, "reference_input.npy")):
        m.load_weights(model, weights)
        model.eval()
        x = torch.from_numpy(np.load(os.path.join(folder, "reference_input.npy")))
        with torch.no_grad():
            y = model(x)
        ys = list(y) if isinstance(y, (tuple, list)) else [y]
        for i, out in enumerate(ys):
            name = "reference_output.npy" if len(ys) == 1 else f"reference_output_{i}.npy"
            want = np.load(os.path.join(folder, name))
            got = out.detach().float().numpy()
            if got.shape != want.shape:
                report["outputs"].append({"output": i, "shape": list(got.shape), "expected_shape": list(want.shape)})
                ok = False
                continue
            scale = float(np.abs(want).max()) or 1.0
            diff = float(np.abs(got - want).max())
            report["outputs"].append({"output": i, "shape": list(got.shape), "max_abs_diff": diff,
                                      "relative": diff / scale})
            ok = ok and diff / scale <= TOLERANCE
    else:
        report["note"] = "no weights.npz and reference arrays: only the parameter count is checked"
    report["ok"] = ok
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object per folder")
    parser.add_argument("--weights", help="a .npz other than weights.npz")
    parser.add_argument("folders", nargs="*", help="export folders (default: this one)")
    args = parser.parse_args()
    ok = True
    for folder in args.folders or [HERE]:
        try:
            report = check(folder, args.weights)
        except Exception as e:  # one broken export must not hide the report on the others
            report = {"folder": folder, "ok": False, "error": f"{type(e).__name__}: {e}"}
        ok = ok and report["ok"]
        if args.json:
            print(json.dumps(report), flush=True)
            continue
        if "error" in report:
            print(f"{folder}: {report['error']}")
            continue
        print(f"{report['design']}: {report['parameters']:,} parameters (workbench: {report['workbench_parameters']:,})")
        for o in report["outputs"]:
            if "relative" in o:
                print(f"  output {o['output']} {tuple(o['shape'])}: max |difference| {o['max_abs_diff']:.3g}, "
                      f"relative {o['relative']:.3g} (tolerance {TOLERANCE:g})")
            else:
                print(f"  output {o['output']}: shape {tuple(o['shape'])}, workbench {tuple(o['expected_shape'])}")
        if "note" in report:
            print("  " + report["note"])
        print("OK: this model computes what the workbench computes" if report["ok"] else "DIFFERENT: see above")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
