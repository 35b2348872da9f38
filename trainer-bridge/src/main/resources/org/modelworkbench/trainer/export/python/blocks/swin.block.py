# needs: norm.layer_norm, swin.window_attention, attention.mlp, regularization.drop_path
from torch import nn


class SwinBlock(nn.Module):
    """One Swin Transformer block (Liu et al., ICCV 2021), as timm SwinTransformerBlock / torchvision swin_t.

    On a channels-last map N×H×W×C: x + (S)W-MSA(LN(x)), then x + MLP(LN(x)) with MLP = Linear
    C→int(r·C), GELU, Linear →C; LayerNorm eps 1e-5. Blocks of a stage alternate unshifted and shifted
    windows. Each branch passes a drop path when drop_path > 0.
    """

    def __init__(self, ins, heads=3, window=7, shifted=False, mlp_ratio=4.0, drop_path=0.0):
        super().__init__()
        h, w, c = ins[0]
        if h % window != 0 or w % window != 0:
            raise ValueError(f"swin.block: the {h}×{w} feature map is not divisible by window {window}")
        if c % heads != 0:
            raise ValueError(f"swin.block: heads = {heads} must divide the width {c}")
        self.norm1 = LayerNorm(ins, layout="channels_last", eps=1e-5)
        self.attention = WindowAttention(ins, heads=heads, window=window, shifted=shifted, qkv_bias=True)
        self.drop_path1 = DropPath(ins, p=drop_path) if drop_path > 0 else None
        self.norm2 = LayerNorm(ins, layout="channels_last", eps=1e-5)
        self.mlp = Mlp(ins, mlp_ratio=mlp_ratio, hidden=0, out_features=0, activation="gelu", layout="tokens",
                       bias=True, dropout=0.0)
        self.drop_path2 = DropPath(ins, p=drop_path) if drop_path > 0 else None

    def forward(self, x):
        y = self.attention(self.norm1(x))
        if self.drop_path1 is not None:
            y = self.drop_path1(y)
        x = x + y  # add1
        y = self.mlp(self.norm2(x))
        if self.drop_path2 is not None:
            y = self.drop_path2(y)
        return x + y  # add2
