from torch import nn
import torch.nn.functional as F


class AvgPool(nn.Module):
    """Average pooling over k×k windows (LeCun et al. 1998), N×C×H×W → N×C×Ho×Wo; stride 0 means k.

    With ``count_include_pad=False`` each window's sum is divided by its real (unpadded) pixels, as
    PoolFormer's token mixer needs.
    """

    def __init__(self, ins, kernel=2, stride=0, padding=0, ceil_mode=False, count_include_pad=True):
        super().__init__()
        self.kernel, self.stride = kernel, stride if stride else kernel
        self.padding, self.ceil_mode, self.count_include_pad = padding, ceil_mode, count_include_pad

    def forward(self, x):
        return F.avg_pool2d(x, self.kernel, self.stride, self.padding, ceil_mode=self.ceil_mode,
                            count_include_pad=self.count_include_pad)
