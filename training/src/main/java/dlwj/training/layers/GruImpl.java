package dlwj.training.layers;

import static dlwj.training.layers.RecurrentParamInitializer.BIAS;
import static dlwj.training.layers.RecurrentParamInitializer.KERNEL;
import static dlwj.training.layers.RecurrentParamInitializer.RECURRENT_KERNEL;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The working half of {@link Gru}: Keras 2.0.8's GRU forward, and backward through time. The inputs' products
 * with the kernel are computed for all time steps at once (one matrix product, or one per gate with
 * dropout), as are the kernels' gradients after the backward loop; only the products with the recurrent
 * kernel go step by step. Arrays are time-major inside: [time, batch, ...], a step's rows contiguous.
 */
public class GruImpl extends KerasRecurrentImpl<Gru> {

    /** The training forward pass, kept (in the activations workspace) for backprop. */
    private Pass pass;

    public GruImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** What backprop needs of a forward pass. Gate columns z, r, h as in the parameters. */
    private static final class Pass {
        long steps;
        long batch;
        long units;
        /** The input, time-major: [steps * batch, features], row t * batch + i for step t of example i. */
        INDArray inputs;
        /** Per gate: the input's dropout mask [batch, features]; null without dropout. */
        INDArray[] inputMasks;
        /** Per gate: the previous state's dropout mask [batch, units]; null without recurrent dropout. */
        INDArray[] stateMasks;
        /** [steps + 1, batch, units]: h_0 = 0, then each step's state. */
        INDArray states;
        /** [steps, batch, units]: r * h_tm1 (* the candidate's state mask), what U_h multiplies. */
        INDArray resetStates;
        /** [steps, batch, 3 units]: the gates' pre-activations; and their activations z, r, hh. */
        INDArray preActivations;
        INDArray activations;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        checkInput();
        Pass forward = forward(training, workspaceMgr);
        pass = training ? forward : null;
        return output(forward.states, workspaceMgr);
    }

    private Pass forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Gru conf = layerConf();
        INDArray kernel = getParamWithNoise(KERNEL, training, workspaceMgr);
        INDArray recurrentKernel = getParamWithNoise(RECURRENT_KERNEL, training, workspaceMgr);
        INDArray bias = getParamWithNoise(BIAS, training, workspaceMgr);
        DataType type = kernel.dataType();
        Pass p = new Pass();
        p.batch = input.size(0);
        long features = input.size(1);
        p.steps = input.size(2);
        p.units = conf.getNOut();
        long u = p.units;
        Kept kept = new Kept(training, workspaceMgr, type);

        p.inputs = timeMajorInput(kept, type);
        p.inputMasks = training && conf.getDropout() > 0 ? masks(kept, p.batch, features, conf.getDropout()) : null;
        p.stateMasks = training && conf.getRecurrentDropout() > 0
                ? masks(kept, p.batch, u, conf.getRecurrentDropout()) : null;

        // x_t · W + b for every step at once: [steps * batch, 3 units]
        INDArray projected;
        if (p.inputMasks == null) {
            projected = p.inputs.mmul(kernel);
        } else {
            projected = Nd4j.create(type, p.steps * p.batch, 3 * u);
            for (int gate = 0; gate < 3; gate++) {
                projected.get(all(), gateColumns(gate, u)).assign(
                        maskedInputs(p, gate).mmul(kernel.get(all(), gateColumns(gate, u))));
            }
        }
        projected.addiRowVector(bias);
        INDArray projectedSteps = projected.reshape('c', p.steps, p.batch, 3 * u);

        p.states = kept.zeros(p.steps + 1, p.batch, u);
        p.resetStates = kept.array(p.steps, p.batch, u);
        p.preActivations = training ? kept.array(p.steps, p.batch, 3 * u) : null;
        p.activations = training ? kept.array(p.steps, p.batch, 3 * u) : null;
        INDArray updateAndResetKernel = recurrentKernel.get(all(), interval(0, 2 * u));
        INDArray candidateKernel = recurrentKernel.get(all(), gateColumns(2, u));
        IActivation gateActivation = conf.getRecurrentActivationFn();
        IActivation candidateActivation = conf.getActivationFn();
        for (long t = 0; t < p.steps; t++) {
            INDArray x = projectedSteps.slice(t);
            INDArray h = p.states.slice(t);
            INDArray zr;
            if (p.stateMasks == null) {
                zr = h.mmul(updateAndResetKernel);
            } else {
                zr = Nd4j.hstack(h.mul(p.stateMasks[0]).mmul(recurrentKernel.get(all(), gateColumns(0, u))),
                        h.mul(p.stateMasks[1]).mmul(recurrentKernel.get(all(), gateColumns(1, u))));
            }
            zr.addi(x.get(all(), interval(0, 2 * u)));
            if (training) {
                p.preActivations.slice(t).get(all(), interval(0, 2 * u)).assign(zr);
            }
            INDArray gates = gateActivation.getActivation(zr, training);
            INDArray z = gates.get(all(), gateColumns(0, u));
            INDArray rh = gates.get(all(), gateColumns(1, u)).mul(h);
            if (p.stateMasks != null) {
                rh.muli(p.stateMasks[2]);
            }
            p.resetStates.slice(t).assign(rh);
            INDArray candidate = rh.mmul(candidateKernel).addi(x.get(all(), gateColumns(2, u)));
            if (training) {
                p.preActivations.slice(t).get(all(), gateColumns(2, u)).assign(candidate);
            }
            INDArray hh = candidateActivation.getActivation(candidate, training);
            if (training) {
                p.activations.slice(t).get(all(), interval(0, 2 * u)).assign(gates);
                p.activations.slice(t).get(all(), gateColumns(2, u)).assign(hh);
            }
            // h = z * h_tm1 + (1 - z) * hh
            p.states.slice(t + 1).assign(h.sub(hh).muli(z).addi(hh));
        }
        return p;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        checkInput();
        Pass p = pass != null ? pass : forward(true, workspaceMgr);
        pass = null;
        Gru conf = layerConf();
        INDArray kernel = getParamWithNoise(KERNEL, true, workspaceMgr);
        INDArray recurrentKernel = getParamWithNoise(RECURRENT_KERNEL, true, workspaceMgr);
        DataType type = kernel.dataType();
        long u = p.units;
        INDArray kernelZ = recurrentKernel.get(all(), gateColumns(0, u));
        INDArray kernelR = recurrentKernel.get(all(), gateColumns(1, u));
        INDArray kernelH = recurrentKernel.get(all(), gateColumns(2, u));
        INDArray updateAndResetKernel = recurrentKernel.get(all(), interval(0, 2 * u));

        // the gradient with respect to each step's state from above: all steps', or the last one's
        boolean sequences = conf.isReturnSequences();
        INDArray stepGradients = sequences ? epsilon.castTo(type).permute(2, 0, 1).dup('c') : null;
        INDArray dh = sequences ? Nd4j.zeros(type, p.batch, u) : epsilon.castTo(type).dup('c');
        // the gradient with respect to the gates' pre-activations, [steps, batch, 3 units]
        INDArray preGradients = Nd4j.create(type, p.steps, p.batch, 3 * u);
        for (long t = p.steps - 1; t >= 0; t--) {
            if (sequences) {
                dh.addi(stepGradients.slice(t));
            }
            INDArray a = p.activations.slice(t);
            INDArray z = a.get(all(), gateColumns(0, u));
            INDArray r = a.get(all(), gateColumns(1, u));
            INDArray hh = a.get(all(), gateColumns(2, u));
            INDArray pre = p.preActivations.slice(t);
            INDArray h = p.states.slice(t);

            INDArray dCandidate = conf.getActivationFn().backprop(pre.get(all(), gateColumns(2, u)).dup(),
                    dh.sub(dh.mul(z))).getFirst();                                  // dh * (1 - z) * tanh'
            INDArray dResetState = dCandidate.mmul(kernelH.transpose());             // d(r * h_tm1 * rd_h)
            if (p.stateMasks != null) {
                dResetState.muli(p.stateMasks[2]);
            }
            INDArray dGates = Nd4j.create(type, p.batch, 2 * u);
            dGates.get(all(), gateColumns(0, u)).assign(h.sub(hh).muli(dh));       // dz = dh * (h_tm1 - hh)
            dGates.get(all(), gateColumns(1, u)).assign(dResetState.mul(h));       // dr
            INDArray dPreGates = conf.getRecurrentActivationFn().backprop(
                    pre.get(all(), interval(0, 2 * u)).dup(), dGates).getFirst();

            INDArray dhPrevious = dh.mul(z).addi(dResetState.muli(r));
            if (p.stateMasks == null) {
                dhPrevious.addi(dPreGates.mmul(updateAndResetKernel.transpose()));
            } else {
                dhPrevious.addi(dPreGates.get(all(), gateColumns(0, u)).mmul(kernelZ.transpose())
                        .muli(p.stateMasks[0]));
                dhPrevious.addi(dPreGates.get(all(), gateColumns(1, u)).mmul(kernelR.transpose())
                        .muli(p.stateMasks[1]));
            }
            INDArray stepPre = preGradients.slice(t);
            stepPre.get(all(), interval(0, 2 * u)).assign(dPreGates);
            stepPre.get(all(), gateColumns(2, u)).assign(dCandidate);
            dh = dhPrevious;
        }

        // the parameters' gradients, summed over the steps with one matrix product each
        INDArray dG = preGradients.reshape('c', p.steps * p.batch, 3 * u);
        INDArray previousStates = p.states.get(interval(0, p.steps), all(), all()).reshape('c', p.steps * p.batch, u);
        INDArray kernelGradient = gradientViews.get(KERNEL);
        INDArray recurrentGradient = gradientViews.get(RECURRENT_KERNEL);
        INDArray biasGradient = gradientViews.get(BIAS);
        biasGradient.assign(dG.sum(0).reshape(1, 3 * u));
        for (int gate = 0; gate < 2; gate++) {
            INDArray multiplied = p.stateMasks == null ? previousStates
                    : previousStates.mul(Nd4j.tile(p.stateMasks[gate], (int) p.steps, 1));
            recurrentGradient.get(all(), gateColumns(gate, u)).assign(
                    multiplied.transpose().mmul(dG.get(all(), gateColumns(gate, u))));
        }
        recurrentGradient.get(all(), gateColumns(2, u)).assign(p.resetStates.reshape('c', p.steps * p.batch, u)
                .transpose().mmul(dG.get(all(), gateColumns(2, u))));
        INDArray inputGradient;
        if (p.inputMasks == null) {
            kernelGradient.assign(p.inputs.transpose().mmul(dG));
            inputGradient = dG.mmul(kernel.transpose());
        } else {
            inputGradient = Nd4j.zeros(type, p.inputs.shape());
            for (int gate = 0; gate < 3; gate++) {
                INDArray gateGradient = dG.get(all(), gateColumns(gate, u));
                kernelGradient.get(all(), gateColumns(gate, u)).assign(
                        maskedInputs(p, gate).transpose().mmul(gateGradient));
                inputGradient.addi(gateGradient.mmul(kernel.get(all(), gateColumns(gate, u)).transpose())
                        .muli(Nd4j.tile(p.inputMasks[gate], (int) p.steps, 1)));
            }
        }
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(KERNEL, kernelGradient);
        gradient.gradientForVariable().put(RECURRENT_KERNEL, recurrentGradient);
        gradient.gradientForVariable().put(BIAS, biasGradient);
        weightNoiseParams.clear();

        return new Pair<>(gradient, inputGradient(inputGradient, p.steps, workspaceMgr));
    }

    /** The input multiplied by {@code gate}'s dropout mask, the same mask at every step. */
    private static INDArray maskedInputs(Pass p, int gate) {
        return p.inputs.mul(Nd4j.tile(p.inputMasks[gate], (int) p.steps, 1));
    }

    /** Keras' dropout masks, one per gate: each entry 0, or 1 / (1 - rate) with probability 1 - rate. */
    private static INDArray[] masks(Kept kept, long batch, long size, double rate) {
        INDArray[] masks = new INDArray[3];
        for (int gate = 0; gate < 3; gate++) {
            masks[gate] = kept.array(batch, size);
            Nd4j.getExecutioner().exec(new BernoulliDistribution(masks[gate], 1 - rate));
            masks[gate].divi(1 - rate);
        }
        return masks;
    }

    @Override
    public void clear() {
        super.clear();
        pass = null;
    }
}
