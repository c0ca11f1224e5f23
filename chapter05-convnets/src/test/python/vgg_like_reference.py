#!/usr/bin/env python3
"""Writes the test data of Vgg16ConvBaseTest: a reduced VGG-like stack in exactly the HDF5 layout of Keras'
VGG16 downloads (random weights, seed 0; block1_conv1_W_1:0 and block1_conv1_b_1:0 in the group
block1_conv1), and the stack's output for a fixed input, computed here with plain numpy as Keras computes it
(channels last, kernels (h, w, in, out), 'same' 3x3 convolutions with ReLU, 2x2 max pooling), independently
of DL4J.

Run with Debian's python3-h5py and python3-numpy:
    /usr/bin/python3 vgg_like_reference.py ../resources/dlwj/chapter05
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../datasets/src/test/python'))
import keras_weights  # noqa: E402 (Keras' weight-file layout, shared with the datasets module's fixtures)

BLOCKS = [[4, 4], [6]]  # block1: two convolutions of 4 filters; block2: one of 6; each block then pools


def conv_same_relu(x, kernel, bias):
    """x: (h, w, in); kernel: (3, 3, in, out). Cross-correlation with zero padding 1, as Keras' Conv2D."""
    h, w, _ = x.shape
    padded = np.pad(x, ((1, 1), (1, 1), (0, 0)))
    out = np.zeros((h, w, kernel.shape[3]), dtype=np.float64)
    for dy in range(3):
        for dx in range(3):
            out += np.tensordot(padded[dy:dy + h, dx:dx + w, :], kernel[dy, dx], axes=([2], [0]))
    return np.maximum(out + bias, 0)


def max_pool(x):
    h, w, c = x.shape
    return x[:h // 2 * 2, :w // 2 * 2].reshape(h // 2, 2, w // 2, 2, c).max(axis=(1, 3))


def main(folder):
    rng = np.random.RandomState(0)
    layers = []
    channels = 3
    for b, block in enumerate(BLOCKS, start=1):
        for c, filters in enumerate(block, start=1):
            kernel = rng.uniform(-0.5, 0.5, (3, 3, channels, filters)).astype('float32')
            bias = rng.uniform(-0.1, 0.1, filters).astype('float32')
            layers.append((f'block{b}_conv{c}', kernel, bias))
            channels = filters
        layers.append((f'block{b}_pool', None, None))

    # Keras' notop files start with the input layer, which has no weights
    keras_weights.write(os.path.join(folder, 'vgg-like-weights.h5'), layers)

    image = rng.uniform(0, 1, (10, 12, 3)).astype('float32')  # one picture, height 10, width 12, RGB
    x = image.astype(np.float64)
    for name, kernel, bias in layers:
        x = max_pool(x) if kernel is None else conv_same_relu(x, kernel.astype(np.float64), bias.astype(np.float64))

    # The same stack with a classifier on top, as Keras' VGG16(include_top=True) file holds it: flatten
    # (channels last: height, width, channel order), fc1 (relu) and predictions (softmax)
    fc1 = (rng.uniform(-0.3, 0.3, (x.size, 5)).astype('float32'), rng.uniform(-0.1, 0.1, 5).astype('float32'))
    predictions = (rng.uniform(-0.5, 0.5, (5, 4)).astype('float32'), rng.uniform(-0.1, 0.1, 4).astype('float32'))
    write_with_top(os.path.join(folder, 'vgg-like-top-weights.h5'), layers, fc1, predictions)
    # and for square 8x8 pictures (2 x 2 x 6 = 24 inputs to fc1), for the examples, whose pictures are square
    fc1_8 = (rng.uniform(-0.3, 0.3, (24, 5)).astype('float32'), fc1[1])
    write_with_top(os.path.join(folder, 'vgg-like-top-weights-8x8.h5'), layers, fc1_8, predictions)
    hidden = np.maximum(x.reshape(-1) @ fc1[0].astype(np.float64) + fc1[1], 0)
    scores = hidden @ predictions[0].astype(np.float64) + predictions[1]
    probabilities = np.exp(scores - scores.max()) / np.exp(scores - scores.max()).sum()
    np.savez(os.path.join(folder, 'vgg-like-reference.npz'), input=image, output=x.astype('float32'),
             probabilities=probabilities.astype('float32'))
    print('input', image.shape, 'output', x.shape, 'probabilities', probabilities)


def write_with_top(path, layers, fc1, predictions):
    keras_weights.write(path, layers + [('flatten', None, None), ('fc1', *fc1), ('predictions', *predictions)])


if __name__ == '__main__':
    main(sys.argv[1])
