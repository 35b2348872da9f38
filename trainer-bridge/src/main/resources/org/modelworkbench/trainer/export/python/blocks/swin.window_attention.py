# needs: linear.linear, swin.window_attention_core
import torch
from torch import nn


class WindowAttention(nn.Module):
    """Swin's (shifted) window multi-head self-attention, W-MSA / SW-MSA (Liu et al., ICCV 2021), as timm
    swin_tiny_patch4_window7_224 and torchvision swin_t.

    On a channels-last map N×H×W×C: when shifted, roll by −⌊W/2⌋ on each axis larger than the window;
    Linear C→3C (qkv); the window attention core (relative-position bias, and the shift mask); Linear
    C→C (proj); roll back. The references apply qkv and proj per window after partitioning; acting on the
    whole map is the same because the Linears see each token alone.
    """

    def __init__(self, ins, heads=3, window=7, shifted=False, qkv_bias=True):
        super().__init__()
        h, w, c = ins[0]
        if h % window != 0 or w % window != 0:
            raise ValueError(f"swin.window_attention: the {h}×{w} feature map is not divisible by window "
                             f"{window}")
        if c % heads != 0:
            raise ValueError(f"swin.window_attention: heads = {heads} must divide the width {c}")
        s = window // 2
        # an axis no longer than the window is not shifted (timm's and torchvision's rule)
        self.dims = [axis for axis, size in ((1, h), (2, w)) if shifted and s > 0 and size > window]
        self.shifts = [-s] * len(self.dims)
        self.qkv = Linear(ins, out_features=3 * c, bias=qkv_bias)
        self.attention = WindowAttentionCore([(h, w, 3 * c)], heads=heads, window=window,
                                             shifted=len(self.dims) > 0)
        self.proj = Linear(ins, out_features=c, bias=True)

    def forward(self, x):
        if self.dims:
            x = torch.roll(x, shifts=self.shifts, dims=self.dims)  # roll
        x = self.proj(self.attention(self.qkv(x)))
        if self.dims:
            x = torch.roll(x, shifts=[-s for s in self.shifts], dims=self.dims)  # roll_back
        return x
