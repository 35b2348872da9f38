import math

import torch
from torch import nn
import torch.nn.functional as F


class PointwiseConv2d(nn.Module):
    """1×1 convolution (Chollet, Xception 2017), N×Cin×H×W → N×Cout×Ho×Wo: a Linear at every pixel."""

    def __init__(self, ins, out_channels=64, stride=1, bias=True):
        super().__init__()
        cin = ins[0][0]
        self.stride = stride
        self.weight = nn.Parameter(torch.empty(out_channels, cin, 1, 1))
        self.bias = nn.Parameter(torch.empty(out_channels)) if bias else None
        bound = 1.0 / math.sqrt(cin)
        nn.init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        return F.conv2d(x, self.weight, self.bias, self.stride)
