# needs: norm.group_norm, pool.avg2d, norm.layer_scale, regularization.drop_path, attention.mlp
import math

from torch import nn


class PoolFormerBlock(nn.Module):
    """The PoolFormer (MetaFormer) block (Yu et al., "MetaFormer is actually what you need for vision",
    CVPR 2022), as timm poolformer_s12.

    On N×C×H×W, two residual branches: x + γ1·(AvgPool(GN(x)) − GN(x)), with a k×k stride-1 average pool
    (padding k//2, padded zeros not counted), then x + γ2·MLP(GN(x)) with 1×1 convs C→⌊r·C⌋, GELU, →C.
    GN is GroupNorm with one group (eps 1e-5); the layer scales γ exist when layer_scale_init > 0, the
    drop paths when drop_path > 0.
    """

    def __init__(self, ins, pool_size=3, mlp_ratio=4.0, layer_scale_init=1e-5, drop_path=0.0):
        super().__init__()
        c, h, w = ins[0]
        if pool_size % 2 == 0:
            raise ValueError(f"poolformer.block: pool_size = {pool_size} must be odd so that padding k//2 "
                             f"keeps the {h}×{w} size for the subtraction and the residual add")
        # the 1e-9 keeps a ratio like 4.0/3 from truncating one short, as the block library computes it
        hidden = int(math.floor(c * mlp_ratio + 1e-9))
        if hidden < 1:
            raise ValueError(f"poolformer.block: mlp_ratio = {mlp_ratio} gives no hidden channels "
                             f"for width {c}")
        gamma = layer_scale_init
        # token mixer branch
        self.norm1 = GroupNorm(ins, groups=1, eps=1e-5)
        self.pool = AvgPool(ins, kernel=pool_size, stride=1, padding=pool_size // 2, ceil_mode=False,
                            count_include_pad=False)
        self.layer_scale1 = LayerScale(ins, init=gamma, layout="channels_first") if gamma > 0 else None
        self.drop_path1 = DropPath(ins, p=drop_path) if drop_path > 0 else None
        # MLP branch
        self.norm2 = GroupNorm(ins, groups=1, eps=1e-5)
        self.mlp = Mlp(ins, mlp_ratio=mlp_ratio, hidden=hidden, out_features=0, activation="gelu",
                       layout="channels_first", bias=True, dropout=0.0)
        self.layer_scale2 = LayerScale(ins, init=gamma, layout="channels_first") if gamma > 0 else None
        self.drop_path2 = DropPath(ins, p=drop_path) if drop_path > 0 else None

    def forward(self, x):
        n1 = self.norm1(x)
        y = self.pool(n1) - n1  # subtract
        if self.layer_scale1 is not None:
            y = self.layer_scale1(y)
        if self.drop_path1 is not None:
            y = self.drop_path1(y)
        x = x + y  # add1
        y = self.mlp(self.norm2(x))
        if self.layer_scale2 is not None:
            y = self.layer_scale2(y)
        if self.drop_path2 is not None:
            y = self.drop_path2(y)
        return x + y  # add2
