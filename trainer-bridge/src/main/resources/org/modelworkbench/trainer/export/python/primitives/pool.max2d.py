from torch import nn
import torch.nn.functional as F


class MaxPool(nn.Module):
    """Max pooling over k×k windows (LeCun et al. 1998), N×C×H×W → N×C×Ho×Wo; stride 0 means k."""

    def __init__(self, ins, kernel=2, stride=0, padding=0, ceil_mode=False):
        super().__init__()
        self.kernel, self.stride = kernel, stride if stride else kernel
        self.padding, self.ceil_mode = padding, ceil_mode

    def forward(self, x):
        return F.max_pool2d(x, self.kernel, self.stride, self.padding, ceil_mode=self.ceil_mode)
