# needs: conv.depthwise, norm.layer_norm, attention.mlp, norm.layer_scale, regularization.drop_path
import math

from torch import nn


class ConvNeXtBlock(nn.Module):
    """The ConvNeXt block (Liu et al., "A ConvNet for the 2020s", CVPR 2022), as torchvision CNBlock and
    timm ConvNeXtBlock with the channels-last MLP.

    On N×C×H×W: depthwise conv k×k (padding k//2, bias) → channels-last → LayerNorm(C, eps 1e-6) → Linear
    C→⌊r·C⌋, GELU, Linear →C → layer scale γ (when layer_scale_init > 0) → channels-first → drop path
    (when > 0) → add the input.
    """

    def __init__(self, ins, kernel=7, mlp_ratio=4.0, layer_scale_init=1e-6, drop_path=0.0):
        super().__init__()
        c, h, w = ins[0]
        if kernel % 2 == 0:
            raise ValueError(f"convnext.block: kernel = {kernel} must be odd so that padding k//2 keeps the "
                             f"{h}×{w} size for the residual add")
        # the 1e-9 keeps a ratio like 4.0/3 from truncating one short, as the block library computes it
        hidden = int(math.floor(c * mlp_ratio + 1e-9))
        if hidden < 1:
            raise ValueError(f"convnext.block: mlp_ratio = {mlp_ratio} gives no hidden channels "
                             f"for width {c}")
        last = (h, w, c)
        self.dwconv = DepthwiseConv2d(ins, kernel=kernel, stride=1, padding=kernel // 2, dilation=1,
                                      multiplier=1, bias=True)
        self.norm = LayerNorm([last], layout="channels_last", eps=1e-6)
        self.mlp = Mlp([last], mlp_ratio=mlp_ratio, hidden=hidden, out_features=0, activation="gelu",
                       layout="tokens", bias=True, dropout=0.0)
        if layer_scale_init > 0:
            self.layer_scale = LayerScale([last], init=layer_scale_init, layout="channels_last")
        else:
            self.layer_scale = None
        self.drop_path = DropPath(ins, p=drop_path) if drop_path > 0 else None

    def forward(self, x):
        y = self.dwconv(x).permute(0, 2, 3, 1)  # to_channels_last
        y = self.mlp(self.norm(y))
        if self.layer_scale is not None:
            y = self.layer_scale(y)
        y = y.permute(0, 3, 1, 2)  # to_channels_first
        if self.drop_path is not None:
            y = self.drop_path(y)
        return x + y  # add
