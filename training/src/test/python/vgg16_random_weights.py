#!/usr/bin/env python3
"""Writes a stand-in for Keras' vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5: VGG16's convolutional base
in exactly that file's HDF5 layout and shapes (58.9 MB), with random He-uniform kernels and zero biases
instead of the ImageNet weights, for running chapter 5.3's pipeline end to end where the real file cannot
be downloaded. Its features carry no ImageNet knowledge: expect chance-level results from them.

    /usr/bin/python3 vgg16_random_weights.py /tmp/vgg16-random-notop.h5
"""
import sys

import h5py
import numpy as np

BLOCKS = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]]

rng = np.random.RandomState(0)
with h5py.File(sys.argv[1], 'w') as f:
    names = []
    channels = 3
    for b, block in enumerate(BLOCKS, start=1):
        for c, filters in enumerate(block, start=1):
            name = f'block{b}_conv{c}'
            names.append(name)
            g = f.create_group(name)
            weight_names = [f'{name}/kernel:0'.encode('utf8'), f'{name}/bias:0'.encode('utf8')]
            g.attrs['weight_names'] = np.array(weight_names, dtype='S')
            limit = np.sqrt(6.0 / (9 * channels))
            g.create_dataset(weight_names[0].decode(), data=rng.uniform(-limit, limit, (3, 3, channels, filters)).astype('float32'))
            g.create_dataset(weight_names[1].decode(), data=np.zeros(filters, dtype='float32'))
            channels = filters
        name = f'block{b}_pool'
        names.append(name)
        f.create_group(name).attrs['weight_names'] = np.array([], dtype='float64')
    f.attrs['layer_names'] = np.array([n.encode('utf8') for n in ['input_1'] + names], dtype='S')
    f.create_group('input_1').attrs['weight_names'] = np.array([], dtype='float64')
    f.attrs['backend'] = b'tensorflow'
    f.attrs['keras_version'] = b'2.1.6'
