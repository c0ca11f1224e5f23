#!/usr/bin/env python3
"""Prints the expected values of GruTest.forwardMatchesKeras208sGruStepByStep (`gru`) and
LstmTest.forwardMatchesKeras208sLstmStepByStep (`lstm`): Keras 2.0.8's GRU and LSTM (keras/layers/recurrent.py at
tag 2.0.8, their step() with dropout off, where implementations 0, 1 and 2 agree), computed here with plain numpy
in float64, independently of DL4J:

    GRU                                                   LSTM
    z  = hard_sigmoid(x_t . W_z + b_z + h_tm1 . U_z)      i = hard_sigmoid(x_t . W_i + b_i + h_tm1 . U_i)
    r  = hard_sigmoid(x_t . W_r + b_r + h_tm1 . U_r)      f = hard_sigmoid(x_t . W_f + b_f + h_tm1 . U_f)
    hh = tanh(x_t . W_h + b_h + (r * h_tm1) . U_h)        c = f * c_tm1 + i * tanh(x_t . W_c + b_c + h_tm1 . U_c)
    h  = z * h_tm1 + (1 - z) * hh                         o = hard_sigmoid(x_t . W_o + b_o + h_tm1 . U_o)
                                                          h = o * tanh(c)

with hard_sigmoid(x) = clip(0.2 x + 0.5, 0, 1) (the backend's), h_0 = c_0 = 0, and Keras' layout: kernel
(input_dim, gates x units) and recurrent_kernel (units, gates x units) with the gates' columns in the order
z, r, h (GRU) or i, f, c, o (LSTM), bias (gates x units,) likewise. The weights are rounded to two decimals so
that the tests can hold them exactly; some gate pre-activations pass +-2.5, where hard_sigmoid clips.

Run with Debian's python3-numpy:
    /usr/bin/python3 recurrent_reference.py gru
    /usr/bin/python3 recurrent_reference.py lstm
"""
import sys

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
        matrix_x = x[:, t, :] @ kernel + bias
        z = hard_sigmoid(matrix_x[:, :u] + h @ recurrent_kernel[:, :u])
        r = hard_sigmoid(matrix_x[:, u:2 * u] + h @ recurrent_kernel[:, u:2 * u])
        hh = np.tanh(matrix_x[:, 2 * u:] + (r * h) @ recurrent_kernel[:, 2 * u:])
        h = z * h + (1 - z) * hh
        states.append(h)
    return np.stack(states, axis=1)


def lstm(x, kernel, recurrent_kernel, bias):
    """x: (batch, steps, features), as Keras takes it. Returns all the states, (batch, steps, units)."""
    u = UNITS
    h = np.zeros((x.shape[0], u))
    c = np.zeros((x.shape[0], u))
    states = []
    for t in range(x.shape[1]):
        z = x[:, t, :] @ kernel + bias + h @ recurrent_kernel
        i = hard_sigmoid(z[:, :u])
        f = hard_sigmoid(z[:, u:2 * u])
        c = f * c + i * np.tanh(z[:, 2 * u:3 * u])
        o = hard_sigmoid(z[:, 3 * u:])
        h = o * np.tanh(c)
        states.append(h)
    return np.stack(states, axis=1)


# per layer: its step function, its gates, the seed of its weights, which gates' pre-activations to report
LAYERS = {'gru': (gru, 3, 19, 2), 'lstm': (lstm, 4, 23, 4)}


def java(name, a):
    rows = a.reshape(a.shape[0], -1) if a.ndim > 1 else a.reshape(1, -1)
    body = ',\n            '.join('{' + ', '.join(f'{v:.2f}' if name != 'expected' else repr(float(v))
                                                  for v in row) + '}' for row in rows)
    print(f'// shape {a.shape}\ndouble[][] {name} = {{\n            {body}}};')


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in LAYERS:
        sys.exit('usage: recurrent_reference.py gru|lstm')
    step, gates, seed, reported = LAYERS[sys.argv[1]]
    rng = np.random.RandomState(seed)
    kernel = np.round(rng.uniform(-1.5, 1.5, (FEATURES, gates * UNITS)), 2)
    recurrent_kernel = np.round(rng.uniform(-1, 1, (UNITS, gates * UNITS)), 2)
    bias = np.round(rng.uniform(-0.5, 0.5, gates * UNITS), 2)
    x = np.round(rng.uniform(-2, 2, (BATCH, STEPS, FEATURES)), 2)

    states = step(x, kernel, recurrent_kernel, bias)
    pre = x @ kernel + bias
    print('# largest |x . W + b| of the gates:', np.abs(pre[..., :reported * UNITS]).max())
    java('kernel', kernel)
    java('recurrentKernel', recurrent_kernel)
    java('bias', bias)
    java('x', x.reshape(BATCH * STEPS, FEATURES))  # rows: sample 0 steps 0-4, then sample 1
    java('expected', states.reshape(BATCH * STEPS, UNITS))


if __name__ == '__main__':
    main()
