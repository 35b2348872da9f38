import torch
from torch import nn


class Roll(nn.Module):
    """Cyclic shift along the given dimensions, as torch.roll; ``dims`` count the batch dimension
    (Swin rolls N×H×W×C by (−⌊W/2⌋, −⌊W/2⌋) along [1, 2] before window attention and back after).
    """

    def __init__(self, ins, shifts=(-3, -3), dims=(1, 2)):
        super().__init__()
        if len(shifts) != len(dims):
            raise ValueError("tensor.roll: shifts and dims must have the same length")
        self.shifts, self.dims = tuple(shifts), tuple(dims)

    def forward(self, x):
        return torch.roll(x, self.shifts, self.dims)
