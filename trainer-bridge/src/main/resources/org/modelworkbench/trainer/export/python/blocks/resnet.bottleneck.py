# needs: conv.conv2d, conv.pointwise, norm.batch_norm, activation.relu
import torch
from torch import nn


class Bottleneck(nn.Module):
    """ResNet "v1.5" bottleneck (He et al., CVPR 2016; ResNeXt, Xie et al. CVPR 2017; Wide ResNet,
    Zagoruyko & Komodakis BMVC 2016), as torchvision's ``Bottleneck``: the stride sits on the 3x3.

    Inner width w = (planes * base_width // 64) * groups, output Co = expansion * planes:
    conv1x1 Cin->w, BN, ReLU, conv3x3/s w->w (groups), BN, ReLU, conv1x1 w->Co, BN, add the shortcut,
    ReLU; all convolutions without bias. The shortcut is a projection (``downsample_conv`` 1x1/s +
    ``downsample_bn``) iff the stride or the width changes.

    Shapes: (N, Cin, H, W) -> (N, expansion * planes, Ho, Wo), Ho = (H - 1) // stride + 1.
    """

    def __init__(self, ins, planes=64, stride=1, groups=1, base_width=64, expansion=4):
        super().__init__()
        cin, h, w = ins[0]
        planes, s, groups = int(planes), int(stride), int(groups)
        base_width, expansion = int(base_width), int(expansion)
        width = (planes * base_width // 64) * groups  # torchvision's formula
        if width == 0:
            raise ValueError(f"Bottleneck: planes = {planes} and base_width = {base_width} give an inner "
                             "width floor(planes*base_width/64)*groups of 0; planes*base_width must be at "
                             "least 64")
        co = expansion * planes
        ho, wo = (h - 1) // s + 1, (w - 1) // s + 1
        self.conv1 = PointwiseConv2d([(cin, h, w)], out_channels=width, stride=1, bias=False)
        self.bn1 = BatchNorm([(width, h, w)], eps=1e-5, momentum=0.1)
        self.relu1 = ReLU([(width, h, w)])
        self.conv2 = Conv2d([(width, h, w)], out_channels=width, kernel=3, stride=s, padding=1, dilation=1,
                            groups=groups, bias=False)
        self.bn2 = BatchNorm([(width, ho, wo)], eps=1e-5, momentum=0.1)
        self.relu2 = ReLU([(width, ho, wo)])
        self.conv3 = PointwiseConv2d([(width, ho, wo)], out_channels=co, stride=1, bias=False)
        self.bn3 = BatchNorm([(co, ho, wo)], eps=1e-5, momentum=0.1)
        # Projection shortcut only where the identity cannot be added (as the block library expands it).
        self.has_projection = s != 1 or cin != co
        if self.has_projection:
            self.downsample_conv = PointwiseConv2d([(cin, h, w)], out_channels=co, stride=s, bias=False)
            self.downsample_bn = BatchNorm([(co, ho, wo)], eps=1e-5, momentum=0.1)
        self.relu = ReLU([(co, ho, wo)])

    def forward(self, x):
        y = self.relu1(self.bn1(self.conv1(x)))
        y = self.relu2(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        shortcut = self.downsample_bn(self.downsample_conv(x)) if self.has_projection else x
        return self.relu(y + shortcut)
