import math

import torch
from torch import nn
import torch.nn.functional as F


class CausalConv1d(nn.Module):
    """Mamba's short depthwise convolution along the sequence (Gu & Dao 2023; Mamba.conv1d), N×D×T →
    N×D×T: padded on the left only, so that position t sees t−k+1 … t (Conv1d(padding k−1), first T
    outputs kept).
    """

    def __init__(self, ins, kernel=4, bias=True):
        super().__init__()
        d = ins[0][0]
        self.kernel = kernel
        self.weight = nn.Parameter(torch.empty(d, 1, kernel))
        self.bias = nn.Parameter(torch.empty(d)) if bias else None
        bound = 1.0 / math.sqrt(kernel)
        nn.init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        t = x.shape[2]
        y = F.conv1d(x, self.weight, self.bias, padding=self.kernel - 1, groups=x.shape[1])
        return y[:, :, :t]
