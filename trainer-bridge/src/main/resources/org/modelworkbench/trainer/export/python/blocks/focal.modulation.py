# needs: conv.pointwise, conv.depthwise, activation.gelu, pool.global_avg
import torch
from torch import nn


def _FocalModulation_kernels(focal_level, focal_window, focal_factor):
    """The kernel of each focal level, k_l = focal_factor * l + focal_window; each must be odd."""
    kernels = []
    for level in range(focal_level):
        k = focal_factor * level + focal_window
        if k % 2 == 0:
            raise ValueError(f"FocalModulation: focal level {level} has kernel {k} = focal_factor "
                             f"{focal_factor} x {level} + focal_window {focal_window}, which is even: "
                             "padding k//2 would change the map size; use an odd focal_window and an even "
                             "focal_factor")
        kernels.append(k)
    return kernels


class FocalModulation(nn.Module):
    """Focal modulation (Yang et al., "Focal Modulation Networks", NeurIPS 2022), on channels-first maps
    as timm's ``FocalModulation`` (no modulator normalisation, no post-norm inside).

    f: 1x1 conv C -> 2C + (L + 1) (bias), split into the query q (C), the context (C) and L + 1 gates.
    Level l = 0 .. L-1: context = GELU(depthwise k_l x k_l conv(context)) (no bias, padding k_l // 2),
    added to the aggregate weighted by gate l (N x 1 x H x W, broadcast over channels). The global level
    adds GELU(spatial mean of the last context) weighted by gate L. The modulator is h (1x1 conv C -> C,
    bias) of the aggregate; the output is proj(q * modulator), proj a 1x1 conv C -> C with bias.
    The children ``focal<l>_dwconv`` and ``focal<l>_act`` keep the block library's node ids.

    Shapes: (N, C, H, W) -> (N, C, H, W).
    """

    def __init__(self, ins, focal_level=3, focal_window=3, focal_factor=2):
        super().__init__()
        c, h, w = ins[0]
        levels = int(focal_level)
        kernels = _FocalModulation_kernels(levels, int(focal_window), int(focal_factor))
        self.channels = c
        self.focal_level = levels
        self.f = PointwiseConv2d([(c, h, w)], out_channels=2 * c + levels + 1, stride=1, bias=True)
        for level, k in enumerate(kernels):
            # add_module rather than a ModuleList: state_dict keys are the node ids ("focal0_dwconv.weight").
            dwconv = DepthwiseConv2d([(c, h, w)], kernel=k, stride=1, padding=k // 2, dilation=1,
                                     multiplier=1, bias=False)
            self.add_module(f"focal{level}_dwconv", dwconv)
            self.add_module(f"focal{level}_act", GELU([(c, h, w)]))
        self.global_pool = GlobalAvgPool([(c, h, w)], layout="channels_first", keep_dims=True)
        self.global_act = GELU([(c, 1, 1)])
        self.h = PointwiseConv2d([(c, h, w)], out_channels=c, stride=1, bias=True)
        self.proj = PointwiseConv2d([(c, h, w)], out_channels=c, stride=1, bias=True)

    def forward(self, x):
        c, levels = self.channels, self.focal_level
        q, ctx, gates = torch.split(self.f(x), [c, c, levels + 1], dim=1)
        gates = torch.split(gates, 1, dim=1)
        aggregate = None
        for level in range(levels):
            ctx = getattr(self, f"focal{level}_act")(getattr(self, f"focal{level}_dwconv")(ctx))
            gated = ctx * gates[level]
            aggregate = gated if aggregate is None else aggregate + gated
        ctx_global = self.global_act(self.global_pool(ctx))
        aggregate = aggregate + ctx_global * gates[levels]
        modulator = self.h(aggregate)
        return self.proj(q * modulator)
