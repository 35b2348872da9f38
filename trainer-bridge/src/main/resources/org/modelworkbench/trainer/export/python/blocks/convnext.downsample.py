# needs: norm.layer_norm, conv.conv2d
from torch import nn


class ConvNeXtDownsample(nn.Module):
    """ConvNeXt's downsampling between stages (Liu et al., CVPR 2022), as torchvision convnext_tiny / timm.

    On N×C×H×W: LayerNorm over the channels (channels-first, eps 1e-6), then a 2×2 stride-2 conv C→C'
    with bias (C' = 2C when out_channels is 0), giving N×C'×⌊H/2⌋×⌊W/2⌋.
    """

    def __init__(self, ins, out_channels=0):
        super().__init__()
        c, h, w = ins[0]
        if h < 2 or w < 2:
            raise ValueError(f"convnext.downsample: the {h}×{w} map is too small for a 2×2 stride-2 "
                             "downsample")
        out = out_channels if out_channels != 0 else 2 * c
        self.norm = LayerNorm(ins, layout="channels_first", eps=1e-6)
        self.conv = Conv2d(ins, out_channels=out, kernel=2, stride=2, padding=0, dilation=1, groups=1,
                           bias=True)

    def forward(self, x):
        return self.conv(self.norm(x))
