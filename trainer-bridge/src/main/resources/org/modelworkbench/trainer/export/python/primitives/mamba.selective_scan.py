import math

import torch
from torch import nn
import torch.nn.functional as F


def _SelectiveScan_softplus(x):
    """log(1 + eˣ) computed stably as the workbench does (PyTorch's threshold 20 changes nothing in fp32)."""
    return torch.relu(x) + torch.log(torch.exp(-x.abs()) + 1)


def _SelectiveScan_reference(u, delta, a, b, c, d):
    """The recurrence step by step (selective_scan_ref): h_t = exp(Δ_t·A)·h_{t−1} + Δ_t·B_t·u_t,
    y_t = C_t·h_t + D·u_t. u, Δ: B×K×D×L; A: K×D×N (negative); B, C: B×K×N×L; D: K×D → y B×K×D×L.
    """
    batch, k, ch, length = u.shape
    h = u.new_zeros(batch, k, ch, a.shape[2])
    du = delta * u
    ys = []
    for t in range(length):
        h = torch.exp(delta[..., t, None] * a) * h + du[..., t, None] * b[:, :, None, :, t]
        ys.append((h * c[:, :, None, :, t]).sum(-1))
    return torch.stack(ys, -1) + u * d[None, :, :, None]


def _SelectiveScan_chunk(length):
    """⌈√L / 2⌉ steps a chunk, as the workbench's SelectiveScan.chunkFor."""
    return max(1, math.ceil(math.sqrt(length) / 2))


def _SelectiveScan_steps_first(x, chunks, l):
    """B×K×C×(chunks·l) → l×B×K×chunks×C, copied so that step j of every chunk is one contiguous slab."""
    batch, k, c, _ = x.shape
    return x.reshape(batch, k, c, chunks, l).permute(4, 0, 1, 3, 2).contiguous()


def _SelectiveScan_entering(decay, inputs):
    """The state entering each step t of h_t = decay_t·h_{t−1} + input_t along dimension 0, from h = 0."""
    states = [torch.zeros_like(inputs[0])]
    h = inputs[0]
    for i in range(1, decay.shape[0]):
        states.append(h)
        h = h * decay[i] + inputs[i]
    return torch.stack(states)


def _SelectiveScan_chunked(u, delta, a, b, c, d, chunk=None):
    """The same recurrence with the sequence cut into chunks of l steps laid side by side, as the
    workbench's SelectiveScan: (1) l steps scan every chunk at once from a zero state to its last state;
    (2) the chunk-to-chunk recurrence (a chunk's decay is exp(A·ΣΔ)) gives the state entering each
    chunk; (3) l steps scan every chunk again from that state, reading y_t = C_t·h_t out. About 3√L
    sequential steps instead of L; every factor is ≤ 1, so nothing overflows at any length.
    """
    batch, k, ch, length = u.shape
    n = a.shape[2]
    l = max(1, min(chunk or _SelectiveScan_chunk(length), length))
    chunks = -(-length // l)
    extra = chunks * l - length
    pad = (lambda x: F.pad(x, (0, extra))) if extra else (lambda x: x)
    dt = pad(delta)  # padding steps: Δ = 0 (decay 1, no input) and C = 0, changing nothing before them
    dts = _SelectiveScan_steps_first(dt, chunks, l).unsqueeze(5)  # l, B, K, chunks, D, 1
    dus = _SelectiveScan_steps_first(pad(delta * u), chunks, l).unsqueeze(5)
    bs = _SelectiveScan_steps_first(pad(b), chunks, l).unsqueeze(4)  # l, B, K, chunks, 1, N
    cs = _SelectiveScan_steps_first(pad(c), chunks, l).unsqueeze(5)  # l, B, K, chunks, N, 1
    decay = torch.exp(dts * a.reshape(1, 1, k, 1, ch, n))  # l, B, K, chunks, D, N
    inputs = dus * bs
    h = inputs[0]
    if chunks > 1:
        for j in range(1, l):  # (1)
            h = h * decay[j] + inputs[j]
        chunk_decay = torch.exp(dt.reshape(batch, k, ch, chunks, l).sum(4).permute(3, 0, 1, 2).unsqueeze(4)
                                * a.reshape(1, 1, k, ch, n))  # chunks, B, K, D, N
        into = _SelectiveScan_entering(chunk_decay, h.permute(2, 0, 1, 3, 4))  # (2)
        h = into.permute(1, 2, 0, 3, 4) * decay[0] + inputs[0]  # (3)
    # y_t = C_t·h_t: a product over the states, or a plain multiply for one state (VMamba v2)
    read_out = (lambda h, c: h * c) if n == 1 else (lambda h, c: h @ c)
    ys = [read_out(h, cs[0])]
    for j in range(1, l):
        h = h * decay[j] + inputs[j]
        ys.append(read_out(h, cs[j]))
    y = torch.stack(ys).squeeze(5).permute(1, 2, 4, 3, 0).reshape(batch, k, ch, chunks * l)
    return y[..., :length] + u * d.reshape(1, k, ch, 1)


class SelectiveScan(nn.Module):
    """The selective state-space scan of K independent directions with its projections (Gu & Dao,
    Mamba 2023; VMamba SS2D.forward_corev2, Liu et al. 2024), N×K×D×T → N×K×D×T.

    Per direction k: x_dbl = x_proj_weight[k]·u → (Δ_raw, B, C) of R, N, N rows;
    Δ = softplus(dt_projs_weight[k]·Δ_raw + dt_projs_bias[k]); A = −exp(A_logs);
    h_t = exp(Δ_t·A)·h_{t−1} + Δ_t·B_t·u_t, y_t = C_t·h_t + Ds·u_t. Mamba's 1-D mixer is K = 1.
    Sequences longer than ``reference_below`` steps run the chunked scan, shorter ones the plain loop.
    """

    reference_below = 16

    def __init__(self, ins, d_state=1, dt_rank=6):
        super().__init__()
        k, d, _ = ins[0]
        n, r = d_state, dt_rank
        self.d_state, self.dt_rank = n, r
        self.x_proj_weight = nn.Parameter(torch.empty(k, r + 2 * n, d))
        self.dt_projs_weight = nn.Parameter(torch.empty(k, d, r))
        self.dt_projs_bias = nn.Parameter(torch.empty(k, d))
        self.A_logs = nn.Parameter(torch.log(torch.arange(1, n + 1, dtype=torch.float32)).repeat(k * d, 1))
        self.Ds = nn.Parameter(torch.ones(k * d))
        nn.init.uniform_(self.x_proj_weight, -1 / math.sqrt(d), 1 / math.sqrt(d))
        nn.init.uniform_(self.dt_projs_weight, -1 / math.sqrt(r), 1 / math.sqrt(r))
        with torch.no_grad():
            # Mamba's dt init: Δ log-uniform in [0.001, 0.1], bias = softplus⁻¹(Δ) = Δ + log(1 − e^−Δ).
            dt = torch.empty(k, d).uniform_(math.log(0.001), math.log(0.1)).exp()
            self.dt_projs_bias.copy_(dt + torch.log(1 - torch.exp(-dt)))

    def forward(self, u):
        k, d = self.dt_projs_bias.shape
        n, r = self.d_state, self.dt_rank
        x_dbl = self.x_proj_weight.unsqueeze(0) @ u  # B, K, R+2N, L
        dt_raw, b, c = torch.split(x_dbl, [r, n, n], 2)
        dts = self.dt_projs_weight.unsqueeze(0) @ dt_raw  # B, K, D, L
        delta = _SelectiveScan_softplus(dts + self.dt_projs_bias.reshape(1, k, d, 1))
        a = -torch.exp(self.A_logs).reshape(k, d, n)
        scan = _SelectiveScan_reference if u.shape[3] <= self.reference_below else _SelectiveScan_chunked
        return scan(u, delta, a, b, c, self.Ds.reshape(k, d))
