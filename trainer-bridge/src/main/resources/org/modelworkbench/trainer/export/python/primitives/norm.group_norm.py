import torch
from torch import nn
import torch.nn.functional as F


class GroupNorm(nn.Module):
    """Group normalisation (Wu & He 2018) over dimension 1 of N×C×…, split into G groups.

    G = 1 normalises over C×H×W, as PoolFormer does. Biased variance, per-channel affine map.
    """

    def __init__(self, ins, groups=32, eps=1e-5):
        super().__init__()
        c = ins[0][0]
        if c % groups:
            raise ValueError(f"norm.group_norm: groups = {groups} must divide the {c} channels")
        self.groups, self.eps = groups, eps
        self.weight = nn.Parameter(torch.ones(c))
        self.bias = nn.Parameter(torch.zeros(c))

    def forward(self, x):
        return F.group_norm(x, self.groups, self.weight, self.bias, self.eps)
