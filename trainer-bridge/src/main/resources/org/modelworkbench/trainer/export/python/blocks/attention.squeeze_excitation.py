# needs: pool.global_avg, conv.pointwise
# needs: activation.relu, activation.silu, activation.gelu, activation.sigmoid, activation.hardsigmoid
import math

from torch import nn


class SqueezeExcitation(nn.Module):
    """Squeeze-and-excitation channel attention (Hu et al., CVPR 2018; timm SqueezeExcite).

    Global average pool to N×C×1×1, 1×1 conv C→r (bias), activation, 1×1 conv r→C (bias), gate, and a
    channel-wise product with the input N×C×H×W. r = rd_channels, or ⌊C·rd_ratio⌋ when that is 0.
    """

    def __init__(self, ins, rd_channels=0, rd_ratio=0.25, activation="relu", gate="sigmoid"):
        super().__init__()
        c = ins[0][0]
        r = rd_channels if rd_channels > 0 else int(math.floor(c * rd_ratio))
        if r < 1:
            raise ValueError(f"attention.squeeze_excitation: rd_ratio = {rd_ratio} gives no channels "
                             f"for C = {c}")
        activations = {"relu": ReLU, "silu": SiLU, "gelu": GELU,
                       "sigmoid": Sigmoid, "hardsigmoid": Hardsigmoid}
        self.squeeze = GlobalAvgPool(ins, layout="channels_first", keep_dims=True)
        self.reduce = PointwiseConv2d([(c, 1, 1)], out_channels=r, stride=1, bias=True)
        self.act = activations[activation]([(r, 1, 1)])
        self.expand = PointwiseConv2d([(r, 1, 1)], out_channels=c, stride=1, bias=True)
        self.gate = activations[gate]([(c, 1, 1)])

    def forward(self, x):
        s = self.gate(self.expand(self.act(self.reduce(self.squeeze(x)))))
        return x * s  # "scale": N×C×H×W times N×C×1×1
