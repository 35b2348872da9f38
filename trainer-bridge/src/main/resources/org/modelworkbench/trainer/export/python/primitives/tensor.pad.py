from torch import nn
import torch.nn.functional as F


class Pad(nn.Module):
    """Pads the height and width of N×C×H×W, each side on its own → N×C×(H+top+bottom)×(W+left+right).

    zero adds zeros, reflect mirrors without repeating the edge (as nn.ReflectionPad2d), replicate
    repeats the edge.
    """

    _MODES = {"zero": "constant", "reflect": "reflect", "replicate": "replicate"}

    def __init__(self, ins, left=0, right=0, top=0, bottom=0, mode="zero"):
        super().__init__()
        if mode not in self._MODES:
            raise ValueError(f"tensor.pad: unknown mode {mode!r}")
        self.pad, self.mode = (left, right, top, bottom), self._MODES[mode]

    def forward(self, x):
        if not any(self.pad):
            return x
        return F.pad(x, self.pad, mode=self.mode)
