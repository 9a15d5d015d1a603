"use client";

import {
  CategoryScale,
  type ChartDataset,
  Chart as ChartJS,
  type ChartOptions,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  type Plugin,
  PointElement,
  Tooltip,
} from "chart.js";
import { useRef } from "react";
import { Line } from "react-chartjs-2";

// Only the parts this chart draws: category years, a value axis, points, lines, bands.
ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Filler, Legend, Tooltip);

type Series = (number | null)[];

/** Plain, serialisable chart data prepared by the server page (one entry per label/year). */
export interface IndicatorChartData {
  labels: string[];
  reported: Series;
  history: Series;
  derived: Series;
  flagged: Series;
  target: Series | null;
  targetMin: Series | null;
  targetMax: Series | null;
  baseline: number;
  bandLow: Series | null;
  bandHigh: Series | null;
  projected: Series | null;
}

export interface IndicatorChartText {
  label: string;
  year: string;
  reported: string;
  history: string;
  derived: string;
  flagged: string;
  target: string;
  targetMin: string;
  targetMax: string;
  baseline: string;
  band: string;
  projected: string;
  downloadPng: string;
}

const COLOURS = {
  reported: "#0969da",
  history: "#8c959f",
  derived: "#8250df",
  flagged: "#bc4c00",
  target: "#1a7f37",
  band: "rgba(26, 127, 55, 0.14)",
  range: "rgba(26, 127, 55, 0.22)",
  baseline: "#57606a",
};

// A transparent canvas would give a PNG without background: paint it white first.
const whiteBackground: Plugin<"line"> = {
  id: "spmWhiteBackground",
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

const PLUGINS = [whiteBackground];

/** The indicator's chart: actuals against targets, baseline, tolerance band and projection. */
export function IndicatorChart(props: {
  data: IndicatorChartData;
  text: IndicatorChartText;
  /** BCP 47 tags, best first (a browser may lack Kazakh data). */
  locales: string[];
  unit: string;
  filename: string;
}) {
  const { data, text, locales, unit } = props;
  const chartRef = useRef<ChartJS<"line">>(null);
  const number = new Intl.NumberFormat(locales, { maximumFractionDigits: 2 });
  const points = (
    label: string,
    values: Series,
    colour: string,
    pointStyle: "circle" | "triangle" | "rectRot",
  ): ChartDataset<"line"> => ({
    label,
    data: values,
    showLine: false,
    pointStyle,
    pointRadius: pointStyle === "circle" ? 5 : 7,
    pointHoverRadius: 8,
    borderColor: colour,
    backgroundColor: colour,
  });
  const line = (
    label: string,
    values: Series,
    colour: string,
    extra: Partial<ChartDataset<"line">> = {},
  ): ChartDataset<"line"> => ({
    label,
    data: values,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    pointRadius: 0,
    pointHitRadius: 6,
    pointStyle: "line",
    spanGaps: true,
    fill: false,
    ...extra,
  });
  const datasets: ChartDataset<"line">[] = [];
  // Datasets that only carry the lower edge of a filled band stay out of the legend.
  const legendHidden = new Set<number>();
  if (data.bandLow && data.bandHigh) {
    legendHidden.add(datasets.length);
    datasets.push(line(text.band, data.bandLow, "transparent", { borderWidth: 0 }));
    datasets.push(
      line(text.band, data.bandHigh, "transparent", {
        borderWidth: 0,
        fill: "-1",
        backgroundColor: COLOURS.band,
        pointStyle: "rect",
      }),
    );
  }
  if (data.targetMin && data.targetMax) {
    datasets.push(line(text.targetMin, data.targetMin, COLOURS.target));
    datasets.push(
      line(text.targetMax, data.targetMax, COLOURS.target, {
        fill: "-1",
        backgroundColor: COLOURS.range,
      }),
    );
  }
  if (data.target) datasets.push(line(text.target, data.target, COLOURS.target));
  datasets.push(
    line(
      text.baseline,
      data.labels.map(() => data.baseline),
      COLOURS.baseline,
      { borderDash: [2, 3], borderWidth: 1.5 },
    ),
  );
  if (data.projected) {
    datasets.push(line(text.projected, data.projected, COLOURS.reported, { borderDash: [6, 4] }));
  }
  if (data.history.some((v) => v !== null)) {
    datasets.push(points(text.history, data.history, COLOURS.history, "circle"));
  }
  datasets.push(points(text.reported, data.reported, COLOURS.reported, "circle"));
  if (data.derived.some((v) => v !== null)) {
    datasets.push(points(text.derived, data.derived, COLOURS.derived, "triangle"));
  }
  if (data.flagged.some((v) => v !== null)) {
    datasets.push(points(text.flagged, data.flagged, COLOURS.flagged, "rectRot"));
  }
  const options: ChartOptions<"line"> = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    locale: locales[0],
    interaction: { mode: "nearest", intersect: false },
    scales: {
      x: { title: { display: true, text: text.year } },
      y: { grace: "5%", ticks: { callback: (v) => `${number.format(Number(v))}${unit}` } },
    },
    plugins: {
      legend: {
        position: "bottom",
        labels: {
          usePointStyle: true,
          filter: (item) => !legendHidden.has(item.datasetIndex ?? -1),
        },
      },
      tooltip: {
        filter: (item) => !legendHidden.has(item.datasetIndex) && item.parsed.y !== null,
        callbacks: {
          label: (item) => `${item.dataset.label}: ${number.format(item.parsed.y ?? 0)}${unit}`,
        },
      },
    },
  };

  function downloadPng() {
    const chart = chartRef.current;
    if (!chart) return;
    const link = document.createElement("a");
    link.href = chart.toBase64Image("image/png", 1);
    link.download = props.filename;
    link.click();
  }

  return (
    <figure className="indicator-chart">
      <div style={{ position: "relative", height: "22rem" }}>
        <Line
          ref={chartRef}
          data={{ labels: data.labels, datasets }}
          options={options}
          plugins={PLUGINS}
          role="img"
          aria-label={text.label}
          fallbackContent={<p>{text.label}</p>}
        />
      </div>
      <button type="button" onClick={downloadPng} data-download="png">
        {text.downloadPng}
      </button>
    </figure>
  );
}
