# needs: linear.linear, conv.pointwise, regularization.dropout
# needs: activation.gelu, activation.relu, activation.silu
from torch import nn


class Mlp(nn.Module):
    """The transformer feed-forward network (Vaswani et al., NeurIPS 2017; timm Mlp).

    fc1 (C→hidden), activation, dropout, fc2 (hidden→out), dropout. With layout "tokens" the layers are
    Linears on the last dimension (…×C: tokens or channels-last maps); with "channels_first" they are
    1×1 convolutions on N×C×H×W. hidden = 0 means int(C·mlp_ratio), out_features = 0 means C; the
    dropouts exist only when dropout > 0.
    """

    def __init__(self, ins, mlp_ratio=4.0, hidden=0, out_features=0, activation="gelu", layout="tokens",
                 bias=True, dropout=0.0):
        super().__init__()
        shape = tuple(ins[0])
        conv = layout == "channels_first"
        c = shape[0] if conv else shape[-1]
        # int() truncates as timm and the block library do (no rounding of c·ratio)
        hidden = hidden if hidden > 0 else int(c * mlp_ratio)
        out = out_features if out_features > 0 else c

        def resized(width):
            return (width,) + shape[1:] if conv else shape[:-1] + (width,)

        def layer(shape_in, width):
            if conv:
                return PointwiseConv2d([shape_in], out_channels=width, stride=1, bias=bias)
            return Linear([shape_in], out_features=width, bias=bias)

        self.fc1 = layer(shape, hidden)
        self.act = {"gelu": GELU, "relu": ReLU, "silu": SiLU}[activation]([resized(hidden)])
        self.drop1 = Dropout([resized(hidden)], p=dropout) if dropout > 0 else None
        self.fc2 = layer(resized(hidden), out)
        self.drop2 = Dropout([resized(out)], p=dropout) if dropout > 0 else None

    def forward(self, x):
        x = self.act(self.fc1(x))
        if self.drop1 is not None:
            x = self.drop1(x)
        x = self.fc2(x)
        if self.drop2 is not None:
            x = self.drop2(x)
        return x

