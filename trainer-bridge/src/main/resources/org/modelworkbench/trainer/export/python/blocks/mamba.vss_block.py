# needs: norm.layer_norm, mamba.ss2d, attention.mlp, regularization.drop_path
import math

import torch
from torch import nn


class VSSBlock(nn.Module):
    """VMamba's visual state-space block (Liu et al., "VMamba: Visual State Space Model", NeurIPS 2024),
    as MzeroMiko/VMamba ``VSSBlock`` with forward type v05_noz, on a channels-last map.

    x + DropPath(SS2D(LayerNorm(x))), then x + DropPath(MLP(LayerNorm(x))) with the MLP
    C -> floor(mlp_ratio * C) -> C (bias, GELU). ssm_ratio 0 drops the SS2D branch (``norm``, ``op``) and
    mlp_ratio 0 the MLP branch (``norm2``, ``mlp``); drop_path > 0 adds ``drop_path1/2`` to the branches
    that exist.

    Shapes: (N, H, W, C) -> (N, H, W, C).
    """

    def __init__(self, ins, ssm_ratio=1.0, d_state=1, dt_rank=0, conv_kernel=3, conv_bias=False, z_gate=False,
                 mlp_ratio=4.0, drop_path=0.0):
        super().__init__()
        shape = tuple(ins[0])
        c = shape[2]
        ssm_ratio, mlp_ratio, drop_path = float(ssm_ratio), float(mlp_ratio), float(drop_path)
        hidden = int(math.floor(mlp_ratio * c + 1e-9))  # as the block library's inner(), tolerant of rounding
        self.has_ssm = ssm_ratio > 0
        self.has_mlp = mlp_ratio > 0
        if not self.has_ssm and not self.has_mlp:
            raise ValueError("VSSBlock: ssm_ratio and mlp_ratio are both 0: the block would be empty")
        if self.has_mlp and hidden < 1:
            raise ValueError(f"VSSBlock: mlp_ratio = {mlp_ratio} gives no hidden units for the width {c}")
        self.has_drop_path = drop_path > 0
        if self.has_ssm:
            self.norm = LayerNorm([shape], layout="channels_last", eps=1e-5)
            # SS2D resolves dt_rank 0 ("auto") itself, from the same width C.
            self.op = SS2D([shape], ssm_ratio=ssm_ratio, d_state=int(d_state), dt_rank=dt_rank,
                           conv_kernel=int(conv_kernel), conv_bias=bool(conv_bias), z_gate=bool(z_gate))
            if self.has_drop_path:
                self.drop_path1 = DropPath([shape], p=drop_path)
        if self.has_mlp:
            self.norm2 = LayerNorm([shape], layout="channels_last", eps=1e-5)
            self.mlp = Mlp([shape], mlp_ratio=4.0, hidden=hidden, out_features=0, activation="gelu",
                           layout="tokens", bias=True, dropout=0.0)
            if self.has_drop_path:
                self.drop_path2 = DropPath([shape], p=drop_path)

    def forward(self, x):
        if self.has_ssm:
            y = self.op(self.norm(x))
            if self.has_drop_path:
                y = self.drop_path1(y)
            x = x + y
        if self.has_mlp:
            y = self.mlp(self.norm2(x))
            if self.has_drop_path:
                y = self.drop_path2(y)
            x = x + y
        return x
