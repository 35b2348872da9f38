import math

import torch
from torch import nn
import torch.nn.functional as F


class Conv2d(nn.Module):
    """2-D convolution (LeCun et al. 1998), N×Cin×H×W → N×Cout×Ho×Wo.

    As torch.nn.Conv2d with square kernel, stride, padding and dilation. ``padding=None`` ("auto") is
    d·(k−1)/2 for an odd kernel and 0 for an even one (patchify), as the block library binds it.
    """

    def __init__(self, ins, out_channels=64, kernel=3, stride=1, padding=None, dilation=1, groups=1,
                 bias=True):
        super().__init__()
        cin = ins[0][0]
        if padding is None:
            padding = dilation * (kernel - 1) // 2 if kernel % 2 == 1 else 0
        if cin % groups or out_channels % groups:
            raise ValueError(f"conv.conv2d: groups = {groups} must divide {cin} input and "
                             f"{out_channels} output channels")
        self.stride, self.padding, self.dilation, self.groups = stride, padding, dilation, groups
        self.weight = nn.Parameter(torch.empty(out_channels, cin // groups, kernel, kernel))
        self.bias = nn.Parameter(torch.empty(out_channels)) if bias else None
        # PyTorch's default (and the workbench's): U(−1/√fan_in, 1/√fan_in) for weight and bias.
        bound = 1.0 / math.sqrt(cin / groups * kernel * kernel)
        nn.init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)
