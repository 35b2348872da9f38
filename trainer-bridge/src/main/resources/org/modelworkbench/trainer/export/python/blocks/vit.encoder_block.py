# needs: norm.layer_norm, attention.mhsa, attention.mlp, regularization.drop_path
import math

from torch import nn


class ViTEncoderBlock(nn.Module):
    """The pre-norm transformer encoder block of ViT / DeiT (Dosovitskiy et al., ICLR 2021; Touvron et al.,
    ICML 2021), as timm Block and torchvision EncoderBlock.

    x + MHSA(LN(x)), then x + MLP(LN(x)) on tokens N×T×D; MLP = Linear D→⌊r·D⌋, GELU, Linear →D. Each
    branch passes a drop path when drop_path > 0.
    """

    def __init__(self, ins, heads=12, mlp_ratio=4.0, qkv_bias=True, eps=1e-6, drop_path=0.0):
        super().__init__()
        t, d = ins[0]
        if d % heads != 0:
            raise ValueError(f"vit.encoder_block: heads = {heads} must divide the width D = {d}")
        # the 1e-9 keeps a ratio like 4.0/3 from truncating one short, as the block library computes it
        hidden = int(math.floor(d * mlp_ratio + 1e-9))
        if hidden < 1:
            raise ValueError(f"vit.encoder_block: mlp_ratio = {mlp_ratio} gives no hidden width for D = {d}")
        self.norm1 = LayerNorm(ins, layout="channels_last", eps=eps)
        self.attn = MultiHeadSelfAttention(ins, heads=heads, qkv_bias=qkv_bias, proj_bias=True)
        self.drop_path1 = DropPath(ins, p=drop_path) if drop_path > 0 else None
        self.norm2 = LayerNorm(ins, layout="channels_last", eps=eps)
        self.mlp = Mlp(ins, mlp_ratio=mlp_ratio, hidden=hidden, out_features=0, activation="gelu",
                       layout="tokens", bias=True, dropout=0.0)
        self.drop_path2 = DropPath(ins, p=drop_path) if drop_path > 0 else None

    def forward(self, x):
        y = self.attn(self.norm1(x))
        if self.drop_path1 is not None:
            y = self.drop_path1(y)
        x = x + y  # add1
        y = self.mlp(self.norm2(x))
        if self.drop_path2 is not None:
            y = self.drop_path2(y)
        return x + y  # add2
