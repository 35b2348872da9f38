from torch import nn
import torch.nn.functional as F


class Dropout(nn.Module):
    """Dropout (Srivastava et al. 2014): in training, zeroes each element with probability p and scales
    the rest by 1/(1−p); identity in evaluation. Any shape.
    """

    def __init__(self, ins, p=0.5):
        super().__init__()
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        return F.dropout(x, self.p, training=True)
