package io.screamguard.core.features;

/** Writes emitted summary values into a float vector in emission order (reused per extractor). */
final class VectorWriter implements WindowSummarizer.Emitter {
    private float[] target;
    private int index;

    float[] write(WindowSummarizer summarizer, double[][] frames, int first, int count, int size) {
        target = new float[size];
        index = 0;
        summarizer.summarize(frames, first, count, this);
        if (index != size) {
            throw new IllegalStateException("summary wrote " + index + " values, schema has " + size);
        }
        float[] out = target;
        target = null;
        return out;
    }

    @Override
    public void emit(String name, double value) {
        target[index++] = (float) value;
    }
}
