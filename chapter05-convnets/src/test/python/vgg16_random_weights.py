#!/usr/bin/env python3
"""Writes a stand-in for Keras' vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5: VGG16's convolutional base
in exactly that file's HDF5 layout (Keras 1's /block1_conv1/block1_conv1_W_1:0 ...) and shapes (58.9 MB),
with random He-uniform kernels and zero biases instead of the ImageNet weights, for running chapter 5.3's
pipeline end to end where the real file cannot be downloaded. Its features carry no ImageNet knowledge:
expect chance-level results from them.

    /usr/bin/python3 vgg16_random_weights.py /tmp/vgg16-random-notop.h5
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../datasets/src/test/python'))
import keras_weights  # noqa: E402 (Keras' weight-file layout, shared with the datasets module's fixtures)

BLOCKS = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]]

rng = np.random.RandomState(0)
layers = []
channels = 3
for b, block in enumerate(BLOCKS, start=1):
    for c, filters in enumerate(block, start=1):
        limit = np.sqrt(6.0 / (9 * channels))
        kernel = rng.uniform(-limit, limit, (3, 3, channels, filters)).astype('float32')
        layers.append((f'block{b}_conv{c}', kernel, np.zeros(filters, dtype='float32')))
        channels = filters
    layers.append((f'block{b}_pool', None, None))
keras_weights.write(sys.argv[1], layers)
