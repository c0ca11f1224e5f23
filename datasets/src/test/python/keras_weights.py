"""Keras' HDF5 weight-file layout, shared by the scripts that write test and stand-in weight files (here and
in training/src/test/python)."""
import h5py
import numpy as np


def write(path, layers, input_layer='input_1', **attrs):
    """Writes layers [(name, kernel, bias)] (kernel and bias None for a layer without weights) as Keras'
    save_weights does: 'layer_names' starting with the weightless input layer (None: a file without one),
    then one group per layer whose 'weight_names' name its kernel and bias datasets (fixed-length byte
    strings; an empty float array for a layer without weights). attrs are further file attributes."""
    if input_layer is not None:
        layers = [(input_layer, None, None)] + layers
    with h5py.File(path, 'w') as f:
        f.attrs['layer_names'] = np.array([name.encode('utf8') for name, _, _ in layers], dtype='S')
        for key, value in attrs.items():
            f.attrs[key] = value
        for name, kernel, bias in layers:
            g = f.create_group(name)
            if kernel is None:
                g.attrs['weight_names'] = np.array([], dtype='float64')
                continue
            names = [f'{name}/kernel:0'.encode('utf8'), f'{name}/bias:0'.encode('utf8')]
            g.attrs['weight_names'] = np.array(names, dtype='S')
            g.create_dataset(names[0].decode(), data=kernel)
            g.create_dataset(names[1].decode(), data=bias)
