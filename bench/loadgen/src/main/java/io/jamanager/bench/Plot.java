package io.jamanager.bench;

import io.vertx.core.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Latency by percentile for several runs, on the usual "nines" axis (50 %, 90 %, 99 %, 99.9 %), with the
 * budgets drawn as dashed lines. Input: {@code --series "label=file;label=file"}, files as Fanout writes
 * them ("percentile ms" per line); {@code --budgets "50;150"}; output {@code --out plot.png}.
 */
final class Plot {

  private static final int WIDTH = 960;
  private static final int HEIGHT = 560;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;
  private static final double MAX_NINES = 3;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
    new Color(0x8c564b)};

  private record Series(String label, double[][] points) {
  }

  private Plot() {
  }

  static JsonObject run(LoadGen.Args args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    List<Series> series = new ArrayList<>();
    for (String entry : args.string("series").split(";")) {
      String[] parts = entry.split("=", 2);
      List<double[]> points = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of(parts[1]))) {
        String[] xy = line.trim().split(" ");
        double p = Double.parseDouble(xy[0]);
        if (p < 100) {
          points.add(new double[] {nines(p), Double.parseDouble(xy[1])});
        }
      }
      series.add(new Series(parts[0], points.toArray(double[][]::new)));
    }
    List<Double> budgets = new ArrayList<>();
    for (String b : args.string("budgets", "").split(";")) {
      if (!b.isBlank()) {
        budgets.add(Double.parseDouble(b));
      }
    }
    double maxMs = budgets.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    for (Series s : series) {
      for (double[] p : s.points()) {
        if (p[0] <= MAX_NINES) {
          maxMs = Math.max(maxMs, p[1]);
        }
      }
    }
    maxMs = niceCeiling(maxMs * 1.05);

    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;

    g.setColor(new Color(0xdddddd));
    for (int i = 0; i <= 5; i++) {
      int y = TOP + plotH - plotH * i / 5;
      g.drawLine(LEFT, y, LEFT + plotW, y);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(LEFT, TOP, plotW, plotH);
    for (int i = 0; i <= 5; i++) {
      int y = TOP + plotH - plotH * i / 5;
      String label = format(maxMs * i / 5);
      g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 5);
    }
    String[] ticks = {"0 %", "90 %", "99 %", "99.9 %"};
    for (int i = 0; i <= 3; i++) {
      int x = LEFT + (int) (plotW * i / MAX_NINES);
      g.drawLine(x, TOP + plotH, x, TOP + plotH + 5);
      g.drawString(ticks[i], x - g.getFontMetrics().stringWidth(ticks[i]) / 2, TOP + plotH + 20);
    }
    g.drawString("percentile of (vote, client) deliveries", LEFT + plotW / 2 - 120, HEIGHT - 22);
    g.rotate(-Math.PI / 2);
    g.drawString("request sent → event arrived (ms)", -(TOP + plotH / 2 + 110), 22);
    g.rotate(Math.PI / 2);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(args.string("title", "Vote → bridge fan-out latency"), LEFT, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));

    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 5}, 0));
    for (double budget : budgets) {
      int y = TOP + plotH - (int) (plotH * budget / maxMs);
      g.setColor(Color.GRAY);
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.drawString("budget " + format(budget) + " ms", LEFT + 6, y - 4);
    }
    g.setStroke(new BasicStroke(2.2f));
    for (int s = 0; s < series.size(); s++) {
      g.setColor(COLORS[s % COLORS.length]);
      double[][] points = series.get(s).points();
      for (int i = 1; i < points.length; i++) {
        if (points[i][0] > MAX_NINES) {
          break;
        }
        g.drawLine(x(points[i - 1][0], plotW), y(points[i - 1][1], maxMs, plotH), x(points[i][0], plotW),
          y(points[i][1], maxMs, plotH));
      }
      int ly = TOP + 20 + s * 20;
      g.fillRect(LEFT + 14, ly - 9, 18, 4);
      g.setColor(Color.BLACK);
      g.drawString(series.get(s).label(), LEFT + 40, ly);
    }
    g.dispose();
    ImageIO.write(image, "png", new File(args.string("out")));
    return new JsonObject().put("plot", args.string("out")).put("series", series.size());
  }

  private static double nines(double percentile) {
    return -Math.log10(1 - percentile / 100);
  }

  private static int x(double nines, int plotW) {
    return LEFT + (int) (plotW * nines / MAX_NINES);
  }

  private static int y(double ms, double maxMs, int plotH) {
    return TOP + plotH - (int) (plotH * Math.min(ms, maxMs) / maxMs);
  }

  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String format(double ms) {
    return ms == Math.rint(ms) ? String.valueOf((long) ms) : String.format("%.1f", ms);
  }
}
