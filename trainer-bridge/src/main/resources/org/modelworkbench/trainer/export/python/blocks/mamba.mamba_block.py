# needs: linear.linear, mamba.causal_conv1d, activation.silu, mamba.selective_scan
import math

import torch
from torch import nn


class MambaBlock(nn.Module):
    """The original Mamba mixer (Gu & Dao, "Mamba: Linear-Time Sequence Modeling with Selective State
    Spaces", 2023), as state-spaces/mamba ``mamba_simple.Mamba``, on tokens.

    in_proj Linear C -> 2D split into x and z (channels-first), causal depthwise conv1d (d_conv taps) on x,
    SiLU, selective scan with one direction (K = 1; R = ceil(C / 16) unless dt_rank is given),
    y * SiLU(z), out_proj Linear D -> C. D = floor(expand * C). No norm or residual inside: a Mamba
    model wraps it as x + Mixer(Norm(x)).

    Shapes: (N, T, C) -> (N, T, C).
    """

    def __init__(self, ins, expand=2.0, d_state=16, dt_rank=0, d_conv=4, conv_bias=True, bias=False):
        super().__init__()
        t, c = ins[0]
        d = int(math.floor(float(expand) * c + 1e-9))  # as the block library's inner(), tolerant of rounding
        if d < 1:
            raise ValueError(f"MambaBlock: expand = {float(expand)} gives no inner channels for the width "
                             f"{c} (D = floor(expand*C) = 0)")
        dt_rank = 0 if dt_rank is None else int(dt_rank)
        rank = dt_rank if dt_rank > 0 else (c + 15) // 16
        self.inner = d
        self.in_proj = Linear([(t, c)], out_features=2 * d, bias=bool(bias))
        self.conv1d = CausalConv1d([(d, t)], kernel=int(d_conv), bias=bool(conv_bias))
        self.act = SiLU([(d, t)])
        self.selective_scan = SelectiveScan([(1, d, t)], d_state=int(d_state), dt_rank=rank)
        self.z_act = SiLU([(d, t)])
        self.out_proj = Linear([(t, d)], out_features=c, bias=bool(bias))

    def forward(self, x):
        n, t = x.shape[0], x.shape[1]
        xz = self.in_proj(x).permute(0, 2, 1)  # N, 2D, T
        y, z = torch.chunk(xz, 2, dim=1)
        y = self.act(self.conv1d(y))
        y = self.selective_scan(y.reshape(n, 1, self.inner, t))  # one scan direction: N, 1, D, T
        y = y.reshape(n, self.inner, t) * self.z_act(z)
        return self.out_proj(y.permute(0, 2, 1))
