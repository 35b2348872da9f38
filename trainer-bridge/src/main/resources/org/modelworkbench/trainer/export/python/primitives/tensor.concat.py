import torch
from torch import nn


class Concat(nn.Module):
    """Joins ``inputs`` tensors along ``dim`` (which counts the batch dimension: 1 = channels of
    N×C×H×W); all other sizes must match.
    """

    def __init__(self, ins, inputs=2, dim=1):
        super().__init__()
        if len(ins) != inputs:
            raise ValueError(f"tensor.concat: inputs = {inputs} but {len(ins)} input shapes were given")
        self.dim = dim

    def forward(self, *xs):
        return torch.cat(xs, self.dim)
