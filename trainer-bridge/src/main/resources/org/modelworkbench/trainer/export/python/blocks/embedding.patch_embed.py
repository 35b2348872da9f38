# needs: conv.conv2d, norm.layer_norm
from torch import nn


class PatchEmbed(nn.Module):
    """Patch embedding (Dosovitskiy et al., ICLR 2021; Swin's with norm = True), as timm PatchEmbed.

    A P×P, stride P convolution C→D (with bias) turns N×C×H×W into N×D×H/P×W/P, returned as tokens
    N×T×D (output "tokens", T = HW/P²), a channels-last map N×H/P×W/P×D ("channels_last") or as it is
    ("channels_first"); with norm a LayerNorm (eps 1e-5) over D follows.
    """

    def __init__(self, ins, patch=16, embed_dim=768, norm=False, output="tokens"):
        super().__init__()
        c, h, w = ins[0]
        if h % patch != 0 or w % patch != 0:
            raise ValueError(f"embedding.patch_embed: the {h}×{w} image is not divisible by patch {patch}")
        hp, wp = h // patch, w // patch
        self.output = output
        self.proj = Conv2d(ins, out_channels=embed_dim, kernel=patch, stride=patch, padding=0, dilation=1,
                           groups=1, bias=True)
        if output == "tokens":
            shape = (hp * wp, embed_dim)
        elif output == "channels_last":
            shape = (hp, wp, embed_dim)
        else:
            shape = (embed_dim, hp, wp)
        if norm:
            where = "channels_first" if output == "channels_first" else "channels_last"
            self.norm = LayerNorm([shape], layout=where, eps=1e-5)
        else:
            self.norm = None

    def forward(self, x):
        x = self.proj(x)
        if self.output == "tokens":
            x = x.flatten(2).permute(0, 2, 1)  # flatten, to_tokens: N×D×H'×W' → N×T×D
        elif self.output == "channels_last":
            x = x.permute(0, 2, 3, 1)  # to_channels_last
        if self.norm is not None:
            x = self.norm(x)
        return x
