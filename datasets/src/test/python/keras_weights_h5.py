#!/usr/bin/env python3
"""Writes keras-weights.h5: a reduced VGG-like stack in exactly the HDF5 layout of Keras' weight files
(the root attribute layer_names and each group's weight_names as fixed-length byte strings, the arrays
at <layer>/<layer>/kernel:0 and bias:0, an empty float array as weight_names of a pooling layer), as
h5py writes it for Keras.  Kernel values are 0.001 * (C-order index), bias values 0.5 * index.
Run with Debian's python3-h5py:  python3 keras_weights_h5.py ../resources/dlwj/datasets/keras-weights.h5
"""
import sys
import h5py
import numpy as np

layers = [('block1_conv1', (3, 3, 3, 4)), ('block1_pool', None), ('block2_conv1', (3, 3, 4, 2))]
with h5py.File(sys.argv[1], 'w') as f:
    f.attrs['layer_names'] = np.array([name.encode('utf8') for name, _ in layers], dtype='S')
    f.attrs['backend'] = b'tensorflow'
    f.attrs['keras_version'] = b'2.1.6'
    for name, shape in layers:
        g = f.create_group(name)
        if shape is None:
            g.attrs['weight_names'] = np.array([], dtype='float64')
            continue
        names = [f'{name}/kernel:0'.encode('utf8'), f'{name}/bias:0'.encode('utf8')]
        g.attrs['weight_names'] = np.array(names, dtype='S')
        g.create_dataset(names[0].decode(), data=(np.arange(np.prod(shape)) * 0.001).reshape(shape).astype('float32'))
        g.create_dataset(names[1].decode(), data=(np.arange(shape[-1]) * 0.5).astype('float32'))
