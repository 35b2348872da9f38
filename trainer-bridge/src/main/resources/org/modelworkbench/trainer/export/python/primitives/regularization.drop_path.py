from torch import nn


class DropPath(nn.Module):
    """Stochastic depth (Huang et al. 2016) as timm's drop_path: in training, each sample's branch is
    kept with probability 1−p and scaled by 1/(1−p), else zeroed; identity in evaluation. Any shape
    with the batch first. The rate is the attribute ``p``.
    """

    def __init__(self, ins, p=0.1):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        keep = 1 - self.p
        shape = (x.shape[0],) + (1,) * (x.dim() - 1)  # one draw per sample
        mask = x.new_empty(shape).bernoulli_(keep)
        return x * mask.div_(keep)
