import torch
from torch import nn


class CrossScan(nn.Module):
    """VMamba's 2-D to 1-D unfolding (Liu et al. 2024; cross_scan_fn), N×D×H×W → N×K×D×T, T = H·W.

    K = 4: row-major, column-major, and both reversed; K = 2: row-major and reversed; K = 1: row-major.
    """

    def __init__(self, ins, directions=4):
        super().__init__()
        if directions not in (1, 2, 4):
            raise ValueError(f"mamba.cross_scan: directions = {directions}, not 1, 2 or 4")
        self.directions = directions

    def forward(self, x):
        n, d, h, w = x.shape
        rows = x.reshape(n, d, h * w)
        if self.directions == 1:
            return rows.unsqueeze(1)
        if self.directions == 2:
            return torch.stack((rows, rows.flip(2)), 1)
        cols = x.transpose(2, 3).reshape(n, d, h * w)
        return torch.stack((rows, cols, rows.flip(2), cols.flip(2)), 1)
