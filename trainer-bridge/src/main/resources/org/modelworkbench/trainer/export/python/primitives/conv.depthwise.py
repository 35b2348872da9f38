import math

import torch
from torch import nn
import torch.nn.functional as F


class DepthwiseConv2d(nn.Module):
    """Depthwise convolution (Chollet, Xception 2017), N×C×H×W → N×C·m×Ho×Wo.

    One k×k filter per input channel (groups = C) and m outputs per channel. ``padding=None`` ("auto")
    is d·(k−1)/2 for an odd kernel and 0 for an even one.
    """

    def __init__(self, ins, kernel=3, stride=1, padding=None, dilation=1, multiplier=1, bias=True):
        super().__init__()
        c = ins[0][0]
        if padding is None:
            padding = dilation * (kernel - 1) // 2 if kernel % 2 == 1 else 0
        self.stride, self.padding, self.dilation, self.groups = stride, padding, dilation, c
        self.weight = nn.Parameter(torch.empty(c * multiplier, 1, kernel, kernel))
        self.bias = nn.Parameter(torch.empty(c * multiplier)) if bias else None
        bound = 1.0 / math.sqrt(kernel * kernel)  # fan_in of one group: 1 channel × k²
        nn.init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)
