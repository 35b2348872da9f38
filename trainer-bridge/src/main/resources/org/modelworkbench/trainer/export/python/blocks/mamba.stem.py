# needs: conv.conv2d, norm.layer_norm, activation.gelu
import torch
from torch import nn


class VMambaStem(nn.Module):
    """VMamba v2's overlapping patch embedding (Liu et al., "VMamba: Visual State Space Model",
    NeurIPS 2024), as MzeroMiko/VMamba ``VSSM._make_patch_embed_v2`` with patch_norm on.

    conv k x k/s (padding 1, bias) Cin -> E/2, LayerNorm(E/2) channels-first, GELU, conv k x k/s
    (padding 1, bias) E/2 -> E, LayerNorm(E), with s = patch / 2 and k = s + 1 (3x3/2 twice for patch 4).
    The output is channels-last (for VSS blocks, ``to_channels_last`` permute before ``norm2``) or
    channels-first.

    Shapes: (N, Cin, H, W) -> (N, H', W', E) or (N, E, H', W'), H' = (H + 2 - k) // s + 1 twice.
    """

    def __init__(self, ins, embed_dim=96, patch=4, output="channels_last"):
        super().__init__()
        cin, h, w = ins[0]
        e, patch = int(embed_dim), int(patch)
        if e % 2 != 0:
            raise ValueError(f"VMambaStem: embed_dim = {e} must be even (the first conv has E/2 channels)")
        if patch % 2 != 0:
            raise ValueError(f"VMambaStem: patch = {patch} must be even (two convs of stride patch/2)")
        if output not in ("channels_last", "channels_first"):
            raise ValueError(f"VMambaStem: output {output!r} is not channels_last or channels_first")
        s = patch // 2
        k = s + 1
        h1, w1 = (h + 2 - k) // s + 1, (w + 2 - k) // s + 1
        h2, w2 = (h1 + 2 - k) // s + 1, (w1 + 2 - k) // s + 1
        self.channels_last = output == "channels_last"
        self.conv1 = Conv2d([(cin, h, w)], out_channels=e // 2, kernel=k, stride=s, padding=1, dilation=1,
                            groups=1, bias=True)
        self.norm1 = LayerNorm([(e // 2, h1, w1)], layout="channels_first", eps=1e-5)
        self.act = GELU([(e // 2, h1, w1)])
        self.conv2 = Conv2d([(e // 2, h1, w1)], out_channels=e, kernel=k, stride=s, padding=1, dilation=1,
                            groups=1, bias=True)
        self.norm2 = LayerNorm([(h2, w2, e) if self.channels_last else (e, h2, w2)], layout=output, eps=1e-5)

    def forward(self, x):
        y = self.conv2(self.act(self.norm1(self.conv1(x))))
        if self.channels_last:
            y = y.permute(0, 2, 3, 1)  # N, H', W', E
        return self.norm2(y)
