package io.screamguard.training.report;

import io.screamguard.training.evaluation.Confusion;
import io.screamguard.training.evaluation.ThresholdPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of an evaluation (XChart, headless). */
public final class Plots {

    /** Scores and labels of one evaluation, for a curve. */
    public record Scored(String name, double[] scores, int[] labels) {
    }

    private Plots() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** ROC curves (false-alarm rate vs recall), one series per evaluation with both classes. */
    public static void roc(Path file, List<Scored> evaluations) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(520).title("ROC (clips)")
                .xAxisTitle("false-alarm rate").yAxisTitle("recall").build();
        for (Scored s : evaluations) {
            double[][] points = rocPoints(s.scores(), s.labels());
            if (points != null) {
                chart.addSeries(s.name(), points[0], points[1]).setMarker(SeriesMarkers.NONE);
            }
        }
        chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
        save(chart, file);
    }

    /** Precision-recall curves. */
    public static void pr(Path file, List<Scored> evaluations) throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(520).title("Precision-recall (clips)")
                .xAxisTitle("recall").yAxisTitle("precision").build();
        for (Scored s : evaluations) {
            double[][] points = prPoints(s.scores(), s.labels());
            if (points != null) {
                chart.addSeries(s.name(), points[0], points[1]).setMarker(SeriesMarkers.NONE);
            }
        }
        save(chart, file);
    }

    /** Precision, recall and false-alarm rate against the threshold, with the chosen threshold marked. */
    public static void thresholdCurve(Path file, String name, List<ThresholdPoint> curve, double chosen)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(640).height(520).title("Threshold curve (clips, " + name + ")")
                .xAxisTitle("threshold").yAxisTitle("rate").build();
        double[] t = curve.stream().mapToDouble(ThresholdPoint::threshold).toArray();
        addFinite(chart, "precision", t, curve.stream().mapToDouble(ThresholdPoint::precision).toArray());
        addFinite(chart, "recall", t, curve.stream().mapToDouble(ThresholdPoint::recall).toArray());
        addFinite(chart, "false-alarm rate", t, curve.stream().mapToDouble(ThresholdPoint::falseAlarmRate).toArray());
        chart.addSeries("chosen " + chosen, new double[] {chosen, chosen}, new double[] {0, 1})
                .setMarker(SeriesMarkers.NONE);
        save(chart, file);
    }

    /** The confusion matrix as a heat map with counts. */
    public static void confusion(Path file, String name, Confusion c) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(520).height(480)
                .title("Confusion (clips, " + name + ")").xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setPlotContentSize(1.0);
        List<Number[]> heat = new ArrayList<>();
        heat.add(new Number[] {0, 0, c.tn()});
        heat.add(new Number[] {1, 0, c.fp()});
        heat.add(new Number[] {0, 1, c.fn()});
        heat.add(new Number[] {1, 1, c.tp()});
        chart.addSeries("clips", List.of("non-scream", "scream"), List.of("non-scream", "scream"), heat);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addFinite(XYChart chart, String name, double[] x, double[] y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (!xs.isEmpty()) {
            chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
        }
    }

    private static void save(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Exact ROC points (x = false-alarm rate, y = recall), one step per distinct score; null with one class. */
    static double[][] rocPoints(double[] scores, int[] labels) {
        int p = (int) Arrays.stream(labels).filter(l -> l == 1).count();
        int n = labels.length - p;
        if (p == 0 || n == 0) {
            return null;
        }
        Integer[] order = sortedDescending(scores);
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {0, 0});
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < order.length; i++) {
            if (labels[order[i]] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (i + 1 == order.length || scores[order[i + 1]] != scores[order[i]]) {
                pts.add(new double[] {(double) fp / n, (double) tp / p});
            }
        }
        return columns(pts);
    }

    /** Exact precision-recall points; null without screams. */
    static double[][] prPoints(double[] scores, int[] labels) {
        int p = (int) Arrays.stream(labels).filter(l -> l == 1).count();
        if (p == 0) {
            return null;
        }
        Integer[] order = sortedDescending(scores);
        List<double[]> pts = new ArrayList<>();
        int tp = 0;
        for (int i = 0; i < order.length; i++) {
            tp += labels[order[i]];
            if (i + 1 == order.length || scores[order[i + 1]] != scores[order[i]]) {
                pts.add(new double[] {(double) tp / p, (double) tp / (i + 1)});
            }
        }
        return columns(pts);
    }

    private static Integer[] sortedDescending(double[] scores) {
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order;
    }

    private static double[][] columns(List<double[]> pts) {
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }
}
