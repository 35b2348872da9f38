import torch
from torch import nn
import torch.nn.functional as F


class BatchNorm(nn.Module):
    """Batch normalisation over dimension 1 (Ioffe & Szegedy 2015): N×C, N×C×L or N×C×H×W.

    ``momentum`` is PyTorch's (the weight of the newest batch in the running statistics), as the
    block library's. Registers exactly weight, bias, running_mean and running_var (no
    num_batches_tracked), the tensors of the workbench's kernel.
    """

    def __init__(self, ins, eps=1e-5, momentum=0.1):
        super().__init__()
        c = ins[0][0]
        self.eps, self.momentum = eps, momentum
        self.weight = nn.Parameter(torch.ones(c))
        self.bias = nn.Parameter(torch.zeros(c))
        self.register_buffer("running_mean", torch.zeros(c))
        self.register_buffer("running_var", torch.ones(c))

    def forward(self, x):
        return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias, self.training,
                            self.momentum, self.eps)
