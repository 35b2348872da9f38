# needs: conv.conv2d, conv.pointwise, norm.batch_norm, activation.relu
import torch
from torch import nn


class BasicBlock(nn.Module):
    """ResNet basic block (He et al., "Deep Residual Learning for Image Recognition", CVPR 2016).

    The two-layer block of ResNet-18/34, as torchvision's ``BasicBlock``: conv3x3/s, BN, ReLU, conv3x3,
    BN, add the shortcut, ReLU; all convolutions without bias. The shortcut is a projection
    (``downsample_conv`` 1x1/s + ``downsample_bn``) iff the stride or the width changes, else the identity.

    Shapes: (N, Cin, H, W) -> (N, out_channels, Ho, Wo), Ho = (H - 1) // stride + 1.
    """

    def __init__(self, ins, out_channels=64, stride=1):
        super().__init__()
        cin, h, w = ins[0]
        c, s = int(out_channels), int(stride)
        ho, wo = (h - 1) // s + 1, (w - 1) // s + 1
        self.conv1 = Conv2d([(cin, h, w)], out_channels=c, kernel=3, stride=s, padding=1, dilation=1,
                            groups=1, bias=False)
        self.bn1 = BatchNorm([(c, ho, wo)], eps=1e-5, momentum=0.1)
        self.relu1 = ReLU([(c, ho, wo)])
        self.conv2 = Conv2d([(c, ho, wo)], out_channels=c, kernel=3, stride=1, padding=1, dilation=1,
                            groups=1, bias=False)
        self.bn2 = BatchNorm([(c, ho, wo)], eps=1e-5, momentum=0.1)
        # Projection shortcut only where the identity cannot be added (as the block library expands it).
        self.has_projection = s != 1 or cin != c
        if self.has_projection:
            self.downsample_conv = PointwiseConv2d([(cin, h, w)], out_channels=c, stride=s, bias=False)
            self.downsample_bn = BatchNorm([(c, ho, wo)], eps=1e-5, momentum=0.1)
        self.relu = ReLU([(c, ho, wo)])

    def forward(self, x):
        y = self.relu1(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        shortcut = self.downsample_bn(self.downsample_conv(x)) if self.has_projection else x
        return self.relu(y + shortcut)
