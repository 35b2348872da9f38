# needs: conv.pointwise, conv.depthwise, norm.batch_norm, activation.silu, activation.relu, activation.gelu
# needs: attention.squeeze_excitation, regularization.drop_path
import math

import torch
from torch import nn


def _MBConv_activation(name):
    """The activation class the block's ``activation`` choice names (the block library's byName)."""
    classes = {"silu": SiLU, "relu": ReLU, "gelu": GELU}
    if name not in classes:
        raise ValueError(f"MBConv: activation {name!r} is not one of {sorted(classes)}")
    return classes[name]


class MBConv(nn.Module):
    """EfficientNet's mobile inverted bottleneck with squeeze-excitation (Tan & Le, "EfficientNet:
    Rethinking Model Scaling for CNNs", ICML 2019), as timm's ``InvertedResidual`` /
    ``DepthwiseSeparableConv`` in efficientnet_b0.

    M = expand_ratio * Cin: [if expand_ratio != 1: conv_pw 1x1 Cin->M, bn1, act1] -> conv_dw k x k/s
    (padding k // 2), bn2, act2 -> [se with r = floor(Cin * se_ratio) from the block INPUT width, when
    r > 0] -> conv_pwl 1x1 M->Cout, bn3 (no activation). Convolutions other than the SE's have no bias.
    The input is added back (after drop_path when drop_path > 0) iff stride == 1 and Cin == Cout.

    Shapes: (N, Cin, H, W) -> (N, out_channels, Ho, Wo), Ho = (H - 1) // stride + 1.
    """

    def __init__(self, ins, out_channels=40, expand_ratio=6, kernel=3, stride=1, se_ratio=0.25,
                 activation="silu", drop_path=0.0):
        super().__init__()
        cin, h, w = ins[0]
        cout, e, k, s = int(out_channels), int(expand_ratio), int(kernel), int(stride)
        se_ratio, drop_path = float(se_ratio), float(drop_path)
        if k % 2 == 0:
            raise ValueError(f"MBConv: kernel = {k} must be odd so that padding k//2 = {k // 2} "
                             "keeps the map size at stride 1")
        r = int(math.floor(cin * se_ratio))  # the squeeze width follows the block input, as timm
        if se_ratio > 0 and r == 0:
            raise ValueError(f"MBConv: se_ratio = {se_ratio} of the {cin} input channels gives 0 squeeze "
                             "channels; raise se_ratio or set it to 0 to drop the SE")
        act = _MBConv_activation(activation)
        m = e * cin
        ho, wo = (h - 1) // s + 1, (w - 1) // s + 1
        self.expand = e != 1  # expand_ratio 1 is EfficientNet's depthwise-separable (DS) block
        if self.expand:
            self.conv_pw = PointwiseConv2d([(cin, h, w)], out_channels=m, stride=1, bias=False)
            self.bn1 = BatchNorm([(m, h, w)], eps=1e-5, momentum=0.1)
            self.act1 = act([(m, h, w)])
        self.conv_dw = DepthwiseConv2d([(m, h, w)], kernel=k, stride=s, padding=k // 2, dilation=1,
                                       multiplier=1, bias=False)
        self.bn2 = BatchNorm([(m, ho, wo)], eps=1e-5, momentum=0.1)
        self.act2 = act([(m, ho, wo)])
        self.has_se = r > 0
        if self.has_se:
            self.se = SqueezeExcitation([(m, ho, wo)], rd_channels=r, rd_ratio=0.25, activation=activation,
                                        gate="sigmoid")
        self.conv_pwl = PointwiseConv2d([(m, ho, wo)], out_channels=cout, stride=1, bias=False)
        self.bn3 = BatchNorm([(cout, ho, wo)], eps=1e-5, momentum=0.1)
        self.residual = s == 1 and cin == cout
        # Stochastic depth exists only on a residual branch, and only when its rate is positive.
        self.has_drop_path = self.residual and drop_path > 0
        if self.has_drop_path:
            self.drop_path = DropPath([(cout, ho, wo)], p=drop_path)

    def forward(self, x):
        y = x
        if self.expand:
            y = self.act1(self.bn1(self.conv_pw(y)))
        y = self.act2(self.bn2(self.conv_dw(y)))
        if self.has_se:
            y = self.se(y)
        y = self.bn3(self.conv_pwl(y))
        if self.residual:
            if self.has_drop_path:
                y = self.drop_path(y)
            y = y + x
        return y
