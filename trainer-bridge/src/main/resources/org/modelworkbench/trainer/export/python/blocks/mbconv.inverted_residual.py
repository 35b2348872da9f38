# needs: conv.pointwise, conv.depthwise, norm.batch_norm
# needs: activation.relu6, activation.relu, activation.silu, activation.hardswish
import torch
from torch import nn


def _InvertedResidual_activation(name):
    """The activation class the block's ``activation`` choice names (the block library's byName)."""
    classes = {"relu6": ReLU6, "relu": ReLU, "silu": SiLU, "hardswish": Hardswish}
    if name not in classes:
        raise ValueError(f"InvertedResidual: activation {name!r} is not one of {sorted(classes)}")
    return classes[name]


class InvertedResidual(nn.Module):
    """MobileNetV2 inverted residual with a linear bottleneck (Sandler et al., "MobileNetV2: Inverted
    Residuals and Linear Bottlenecks", CVPR 2018), as torchvision's ``InvertedResidual``.

    M = expand_ratio * Cin: [if expand_ratio != 1: conv1x1 Cin->M, BN, act] -> depthwise k x k/s
    (padding k // 2), BN, act -> conv1x1 M->Cout, BN (linear: no activation); all convolutions without
    bias. The input is added back iff stride == 1 and Cin == Cout.

    Shapes: (N, Cin, H, W) -> (N, out_channels, Ho, Wo), Ho = (H - 1) // stride + 1.
    """

    def __init__(self, ins, out_channels=24, expand_ratio=6, stride=1, kernel=3, activation="relu6"):
        super().__init__()
        cin, h, w = ins[0]
        cout, t, s, k = int(out_channels), int(expand_ratio), int(stride), int(kernel)
        if k % 2 == 0:
            raise ValueError(f"InvertedResidual: kernel = {k} must be odd so that padding k//2 = {k // 2} "
                             "keeps the map size at stride 1")
        act = _InvertedResidual_activation(activation)
        m = t * cin
        ho, wo = (h - 1) // s + 1, (w - 1) // s + 1
        self.expand = t != 1  # expand_ratio 1 (the first block of MobileNetV2) has no expansion conv
        if self.expand:
            self.expand_conv = PointwiseConv2d([(cin, h, w)], out_channels=m, stride=1, bias=False)
            self.expand_bn = BatchNorm([(m, h, w)], eps=1e-5, momentum=0.1)
            self.expand_act = act([(m, h, w)])
        self.dw_conv = DepthwiseConv2d([(m, h, w)], kernel=k, stride=s, padding=k // 2, dilation=1,
                                       multiplier=1, bias=False)
        self.dw_bn = BatchNorm([(m, ho, wo)], eps=1e-5, momentum=0.1)
        self.dw_act = act([(m, ho, wo)])
        self.project_conv = PointwiseConv2d([(m, ho, wo)], out_channels=cout, stride=1, bias=False)
        self.project_bn = BatchNorm([(cout, ho, wo)], eps=1e-5, momentum=0.1)
        self.residual = s == 1 and cin == cout

    def forward(self, x):
        y = x
        if self.expand:
            y = self.expand_act(self.expand_bn(self.expand_conv(y)))
        y = self.dw_act(self.dw_bn(self.dw_conv(y)))
        y = self.project_bn(self.project_conv(y))
        if self.residual:
            y = y + x
        return y
