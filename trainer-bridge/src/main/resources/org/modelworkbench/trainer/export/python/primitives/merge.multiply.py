from torch import nn


class Multiply(nn.Module):
    """x·y, element-wise (a gate: SE, FocalNet modulation, SS2D's z gate);
    the two shapes are equal or broadcast as in PyTorch.
    """

    def __init__(self, ins):
        super().__init__()

    def forward(self, x, y):
        return x * y
