#!/usr/bin/env python3
"""Prints the expected values of GruTest.forwardMatchesKeras208sGruStepByStep: Keras 2.0.8's GRU (keras/layers/
recurrent.py at tag 2.0.8, class GRU, its step() with dropout off, where implementations 0, 1 and 2 agree),
computed here with plain numpy in float64, independently of DL4J:

    z  = hard_sigmoid(x_t . W_z + b_z + h_tm1 . U_z)
    r  = hard_sigmoid(x_t . W_r + b_r + h_tm1 . U_r)
    hh = tanh(x_t . W_h + b_h + (r * h_tm1) . U_h)
    h  = z * h_tm1 + (1 - z) * hh

with hard_sigmoid(x) = clip(0.2 x + 0.5, 0, 1) (the backend's), h_0 = 0, and Keras' layout: kernel
(input_dim, 3 units) and recurrent_kernel (units, 3 units) with the gates' columns in the order z, r, h, bias
(3 units,) likewise. The weights are rounded to two decimals so that the test can hold them exactly; some
gate pre-activations pass +-2.5, where hard_sigmoid clips.

Run with Debian's python3-numpy:
    /usr/bin/python3 gru_reference.py
"""
import numpy as np

BATCH, FEATURES, UNITS, STEPS = 2, 3, 4, 5


def hard_sigmoid(x):
    return np.clip(0.2 * x + 0.5, 0, 1)


def gru(x, kernel, recurrent_kernel, bias):
    """x: (batch, steps, features), as Keras takes it. Returns all the states, (batch, steps, units)."""
    u = UNITS
    h = np.zeros((x.shape[0], u))
    states = []
    for t in range(x.shape[1]):
        x_t = x[:, t, :]
        matrix_x = x_t @ kernel + bias
        z = hard_sigmoid(matrix_x[:, :u] + h @ recurrent_kernel[:, :u])
        r = hard_sigmoid(matrix_x[:, u:2 * u] + h @ recurrent_kernel[:, u:2 * u])
        hh = np.tanh(matrix_x[:, 2 * u:] + (r * h) @ recurrent_kernel[:, 2 * u:])
        h = z * h + (1 - z) * hh
        states.append(h)
    return np.stack(states, axis=1)


def java(name, a):
    rows = a.reshape(a.shape[0], -1) if a.ndim > 1 else a.reshape(1, -1)
    body = ',\n            '.join('{' + ', '.join(f'{v:.2f}' if name != 'expected' else repr(float(v))
                                                  for v in row) + '}' for row in rows)
    print(f'// shape {a.shape}\ndouble[][] {name} = {{\n            {body}}};')


def main():
    rng = np.random.RandomState(19)
    kernel = np.round(rng.uniform(-1.5, 1.5, (FEATURES, 3 * UNITS)), 2)
    recurrent_kernel = np.round(rng.uniform(-1, 1, (UNITS, 3 * UNITS)), 2)
    bias = np.round(rng.uniform(-0.5, 0.5, 3 * UNITS), 2)
    x = np.round(rng.uniform(-2, 2, (BATCH, STEPS, FEATURES)), 2)

    states = gru(x, kernel, recurrent_kernel, bias)
    pre = x @ kernel + bias
    print('# largest |x . W + b| of the gates:', np.abs(pre[..., :2 * UNITS]).max())
    java('kernel', kernel)
    java('recurrentKernel', recurrent_kernel)
    java('bias', bias)
    java('x', x.reshape(BATCH * STEPS, FEATURES))  # rows: sample 0 steps 0-4, then sample 1
    java('expected', states.reshape(BATCH * STEPS, UNITS))


if __name__ == '__main__':
    main()
