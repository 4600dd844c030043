package io.jnetlink.benchmarks;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Create and delete throughput per contender as a bar chart (log scale: deletes span 100x). */
final class ResultChart {

    private ResultChart() {
    }

    static void write(List<Compare.Row> rows, int n, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Compare.Row r : rows) {
            String contender = r.tool() + " (" + r.mode() + ")";
            data.addValue(r.createPerSecond(), "create", contender);
            data.addValue(r.deletePerSecond(), "delete", contender);
        }
        JFreeChart chart = ChartFactory.createBarChart("macvlan links per second (" + n + " per run)", null,
                "links/s (log scale)", data, PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis axis = new LogAxis("links/s (log scale)");
        axis.setSmallestValue(10);
        plot.setRangeAxis(axis);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1000, 520);
    }
}
