# needs: linear.linear, conv.depthwise, activation.silu, norm.layer_norm
# needs: mamba.cross_scan, mamba.selective_scan, mamba.cross_merge
import math

import torch
from torch import nn


def _SS2D_inner(ratio, c):
    """floor(ratio * c) as the block library computes it, tolerant of binary rounding (0.29 * 100)."""
    return int(math.floor(float(ratio) * c + 1e-9))


def _SS2D_dt_rank(given, c):
    """The rank of the delta projection: the given value, or ceil(C / 16) of the block width when 0 (auto)."""
    given = 0 if given is None else int(given)
    return given if given > 0 else (c + 15) // 16


class SS2D(nn.Module):
    """VMamba's 2-D selective scan (Liu et al., "VMamba: Visual State Space Model", NeurIPS 2024), as
    MzeroMiko/VMamba ``SS2D`` with forward type v05_noz (the v2 models), on a channels-last map.

    in_proj Linear C -> D (no bias; C -> 2D split into x and z with z_gate), permute to N x D x H x W,
    depthwise conv k x k (padding (k - 1) // 2; absent when conv_kernel < 2), SiLU, cross-scan into
    K = 4 sequences, selective scan (R = ceil(C / 16) from C, not D, unless dt_rank is given),
    cross-merge back to N x H x W x D, out_norm LayerNorm(D), (* SiLU(z) with z_gate), out_proj
    Linear D -> C (no bias). D = floor(ssm_ratio * C).

    Shapes: (N, H, W, C) -> (N, H, W, C).
    """

    def __init__(self, ins, ssm_ratio=1.0, d_state=1, dt_rank=0, conv_kernel=3, conv_bias=False,
                 z_gate=False):
        super().__init__()
        h, w, c = ins[0]
        d = _SS2D_inner(ssm_ratio, c)
        if d < 1:
            raise ValueError(f"SS2D: ssm_ratio = {float(ssm_ratio)} gives no scanned channels for the width "
                             f"{c} (D = floor(ssm_ratio*C) = 0)")
        k = int(conv_kernel)
        if k >= 2 and k % 2 == 0:
            raise ValueError(f"SS2D: conv_kernel = {k} must be odd so that the depthwise conv "
                             f"(padding (k-1)/2) keeps the {h}x{w} map")
        self.z_gate = bool(z_gate)
        self.in_proj = Linear([(h, w, c)], out_features=2 * d if self.z_gate else d, bias=False)
        if self.z_gate:
            self.z_act = SiLU([(h, w, d)])
        # VMamba's d_conv < 2 means no convolution at all.
        self.has_conv = k >= 2
        if self.has_conv:
            self.conv2d = DepthwiseConv2d([(d, h, w)], kernel=k, stride=1, padding=(k - 1) // 2, dilation=1,
                                          multiplier=1, bias=bool(conv_bias))
        self.act = SiLU([(d, h, w)])
        self.cross_scan = CrossScan([(d, h, w)], directions=4)
        self.selective_scan = SelectiveScan([(4, d, h * w)], d_state=int(d_state),
                                            dt_rank=_SS2D_dt_rank(dt_rank, c))
        self.cross_merge = CrossMerge([(4, d, h * w), (d, h, w)])
        self.out_norm = LayerNorm([(h, w, d)], layout="channels_last", eps=1e-5)
        self.out_proj = Linear([(h, w, d)], out_features=c, bias=False)

    def forward(self, x):
        y = self.in_proj(x)
        if self.z_gate:
            y, z = torch.chunk(y, 2, dim=-1)
            z = self.z_act(z)
        y = y.permute(0, 3, 1, 2)  # N, D, H, W
        if self.has_conv:
            y = self.conv2d(y)
        feature_map = self.act(y)
        y = self.selective_scan(self.cross_scan(feature_map))
        y = self.out_norm(self.cross_merge(y, feature_map))  # N, H, W, D
        if self.z_gate:
            y = y * z
        return self.out_proj(y)
