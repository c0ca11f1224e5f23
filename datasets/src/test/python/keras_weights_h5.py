#!/usr/bin/env python3
"""Writes keras-weights.h5: a reduced VGG-like stack in exactly the HDF5 layout of Keras' weight files
(the root attribute layer_names and each group's weight_names as fixed-length byte strings, the arrays
at <layer>/<layer>/kernel:0 and bias:0, an empty float array as weight_names of a pooling layer), as
h5py writes it for Keras.  Kernel values are 0.001 * (C-order index), bias values 0.5 * index.
Run with Debian's python3-h5py:  python3 keras_weights_h5.py ../resources/dlwj/datasets/keras-weights.h5
"""
import sys

import numpy as np

import keras_weights

shapes = [('block1_conv1', (3, 3, 3, 4)), ('block1_pool', None), ('block2_conv1', (3, 3, 4, 2))]
layers = [(name, None, None) if shape is None else
          (name, (np.arange(np.prod(shape)) * 0.001).reshape(shape).astype('float32'),
           (np.arange(shape[-1]) * 0.5).astype('float32')) for name, shape in shapes]
keras_weights.write(sys.argv[1], layers, input_layer=None, backend=b'tensorflow', keras_version=b'2.1.6')
