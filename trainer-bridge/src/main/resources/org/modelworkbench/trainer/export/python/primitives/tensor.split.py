import torch
from torch import nn


class Split(nn.Module):
    """Cuts the input along ``dim`` (counting the batch dimension) into pieces of the given sizes,
    which add up to that dimension; returns a tuple (FocalNet splits q, context and gates this way).
    """

    def __init__(self, ins, sizes=(32, 32), dim=1):
        super().__init__()
        self.sizes, self.dim = list(sizes), dim

    def forward(self, x):
        return tuple(torch.split(x, self.sizes, self.dim))
