from torch import nn


class CrossMerge(nn.Module):
    """VMamba's 1-D to 2-D folding (Liu et al. 2024; cross_merge_fn), the inverse of CrossScan: each of
    the K sequences back at its pixels, summed, N×K×D×T → N×H×W×D (channels-last). The second input
    ``like`` is the N×D×H×W map that was scanned; only its shape is read.
    """

    def __init__(self, ins):
        super().__init__()

    def forward(self, ys, like):
        n, d, h, w = like.shape
        k = ys.shape[1]
        y = ys[:, 0]
        if k == 2:
            y = y + ys[:, 1].flip(2)
        elif k == 4:
            y = y + ys[:, 2].flip(2)
            cols = ys[:, 1] + ys[:, 3].flip(2)
            y = y + cols.reshape(n, d, w, h).transpose(2, 3).reshape(n, d, h * w)
        return y.reshape(n, d, h, w).permute(0, 2, 3, 1)
