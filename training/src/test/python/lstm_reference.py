#!/usr/bin/env python3
"""Prints the expected values of LstmTest.forwardMatchesKeras208sLstmStepByStep: Keras 2.0.8's LSTM (keras/layers/
recurrent.py at tag 2.0.8, class LSTM, its step() with dropout off, where implementations 0, 1 and 2 agree),
computed here with plain numpy in float64, independently of DL4J:

    i = hard_sigmoid(x_t . W_i + b_i + h_tm1 . U_i)
    f = hard_sigmoid(x_t . W_f + b_f + h_tm1 . U_f)
    c = f * c_tm1 + i * tanh(x_t . W_c + b_c + h_tm1 . U_c)
    o = hard_sigmoid(x_t . W_o + b_o + h_tm1 . U_o)
    h = o * tanh(c)

with hard_sigmoid(x) = clip(0.2 x + 0.5, 0, 1) (the backend's), h_0 = c_0 = 0, and Keras' layout: kernel
(input_dim, 4 units) and recurrent_kernel (units, 4 units) with the gates' columns in the order i, f, c, o, bias
(4 units,) likewise. The weights are rounded to two decimals so that the test can hold them exactly; some
gate pre-activations pass +-2.5, where hard_sigmoid clips.

Run with Debian's python3-numpy:
    /usr/bin/python3 lstm_reference.py
"""
import numpy as np

BATCH, FEATURES, UNITS, STEPS = 2, 3, 4, 5


def hard_sigmoid(x):
    return np.clip(0.2 * x + 0.5, 0, 1)


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


def java(name, a):
    rows = a.reshape(a.shape[0], -1) if a.ndim > 1 else a.reshape(1, -1)
    body = ',\n            '.join('{' + ', '.join(f'{v:.2f}' if name != 'expected' else repr(float(v))
                                                  for v in row) + '}' for row in rows)
    print(f'// shape {a.shape}\ndouble[][] {name} = {{\n            {body}}};')


def main():
    rng = np.random.RandomState(23)
    kernel = np.round(rng.uniform(-1.5, 1.5, (FEATURES, 4 * UNITS)), 2)
    recurrent_kernel = np.round(rng.uniform(-1, 1, (UNITS, 4 * UNITS)), 2)
    bias = np.round(rng.uniform(-0.5, 0.5, 4 * UNITS), 2)
    x = np.round(rng.uniform(-2, 2, (BATCH, STEPS, FEATURES)), 2)

    states = lstm(x, kernel, recurrent_kernel, bias)
    pre = x @ kernel + bias
    print('# largest |x . W + b|:', np.abs(pre).max())
    java('kernel', kernel)
    java('recurrentKernel', recurrent_kernel)
    java('bias', bias)
    java('x', x.reshape(BATCH * STEPS, FEATURES))
    java('expected', states.reshape(BATCH * STEPS, UNITS))


if __name__ == '__main__':
    main()
