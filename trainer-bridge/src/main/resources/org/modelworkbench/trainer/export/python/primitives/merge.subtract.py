from torch import nn


class Subtract(nn.Module):
    """x − y, element-wise; the two shapes are equal or broadcast as in PyTorch."""

    def __init__(self, ins):
        super().__init__()

    def forward(self, x, y):
        return x - y
