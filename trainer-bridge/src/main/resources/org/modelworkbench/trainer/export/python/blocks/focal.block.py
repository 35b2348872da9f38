# needs: norm.layer_norm, norm.layer_scale, focal.modulation, attention.mlp, regularization.drop_path
import torch
from torch import nn


class FocalNetBlock(nn.Module):
    """FocalNet block (Yang et al., "Focal Modulation Networks", NeurIPS 2022), on channels-first maps as
    timm's ``FocalNetBlock``.

    x + DropPath(LayerScale(Modulation(LN(x)))), then x + DropPath(LayerScale(MLP(LN(x)))), with
    channels-first LayerNorms and an MLP of 1x1 convs C -> mlp_ratio * C (bias), GELU, -> C (bias).
    post_norm (the large models) moves each LN after its branch; layer_scale_init > 0 adds the learned
    gammas ``layer_scale1/2``; drop_path > 0 adds ``drop_path1/2``.

    Shapes: (N, C, H, W) -> (N, C, H, W).
    """

    def __init__(self, ins, focal_level=3, focal_window=3, focal_factor=2, mlp_ratio=4.0, drop_path=0.0,
                 layer_scale_init=0.0, post_norm=False):
        super().__init__()
        shape = tuple(ins[0])
        gamma, drop_path = float(layer_scale_init), float(drop_path)
        self.post_norm = bool(post_norm)
        self.norm1 = LayerNorm([shape], layout="channels_first", eps=1e-5)
        self.modulation = FocalModulation([shape], focal_level=int(focal_level),
                                          focal_window=int(focal_window), focal_factor=int(focal_factor))
        self.norm2 = LayerNorm([shape], layout="channels_first", eps=1e-5)
        self.mlp = Mlp([shape], mlp_ratio=float(mlp_ratio), hidden=0, out_features=0, activation="gelu",
                       layout="channels_first", bias=True, dropout=0.0)
        # Layer scale and drop path exist only when switched on, as in the block library's expansion.
        self.has_layer_scale = gamma > 0
        if self.has_layer_scale:
            self.layer_scale1 = LayerScale([shape], init=gamma, layout="channels_first")
            self.layer_scale2 = LayerScale([shape], init=gamma, layout="channels_first")
        self.has_drop_path = drop_path > 0
        if self.has_drop_path:
            self.drop_path1 = DropPath([shape], p=drop_path)
            self.drop_path2 = DropPath([shape], p=drop_path)

    def forward(self, x):
        if self.post_norm:
            y = self.norm1(self.modulation(x))
        else:
            y = self.modulation(self.norm1(x))
        if self.has_layer_scale:
            y = self.layer_scale1(y)
        if self.has_drop_path:
            y = self.drop_path1(y)
        x = x + y
        if self.post_norm:
            y = self.norm2(self.mlp(x))
        else:
            y = self.mlp(self.norm2(x))
        if self.has_layer_scale:
            y = self.layer_scale2(y)
        if self.has_drop_path:
            y = self.drop_path2(y)
        return x + y
