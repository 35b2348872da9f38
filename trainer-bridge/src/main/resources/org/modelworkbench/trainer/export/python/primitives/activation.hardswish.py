from torch import nn
import torch.nn.functional as F


class Hardswish(nn.Module):
    """x·min(max(x + 3, 0), 6)/6, element-wise (MobileNetV3, Howard et al. 2019); any shape."""

    def __init__(self, ins):
        super().__init__()

    def forward(self, x):
        return F.hardswish(x)
