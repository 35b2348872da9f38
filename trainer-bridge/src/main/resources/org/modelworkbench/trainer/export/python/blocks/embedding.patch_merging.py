# needs: norm.layer_norm, linear.linear
import torch
from torch import nn


class PatchMerging(nn.Module):
    """Swin's patch merging between stages (Liu et al., ICCV 2021), as timm PatchMerging (v1).

    Concatenates each 2×2 neighbourhood of a channels-last map, N×H×W×C → N×H/2×W/2×4C in the order
    (0,0), (1,0), (0,1), (1,1), then LayerNorm(4C) and Linear 4C→out without bias (out = 2C when
    out_channels is 0).
    """

    def __init__(self, ins, out_channels=0):
        super().__init__()
        h, w, c = ins[0]
        if h % 2 != 0 or w % 2 != 0:
            raise ValueError(f"embedding.patch_merging: the {h}×{w} map is not divisible by block 2")
        out = out_channels if out_channels != 0 else 2 * c
        merged = (h // 2, w // 2, 4 * c)
        self.norm = LayerNorm([merged], layout="channels_last", eps=1e-5)
        self.reduction = Linear([merged], out_features=out, bias=False)

    def forward(self, x):
        # gather (space to depth, block 2): the channel block j·2 + i holds x[:, i::2, j::2]
        x = torch.cat([x[:, 0::2, 0::2], x[:, 1::2, 0::2], x[:, 0::2, 1::2], x[:, 1::2, 1::2]], dim=-1)
        return self.reduction(self.norm(x))
