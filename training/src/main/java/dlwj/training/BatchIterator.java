package dlwj.training;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * What DL4J asks of an iterator beyond its batches, for the book's generators (pictures from folders, windows of
 * a timeseries, one-hot sequences of characters): each makes its batches of a fixed size, ready to train on (no preprocessor), may be reset and
 * read ahead on another thread, and has no label names.
 */
public abstract class BatchIterator implements DataSetIterator {

    private final int batchSize;

    protected BatchIterator(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batches have the size given when the iterator was made");
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("batches are made ready to train on: no preprocessor");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
