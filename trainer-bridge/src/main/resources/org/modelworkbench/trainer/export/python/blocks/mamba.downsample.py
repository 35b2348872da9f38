# needs: conv.conv2d, norm.layer_norm
import torch
from torch import nn


class VMambaDownsample(nn.Module):
    """VMamba's down-sampling between stages (Liu et al., "VMamba: Visual State Space Model",
    NeurIPS 2024), as MzeroMiko/VMamba ``VSSM._make_downsample_v3`` (v3) / ``_make_downsample`` (v2).

    Permute to channels-first, conv with bias C -> Cout (v3: 3x3/2 padding 1; v2: 2x2/2), permute back,
    LayerNorm(Cout). out_channels 0 means 2C.

    Shapes: (N, H, W, C) -> (N, H', W', Cout); v3: H' = (H - 1) // 2 + 1, v2: H' = H // 2.
    """

    def __init__(self, ins, out_channels=0, version="v3"):
        super().__init__()
        h, w, c = ins[0]
        out = 2 * c if out_channels is None or int(out_channels) == 0 else int(out_channels)
        if version not in ("v3", "v2"):
            raise ValueError(f"VMambaDownsample: version {version!r} is not v3 or v2")
        k, p = (3, 1) if version == "v3" else (2, 0)
        ho, wo = (h + 2 * p - k) // 2 + 1, (w + 2 * p - k) // 2 + 1
        self.conv = Conv2d([(c, h, w)], out_channels=out, kernel=k, stride=2, padding=p, dilation=1, groups=1,
                           bias=True)
        self.norm = LayerNorm([(ho, wo, out)], layout="channels_last", eps=1e-5)

    def forward(self, x):
        y = self.conv(x.permute(0, 3, 1, 2))
        return self.norm(y.permute(0, 2, 3, 1))
