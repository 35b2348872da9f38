import math

import torch
from torch import nn
import torch.nn.functional as F


class Linear(nn.Module):
    """Fully connected layer on the last dimension (Vaswani et al. 2017 use it per token), …×in → …×out."""

    def __init__(self, ins, out_features=1000, bias=True):
        super().__init__()
        fin = ins[0][-1]
        self.weight = nn.Parameter(torch.empty(out_features, fin))
        self.bias = nn.Parameter(torch.empty(out_features)) if bias else None
        bound = 1.0 / math.sqrt(fin)  # PyTorch's default: U(−1/√in, 1/√in)
        nn.init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -bound, bound)

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)
