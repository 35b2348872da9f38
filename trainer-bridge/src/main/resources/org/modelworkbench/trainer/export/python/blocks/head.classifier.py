# needs: norm.layer_norm, pool.global_avg, regularization.dropout, linear.linear
from torch import nn


class ClassifierHead(nn.Module):
    """Classifier head: pool the features to one vector per image and map it to class logits.

    Features N×C×H×W ("channels_first"), N×H×W×C ("channels_last"), tokens N×T×C averaged ("tokens")
    or token 0 of N×T×C ("class_token"). An optional LayerNorm sits before the pooling (Swin, FocalNet,
    VMamba, ViT) or after it (ConvNeXt, PoolFormer); dropout (when > 0), then Linear C→classes with
    bias. Output N×classes.
    """

    def __init__(self, ins, classes=1000, layout=None, norm="none", norm_eps=1e-5, dropout=0.0):
        super().__init__()
        shape = tuple(ins[0])
        if layout is None or layout == "auto":
            # "auto" follows the input's layout, which a shape cannot tell for a 4-D map, so the exporter
            # passes the layout the block library bound. Left to the shape, a map is taken as N×C×H×W
            # (as the block library does without layouts) and N×T×C as tokens.
            layout = "channels_first" if len(shape) == 3 else "tokens"
        if layout in ("channels_first", "channels_last"):
            if len(shape) != 3:
                raise ValueError(f"head.classifier: layout {layout} needs a 4-D input, got N×{shape}")
        elif len(shape) != 2:
            raise ValueError(f"head.classifier: layout {layout} needs tokens N×T×C, got N×{shape}")
        c = shape[0] if layout == "channels_first" else shape[-1]
        if norm == "before_pool":
            where = "channels_first" if layout == "channels_first" else "channels_last"
            self.norm = LayerNorm([shape], layout=where, eps=norm_eps)
        elif norm == "after_pool":
            self.norm = LayerNorm([(c,)], layout="channels_last", eps=norm_eps)
        else:
            self.norm = None
        self.norm_before_pool = norm == "before_pool"
        # take_class_token is x[:, 0]; the other layouts average over their positions
        if layout == "class_token":
            self.pool = None
        else:
            self.pool = GlobalAvgPool([shape], layout=layout, keep_dims=False)
        self.dropout = Dropout([(c,)], p=dropout) if dropout > 0 else None
        self.fc = Linear([(c,)], out_features=classes, bias=True)

    def forward(self, x):
        if self.norm is not None and self.norm_before_pool:
            x = self.norm(x)
        x = x[:, 0] if self.pool is None else self.pool(x)
        if self.norm is not None and not self.norm_before_pool:
            x = self.norm(x)
        if self.dropout is not None:
            x = self.dropout(x)
        return self.fc(x)
