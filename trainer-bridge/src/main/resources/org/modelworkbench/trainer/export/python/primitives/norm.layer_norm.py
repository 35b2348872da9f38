import torch
from torch import nn
import torch.nn.functional as F


class LayerNorm(nn.Module):
    """Layer normalisation over the channels of each position (Ba et al. 2016).

    ``layout="channels_last"``: over the last dimension (tokens N×T×C, maps N×H×W×C), as nn.LayerNorm.
    ``layout="channels_first"``: over dimension 1 of N×C×…, as ConvNeXt's LayerNorm2d (biased variance).
    """

    def __init__(self, ins, layout=None, eps=1e-5):
        super().__init__()
        if layout in (None, "auto"):
            raise ValueError("norm.layer_norm: layout auto follows the input's layout, which a shape "
                             "cannot tell; pass channels_first or channels_last")
        if layout not in ("channels_first", "channels_last"):
            raise ValueError(f"norm.layer_norm: unknown layout {layout!r}")
        self.channels_first = layout == "channels_first"
        c = ins[0][0] if self.channels_first else ins[0][-1]
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(c))
        self.bias = nn.Parameter(torch.zeros(c))

    def forward(self, x):
        if not self.channels_first:
            return F.layer_norm(x, self.weight.shape, self.weight, self.bias, self.eps)
        # Statistics over dimension 1 of each position, then a per-channel affine map.
        mu = x.mean(1, keepdim=True)
        centred = x - mu
        var = centred.square().mean(1, keepdim=True)
        y = centred / (var + self.eps).sqrt()
        per_channel = (1, -1) + (1,) * (x.dim() - 2)
        return y * self.weight.view(per_channel) + self.bias.view(per_channel)
